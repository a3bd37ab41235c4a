"""the stream positions' sequence, where an early draft of its migration left it out

Revision ID: 6e2a8c4d0b19
Revises: 9d3b5f7a1c64
Create Date: 2026-12-06 21:40:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
from alembic import op

revision: str = "6e2a8c4d0b19"
down_revision: str | None = "9d3b5f7a1c64"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A development database that ran the first draft of 5c7e2a9d41b3 has the column but not
    # the sequence, and its live stream stops at "relation does not exist". Elsewhere: nothing.
    op.execute(
        """
        DO $$
        BEGIN
          IF to_regclass('escalation_event_stream_position_seq') IS NULL THEN
            CREATE SEQUENCE escalation_event_stream_position_seq MINVALUE 0 START 0;
            PERFORM setval('escalation_event_stream_position_seq',
                           coalesce((SELECT max(stream_position) FROM escalation_event), 0), true);
          END IF;
        END $$;
        """
    )


def downgrade() -> None:
    pass  # the sequence belongs to 5c7e2a9d41b3, which drops it
