"""Webhook secret rotation overlap: the previous secret and when it stops signing

Revision ID: c4d2f8ea2ce0
Revises: eaf32118d114
Create Date: 2026-11-25 19:10:52.991837+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4d2f8ea2ce0"
down_revision: str | None = "eaf32118d114"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no backfill: existing endpoints have no previous secret, exactly as before.
    op.add_column(
        "webhook_endpoint", sa.Column("previous_secret", sa.String(length=100), nullable=True)
    )
    op.add_column(
        "webhook_endpoint",
        sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("webhook_endpoint", "previous_secret_expires_at")
    op.drop_column("webhook_endpoint", "previous_secret")
