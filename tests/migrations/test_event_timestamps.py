"""The data migration that rewrites str(datetime) timestamps in event data as RFC 3339."""

import asyncio
import json
import os
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests import _servers

BEFORE = "5d1e7c3a9b42"  # the revision before the rewrite


async def _insert(url: str, event_id: uuid.UUID, data: dict[str, object]) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        # Only the event row matters here: skip the foreign keys' triggers for this session.
        await conn.execute(text("SET LOCAL session_replication_role = replica"))
        await conn.execute(
            text(
                "INSERT INTO escalation_event (id, org_id, escalation_id, type, created_at, data)"
                " VALUES (:id, :org, :esc, 'escalation.sla_warning', now(), CAST(:data AS jsonb))"
            ),
            {"id": event_id, "org": uuid.uuid4(), "esc": uuid.uuid4(), "data": json.dumps(data)},
        )
    await engine.dispose()


async def _data(url: str, event_id: uuid.UUID) -> object:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        value = await conn.scalar(
            text("SELECT data FROM escalation_event WHERE id = :id"), {"id": event_id}
        )
    await engine.dispose()
    return value


def test_old_timestamps_become_rfc_3339_and_nothing_else_changes() -> None:
    name = f"escalations_event_ts_{os.getpid()}"
    url = _servers.fresh_migrated_database(name)
    try:
        _servers.migrate(url, BEFORE, down=True)
        event_id = uuid.uuid4()
        asyncio.run(
            _insert(
                url,
                event_id,
                {
                    "due_at": "2026-11-25 19:27:54+00:00",
                    "expired_at": "2026-11-25 19:27:54.123456+00:00",
                    "resolution_due_at": {"from": "2026-11-25T19:27:54+00:00", "to": None},
                    "note": "2026-11-25 19:27:54+00:00",
                    "level": 2,
                    "other_at": None,
                },
            )
        )
        _servers.migrate(url, "head")
        assert asyncio.run(_data(url, event_id)) == {
            "due_at": "2026-11-25T19:27:54+00:00",
            "expired_at": "2026-11-25T19:27:54.123456+00:00",
            "resolution_due_at": {"from": "2026-11-25T19:27:54+00:00", "to": None},
            "note": "2026-11-25 19:27:54+00:00",  # free text stays as written
            "level": 2,
            "other_at": None,
        }
    finally:
        _servers.drop_database(name)
