"""Notifications: escalation policy, webhook endpoints, member preferences and the outbox

Revision ID: 6aaa5422b9e3
Revises: b7b1a339ae2d
Create Date: 2026-11-25 17:33:32.732273+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "6aaa5422b9e3"
down_revision: str | None = "b7b1a339ae2d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "escalation_policy",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("categories", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("default_recipients", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_escalation_policy_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_escalation_policy")),
    )
    op.create_table(
        "notification_preference",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=False),
        sa.Column("muted_channels", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_notification_preference_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_notification_preference_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", "user_id", name=op.f("pk_notification_preference")),
    )
    op.create_table(
        "webhook_endpoint",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("event_types", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("disabled_reason", sa.String(length=500), nullable=True),
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
            name=op.f("fk_webhook_endpoint_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoint")),
    )
    op.create_index(
        op.f("ix_webhook_endpoint_org_id"), "webhook_endpoint", ["org_id"], unique=False
    )
    op.create_table(
        "notification",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("escalation_id", sa.Uuid(), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "in_app",
                "email",
                "webhook",
                "slack",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("recipient", sa.String(length=2100), nullable=False),
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=True),
        sa.Column("webhook_id", sa.Uuid(), nullable=True),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "succeeded",
                "failed",
                "dead",
                "digested",
                "deduplicated",
                name="delivery_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("digest_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dedupe_key", sa.String(length=2300), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digest_id"],
            ["notification.id"],
            name=op.f("fk_notification_digest_id_notification"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["escalation_id"],
            ["escalation.id"],
            name=op.f("fk_notification_escalation_id_escalation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["escalation_event.id"],
            name=op.f("fk_notification_event_id_escalation_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_notification_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_notification_user_id_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["webhook_endpoint.id"],
            name=op.f("fk_notification_webhook_id_webhook_endpoint"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_notification_dedupe_key")),
    )
    # The delivery worker: pending or retrying rows whose time has come (partial, so it stays small).
    op.create_index(
        "ix_notification_due",
        "notification",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status IN ('pending', 'failed')"),
    )
    op.create_index(
        op.f("ix_notification_escalation_id"), "notification", ["escalation_id"], unique=False
    )
    # GET /notifications: one member's in-app feed, newest first.
    op.create_index(
        "ix_notification_feed",
        "notification",
        ["org_id", "user_id", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("channel = 'in_app'"),
    )
    # Storm control: what one recipient received on one channel in the last window.
    op.create_index(
        "ix_notification_recipient_recent",
        "notification",
        ["channel", "recipient", "created_at"],
        unique=False,
    )
    # GET /webhooks/{id}/deliveries: one endpoint's deliveries, newest first.
    op.create_index(
        "ix_notification_webhook",
        "notification",
        ["webhook_id", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("webhook_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_notification_webhook",
        table_name="notification",
        postgresql_where=sa.text("webhook_id IS NOT NULL"),
    )
    op.drop_index("ix_notification_recipient_recent", table_name="notification")
    op.drop_index(
        "ix_notification_feed",
        table_name="notification",
        postgresql_where=sa.text("channel = 'in_app'"),
    )
    op.drop_index(op.f("ix_notification_escalation_id"), table_name="notification")
    op.drop_index(
        "ix_notification_due",
        table_name="notification",
        postgresql_where=sa.text("status IN ('pending', 'failed')"),
    )
    op.drop_table("notification")
    op.drop_index(op.f("ix_webhook_endpoint_org_id"), table_name="webhook_endpoint")
    op.drop_table("webhook_endpoint")
    op.drop_table("notification_preference")
    op.drop_table("escalation_policy")
