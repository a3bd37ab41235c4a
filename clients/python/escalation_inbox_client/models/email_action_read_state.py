from enum import StrEnum


class EmailActionReadState(StrEnum):
    EXPIRED = "expired"
    USED = "used"
    VALID = "valid"

    def __str__(self) -> str:
        return str(self.value)
