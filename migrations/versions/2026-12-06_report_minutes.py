"""business minutes to first response and to resolution, and the organisation's time zone

Revision ID: 8b1f0c6e2d57
Revises: 5c7e2a9d41b3
Create Date: 2026-12-06 20:30:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

from app.services.sla import clock

revision: str = "8b1f0c6e2d57"
down_revision: str | None = "5c7e2a9d41b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    op.add_column(
        "organisation",
        sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False),
    )
    op.add_column("escalation", sa.Column("first_response_minutes", sa.Float(), nullable=True))
    op.add_column("escalation", sa.Column("resolution_minutes", sa.Float(), nullable=True))
    _backfill()


def _backfill() -> None:
    """The figures the SLA engine writes from now on, for what already happened: measured on
    each escalation's own calendar snapshot, as the engine measures them (pure Python, so here
    and not in SQL), keyset-paginated so a large table never sits in memory."""
    conn = op.get_bind()
    select = sa.text(
        "SELECT id, sla, created_at, first_responded_at, closed_at, sla_spent_minutes,"
        " sla_clock_started_at FROM escalation"
        " WHERE sla IS NOT NULL AND (first_responded_at IS NOT NULL OR closed_at IS NOT NULL)"
        " AND id > :after ORDER BY id LIMIT :batch"
    )
    update = sa.text(
        "UPDATE escalation SET first_response_minutes = :first, resolution_minutes = :resolution"
        " WHERE id = :id"
    )
    after = "00000000-0000-0000-0000-000000000000"
    while rows := conn.execute(select, {"after": after, "batch": BATCH}).all():
        for row in rows:
            first = resolution = None
            if row.first_responded_at is not None:
                first = clock.minutes_between(row.sla, row.created_at, row.first_responded_at)
            if row.closed_at is not None:
                resolution = row.sla_spent_minutes
                if row.sla_clock_started_at is not None:
                    resolution += clock.minutes_between(
                        row.sla, row.sla_clock_started_at, row.closed_at
                    )
            conn.execute(update, {"first": first, "resolution": resolution, "id": row.id})
        after = str(rows[-1].id)


def downgrade() -> None:
    op.drop_column("escalation", "resolution_minutes")
    op.drop_column("escalation", "first_response_minutes")
    op.drop_column("organisation", "time_zone")
