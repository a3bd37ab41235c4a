"""notification preferences: the weekly digest, opted into

Revision ID: 2f6d9a4c8e10
Revises: 8b1f0c6e2d57
Create Date: 2026-12-06 21:00:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

revision: str = "2f6d9a4c8e10"
down_revision: str | None = "8b1f0c6e2d57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "notification_preference",
        sa.Column("weekly_digest", sa.Boolean(), server_default="false", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("notification_preference", "weekly_digest")
