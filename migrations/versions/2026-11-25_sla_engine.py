"""SLA engine: business calendars, SLA policies, deadlines and checkpoints on escalations, auto-escalation

Revision ID: b7b1a339ae2d
Revises: 3a610d2236af
Create Date: 2026-11-25 17:21:16.122396+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "b7b1a339ae2d"
down_revision: str | None = "3a610d2236af"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "business_calendar",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("intervals", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("holidays", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("holiday_country", sa.String(length=8), nullable=True),
        sa.Column("holiday_subdivision", sa.String(length=16), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_business_calendar_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_calendar")),
    )
    op.create_index(
        op.f("ix_business_calendar_org_id"), "business_calendar", ["org_id"], unique=False
    )
    op.create_table(
        "sla_policy",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("calendar_id", sa.Uuid(), nullable=True),
        sa.Column("targets", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("warnings_minutes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("pause_while_awaiting_contact", sa.Boolean(), nullable=False),
        sa.Column("levels", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["business_calendar.id"],
            name=op.f("fk_sla_policy_calendar_id_business_calendar"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_sla_policy_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policy")),
    )
    # A calendar edit finds the policies (and through them the escalations) it affects.
    op.create_index(op.f("ix_sla_policy_calendar_id"), "sla_policy", ["calendar_id"], unique=False)
    op.create_index(op.f("ix_sla_policy_org_id"), "sla_policy", ["org_id"], unique=False)
    # One default policy per organisation.
    op.create_index(
        "uq_sla_policy_org_id_default",
        "sla_policy",
        ["org_id"],
        unique=True,
        postgresql_where=sa.text("is_default"),
    )
    op.add_column("campaign", sa.Column("auto_escalate_after_minutes", sa.Integer(), nullable=True))
    op.add_column("campaign", sa.Column("auto_escalate_inbox_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_campaign_auto_escalate_inbox_id_inbox"),
        "campaign",
        "inbox",
        ["auto_escalate_inbox_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.add_column(
        "conversation", sa.Column("auto_escalate_at", sa.DateTime(timezone=True), nullable=True)
    )
    # The auto-escalation pass: conversations whose unanswered wait ran out (auto_escalate_at <= now).
    op.create_index(
        "ix_conversation_auto_escalate_at",
        "conversation",
        ["auto_escalate_at"],
        unique=False,
        postgresql_where=sa.text("auto_escalate_at IS NOT NULL"),
    )
    op.add_column("escalation", sa.Column("sla_policy_id", sa.Uuid(), nullable=True))
    op.add_column(
        "escalation", sa.Column("sla", postgresql.JSONB(astext_type=sa.Text()), nullable=True)
    )
    op.add_column(
        "escalation", sa.Column("level", sa.Integer(), server_default="1", nullable=False)
    )
    op.add_column(
        "escalation",
        sa.Column("breached_first_response", sa.Boolean(), server_default="false", nullable=False),
    )
    op.add_column(
        "escalation",
        sa.Column("breached_resolution", sa.Boolean(), server_default="false", nullable=False),
    )
    op.add_column(
        "escalation", sa.Column("sla_spent_minutes", sa.Float(), server_default="0", nullable=False)
    )
    op.add_column(
        "escalation", sa.Column("sla_clock_started_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "escalation", sa.Column("sla_paused_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "escalation",
        sa.Column(
            "sla_fired",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
    )
    op.add_column(
        "escalation", sa.Column("sla_stale", sa.Boolean(), server_default="false", nullable=False)
    )
    op.add_column(
        "escalation", sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True)
    )
    # The SLA tick: SELECT ... WHERE next_check_at <= now() ORDER BY next_check_at LIMIT n
    # FOR UPDATE SKIP LOCKED. Partial, so it holds only escalations with something pending and its
    # cost grows with what is due, not with what is open.
    op.create_index(
        "ix_escalation_next_check_at",
        "escalation",
        ["next_check_at"],
        unique=False,
        postgresql_where=sa.text("next_check_at IS NOT NULL"),
    )
    # Recompute after a policy edit: the open escalations on that policy.
    op.create_index(
        op.f("ix_escalation_sla_policy_id"), "escalation", ["sla_policy_id"], unique=False
    )
    op.create_foreign_key(
        op.f("fk_escalation_sla_policy_id_sla_policy"),
        "escalation",
        "sla_policy",
        ["sla_policy_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.add_column(
        "escalation_event",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=False), nullable=False),
    )
    op.create_unique_constraint(op.f("uq_escalation_event_seq"), "escalation_event", ["seq"])
    # GET /escalations/{id}/events: one escalation's audit trail in insertion order.
    op.create_index(
        "ix_escalation_event_escalation_id_seq",
        "escalation_event",
        ["escalation_id", "seq"],
        unique=False,
    )
    op.add_column("inbox", sa.Column("sla_policy_id", sa.Uuid(), nullable=True))
    op.create_index(op.f("ix_inbox_sla_policy_id"), "inbox", ["sla_policy_id"], unique=False)
    op.create_foreign_key(
        op.f("fk_inbox_sla_policy_id_sla_policy"),
        "inbox",
        "sla_policy",
        ["sla_policy_id"],
        ["id"],
        ondelete="RESTRICT",
    )


def downgrade() -> None:
    op.drop_index("ix_escalation_event_escalation_id_seq", table_name="escalation_event")
    op.drop_constraint(op.f("uq_escalation_event_seq"), "escalation_event", type_="unique")
    op.drop_column("escalation_event", "seq")
    op.drop_constraint(op.f("fk_inbox_sla_policy_id_sla_policy"), "inbox", type_="foreignkey")
    op.drop_index(op.f("ix_inbox_sla_policy_id"), table_name="inbox")
    op.drop_column("inbox", "sla_policy_id")
    op.drop_constraint(
        op.f("fk_escalation_sla_policy_id_sla_policy"), "escalation", type_="foreignkey"
    )
    op.drop_index(op.f("ix_escalation_sla_policy_id"), table_name="escalation")
    op.drop_index(
        "ix_escalation_next_check_at",
        table_name="escalation",
        postgresql_where=sa.text("next_check_at IS NOT NULL"),
    )
    op.drop_column("escalation", "next_check_at")
    op.drop_column("escalation", "sla_stale")
    op.drop_column("escalation", "sla_fired")
    op.drop_column("escalation", "sla_paused_at")
    op.drop_column("escalation", "sla_clock_started_at")
    op.drop_column("escalation", "sla_spent_minutes")
    op.drop_column("escalation", "breached_resolution")
    op.drop_column("escalation", "breached_first_response")
    op.drop_column("escalation", "level")
    op.drop_column("escalation", "sla")
    op.drop_column("escalation", "sla_policy_id")
    op.drop_index(
        "ix_conversation_auto_escalate_at",
        table_name="conversation",
        postgresql_where=sa.text("auto_escalate_at IS NOT NULL"),
    )
    op.drop_column("conversation", "auto_escalate_at")
    op.drop_constraint(
        op.f("fk_campaign_auto_escalate_inbox_id_inbox"), "campaign", type_="foreignkey"
    )
    op.drop_column("campaign", "auto_escalate_inbox_id")
    op.drop_column("campaign", "auto_escalate_after_minutes")
    op.drop_index(
        "uq_sla_policy_org_id_default",
        table_name="sla_policy",
        postgresql_where=sa.text("is_default"),
    )
    op.drop_index(op.f("ix_sla_policy_org_id"), table_name="sla_policy")
    op.drop_index(op.f("ix_sla_policy_calendar_id"), table_name="sla_policy")
    op.drop_table("sla_policy")
    op.drop_index(op.f("ix_business_calendar_org_id"), table_name="business_calendar")
    op.drop_table("business_calendar")
