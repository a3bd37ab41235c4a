"""escalation.last_claimed_by and breach_holder: who held it, for the reports by owner

Revision ID: 9d3b5f7a1c64
Revises: 4a7c1e9b3f25
Create Date: 2026-12-06 21:20:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

revision: str = "9d3b5f7a1c64"
down_revision: str | None = "4a7c1e9b3f25"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CLAIMS = "('escalation.claimed', 'claim.auto_assigned')"


def upgrade() -> None:
    for column in ("last_claimed_by", "breach_holder"):
        op.add_column(
            "escalation",
            sa.Column(
                column,
                fastapi_users_db_sqlalchemy.generics.GUID(),
                sa.ForeignKey("user.id", ondelete="SET NULL"),
                nullable=True,
            ),
        )
    # From the audit trail: the last claim, and the claim in force at the first breach (the last
    # claim before it, unless released, lapsed or moved since).
    op.execute(
        f"""
        UPDATE escalation AS e SET last_claimed_by = (
          SELECT (ev.data->>'claimed_by')::uuid FROM escalation_event AS ev
          WHERE ev.escalation_id = e.id AND ev.type IN {_CLAIMS}
          ORDER BY ev.seq DESC LIMIT 1)
        WHERE EXISTS (SELECT FROM escalation_event AS ev
                      WHERE ev.escalation_id = e.id AND ev.type IN {_CLAIMS})
        """
    )
    op.execute(
        f"""
        UPDATE escalation AS e SET breach_holder = (
          SELECT CASE WHEN c.type IN {_CLAIMS} THEN (c.data->>'claimed_by')::uuid END
          FROM escalation_event AS c
          WHERE c.escalation_id = e.id
            AND c.type IN ('escalation.claimed', 'claim.auto_assigned', 'escalation.released',
                           'escalation.claim_expired', 'escalation.moved')
            AND c.seq < (SELECT min(b.seq) FROM escalation_event AS b
                         WHERE b.escalation_id = e.id AND b.type = 'escalation.sla_breached')
          ORDER BY c.seq DESC LIMIT 1)
        WHERE e.breached_first_response OR e.breached_resolution
        """
    )


def downgrade() -> None:
    op.drop_column("escalation", "breach_holder")
    op.drop_column("escalation", "last_claimed_by")
