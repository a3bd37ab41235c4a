import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from app.models.escalations import Escalation
    from app.models.rules import Approval


class Channel(enum.StrEnum):
    sms = "sms"
    email = "email"
    chat = "chat"
    whatsapp = "whatsapp"
    voice = "voice"
    social = "social"
    other = "other"


class Direction(enum.StrEnum):
    inbound = "inbound"
    outbound = "outbound"


class Contact(IdMixin, TimestampMixin, Base):
    __tablename__ = "contact"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")


class Conversation(IdMixin, TimestampMixin, Base):
    __tablename__ = "conversation"
    __table_args__ = (
        # Serves the reply queue: an assignee's conversations needing a response, oldest first.
        Index(
            "ix_conversation_queue",
            "assignee_id",
            "needs_response_since",
            "id",
            postgresql_where=text("needs_response"),
        ),
        # Serves the newest-first conversation list and its campaign filter.
        Index("ix_conversation_org_id_created_at_id", "org_id", "created_at", "id"),
        # The worker's auto-escalation pass: only conversations whose wait ran out.
        Index(
            "ix_conversation_auto_escalate_at",
            "auto_escalate_at",
            postgresql_where=text("auto_escalate_at IS NOT NULL"),
        ),
        Index("ix_conversation_campaign_id_created_at_id", "campaign_id", "created_at", "id"),
        # A helpdesk's own id for the conversation (POST /inbound/conversations): one per channel.
        Index(
            "uq_conversation_org_id_channel_external_id",
            "org_id",
            "channel",
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL"),
        ),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[Channel] = mapped_column(
        Enum(Channel, native_enum=False, create_constraint=True, length=16, name="channel")
    )
    external_id: Mapped[str | None] = mapped_column(String(255))
    needs_response: Mapped[bool] = mapped_column(default=False, server_default="false")
    # When the contact started waiting; the queue is ordered by it.
    needs_response_since: Mapped[datetime | None]
    last_message_at: Mapped[datetime | None]
    # When the worker escalates it if still unanswered (the campaign's auto-escalation rule).
    auto_escalate_at: Mapped[datetime | None]
    # Labels set by people or rules ("legal", "vip"), in the order they were added.
    tags: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")

    contact: Mapped[Contact] = relationship(lazy="raise")

    @property
    def contact_name(self) -> str:
        return self.contact.name

    # The open or claimed escalation, if any (at most one: uq_escalation_conversation_id_active).
    active_escalation: Mapped["Escalation | None"] = relationship(
        "Escalation",
        primaryjoin="and_(Conversation.id == foreign(Escalation.conversation_id), "
        "Escalation.status.in_(['open', 'claimed']))",
        viewonly=True,
        uselist=False,
        lazy="raise",
    )
    # A requested escalation into a restricted inbox still waiting for its decision, if any.
    pending_approval: Mapped["Approval | None"] = relationship(
        "Approval",
        primaryjoin="and_(Conversation.id == foreign(Approval.conversation_id), "
        "Approval.status == 'pending')",
        viewonly=True,
        uselist=False,
        lazy="raise",
    )


class Message(IdMixin, TimestampMixin, Base):
    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_conversation_id_created_at", "conversation_id", "created_at"),
        Index(
            "uq_message_conversation_id_external_id",
            "conversation_id",
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL"),
        ),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE")
    )
    direction: Mapped[Direction] = mapped_column(
        Enum(Direction, native_enum=False, create_constraint=True, length=16, name="direction")
    )
    body: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(255))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
