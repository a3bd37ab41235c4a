from enum import StrEnum


class NotificationDeliveryReadStatus(StrEnum):
    DEAD = "dead"
    DEDUPLICATED = "deduplicated"
    DIGESTED = "digested"
    FAILED = "failed"
    PENDING = "pending"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
