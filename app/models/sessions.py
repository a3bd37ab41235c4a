import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class SessionTransport(enum.StrEnum):
    """How the session's token travels: an HttpOnly cookie (the SPA) or a bearer header
    (scripts and integrations that sign in with a password)."""

    cookie = "cookie"
    bearer = "bearer"


class SessionEndReason(enum.StrEnum):
    signed_out = "signed_out"
    ended_by_member = "ended_by_member"  # from another device, on the sessions list
    password_changed = "password_changed"
    removed_from_organisation = "removed_from_organisation"
    deactivated = "deactivated"


class AuthSession(Base):
    """A signed-in device. Its id travels inside the access token (`sid`), and every request
    checks that the session is still open, so ending it here ends it everywhere at once."""

    __tablename__ = "auth_session"
    __table_args__ = (
        # The sessions list and "end every other session" read only the open ones of a user.
        Index("ix_auth_session_open_by_user", "user_id", postgresql_where=text("ended_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    transport: Mapped[SessionTransport] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Written at most once a minute (app/services/sessions.py): a write per request would cost more
    # than the request.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[SessionEndReason | None] = mapped_column(String(32))
    user_agent: Mapped[str | None] = mapped_column(String(400))
    ip: Mapped[str | None] = mapped_column(String(64))
