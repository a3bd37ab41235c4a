import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    Dialect,
    Enum,
    ForeignKey,
    Identity,
    Index,
    SmallInteger,
    String,
    TypeDecorator,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, TimestampMixin, utcnow

if TYPE_CHECKING:
    from app.models.conversations import Conversation


class Priority(enum.StrEnum):
    normal = "normal"
    high = "high"
    urgent = "urgent"
    critical = "critical"

    @property
    def rank(self) -> int:
        return list(Priority).index(self)

    def raised(self) -> "Priority":
        return list(Priority)[min(self.rank + 1, len(Priority) - 1)]


class PriorityType(TypeDecorator[Priority]):
    """Stored as its rank, so "highest priority first" is a plain index order."""

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else Priority(value).rank

    def process_result_value(self, value: int | None, dialect: Dialect) -> Priority | None:
        return None if value is None else list(Priority)[value]


class EscalationStatus(enum.StrEnum):
    open = "open"
    claimed = "claimed"
    resolved = "resolved"
    de_escalated = "de_escalated"


ACTIVE_STATUSES = (EscalationStatus.open, EscalationStatus.claimed)


class EventType(enum.StrEnum):
    created = "escalation.created"
    claimed = "escalation.claimed"
    released = "escalation.released"
    claim_expired = "escalation.claim_expired"
    moved = "escalation.moved"
    de_escalated = "escalation.de_escalated"
    resolved = "escalation.resolved"
    priority_changed = "escalation.priority_changed"
    category_changed = "escalation.category_changed"
    first_response = "escalation.first_response"
    sla_warning = "escalation.sla_warning"
    sla_breached = "escalation.sla_breached"
    level_raised = "escalation.level_raised"
    sla_paused = "escalation.sla_paused"
    sla_resumed = "escalation.sla_resumed"
    sla_recomputed = "escalation.sla_recomputed"
    # Someone (an owner of the inbox, a supervisor or above) has the breach in hand (data: target,
    # the breached deadline): from Slack's Acknowledge button.
    breach_acknowledged = "escalation.breach_acknowledged"
    # Claimed for an owner by auto-assignment (data: claimed_by, expires_at, reason).
    auto_assigned = "claim.auto_assigned"
    # Escalations wait in an auto-assigning inbox and no owner is on shift (recorded on the one
    # due soonest, once until someone is on shift again); the policy's next tier hears of it.
    nobody_on_shift = "escalation.nobody_on_shift"
    # Internal notes (data: note_id, mentions; the text stays in escalation_note, so a deleted
    # note's words leave the audit trail too). An edit names the mentions it added.
    note_added = "escalation.note_added"
    note_edited = "escalation.note_edited"
    note_deleted = "escalation.note_deleted"
    # Reply-or-return: a claim went back to the pool (or to the next owner) with no outbound
    # reply in time (data: claimed_by, due_at, reply_within_minutes).
    claim_returned_no_reply = "escalation.claim_returned_no_reply"
    rule_applied = "rule.applied"
    rule_loop_cut_off = "rule.loop_cut_off"
    rule_regex_timeout = "rule.regex_timeout"


