import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class FollowSource(enum.StrEnum):
    escalated = "escalated"  # the agent who escalated it: the hand-off loop closes
    followed = "followed"  # chose to


class EscalationFollower(Base):
    """Someone who hears of an escalation's claim, move, close, notes and SLA alarms."""

    __tablename__ = "escalation_follower"

    escalation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE"), primary_key=True
    )
    # Second in the key and indexed: "what do I follow" and removing a member read by user.
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    source: Mapped[FollowSource] = mapped_column(
        Enum(
            FollowSource,
            native_enum=False,
            create_constraint=True,
            length=16,
            name="follow_source",
        )
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
