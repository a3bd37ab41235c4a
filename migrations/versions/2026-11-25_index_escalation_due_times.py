"""Index the due times of live escalations

Revision ID: 5d1e7c3a9b42
Revises: c4d2f8ea2ce0
Create Date: 2026-11-25 19:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5d1e7c3a9b42"
down_revision: str | None = "c4d2f8ea2ce0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE = "status IN ('open', 'claimed')"


def upgrade() -> None:
    # `first_response_due_at` and `resolution_due_at` are "stored and indexed" (issue 9). No
    # endpoint sorts or filters by them yet; what these serve is an organisation's live
    # escalations soonest due first (`WHERE org_id = ? AND status IN ('open', 'claimed') ORDER BY
    # resolution_due_at LIMIT n`, "what is about to breach"), in index order and reading only
    # live rows instead of every escalation the org ever had (closed ones pile up, live ones stay
    # few). The worker does not need them: it selects by `next_check_at`.
    op.create_index(
        "ix_escalation_first_response_due",
        "escalation",
        ["org_id", "first_response_due_at"],
        unique=False,
        postgresql_where=sa.text(_LIVE),
    )
    op.create_index(
        "ix_escalation_resolution_due",
        "escalation",
        ["org_id", "resolution_due_at"],
        unique=False,
        postgresql_where=sa.text(_LIVE),
    )


def downgrade() -> None:
    op.drop_index("ix_escalation_resolution_due", table_name="escalation")
    op.drop_index("ix_escalation_first_response_due", table_name="escalation")