class Escalation(IdMixin, TimestampMixin, Base):
    __tablename__ = "escalation"
    __table_args__ = (
        CheckConstraint("priority BETWEEN 0 AND 3", name="priority_range"),
        CheckConstraint(
            "(status = 'claimed') = (claimed_by IS NOT NULL AND claim_expires_at IS NOT NULL)",
            name="claim_consistent",
        ),
        # Reply-or-return: only a live claim waits for its reply.
        CheckConstraint(
            "claim_reply_due_at IS NULL OR status = 'claimed'", name="reply_due_while_claimed"
        ),
        # A conversation has at most one live escalation: escalating twice is a conflict.
        Index(
            "uq_escalation_conversation_id_active",
            "conversation_id",
            unique=True,
            postgresql_where=text("status IN ('open', 'claimed')"),
        ),
        # The claim query: an inbox's unclaimed escalations, highest priority, then oldest.
        Index(
            "ix_escalation_claimable",
            "inbox_id",
            text("priority DESC"),
            "created_at",
            "id",
            postgresql_where=text("status = 'open'"),
        ),
        # Auto-assignment: an inbox's unclaimed escalations, soonest due first (FIFO by due time).
        Index(
            "ix_escalation_assignable",
            "inbox_id",
            "assign_due_at",
            "created_at",
            "id",
            postgresql_where=text("status = 'open'"),
        ),
        # Claims whose time ran out, across all inboxes (the worker's sweep).
        Index(
            "ix_escalation_claim_expiry",
            "claim_expires_at",
            postgresql_where=text("status = 'claimed'"),
        ),
        # Claims whose reply is overdue (the worker's sweep; only live claims carry a due time).
        Index(
            "ix_escalation_claim_reply_due",
            "claim_reply_due_at",
            postgresql_where=text("claim_reply_due_at IS NOT NULL"),
        ),
        # ... and in one inbox (checked at every claim): without it, every live claim is read.
        Index(
            "ix_escalation_inbox_claim_expiry",
            "inbox_id",
            "claim_expires_at",
            postgresql_where=text("status = 'claimed'"),
        ),
        # Inbox counts, the owner view and the conversation inbox filter: live escalations.
        Index(
            "ix_escalation_inbox_active",
            "inbox_id",
            "status",
            postgresql_where=text("status IN ('open', 'claimed')"),
        ),
        # The SLA worker's tick: only what is due, oldest first (never a scan of all open ones).
        Index(
            "ix_escalation_next_check_at",
            "next_check_at",
            postgresql_where=text("next_check_at IS NOT NULL"),
        ),
        # An organisation's live escalations by how soon they are due (what is about to breach,
        # soonest first): the due times are queried on live rows only, never on closed ones.
        Index(
            "ix_escalation_first_response_due",
            "org_id",
            "first_response_due_at",
            postgresql_where=text("status IN ('open', 'claimed')"),
        ),
        Index(
            "ix_escalation_resolution_due",
            "org_id",
            "resolution_due_at",
            postgresql_where=text("status IN ('open', 'claimed')"),
        ),
        # GET /inboxes/{id}/escalations: newest activity first.
        Index("ix_escalation_inbox_id_last_activity_at_id", "inbox_id", "last_activity_at", "id"),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    inbox_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inbox.id", ondelete="CASCADE"))
    origin_campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE")
    )
    status: Mapped[EscalationStatus] = mapped_column(
        Enum(
            EscalationStatus,
            native_enum=False,
            create_constraint=True,
            length=16,
            name="escalation_status",
        )
    )
    priority: Mapped[Priority] = mapped_column(PriorityType)
    # Where the current priority came from: {"kind": "agent" | "rule" | "contact_attributes" |
    # "sla_breach" | "inbox_default", "rule_id"?, "rule_version"?, "user_id"?}.
    priority_source: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # The priority a person last chose: rules never set it lower unless they say so.
    agent_priority: Mapped[Priority | None] = mapped_column(PriorityType)
    category: Mapped[str] = mapped_column(String(64))
    handoff: Mapped[dict[str, Any]] = mapped_column(JSONB)
    escalated_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    claimed_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    claimed_at: Mapped[datetime | None]
    claim_expires_at: Mapped[datetime | None]
    # Reply-or-return (the inbox's `reply_within_minutes`): the claim goes back unless an outbound
    # reply comes before this; cleared by the reply and whenever the claim ends.
    claim_reply_due_at: Mapped[datetime | None]
    # The owner it last went back from unanswered: auto-assignment offers it to someone else.
    returned_from: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    # Who held it: the last owner to claim it (kept after the claim ends), and who held it when
    # it first breached (the last claimant if the claim had already ended): the reports by owner.
    last_claimed_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    breach_holder: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    first_responded_at: Mapped[datetime | None]
    # Business minutes on the escalation's own calendar (its policy snapshot), written by the
    # SLA engine when they become known: the reports' times to first response and to
    # resolution (paused time left out), exact without walking calendars at report time.
    first_response_minutes: Mapped[float | None]
    resolution_minutes: Mapped[float | None]
    first_response_due_at: Mapped[datetime | None]
    resolution_due_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)

    # SLA: the policy in force, snapshotted at escalation (app/services/sla/clock.py reads it).
    sla_policy_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sla_policy.id", ondelete="SET NULL"), index=True
    )
    sla: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    level: Mapped[int] = mapped_column(default=1, server_default="1")
    # Moves between inboxes (each also an `escalation.moved` event): the reports count them
    # without reading the audit trail.
    move_count: Mapped[int] = mapped_column(default=0, server_default="0")
    breached_first_response: Mapped[bool] = mapped_column(default=False, server_default="false")
    breached_resolution: Mapped[bool] = mapped_column(default=False, server_default="false")
    # The resolution clock runs in segments: minutes spent before the running segment, and when
    # that segment started (null while paused, waiting on the contact).
    sla_spent_minutes: Mapped[float] = mapped_column(default=0.0, server_default="0")
    sla_clock_started_at: Mapped[datetime | None]
    sla_paused_at: Mapped[datetime | None]
    # Checkpoint keys already acted on ("resolution:warning:30", "first_response:breach"), so a
    # rerun after a crash or a second worker never acts twice.
    sla_fired: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    # The policy or calendar changed: the worker re-snapshots and recomputes.
    sla_stale: Mapped[bool] = mapped_column(default=False, server_default="false")
    # When the worker must next look at this escalation; null when nothing is pending.
    next_check_at: Mapped[datetime | None]
    # The due time it waits against, for auto-assignment's FIFO: its first response until that
    # is given, then its resolution. Null (no SLA) sorts last.
    assign_due_at: Mapped[datetime | None] = mapped_column(
        Computed(
            "CASE WHEN first_responded_at IS NULL THEN first_response_due_at "
            "ELSE resolution_due_at END",
            persisted=True,
        )
    )

    conversation: Mapped["Conversation"] = relationship(lazy="raise")


class EscalationEvent(IdMixin, Base):
    """The audit trail; written in the same transaction as the change it records."""

    __tablename__ = "escalation_event"
    __table_args__ = (
        Index("ix_escalation_event_escalation_id_created_at", "escalation_id", "created_at", "id"),
        Index("ix_escalation_event_escalation_id_seq", "escalation_id", "seq"),
        Index("uq_escalation_event_stream_position", "stream_position", unique=True),
        Index(
            "ix_escalation_event_unstamped",
            "seq",
            postgresql_where=text("stream_position IS NULL"),
        ),
    )

    # Insertion order: events written in one transaction share `created_at`.
    seq: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True)

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    escalation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE")
    )
    type: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # The live stream's cursor: stamped after the commit, in the order the stamper finds
    # committed rows (app/services/live.py), so a transaction that commits late still lands
    # after every position a client has seen. NULL until then.
    stream_position: Mapped[int | None] = mapped_column(BigInteger)
