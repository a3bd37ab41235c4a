"""Reports at scale: the 90-day SLA report and the escalations export over a year of history.

    python -m bench.reports [--escalations 1000000] [--runs 20]

Seeds `--escalations` escalations spread evenly over the last 365 days in four inboxes (a tenth
breached, one in twenty moved and one in ten with a level raise, business minutes set as the SLA
engine writes them) on a fresh database `bench_reports_<db>`, starts one API process and asks
it, over HTTP as a client would:

* `GET /reports/sla` for the last 90 days grouped by inbox and by week, `--runs` times after one
  warm-up: p50 and p95 (target: p95 < 1 s);
* the CSV export of the same 90 days, streamed and counted: rows per second (target ≥ 20,000).

Prints PASS or FAIL for each target, exit status 1 when one fails.
"""

import argparse
import asyncio
import sys
import time
import uuid
from datetime import timedelta

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from app.models.base import utcnow
from bench._setup import asyncpg_dsn, bearer_tokens, fresh_database, serve_api, server_url

SEED = """
WITH org AS (INSERT INTO organisation (id, name, time_zone) VALUES ($1, 'Bench', 'Europe/Berlin')
             RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id),
contact AS (INSERT INTO contact (id, org_id, name) SELECT gen_random_uuid(), id, 'C' FROM org
            RETURNING id)
INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)
SELECT unnest($3::uuid[]), (SELECT id FROM org), 'Inbox ' || generate_series(1, 4), 10, 60
"""
SUPERVISOR = """
WITH u AS (INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
           VALUES ($2, 'boss@bench.test', 'x', true, false, true) RETURNING id)
INSERT INTO membership (org_id, user_id, role) SELECT $1, id, 'supervisor' FROM u
"""
CONVERSATIONS = """
INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, external_id)
SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact WHERE org_id = $1), 'sms', 'ext-' || n
FROM generate_series($3::int, $4::int) AS n
"""
ESCALATIONS = """
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status,
                        priority, category, handoff, created_at, updated_at, last_activity_at,
                        first_responded_at, first_response_due_at, closed_at, resolution_due_at,
                        first_response_minutes, resolution_minutes, breached_first_response,
                        breached_resolution, level, move_count)
SELECT gen_random_uuid(), $1, c.id, ($3::uuid[])[1 + n % 4], $2,
       CASE WHEN n % 17 = 0 THEN 'de_escalated' ELSE 'resolved' END,
       n % 4, (ARRAY['billing', 'legal', 'other'])[1 + n % 3],
       '{"reason": "Refund over the limit", "steps_taken": "s", "help_needed": "h"}',
       at, at, at, at + interval '20 minutes', at + interval '30 minutes',
       at + interval '3 hours', at + interval '4 hours', 20 + n % 50, 180 + n % 300,
       n % 10 = 0, n % 20 = 0, CASE WHEN n % 10 = 0 THEN 2 ELSE 1 END,
       CASE WHEN n % 20 = 3 THEN 1 ELSE 0 END
FROM (SELECT id, row_number() OVER () AS n FROM conversation WHERE org_id = $1) AS c,
     LATERAL (SELECT now() - make_interval(secs => (c.n * $4::float8)) AS at) AS t
"""
EVENTS = """
INSERT INTO escalation_event (id, org_id, escalation_id, type, created_at, data, stream_position)
SELECT gen_random_uuid(), org_id, id, t, created_at + interval '4 hours', '{}',
       nextval('escalation_event_stream_position_seq')
FROM escalation AS e,
     LATERAL (SELECT 'escalation.level_raised' AS t WHERE e.level = 2
              UNION ALL SELECT 'escalation.moved' WHERE e.move_count = 1) AS kinds
"""


async def seed(url: str, escalations: int) -> tuple[uuid.UUID, str]:
    org, campaign = uuid.uuid4(), uuid.uuid4()
    inboxes = [uuid.uuid4() for _ in range(4)]
    supervisor = uuid.uuid4()
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute(SEED, org, campaign, inboxes)
        await conn.execute(SUPERVISOR, org, supervisor)
        step = 200_000
        for first in range(1, escalations + 1, step):
            await conn.execute(
                CONVERSATIONS, org, campaign, first, min(escalations, first + step - 1)
            )
        spacing = 365 * 24 * 3600 / escalations  # seconds between two escalations
        await conn.execute(ESCALATIONS, org, campaign, inboxes, spacing)
        await conn.execute(EVENTS)
        await conn.execute("VACUUM ANALYZE")
        supervisor_id = await conn.fetchval('SELECT id FROM "user"')
    finally:
        await conn.close()
    token = (await bearer_tokens(asyncpg_dsn(url), [supervisor_id]))[supervisor_id]
    return org, token


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


async def main(args: argparse.Namespace, url: str) -> int:
    started = time.perf_counter()
    org, token = await seed(url, args.escalations)
    seconds = time.perf_counter() - started
    print(f"seeded {args.escalations:,} escalations over 365 days in {seconds:.0f} s")
    headers = {"Authorization": f"Bearer {token}"}
    today = utcnow().date()
    period = {"from": str(today - timedelta(days=89)), "to": str(today)}
    async with (
        serve_api(url) as port,
        httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}/api/v1/orgs/{org}", headers=headers, timeout=120
        ) as http,
    ):
        report = {**period, "group_by": "inbox", "bucket": "week"}
        warm = await http.get("/reports/sla", params=report)
        assert warm.status_code == 200, warm.text
        in_period = warm.json()["total"]["current"]["escalations"]
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            r = await http.get("/reports/sla", params=report)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
        p50, p95 = percentile(times, 50), percentile(times, 95)
        print(f"90-day SLA report by inbox and week ({in_period:,} escalations, "
              f"{len(warm.json()['groups'])} groups): p50 {p50 * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms over {args.runs} runs")  # fmt: skip
        rows = size = 0
        t0 = time.perf_counter()
        async with http.stream("GET", "/reports/escalations/export", params=period) as r:
            assert r.status_code == 200
            async for chunk in r.aiter_bytes():
                rows += chunk.count(b"\n")
                size += len(chunk)
        seconds = time.perf_counter() - t0
        exported = rows - 1
        rate = exported / seconds
        print(f"CSV export of the 90 days: {exported:,} rows, {size / 2**20:.0f} MiB in "
              f"{seconds:.1f} s: {rate:,.0f} rows/s")  # fmt: skip
    verdicts = [
        ("90-day report p95 < 1 s", p95 < 1.0),
        ("export >= 20,000 rows/s", rate >= 20_000),
        ("the export holds every escalation of the period", exported == in_period),
    ]
    for name, ok in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}: {name}")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--escalations", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    base = make_url(server_url()).database or "postgres"
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments, fresh_database(f"bench_reports_{base}"))))
