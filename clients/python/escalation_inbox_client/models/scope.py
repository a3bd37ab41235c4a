from enum import StrEnum


class Scope(StrEnum):
    ADMIN = "admin"
    CLAIM = "claim"
    CONVERSATIONS = "conversations"
    ESCALATE = "escalate"
    READ = "read"
    REPORTSREAD = "reports:read"

    def __str__(self) -> str:
        return str(self.value)
