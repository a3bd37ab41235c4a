from enum import StrEnum


class StreamClosedReason(StrEnum):
    BEHIND = "behind"
    MEMBERSHIP_ENDED = "membership_ended"
    SESSION_ENDED = "session_ended"
    SHUTDOWN = "shutdown"

    def __str__(self) -> str:
        return str(self.value)
