"""OpenID Connect sign-in per organisation (issue 26): its identity provider, one per organisation.

Revision ID: 62db6c434d5b
Revises: 2133ff94dd16
Create Date: 2026-12-06 23:25:32.555811+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "62db6c434d5b"
down_revision: str | None = "2133ff94dd16"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_provider",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("client_secret_encrypted", sa.String(length=1000), nullable=False),
        sa.Column("allowed_domains", postgresql.ARRAY(sa.String(length=255)), nullable=False),
        sa.Column(
            "default_role",
            sa.Enum(
                "owner",
                "admin",
                "supervisor",
                "agent",
                name="sso_default_role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("passwords_allowed", sa.Boolean(), nullable=False),
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
            name=op.f("fk_identity_provider_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_provider")),
        sa.UniqueConstraint("org_id", name=op.f("uq_identity_provider_org_id")),
    )


def downgrade() -> None:
    op.drop_table("identity_provider")
