"""Availability and working hours of members; capacity and assignment mode of inboxes

Revision ID: 817ecabdffc8
Revises: 1580abb28896
Create Date: 2026-12-04 21:15:24.319840+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "817ecabdffc8"
down_revision: str | None = "1580abb28896"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "escalation",
        sa.Column(
            "assign_due_at",
            sa.DateTime(timezone=True),
            sa.Computed(
                "CASE WHEN first_responded_at IS NULL THEN first_response_due_at ELSE resolution_due_at END",
                persisted=True,
            ),
            nullable=True,
        ),
    )
    op.create_index(
        "ix_escalation_assignable",
        "escalation",
        ["inbox_id", "assign_due_at", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.add_column("inbox", sa.Column("capacity", sa.Integer(), nullable=True))
    op.add_column(
        "inbox",
        sa.Column(
            "assignment_mode",
            sa.Enum(
                "pull",
                "auto",
                "auto+pull",
                name="assignment_mode",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            server_default="pull",
            nullable=False,
        ),
    )
    op.create_check_constraint("capacity_range", "inbox", "capacity BETWEEN 1 AND 1000")
    op.create_check_constraint(
        "auto_capacity", "inbox", "assignment_mode = 'pull' OR capacity IS NOT NULL"
    )
    op.add_column("inbox", sa.Column("unstaffed_since", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_inbox_auto_assign",
        "inbox",
        ["id"],
        unique=False,
        postgresql_where=sa.text("assignment_mode <> 'pull' AND deleted_at IS NULL"),
    )
    op.add_column(
        "inbox_owner", sa.Column("last_assigned_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "membership",
        sa.Column(
            "availability",
            sa.Enum(
                "online",
                "busy",
                "offline",
                name="availability",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            server_default="offline",
            nullable=False,
        ),
    )
    op.add_column(
        "membership",
        sa.Column("availability_changed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "membership", sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("membership", sa.Column("calendar_id", sa.Uuid(), nullable=True))
    op.add_column(
        "membership",
        sa.Column(
            "urgent_priorities",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default='["critical"]',
            nullable=False,
        ),
    )
    op.create_index(op.f("ix_membership_calendar_id"), "membership", ["calendar_id"], unique=False)
    op.create_foreign_key(
        op.f("fk_membership_calendar_id_business_calendar"),
        "membership",
        "business_calendar",
        ["calendar_id"],
        ["id"],
        ondelete="SET NULL",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_membership_calendar_id_business_calendar"), "membership", type_="foreignkey"
    )
    op.drop_index(op.f("ix_membership_calendar_id"), table_name="membership")
    op.drop_column("membership", "urgent_priorities")
    op.drop_column("membership", "calendar_id")
    op.drop_column("membership", "last_seen_at")
    op.drop_column("membership", "availability_changed_at")
    op.drop_column("membership", "availability")
    op.drop_column("inbox_owner", "last_assigned_at")
    op.drop_index(
        "ix_inbox_auto_assign",
        table_name="inbox",
        postgresql_where=sa.text("assignment_mode <> 'pull' AND deleted_at IS NULL"),
    )
    op.drop_column("inbox", "unstaffed_since")
    op.drop_constraint("auto_capacity", "inbox", type_="check")
    op.drop_constraint("capacity_range", "inbox", type_="check")
    op.drop_column("inbox", "assignment_mode")
    op.drop_column("inbox", "capacity")
    op.drop_index(
        "ix_escalation_assignable",
        table_name="escalation",
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_column("escalation", "assign_due_at")
