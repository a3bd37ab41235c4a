import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.models.escalations import EventType
from app.schemas.common import ReadModel, ShortText

EVENT_TYPES = [t.value for t in EventType]
ALL_EVENTS = "*"


def _http_url(value: str) -> str:
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValueError("must not contain whitespace or control characters")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise ValueError(f"not a valid URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http or https URL with a host")
    return value


WebhookUrl = Annotated[
    str,
    Field(min_length=1, max_length=2000, examples=["https://example.com/hooks/escalations"]),
    AfterValidator(_http_url),
]


def _event_types(value: list[str]) -> list[str]:
    if ALL_EVENTS in value:
        if len(value) != 1:
            raise ValueError('"*" stands alone: it already means every event type')
        return value
    unknown = [t for t in value if t not in EVENT_TYPES]
    if unknown:
        raise ValueError(f"unknown event types: {', '.join(unknown)}; known: {EVENT_TYPES}")
    return list(dict.fromkeys(value))


EventTypes = Annotated[
    list[Annotated[str, Field(max_length=64)]],
    Field(
        min_length=1,
        max_length=len(EVENT_TYPES),
        description='Event `type`s to receive, or `["*"]` for all of them',
        examples=[["escalation.created", "escalation.sla_breached"], ["*"]],
    ),
    AfterValidator(_event_types),
]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: WebhookUrl
    description: ShortText | None = None
    event_types: EventTypes
    enabled: bool = True


class WebhookUpdate(BaseModel):
    """Every field optional. `enabled: true` re-enables a disabled endpoint and clears
    `disabled_reason`; the URL is checked again."""

    model_config = ConfigDict(extra="forbid")
    url: WebhookUrl | None = None
    description: ShortText | None = None
    event_types: EventTypes | None = None
    enabled: bool | None = None

    @field_validator("url", "event_types", "enabled")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # These may be left out, but an explicit null cannot be stored.
        if value is None:
            raise ValueError("may be omitted but must not be null")
        return value


def _while_it_signs(value: datetime | None) -> datetime | None:
    # Deliveries decide by the real clock whether the previous secret still signs (the receiver
    # checks their timestamp against its own), so an expiry that has passed reads as none.
    return value if value is not None and value > datetime.now(UTC) else None


PreviousSecretExpiresAt = Annotated[
    datetime | None,
    AfterValidator(_while_it_signs),
    Field(
        description="Until when deliveries are also signed with the secret replaced by the last "
        "rotation, so receivers still holding it accept them; null when there is none (any more)"
    ),
]


class WebhookRead(ReadModel):
    """An endpoint as lists and reads show it: never with its secret (nor the previous one)."""

    id: uuid.UUID
    url: str
    description: str | None
    event_types: list[str]
    enabled: bool
    disabled_reason: str | None = Field(description="Why the system disabled it, if it did")
    previous_secret_expires_at: PreviousSecretExpiresAt
    created_at: datetime
    updated_at: datetime = Field(description="Its version: the ETag is derived from it")


class WebhookWithSecret(WebhookRead):
    """The endpoint as creation shows it, the one time its secret is visible."""

    secret: str = Field(
        description="`whsec_` + base64: verify deliveries with any Standard Webhooks library",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


GRACE_MINUTES_DEFAULT = 24 * 60
GRACE_MINUTES_MAX = 7 * 24 * 60


class WebhookSecretRotation(BaseModel):
    """The optional body of a rotation; without it the default grace period applies."""

    model_config = ConfigDict(extra="forbid")
    grace_minutes: int = Field(
        default=GRACE_MINUTES_DEFAULT,
        ge=0,
        le=GRACE_MINUTES_MAX,
        # Strict: "60" or 60.5 is a client bug, not a duration to guess at.
        strict=True,
        description="How long the old secret keeps signing deliveries next to the new one, in "
        "minutes (at most 7 days); 0 stops it at once",
        examples=[GRACE_MINUTES_DEFAULT, 0],
    )


class WebhookSecret(ReadModel):
    secret: str = Field(
        description="The new `whsec_…` secret; every delivery from now on is signed with it"
    )
    previous_secret_expires_at: PreviousSecretExpiresAt


DeliveryStatusName = Literal["pending", "succeeded", "failed", "dead"]


class DeliveryRead(ReadModel):
    id: uuid.UUID = Field(description="Sent as the `webhook-id` header, the same on every retry")
    event_id: uuid.UUID | None
    event_type: str
    status: DeliveryStatusName = Field(
        description="failed: an attempt failed and another is scheduled; dead: no more attempts"
    )
    attempts: int
    last_status_code: int | None
    next_attempt_at: datetime | None
    created_at: datetime
