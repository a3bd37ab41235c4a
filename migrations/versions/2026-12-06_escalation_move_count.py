"""escalation.move_count: how often it moved between inboxes, for the reports

Revision ID: 4a7c1e9b3f25
Revises: 2f6d9a4c8e10
Create Date: 2026-12-06 21:10:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

revision: str = "4a7c1e9b3f25"
down_revision: str | None = "2f6d9a4c8e10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "escalation",
        sa.Column("move_count", sa.Integer(), server_default="0", nullable=False),
    )
    op.execute(
        "UPDATE escalation AS e SET move_count = moved.n FROM ("
        " SELECT escalation_id, count(*) AS n FROM escalation_event"
        " WHERE type = 'escalation.moved' GROUP BY escalation_id) AS moved"
        " WHERE moved.escalation_id = e.id"
    )


def downgrade() -> None:
    op.drop_column("escalation", "move_count")
