"""What one delivery attempt came to, as the senders report it to the delivery pass."""

import enum
from dataclasses import dataclass


class Result(enum.Enum):
    sent = "sent"  # the receiver took it (2xx, SMTP 250)
    retry = "retry"  # try again later (timeouts, 5xx, 4xx other than 410, SMTP 4xx)
    dead = "dead"  # never try again (refused target, SMTP 5xx, disabled endpoint)
    gone = "gone"  # 410 Gone: the receiver wants no more; disable the endpoint


@dataclass(frozen=True)
class Outcome:
    result: Result
    status_code: int | None = None
    error: str | None = None

    @classmethod
    def sent(cls, status_code: int) -> "Outcome":
        return cls(Result.sent, status_code)

    @classmethod
    def retry(cls, error: str, status_code: int | None = None) -> "Outcome":
        return cls(Result.retry, status_code, error[:1000])

    @classmethod
    def dead(cls, error: str, status_code: int | None = None) -> "Outcome":
        return cls(Result.dead, status_code, error[:1000])
