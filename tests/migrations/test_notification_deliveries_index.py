"""The deliveries list and its dead count read an organisation's notifications by time."""

import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.migrations.test_due_time_indexes import _index_names

QUERIES = {
    "the newest deliveries": """
        SELECT id FROM notification
        WHERE org_id = :org AND channel IN ('email', 'slack', 'webhook')
        ORDER BY created_at DESC, id DESC LIMIT 50
    """,
    "the dead count": """
        SELECT count(*) FROM notification
        WHERE org_id = :org AND channel IN ('email', 'slack', 'webhook')
          AND status = 'dead' AND created_at >= :since
    """,
}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
async def test_it_reads_the_index(session: AsyncSession, query: str) -> None:
    # An empty table would make any plan look fine: forbid the alternatives instead.
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    await session.execute(text("SET LOCAL enable_sort = off"))
    raw = await session.scalar(
        text("EXPLAIN (FORMAT JSON) " + query),
        {"org": uuid.uuid4(), "since": datetime(2026, 11, 18, tzinfo=UTC)},
    )
    plan = raw if isinstance(raw, list) else json.loads(raw)
    assert "ix_notification_org_created" in _index_names(plan), plan
