import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin


class SecurityEventKind(enum.StrEnum):
    """What happened to an account or an organisation's credentials (the security audit trail)."""

    sign_in = "sign_in"
    sign_in_failed = "sign_in_failed"
    two_factor_enrolled = "two_factor_enrolled"
    two_factor_disabled = "two_factor_disabled"
    backup_codes_regenerated = "backup_codes_regenerated"
    backup_code_used = "backup_code_used"
    two_factor_failed = "two_factor_failed"
    two_factor_requirement_changed = "two_factor_requirement_changed"
    session_ended = "session_ended"
    password_changed = "password_changed"
    api_key_created = "api_key_created"
    api_key_revoked = "api_key_revoked"


class SecurityEvent(IdMixin, Base):
    """One entry of the security audit trail. Append-only: nothing updates or deletes a row.

    `user_id` is whom it concerns (null for a failed sign-in with an unknown email); `org_id`
    is set for an organisation's own events (API keys) and null for an account's (sign-ins,
    two-factor), which every organisation the user belongs to may read."""

    __tablename__ = "security_event"
    __table_args__ = (
        # An organisation's admins read its members' events and its own, newest first.
        Index("ix_security_event_user_id_at", "user_id", "at"),
        Index(
            "ix_security_event_org_id_at",
            "org_id",
            "at",
            postgresql_where="org_id IS NOT NULL",
        ),
    )

    kind: Mapped[SecurityEventKind] = mapped_column(
        Enum(
            SecurityEventKind,
            native_enum=False,
            create_constraint=True,
            length=40,
            name="security_event_kind",
        )
    )
    # SET NULL, not CASCADE: deleting an account must not erase what was done with it.
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    org_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    at: Mapped[datetime]
