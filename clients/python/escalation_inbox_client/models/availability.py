from enum import StrEnum


class Availability(StrEnum):
    BUSY = "busy"
    OFFLINE = "offline"
    ONLINE = "online"

    def __str__(self) -> str:
        return str(self.value)
