"""The reports' migrations fill in what already happened: business minutes from each
escalation's own snapshot, moves, and who held it, from the audit trail."""

import asyncio
import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests import _servers

BEFORE = "5c7e2a9d41b3"  # stream positions: the revision before the reports' columns
T0 = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)  # a Wednesday, 16:00 UTC
OFFICE = {  # Monday to Friday, 09:00-17:00 in UTC: an hour left on T0's day
    "time_zone": "UTC",
    "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
    "holidays": [],
}
SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES (:org, 'Old') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT :campaign, id, 'C' FROM org
             RETURNING id),
contact AS (INSERT INTO contact (id, org_id, name) SELECT gen_random_uuid(), id, 'C' FROM org
            RETURNING id),
conversation AS (INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel)
                 SELECT :conversation, :org, :campaign, (SELECT id FROM contact), 'sms'
                 FROM campaign RETURNING id),
inbox AS (INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)
          SELECT :inbox, id, 'Billing', 5, 30 FROM org RETURNING id),
person AS (INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
           VALUES (:user, 'old@example.com', 'x', true, false, true) RETURNING id)
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status,
                        priority, category, handoff, created_at, updated_at, last_activity_at,
                        first_responded_at, closed_at, sla, sla_spent_minutes,
                        sla_clock_started_at, breached_first_response)
SELECT :escalation, :org, (SELECT id FROM conversation), (SELECT id FROM inbox), :campaign,
       'resolved', 0, 'other', '{}', :t0, :t0, :t0, :answered, :closed,
       CAST(:sla AS jsonb), 20, :resumed, true
FROM person
"""
EVENTS = [  # (type, minutes after T0, data)
    ("escalation.claimed", 5, {"claimed_by": "{user}"}),
    ("escalation.sla_breached", 30, {"target": "first_response"}),
    ("escalation.moved", 40, {}),
    ("escalation.claimed", 50, {"claimed_by": "{other}"}),
]


async def _seed(url: str, ids: dict[str, Any]) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(
            text(SEED),
            {
                **ids,
                "t0": T0,
                # Answered the next morning: 60 office minutes on Wednesday, 45 on Thursday.
                "answered": T0 + timedelta(hours=17, minutes=45),
                # Paused for a while (20 minutes spent before), running again from 10:00.
                "resumed": T0 + timedelta(hours=18),
                "closed": T0 + timedelta(hours=19),
                "sla": json.dumps({"calendar": OFFICE, "targets": {}, "priority": "normal"}),
            },
        )
        # A second person, who claims after the move (the last claimant; not the breach's).
        await conn.execute(
            text(
                'INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser,'
                " is_verified) VALUES (:other, 'new@example.com', 'x', true, false, true)"
            ),
            ids,
        )
        for type_, after, data in EVENTS:
            plain = {k: v.format(**ids) for k, v in data.items()}
            await conn.execute(
                text(
                    "INSERT INTO escalation_event (id, org_id, escalation_id, type, created_at,"
                    " data) VALUES (gen_random_uuid(), :org, :escalation, :type, :at,"
                    " CAST(:data AS jsonb))"
                ),
                {
                    **ids,
                    "type": type_,
                    "at": T0 + timedelta(minutes=after),
                    "data": json.dumps(plain),
                },
            )
    await engine.dispose()


async def _row(url: str, escalation: str) -> Any:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT first_response_minutes, resolution_minutes, move_count,"
                    " last_claimed_by::text, breach_holder::text FROM escalation WHERE id = :id"
                ),
                {"id": escalation},
            )
        ).one()
    await engine.dispose()
    return row


def test_minutes_moves_and_holders_are_filled_in_from_what_happened() -> None:
    name = f"escalations_report_backfill_{os.getpid()}"
    url = _servers.fresh_migrated_database(name)
    try:
        _servers.migrate(url, BEFORE, down=True)
        ids = {
            key: str(uuid.uuid4())
            for key in ("org", "campaign", "conversation", "inbox", "user", "other", "escalation")
        }
        asyncio.run(_seed(url, ids))
        _servers.migrate(url, "head")
        row = asyncio.run(_row(url, ids["escalation"]))
    finally:
        _servers.drop_database(name)
    first, resolution, moves, last_claimed, holder = row
    assert first == 60 + 45  # office minutes from 16:00 Wednesday to 09:45 Thursday
    assert resolution == 20 + 60  # spent before the pause, then 10:00 to 11:00 Thursday
    assert moves == 1
    assert last_claimed == ids["other"]
    assert holder == ids["user"]  # who held it when it first breached
