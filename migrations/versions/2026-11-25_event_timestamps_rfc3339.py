"""Event data timestamps as RFC 3339

Revision ID: 8e2b6f04c7a1
Revises: 5d1e7c3a9b42
Create Date: 2026-11-25 19:55:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8e2b6f04c7a1"
down_revision: str | None = "5d1e7c3a9b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What str(datetime) wrote: "2026-11-25 19:27:54+00:00" (a space where RFC 3339 has a "T").
_OLD = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2}$"


def upgrade() -> None:
    # Events written before event_row used isoformat() carry such strings in their timestamp
    # fields (`due_at`, `resolution_due_at`, `expired_at`, ...: top-level keys ending in `_at`).
    # Only those keys, so free text (a note) that happens to look like a timestamp is left alone.
    op.execute(
        f"""
        UPDATE escalation_event AS e
        SET data = (
            SELECT jsonb_object_agg(
                key,
                CASE
                    WHEN key LIKE '%\\_at' AND jsonb_typeof(value) = 'string'
                         AND value #>> '{{}}' ~ '{_OLD}'
                    THEN to_jsonb(overlay(value #>> '{{}}' PLACING 'T' FROM 11 FOR 1))
                    ELSE value
                END
            )
            FROM jsonb_each(e.data)
        )
        WHERE jsonb_typeof(e.data) = 'object'
          AND e.data::text ~ '_at": "\\d{{4}}-\\d{{2}}-\\d{{2}} \\d'
        """
    )


def downgrade() -> None:
    # Nothing to undo: RFC 3339 strings are what every reader expects either way.
    pass
