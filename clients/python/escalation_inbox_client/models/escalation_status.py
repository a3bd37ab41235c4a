from enum import StrEnum


class EscalationStatus(StrEnum):
    CLAIMED = "claimed"
    DE_ESCALATED = "de_escalated"
    OPEN = "open"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
