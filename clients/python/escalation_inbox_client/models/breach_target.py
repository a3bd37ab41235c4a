from enum import StrEnum


class BreachTarget(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"

    def __str__(self) -> str:
        return str(self.value)
