"""Index lapsed claims per inbox

Revision ID: eaf32118d114
Revises: 6aaa5422b9e3
Create Date: 2026-11-25 18:29:16.656565+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

revision: str = "eaf32118d114"
down_revision: str | None = "6aaa5422b9e3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The claim path asks "has any claim in this inbox lapsed?" on every claim: with this index it
    # reads only the lapsed ones instead of every live claim in the inbox.
    op.create_index(
        "ix_escalation_inbox_claim_expiry",
        "escalation",
        ["inbox_id", "claim_expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'claimed'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_escalation_inbox_claim_expiry",
        table_name="escalation",
        postgresql_where=sa.text("status = 'claimed'"),
    )
