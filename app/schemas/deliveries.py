"""Outbox deliveries across channels (email, Slack, webhook), as admins see and retry them.

Recipients are shown without secrets: a Slack incoming-webhook URL *is* its credential, so only
its host is ever shown, and it is scrubbed from error texts too."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, Field, model_validator

from app.models.notifications import Channel, Notification
from app.schemas.common import ReadModel
from app.schemas.webhooks import EVENT_TYPES
from app.services.notifications.storm import DIGEST_EVENT

DeliveryChannel = Literal["email", "slack", "webhook"]
NotificationDeliveryStatus = Literal[
    "pending", "succeeded", "failed", "dead", "digested", "deduplicated"
]
DELIVERY_EVENT_TYPES = [*EVENT_TYPES, DIGEST_EVENT]
REDACTED = "[redacted]"


def _known_event_type(value: str) -> str:
    if value not in DELIVERY_EVENT_TYPES:
        raise ValueError(f"unknown event type; known: {DELIVERY_EVENT_TYPES}")
    return value


DeliveryEventType = Annotated[str, Field(max_length=64), AfterValidator(_known_event_type)]


def _slack_host(url: str) -> str:
    try:
        return urlsplit(url).hostname or REDACTED
    except ValueError:
        return REDACTED


def _scrub(text: str | None, url: str) -> str | None:
    """The error text without the Slack URL (nor its path, where the token is)."""
    if not text or not url:
        return text
    secrets = [url, url.split("://", 1)[-1]]
    try:
        parts = urlsplit(url)
        secrets.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    except ValueError:
        pass
    for secret in sorted((s for s in secrets if len(s) > 1), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def public_view(row: Notification) -> dict[str, Any]:
    """The row's fields as the API may show them."""
    _, separator, value = row.recipient.partition(":")
    error = row.last_error
    if row.channel is Channel.slack:
        value, error = _slack_host(value), _scrub(error, value)
    return {
        name: getattr(row, name)
        for name in (
            "id",
            "channel",
            "event_type",
            "event_id",
            "escalation_id",
            "rule",
            "status",
            "attempts",
            "last_status_code",
            "next_attempt_at",
            "delivered_at",
            "digest_id",
            "created_at",
        )
    } | {"recipient": value if separator else row.recipient, "last_error": error}


class NotificationDeliveryRead(ReadModel):
    """One notification on its way out by email, Slack or webhook (in-app ones are not sent)."""

    id: uuid.UUID = Field(
        description="The idempotency key on every attempt: `Message-ID: <id@escalations>` for "
        "email, the `webhook-id` header for webhooks; a redelivery keeps it"
    )
    channel: DeliveryChannel
    recipient: str = Field(
        description="email: the address; slack: the host of the incoming-webhook URL only (the "
        "URL is a secret); webhook: the endpoint's id",
        examples=["ops@example.com", "hooks.slack.com"],
    )
    event_type: str = Field(description="The event's `type`, or `notification.digest`")
    event_id: uuid.UUID | None
    escalation_id: uuid.UUID | None
    rule: str = Field(
        description="How the recipient was chosen: category, default, fallback, inbox_owner, "
        "sla_level, escalator, claimant, subscription, or digest"
    )
    status: NotificationDeliveryStatus = Field(
        description="pending: waiting for its (next) attempt; succeeded: the receiver took it; "
        "failed: an attempt failed and another is scheduled; dead: no more attempts (out of "
        "retries, refused target, SMTP 5xx, endpoint disabled or gone); digested: folded into "
        "the digest `digest_id` by storm control; deduplicated: an identical notification went "
        "out moments before (or a digest with nothing left in it)"
    )
    attempts: int
    last_status_code: int | None = Field(description="HTTP status or SMTP reply code")
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    digest_id: uuid.UUID | None = Field(description="The digest that carried it, when digested")
    created_at: datetime

    @model_validator(mode="before")
    @classmethod
    def _from_row(cls, data: Any) -> Any:
        return public_view(data) if isinstance(data, Notification) else data


class NotificationDeliveryPage(BaseModel):
    items: list[NotificationDeliveryRead]
    next_cursor: str | None
    dead_count: int = Field(
        description="Dead deliveries created in the last 7 days, whatever the filters: what "
        "needs an admin's attention"
    )
