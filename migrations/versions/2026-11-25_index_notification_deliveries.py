"""Index an organisation's notifications by time, for the deliveries list

Revision ID: 3b8f1d6c2e90
Revises: 8e2b6f04c7a1
Create Date: 2026-11-25 20:05:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3b8f1d6c2e90"
down_revision: str | None = "8e2b6f04c7a1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # GET /notification-deliveries: an organisation's deliveries newest first, keyset-paged on
    # (created_at, id) (`WHERE org_id = ? AND channel IN (...) ORDER BY created_at DESC, id DESC
    # LIMIT n`), and its dead count over the last 7 days (`WHERE org_id = ? AND created_at >= ?
    # AND status = 'dead'`). Without it both read every notification the organisation ever had.
    # Not partial: in-app rows are filtered on the way, and the prover cannot match a channel
    # list bound at run time to a predicate reliably.
    op.create_index(
        "ix_notification_org_created",
        "notification",
        ["org_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_notification_org_created", table_name="notification")
