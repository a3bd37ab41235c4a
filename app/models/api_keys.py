import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Scope(enum.StrEnum):
    """What an API key may do; each API operation names the one it needs (app/scopes.py)."""

    read = "read"
    conversations = "conversations"  # create and mirror conversations, add messages
    escalate = "escalate"  # escalate, change, move, de-escalate
    claim = "claim"  # claim, release, resolve
    admin = "admin"  # configure the organisation: members, inboxes, SLA, webhooks, keys
    reports_read = "reports:read"  # reports and exports (what a BI tool needs, nothing more)


class ApiKey(Base):
    """An organisation's key for a third-party integration.

    Its id is also the id of the service account (a `User` with a `Membership`) it acts as, so
    every dependency, role check and audit event works unchanged and names the key."""

    __tablename__ = "api_key"

    id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    # The visible part of the secret (`eik_<prefix>_...`): how a key is found and recognised.
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    # SHA-256 of the whole secret: it has 256 bits of entropy, so a slow hash adds nothing.
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
