from enum import StrEnum


class ContactAttributeOp(StrEnum):
    EQ = "eq"
    EXISTS = "exists"
    GT = "gt"
    GTE = "gte"
    IN = "in"
    LT = "lt"
    LTE = "lte"
    MISSING = "missing"
    NE = "ne"

    def __str__(self) -> str:
        return str(self.value)
