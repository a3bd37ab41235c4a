import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin, utcnow


class Channel(enum.StrEnum):
    in_app = "in_app"
    email = "email"
    webhook = "webhook"
    slack = "slack"


class DeliveryStatus(enum.StrEnum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"  # an attempt failed; another is scheduled
    dead = "dead"  # out of attempts, or the endpoint is gone: the dead-letter state
    digested = "digested"  # folded into a digest by storm control
    deduplicated = "deduplicated"  # an identical notification went out moments before


class EscalationPolicy(Base):
    """Who hears of an escalation, per category; one row per organisation (defaults if none)."""

    __tablename__ = "escalation_policy"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    # [{"key": "service", "name": "Service", "recipients": [...]}, ...]
    categories: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    default_recipients: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())


class WebhookEndpoint(IdMixin, TimestampMixin, Base):
    __tablename__ = "webhook_endpoint"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(Text)
    event_types: Mapped[list[str]] = mapped_column(JSONB)
    enabled: Mapped[bool] = mapped_column(default=True)
    secret: Mapped[str] = mapped_column(String(100))
    # After a rotation the replaced secret keeps signing deliveries (next to the new one) until
    # it expires, so receivers can deploy the new secret without rejecting anything meanwhile.
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(String(500))


class NotificationPreference(Base):
    __tablename__ = "notification_preference"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    muted_channels: Mapped[list[str]] = mapped_column(JSONB, default=list)
    # Monday morning's email of the week's SLA figures (admins and inbox owners), opted into.
    weekly_digest: Mapped[bool] = mapped_column(default=False, server_default="false")


class Notification(IdMixin, Base):
    """The outbox: one row per (event, channel, recipient), written with the event itself."""

    __tablename__ = "notification"
    __table_args__ = (
        # What the delivery worker picks up: pending (or retrying) rows whose time has come.
        Index(
            "ix_notification_due",
            "next_attempt_at",
            postgresql_where=text("status IN ('pending', 'failed')"),
        ),
        # The in-app feed: one member's notifications, newest first.
        Index(
            "ix_notification_feed",
            "org_id",
            "user_id",
            "created_at",
            "id",
            postgresql_where=text("channel = 'in_app'"),
        ),
        # A webhook endpoint's deliveries, newest first.
        Index(
            "ix_notification_webhook",
            "webhook_id",
            "created_at",
            "id",
            postgresql_where=text("webhook_id IS NOT NULL"),
        ),
        # Storm control: what one recipient got on one channel lately.
        Index("ix_notification_recipient_recent", "channel", "recipient", "created_at"),
        # The deliveries list and its dead count: an organisation's rows by time.
        Index("ix_notification_org_created", "org_id", "created_at", "id"),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("escalation_event.id", ondelete="CASCADE")
    )
    event_type: Mapped[str] = mapped_column(String(64))
    escalation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[Channel] = mapped_column(
        Enum(Channel, native_enum=False, create_constraint=True, length=16, name="channel")
    )
    # Who: "user:<id>", "email:<address>", "webhook:<id>" or "slack:<url>"; part of the unique key.
    recipient: Mapped[str] = mapped_column(String(2100))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    webhook_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("webhook_endpoint.id", ondelete="CASCADE")
    )
    # How the recipient was chosen: category, default, fallback, inbox_owner, sla_level,
    # escalator, claimant, subscription.
    rule: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    status: Mapped[DeliveryStatus] = mapped_column(
        Enum(
            DeliveryStatus,
            native_enum=False,
            create_constraint=True,
            length=16,
            name="delivery_status",
        )
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    read_at: Mapped[datetime | None]
    # Digests: the digest row that absorbed this one.
    digest_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("notification.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Exactly one row per (event, channel, recipient): a rerun inserts nothing twice.
    dedupe_key: Mapped[str] = mapped_column(String(2300), unique=True)
