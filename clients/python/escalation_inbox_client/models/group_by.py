from enum import StrEnum


class GroupBy(StrEnum):
    CAMPAIGN = "campaign"
    CATEGORY = "category"
    INBOX = "inbox"
    OWNER = "owner"
    PRIORITY = "priority"

    def __str__(self) -> str:
        return str(self.value)
