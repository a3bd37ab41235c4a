from enum import StrEnum


class Trigger(StrEnum):
    CONVERSATION_ESCALATED = "conversation.escalated"
    ESCALATION_UPDATED = "escalation.updated"
    MESSAGE_RECEIVED = "message.received"

    def __str__(self) -> str:
        return str(self.value)
