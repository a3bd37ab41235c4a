from enum import StrEnum


class FollowSource(StrEnum):
    ESCALATED = "escalated"
    FOLLOWED = "followed"

    def __str__(self) -> str:
        return str(self.value)
