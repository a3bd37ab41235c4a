"""The security audit trail (issue 28): sign-ins, two-factor changes, ended sessions, API keys

Revision ID: 999b62acb66b
Revises: 4d85b314da23
Create Date: 2026-12-06 22:26:14.764312+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "999b62acb66b"
down_revision: str | None = "4d85b314da23"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "security_event",
        sa.Column(
            "kind",
            sa.Enum(
                "sign_in",
                "sign_in_failed",
                "two_factor_enrolled",
                "two_factor_disabled",
                "backup_codes_regenerated",
                "backup_code_used",
                "two_factor_failed",
                "two_factor_requirement_changed",
                "session_ended",
                "password_changed",
                "api_key_created",
                "api_key_revoked",
                name="security_event_kind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=True),
        sa.Column("org_id", sa.Uuid(), nullable=True),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=512), nullable=True),
        sa.Column(
            "detail", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_security_event_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_security_event_user_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_event")),
    )
    op.create_index(
        "ix_security_event_org_id_at",
        "security_event",
        ["org_id", "at"],
        unique=False,
        postgresql_where="org_id IS NOT NULL",
    )
    op.create_index(
        "ix_security_event_user_id_at", "security_event", ["user_id", "at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_security_event_user_id_at", table_name="security_event")
    op.drop_index(
        "ix_security_event_org_id_at",
        table_name="security_event",
        postgresql_where="org_id IS NOT NULL",
    )
    op.drop_table("security_event")
