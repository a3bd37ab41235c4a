from enum import StrEnum


class PresenceState(StrEnum):
    COMPOSING = "composing"
    VIEWING = "viewing"

    def __str__(self) -> str:
        return str(self.value)
