"""The due-time indexes serve "an organisation's live escalations, soonest due first"."""

import json
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

QUERY = """
    SELECT id FROM escalation
    WHERE org_id = :org AND status IN ('open', 'claimed')
    ORDER BY {column} LIMIT 20
"""


def _index_names(plan: object) -> set[str]:
    if isinstance(plan, dict):
        found = {plan["Index Name"]} if "Index Name" in plan else set()
        return found.union(*(_index_names(v) for v in plan.values()))
    if isinstance(plan, list):
        return set().union(*(_index_names(v) for v in plan))
    return set()


@pytest.mark.parametrize(
    ("column", "index"),
    [
        ("first_response_due_at", "ix_escalation_first_response_due"),
        ("resolution_due_at", "ix_escalation_resolution_due"),
    ],
)
async def test_soonest_due_live_escalations_read_the_index(
    session: AsyncSession, column: str, index: str
) -> None:
    # An empty table would make any plan look fine: forbid the alternatives instead.
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    await session.execute(text("SET LOCAL enable_sort = off"))
    raw = await session.scalar(
        text("EXPLAIN (FORMAT JSON) " + QUERY.format(column=column)), {"org": uuid.uuid4()}
    )
    plan = raw if isinstance(raw, list) else json.loads(raw)
    assert index in _index_names(plan), plan
