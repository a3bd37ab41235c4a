"""Rules (ordered if/then per organisation), their runs, and approvals into restricted inboxes."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin, utcnow
from app.models.escalations import Priority, PriorityType


class Trigger(enum.StrEnum):
    message_received = "message.received"
    conversation_escalated = "conversation.escalated"
    escalation_updated = "escalation.updated"


class Rule(IdMixin, TimestampMixin, Base):
    __tablename__ = "rule"
    __table_args__ = (
        # The evaluation query: an organisation's enabled rules of one trigger, in order.
        Index("ix_rule_org_id_trigger_position", "org_id", "trigger", "position"),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
    trigger: Mapped[Trigger] = mapped_column(
        Enum(
            Trigger,
            native_enum=False,
            create_constraint=True,
            length=32,
            name="rule_trigger",
            values_callable=lambda e: [m.value for m in e],
        )
    )
    # Order of evaluation within the organisation (0 first); reorder rewrites them densely.
    position: Mapped[int]
    # Bumped on every edit; `rule.applied` events name the version that acted.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    conditions: Mapped[dict[str, Any]] = mapped_column(JSONB)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)


class RuleRun(IdMixin, Base):
    """One rule acting on one event (or being cut off), for conversations with or without an
    escalation; when there is one, the same record goes to its audit trail as `rule.applied`."""

    __tablename__ = "rule_run"
    __table_args__ = (
        Index("ix_rule_run_conversation_id_created_at", "conversation_id", "created_at"),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("rule.id", ondelete="SET NULL"), index=True
    )
    rule_version: Mapped[int]
    trigger: Mapped[str] = mapped_column(String(32))
    # applied | loop_cut_off | regex_timeout
    outcome: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE")
    )
    escalation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE")
    )
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApprovalStatus(enum.StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class Approval(IdMixin, TimestampMixin, Base):
    """A requested escalation into a restricted inbox, waiting for a supervisor's decision."""

    __tablename__ = "approval"
    __table_args__ = (
        # One pending request per conversation: it stays with its agent until decided.
        Index(
            "uq_approval_conversation_id_pending",
            "conversation_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_approval_org_id_status_created_at", "org_id", "status", "created_at", "id"),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE")
    )
    inbox_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inbox.id", ondelete="CASCADE"))
    status: Mapped[ApprovalStatus] = mapped_column(
        Enum(
            ApprovalStatus,
            native_enum=False,
            create_constraint=True,
            length=16,
            name="approval_status",
        )
    )
    priority: Mapped[Priority | None] = mapped_column(PriorityType)
    category: Mapped[str] = mapped_column(String(64))
    handoff: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # Who asked: a person, or a rule (then `requested_by` is null).
    requested_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    rule_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rule.id", ondelete="SET NULL"))
    # The agent the conversation stays with meanwhile (and goes back to on rejection).
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)
    escalation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("escalation.id", ondelete="SET NULL")
    )
