from enum import StrEnum


class AssignmentMode(StrEnum):
    AUTO = "auto"
    AUTOPULL = "auto+pull"
    PULL = "pull"

    def __str__(self) -> str:
        return str(self.value)
