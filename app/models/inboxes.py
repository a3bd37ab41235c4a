import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin
from app.models.escalations import Priority, PriorityType


class AssignmentMode(enum.StrEnum):
    pull = "pull"  # owners claim batches themselves
    auto = "auto"  # the worker hands escalations to available owners, within capacity
    auto_pull = "auto+pull"  # both


class Inbox(IdMixin, TimestampMixin, Base):
    """An escalation inbox ("Billing", "Legal"): where specialists pick up hand-offs."""

    __tablename__ = "inbox"
    __table_args__ = (
        CheckConstraint("batch_size BETWEEN 1 AND 100", name="batch_size_range"),
        CheckConstraint(
            "assignment_duration_minutes BETWEEN 1 AND 1440", name="assignment_duration_range"
        ),
        CheckConstraint("capacity BETWEEN 1 AND 1000", name="capacity_range"),
        CheckConstraint("assignment_mode = 'pull' OR capacity IS NOT NULL", name="auto_capacity"),
        CheckConstraint("reply_within_minutes BETWEEN 1 AND 1439", name="reply_within_range"),
        # Shorter than the claim: business minutes are never fewer than wall-clock ones, so a
        # longer window would always end after the claim had lapsed and never act.
        CheckConstraint(
            "reply_within_minutes < assignment_duration_minutes", name="reply_within_claim"
        ),
        # The assignment worker's list: inboxes that assign by themselves.
        Index(
            "ix_inbox_auto_assign",
            "id",
            postgresql_where=text("assignment_mode <> 'pull' AND deleted_at IS NULL"),
        ),
        # Names are unique per organisation, ignoring case, among inboxes not deleted.
        Index(
            "uq_inbox_org_id_lower_name",
            "org_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    batch_size: Mapped[int]
    assignment_duration_minutes: Mapped[int]
    default_priority: Mapped[Priority | None] = mapped_column(PriorityType)
    # Null: the organisation's default policy.
    sla_policy_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sla_policy.id", ondelete="RESTRICT"), index=True
    )
    # Escalating into a restricted inbox ("Legal") waits for a supervisor's or admin's approval.
    restricted: Mapped[bool] = mapped_column(default=False, server_default="false")
    # Deleted inboxes keep their row so escalation history still names them.
    deleted_at: Mapped[datetime | None]
    # Open claims one owner may hold in this inbox at once (null: no limit; auto modes need one).
    capacity: Mapped[int | None]
    assignment_mode: Mapped[AssignmentMode] = mapped_column(
        Enum(
            AssignmentMode,
            native_enum=False,
            create_constraint=True,
            length=16,
            name="assignment_mode",
            values_callable=lambda e: [m.value for m in e],
        ),
        default=AssignmentMode.pull,
        server_default=AssignmentMode.pull.value,
    )
    # Reply-or-return: a claim with no outbound reply within this many business minutes (on the
    # escalation's SLA calendar) goes back to the pool, or to the next owner (null: off).
    reply_within_minutes: Mapped[int | None]
    # Since when escalations wait here with no owner on shift (null: someone is, or none wait);
    # the next tier is told once when it is set.
    unstaffed_since: Mapped[datetime | None]


class InboxOwner(Base):
    __tablename__ = "inbox_owner"

    inbox_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inbox.id", ondelete="CASCADE"), primary_key=True
    )
    # Serves "which inboxes does this member own" (visibility checks, the owner view).
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # When auto-assignment last gave this owner an escalation here: among owners with equally
    # few open claims, the one waiting longest goes first.
    last_assigned_at: Mapped[datetime | None]
