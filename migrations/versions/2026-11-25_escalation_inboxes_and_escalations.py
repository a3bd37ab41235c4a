"""Escalation inboxes, their owners, escalations and the audit trail

Revision ID: 3a610d2236af
Revises: c13ac917391b
Create Date: 2026-11-25 17:11:46.773725+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3a610d2236af"
down_revision: str | None = "c13ac917391b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("batch_size", sa.Integer(), nullable=False),
        sa.Column("assignment_duration_minutes", sa.Integer(), nullable=False),
        sa.Column("default_priority", sa.SmallInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.CheckConstraint(
            "assignment_duration_minutes BETWEEN 1 AND 1440",
            name=op.f("ck_inbox_assignment_duration_range"),
        ),
        sa.CheckConstraint("batch_size BETWEEN 1 AND 100", name=op.f("ck_inbox_batch_size_range")),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_inbox_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox")),
    )
    op.create_index(op.f("ix_inbox_org_id"), "inbox", ["org_id"], unique=False)
    # Inbox names are unique per organisation, ignoring case, among live inboxes (409 on clash).
    op.create_index(
        "uq_inbox_org_id_lower_name",
        "inbox",
        ["org_id", sa.literal_column("lower(name)")],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "inbox_owner",
        sa.Column("inbox_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inbox_id"],
            ["inbox.id"],
            name=op.f("fk_inbox_owner_inbox_id_inbox"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_inbox_owner_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("inbox_id", "user_id", name=op.f("pk_inbox_owner")),
    )
    # Which inboxes a member owns: visibility checks and the owner view.
    op.create_index(op.f("ix_inbox_owner_user_id"), "inbox_owner", ["user_id"], unique=False)
    op.create_table(
        "escalation",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("conversation_id", sa.Uuid(), nullable=False),
        sa.Column("inbox_id", sa.Uuid(), nullable=False),
        sa.Column("origin_campaign_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "claimed",
                "resolved",
                "de_escalated",
                name="escalation_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("priority", sa.SmallInteger(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("handoff", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("escalated_by", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=True),
        sa.Column("claimed_by", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_response_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
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
        sa.CheckConstraint(
            "(status = 'claimed') = (claimed_by IS NOT NULL AND claim_expires_at IS NOT NULL)",
            name=op.f("ck_escalation_claim_consistent"),
        ),
        sa.CheckConstraint("priority BETWEEN 0 AND 3", name=op.f("ck_escalation_priority_range")),
        sa.ForeignKeyConstraint(
            ["claimed_by"],
            ["user.id"],
            name=op.f("fk_escalation_claimed_by_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_escalation_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["escalated_by"],
            ["user.id"],
            name=op.f("fk_escalation_escalated_by_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["inbox_id"],
            ["inbox.id"],
            name=op.f("fk_escalation_inbox_id_inbox"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_escalation_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["origin_campaign_id"],
            ["campaign.id"],
            name=op.f("fk_escalation_origin_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation")),
    )
    # Expired claims: by the claim path (per inbox) and the worker's expiry sweep.
    op.create_index(
        "ix_escalation_claim_expiry",
        "escalation",
        ["claim_expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'claimed'"),
    )
    # The claim query: UPDATE ... WHERE id IN (SELECT id ... WHERE inbox_id = :inbox AND status = 'open'
    # ORDER BY priority DESC, created_at, id LIMIT :n FOR UPDATE SKIP LOCKED): an ordered index walk.
    op.create_index(
        "ix_escalation_claimable",
        "escalation",
        ["inbox_id", sa.literal_column("priority DESC"), "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("status = 'open'"),
    )
    # A member's claims (released when they stop owning the inbox or leave the organisation).
    op.create_index(op.f("ix_escalation_claimed_by"), "escalation", ["claimed_by"], unique=False)
    op.create_index(
        op.f("ix_escalation_conversation_id"), "escalation", ["conversation_id"], unique=False
    )
    # Per-inbox counts (total/unclaimed/claimed), the owner view and the conversation inbox filter.
    op.create_index(
        "ix_escalation_inbox_active",
        "escalation",
        ["inbox_id", "status"],
        unique=False,
        postgresql_where=sa.text("status IN ('open', 'claimed')"),
    )
    # GET /inboxes/{id}/escalations: newest activity first, keyset paged.
    op.create_index(
        "ix_escalation_inbox_id_last_activity_at_id",
        "escalation",
        ["inbox_id", "last_activity_at", "id"],
        unique=False,
    )
    op.create_index(op.f("ix_escalation_org_id"), "escalation", ["org_id"], unique=False)
    # At most one live escalation per conversation: escalating twice is a 409.
    op.create_index(
        "uq_escalation_conversation_id_active",
        "escalation",
        ["conversation_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('open', 'claimed')"),
    )
    op.create_table(
        "escalation_event",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("escalation_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("actor_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user.id"],
            name=op.f("fk_escalation_event_actor_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["escalation_id"],
            ["escalation.id"],
            name=op.f("fk_escalation_event_escalation_id_escalation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_escalation_event_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_event")),
    )
    # GET /escalations/{id}/events: one escalation's audit trail, oldest first.
    op.create_index(
        "ix_escalation_event_escalation_id_created_at",
        "escalation_event",
        ["escalation_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_escalation_event_org_id"), "escalation_event", ["org_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_escalation_event_org_id"), table_name="escalation_event")
    op.drop_index("ix_escalation_event_escalation_id_created_at", table_name="escalation_event")
    op.drop_table("escalation_event")
    op.drop_index(
        "uq_escalation_conversation_id_active",
        table_name="escalation",
        postgresql_where=sa.text("status IN ('open', 'claimed')"),
    )
    op.drop_index(op.f("ix_escalation_org_id"), table_name="escalation")
    op.drop_index("ix_escalation_inbox_id_last_activity_at_id", table_name="escalation")
    op.drop_index(
        "ix_escalation_inbox_active",
        table_name="escalation",
        postgresql_where=sa.text("status IN ('open', 'claimed')"),
    )
    op.drop_index(op.f("ix_escalation_conversation_id"), table_name="escalation")
    op.drop_index(op.f("ix_escalation_claimed_by"), table_name="escalation")
    op.drop_index(
        "ix_escalation_claimable",
        table_name="escalation",
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_index(
        "ix_escalation_claim_expiry",
        table_name="escalation",
        postgresql_where=sa.text("status = 'claimed'"),
    )
    op.drop_table("escalation")
    op.drop_index(op.f("ix_inbox_owner_user_id"), table_name="inbox_owner")
    op.drop_table("inbox_owner")
    op.drop_index(
        "uq_inbox_org_id_lower_name",
        table_name="inbox",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(op.f("ix_inbox_org_id"), table_name="inbox")
    op.drop_table("inbox")
