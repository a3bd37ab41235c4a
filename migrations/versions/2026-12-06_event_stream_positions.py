"""event stream positions: the live stream's cursor, stamped in commit order

Revision ID: 5c7e2a9d41b3
Revises: 1636a3803fd8
Create Date: 2026-12-06 20:00:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (autogenerate writes GUID() for user ids)
import sqlalchemy as sa
from alembic import op

revision: str = "5c7e2a9d41b3"
down_revision: str | None = "1636a3803fd8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("escalation_event", sa.Column("stream_position", sa.BigInteger(), nullable=True))
    # Every event already committed is in the stream, in its old order: a client resuming with
    # an old `seq` as its Last-Event-ID resumes at the same place.
    # (An orphaned row, loaded with triggers off, would fail the foreign key check on update;
    # with no escalation it belongs to no stream.)
    op.execute(
        "UPDATE escalation_event AS e SET stream_position = e.seq"
        " WHERE EXISTS (SELECT FROM escalation WHERE escalation.id = e.escalation_id)"
    )
    # The last position given out: it survives a TRUNCATE or deletes, so positions never repeat.
    op.execute("CREATE SEQUENCE escalation_event_stream_position_seq MINVALUE 0 START 0")
    op.execute(
        "SELECT setval('escalation_event_stream_position_seq', "
        "coalesce((SELECT max(seq) FROM escalation_event), 0), true)"
    )
    op.create_index(
        "uq_escalation_event_stream_position",
        "escalation_event",
        ["stream_position"],
        unique=True,
    )
    op.create_index(
        "ix_escalation_event_unstamped",
        "escalation_event",
        ["seq"],
        postgresql_where=sa.text("stream_position IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_escalation_event_unstamped", table_name="escalation_event")
    op.drop_index("uq_escalation_event_stream_position", table_name="escalation_event")
    op.drop_column("escalation_event", "stream_position")
    op.execute("DROP SEQUENCE escalation_event_stream_position_seq")
