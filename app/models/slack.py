import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, utcnow


class SlackIntegration(TimestampMixin, Base):
    """An organisation's Slack app: its workspace and the signing secret its requests carry.

    One shared interactivity URL serves every organisation; a request names its workspace
    (`team.id`), which picks the secret it must be signed with. The secret is stored encrypted
    (Fernet, key derived from SECRET_KEY): a copy of the database alone cannot forge requests."""

    __tablename__ = "slack_integration"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[str] = mapped_column(String(32), unique=True)
    signing_secret_encrypted: Mapped[str] = mapped_column(Text)


class SlackUserLink(Base):
    """A Slack user known as a member: confirmed by the member, signed in, from a one-time link."""

    __tablename__ = "slack_user_link"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
