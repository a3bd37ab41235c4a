"""Exports of escalations and breaches: CSV safe for spreadsheets, JSON Lines, and constant
memory (200,000 rows through a real API process)."""

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import httpx
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Role
from app.models.base import utcnow
from tests.escalation_helpers import HANDOFF, assert_problem, make_desk, make_inbox
from tests.factories import (
    auth,
    make_api_key,
    make_campaign,
    make_conversation,
    make_member,
    make_org,
)
from tests.live_helpers import start_api

ROWS = 200_000


async def test_csv_neutralises_formulas_and_jsonl_keeps_the_values(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk, name="@SUM(A1:A9)")
    conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
    reason = '=HYPERLINK("http://evil.example","click")'
    r = await client.post(
        desk.url(f"/conversations/{conversation.id}/escalate"),
        json={
            "inbox_id": inbox["id"],
            "priority": "high",
            "handoff": {**HANDOFF, "reason": reason},
        },
        headers=desk.headers["agent"],
    )
    assert r.status_code == 201, r.text
    escalation_id = r.json()["escalation"]["id"]
    today = str(utcnow().date())
    url = desk.url("/reports/escalations/export")
    r = await client.get(url, params={"from": today, "to": today}, headers=desk.headers["admin"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == (
        f'attachment; filename="escalations-{today}-{today}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1
    row = rows[0]
    assert row["escalation_id"] == escalation_id
    assert row["handoff_reason"] == "'" + reason
    assert row["inbox"] == "'@SUM(A1:A9)"
    assert (row["priority"], row["status"], row["category"]) == ("high", "open", "other")
    assert row["escalated_by"] == desk.agent.email and row["claimed_by"] == ""

    r = await client.get(
        url, params={"from": today, "to": today, "format": "jsonl"}, headers=desk.headers["admin"]
    )
    assert r.headers["content-type"].startswith("application/x-ndjson")
    [line] = [json.loads(x) for x in r.text.splitlines()]
    assert line["handoff_reason"] == reason  # JSON Lines is for programs: as stored
    assert line["breached_first_response"] is False and line["level"] == 1

    breaches = desk.url("/reports/breaches/export")
    r = await client.get(
        breaches, params={"from": today, "to": today}, headers=desk.headers["admin"]
    )
    assert r.status_code == 200, r.text
    assert r.text.splitlines()[0].startswith("id,escalation_id,conversation_id,inbox_id")


async def test_exports_need_a_supervisor_or_a_reports_key_and_stay_in_the_organisation(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk, other = await make_desk(session), await make_desk(session)
    params = {"from": "2026-10-01", "to": "2026-10-31"}
    url = desk.url("/reports/escalations/export")
    assert_problem(await client.get(url, params=params, headers=desk.headers["agent"]), 403)
    assert_problem(await client.get(url, params=params, headers=other.headers["admin"]), 404)
    bad = {**params, "format": "xlsx"}
    assert_problem(await client.get(url, params=bad, headers=desk.headers["admin"]), 422)
    _, reader = await make_api_key(session, desk.org, ["reports:read"])
    _, reading = await make_api_key(session, desk.org, ["read"])
    assert (await client.get(url, params=params, headers=reader)).status_code == 200
    assert_problem(await client.get(url, params=params, headers=reading), 403, "missing-scope")


SEED = """
WITH contact AS (
  INSERT INTO contact (id, org_id, name) VALUES (gen_random_uuid(), :org, 'C') RETURNING id
), conversations AS (
  INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, external_id)
  SELECT gen_random_uuid(), :org, :campaign, (SELECT id FROM contact), 'sms', 'ext-' || n
  FROM generate_series(1, :rows) AS n
  RETURNING id
)
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status,
                        priority, category, handoff, created_at, updated_at, last_activity_at,
                        closed_at, first_responded_at, first_response_minutes, resolution_minutes)
SELECT gen_random_uuid(), :org, id, :inbox, :campaign, 'resolved', 1, 'billing',
       '{"reason": "The contact asks for a refund of a double charge", "steps_taken": "s",
         "help_needed": "h"}',
       now() - interval '1 hour', now(), now(), now(), now(), 12.5, 47.25
FROM conversations
"""


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


async def test_200000_rows_stream_in_constant_memory(
    database_url: str,
    redis_url: str,
    committed_sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_sessionmaker() as db, db.begin():
        org = await make_org(db)
        admin = await make_member(db, org, Role.admin)
        headers = await auth(admin)
        campaign = await make_campaign(db, org)
        inbox_id = (
            await db.execute(
                text(
                    "INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)"
                    " VALUES (gen_random_uuid(), :org, 'Billing', 10, 30) RETURNING id"
                ),
                {"org": org.id},
            )
        ).scalar_one()
        await db.execute(
            text(SEED), {"org": org.id, "campaign": campaign.id, "inbox": inbox_id, "rows": ROWS}
        )
    api = start_api(database_url, redis_url)
    try:
        async with httpx.AsyncClient(base_url=api.base_url, timeout=120) as http:
            url = f"/api/v1/orgs/{org.id}/reports/escalations/export"
            # The rows are an hour old: just after midnight that is yesterday.
            today = utcnow().date()
            params = {"from": str(today - timedelta(days=1)), "to": str(today)}
            warm = await http.get(url, params={**params, "inbox_id": str(org.id)}, headers=headers)
            assert warm.status_code == 200, warm.text  # one header row: the code paths loaded
            before = _peak_rss_mib(api.process.pid)
            lines = 0
            async with http.stream("GET", url, params=params, headers=headers) as r:
                assert r.status_code == 200
                async for _ in r.aiter_lines():
                    lines += 1
            grown = _peak_rss_mib(api.process.pid) - before
    finally:
        api.stop()
    assert lines == ROWS + 1
    assert grown < 50, f"the API process grew by {grown:.1f} MiB exporting {ROWS} rows"
