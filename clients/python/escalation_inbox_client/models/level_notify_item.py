from enum import StrEnum


class LevelNotifyItem(StrEnum):
    ADMINS = "admins"
    INBOX_OWNERS = "inbox_owners"
    OWNERS = "owners"
    SUPERVISORS = "supervisors"

    def __str__(self) -> str:
        return str(self.value)
