from enum import StrEnum


class SlackLinkReadState(StrEnum):
    EXPIRED = "expired"
    LINKED = "linked"
    VALID = "valid"

    def __str__(self) -> str:
        return str(self.value)
