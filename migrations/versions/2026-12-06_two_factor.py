"""Two-factor sign-in (issue 28): TOTP authenticators, backup codes, and organisations that
require two factors of their admins and supervisors

Revision ID: 5c0e7a2f9b31
Revises: 999b62acb66b
Create Date: 2026-12-06 22:30:54.105411+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

revision: str = "5c0e7a2f9b31"
down_revision: str | None = "999b62acb66b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "two_factor",
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=False),
        sa.Column("secret_encrypted", sa.Text(), nullable=False),
        sa.Column("enabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_timestep", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_two_factor_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_two_factor")),
    )
    op.create_table(
        "two_factor_backup_code",
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_two_factor_backup_code_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_two_factor_backup_code")),
    )
    op.create_index(
        "ix_two_factor_backup_code_user_id_code_hash",
        "two_factor_backup_code",
        ["user_id", "code_hash"],
        unique=True,
    )
    op.add_column(
        "organisation",
        sa.Column(
            "require_two_factor", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_column("organisation", "require_two_factor")
    op.drop_index(
        "ix_two_factor_backup_code_user_id_code_hash", table_name="two_factor_backup_code"
    )
    op.drop_table("two_factor_backup_code")
    op.drop_table("two_factor")
