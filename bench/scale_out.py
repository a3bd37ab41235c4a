"""Scale-out: 2 API processes and 2 workers on one PostgreSQL and one Redis, exactly once.

    python -m bench.scale_out [--escalations 400] [--owners 4] [--redis-url URL]

Creates the database `bench_scale_out` (DATABASE_URL's server, or embedded PostgreSQL), seeds an
organisation (an admin, `--owners` inbox owners, everyone's email muted, so most notifications
are in-app rows; the admins' fallback emails go to an SMTP receiver started here), starts two
`uvicorn app.main:app` processes and two `arq app.workers.settings.WorkerSettings` workers with
the same environment, and drives through both APIs in turn: a default SLA policy (first response
within 1 minute), `--escalations` escalations (POST …/escalate, alternating between the APIs),
and the owners claiming half of them (each owner on one API, batches of 10). It then waits for
the workers to record every first-response breach (about a minute after the escalations) and for
the outbox to settle, and checks: every escalation created once and breached exactly once, with
one level raised; no escalation claimed twice (HTTP answers and claimed events agree); no
notification written twice for one (event, channel, recipient); every created and breach event
notified; nothing due left undelivered; no email received twice; both workers alive. Prints
each check with PASS or FAIL (exit status 1 when one fails).

`--redis-url` (default $REDIS_URL, else redis://127.0.0.1:6379/13) must be a Redis database no one
else uses meanwhile: the workers take their jobs from it.
"""

import argparse
import asyncio
import itertools
import os
import signal
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime

import asyncpg
import httpx

from bench._setup import asyncpg_dsn, bearer_tokens, fresh_database, serve_api
from bench.claims import CONVERSATIONS, SEED
from tests.workers.receivers import SmtpReceiver

PEOPLE = """
WITH people AS (
  SELECT u, CASE WHEN n = 1 THEN 'admin' ELSE 'agent' END AS role,
         'p' || n || '@bench.test' AS email
  FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, n)
), users AS (
  INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
  SELECT u, email, 'x', true, false, true FROM people RETURNING id
), members AS (
  INSERT INTO membership (org_id, user_id, role) SELECT $2, u, role FROM people
), preferences AS (
  INSERT INTO notification_preference (org_id, user_id, muted_channels)
  SELECT $2, u, '["email"]' FROM people
)
INSERT INTO inbox_owner (inbox_id, user_id) SELECT $3, u FROM people WHERE role = 'agent'
"""
CHECKS = {
    "created": "SELECT count(*) FROM escalation_event WHERE type = 'escalation.created'",
    "breached": """SELECT count(*) FROM escalation_event
                   WHERE type = 'escalation.sla_breached' AND data->>'target' = 'first_response'""",
    # Due and not yet delivered; a storm-control digest waits for its window's end on purpose.
    "pending": """SELECT count(*) FROM notification
                  WHERE status IN ('pending', 'failed') AND next_attempt_at <= now()""",
}
PER_ESCALATION = """
SELECT e.id::text AS id, e.claimed_by,
       count(*) FILTER (WHERE ev.type = 'escalation.created') AS created,
       count(*) FILTER (WHERE ev.type = 'escalation.sla_breached'
                          AND ev.data->>'target' = 'first_response') AS breached,
       count(*) FILTER (WHERE ev.type = 'escalation.level_raised') AS raised,
       count(*) FILTER (WHERE ev.type = 'escalation.claimed') AS claimed
FROM escalation e LEFT JOIN escalation_event ev ON ev.escalation_id = e.id GROUP BY e.id
"""
NOTIFIED_TWICE = """
SELECT count(*) FROM (SELECT event_id, channel, recipient FROM notification
                      GROUP BY 1, 2, 3 HAVING count(*) > 1) AS twice
"""
UNNOTIFIED = """
SELECT count(*) FROM escalation_event ev
WHERE ev.type IN ('escalation.created', 'escalation.sla_breached')
  AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.event_id = ev.id)
"""
HANDOFF = {"reason": "r", "steps_taken": "s", "help_needed": "h"}


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


async def _worker(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "arq", "app.workers.settings.WorkerSettings", env=env
    )


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=30)
        except TimeoutError:
            process.kill()
            await process.wait()


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=400)
    parser.add_argument("--owners", type=int, default=4)
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13")
    )
    args = parser.parse_args()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {_load()}")

    url = await asyncio.to_thread(fresh_database, "bench_scale_out")
    dsn = asyncpg_dsn(url)
    org_id, campaign_id, inbox_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    people = [uuid.uuid4() for _ in range(args.owners + 1)]
    admin, owners = people[0], people[1:]
    conn = await asyncpg.connect(dsn)
    async with conn.transaction():
        await conn.execute(SEED, org_id, campaign_id, inbox_id, 10)
        await conn.execute(PEOPLE, people, org_id, inbox_id)
        await conn.execute(CONVERSATIONS, org_id, campaign_id, args.escalations)
    conversations = [r["id"] for r in await conn.fetch("SELECT id FROM conversation")]
    tokens = await bearer_tokens(dsn, people)

    def auth(user: uuid.UUID) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[user]}"}

    smtp = SmtpReceiver().start()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": args.redis_url,
        "SMTP_URL": smtp.url,
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(REDIS_URL=args.redis_url, SMTP_URL=smtp.url)  # what serve_api hands on
    workers = [await _worker(env) for _ in range(2)]
    checks: list[tuple[str, str, bool]] = []
    try:
        async with (
            serve_api(url) as port_a,
            serve_api(url) as port_b,
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_a}", timeout=30) as api_a,
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_b}", timeout=30) as api_b,
        ):
            apis = [api_a, api_b]
            print(f"2 APIs (ports {port_a}, {port_b}) and 2 workers up; {_load()}")
            policy = {
                "name": "One minute",
                "calendar_id": None,
                "targets": {"normal": {"first_response_minutes": 1}},
                "is_default": True,
            }
            r = await api_a.post(
                f"/api/v1/orgs/{org_id}/sla-policies", json=policy, headers=auth(admin)
            )
            assert r.status_code == 201, r.text

            started = time.perf_counter()
            turn = itertools.cycle(apis)
            queue = list(conversations)

            async def escalate_some() -> None:
                while queue:
                    cid = queue.pop()
                    r = await next(turn).post(
                        f"/api/v1/orgs/{org_id}/conversations/{cid}/escalate",
                        json={"inbox_id": str(inbox_id), "handoff": HANDOFF},
                        headers=auth(admin),
                    )
                    assert r.status_code == 201, r.text

            await asyncio.gather(*(escalate_some() for _ in range(8)))
            print(
                f"{args.escalations} escalations through both APIs in "
                f"{time.perf_counter() - started:.1f} s"
            )

            answered: list[tuple[str, uuid.UUID]] = []
            target = args.escalations // 2

            async def claim(n: int, owner: uuid.UUID) -> None:
                path = f"/api/v1/orgs/{org_id}/inboxes/{inbox_id}/claims"
                while len(answered) < target:
                    r = await apis[n % 2].post(path, json={}, headers=auth(owner))
                    assert r.status_code == 201, r.text
                    items = r.json()["items"]
                    if not items:
                        return
                    answered.extend((e["id"], owner) for e in items)

            await asyncio.gather(*(claim(n, o) for n, o in enumerate(owners)))
            print(f"{len(answered)} claims through both APIs")

            deadline = time.perf_counter() + 180
            counts: dict[str, int] = {}
            while time.perf_counter() < deadline:
                counts = {k: await conn.fetchval(q) for k, q in CHECKS.items()}
                if counts["breached"] >= args.escalations and counts["pending"] == 0:
                    break
                await asyncio.sleep(1)
            await asyncio.sleep(5)  # a breach or notification applied twice would show by now
            print(f"after {time.perf_counter() - started:.0f} s: {counts}; {_load()}")
            checks.append(("both workers alive", "", all(w.returncode is None for w in workers)))
    finally:
        for w in workers:
            await _stop(w)
        smtp.stop()

    rows = await conn.fetch(PER_ESCALATION)
    twice = await conn.fetchval(NOTIFIED_TWICE)
    unnotified = await conn.fetchval(UNNOTIFIED)
    statuses = dict(await conn.fetch("SELECT status, count(*) FROM notification GROUP BY status"))
    overdue = await conn.fetchval(CHECKS["pending"])
    beats = await conn.fetchval("SELECT count(*) FROM worker_heartbeat")
    emails = smtp.ids()
    await conn.close()
    print(f"notifications by status: {statuses}")
    claimed_in_db = {r["id"]: r["claimed_by"] for r in rows if r["claimed"]}
    ids = Counter(i for i, _ in answered)
    checks += [
        ("every escalation created once", f"{len(rows)}", all(r["created"] == 1 for r in rows)),
        (
            "every escalation breached exactly once",
            f"{Counter(r['breached'] for r in rows)}",
            len(rows) == args.escalations and all(r["breached"] == 1 for r in rows),
        ),
        ("one level raised per breach", "", all(r["raised"] == 1 for r in rows)),
        (
            "no escalation claimed twice",
            f"{len(answered)} answered, {len(claimed_in_db)} claimed events",
            max(ids.values(), default=1) == 1
            and all(r["claimed"] <= 1 for r in rows)
            and all(claimed_in_db.get(i) == o for i, o in answered),
        ),
        ("no notification written twice", f"{twice}", twice == 0),
        ("every created and breach event notified", f"{unnotified} not", unnotified == 0),
        ("outbox settled: nothing due left undelivered", f"{overdue} due", overdue == 0),
        ("two workers beat", f"{beats}", beats == 2),
        (
            "no email received twice",
            f"{sum(emails.values())} received",
            max(emails.values(), default=1) == 1,
        ),
    ]
    print("checks:")
    for name, figure, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}{': ' + figure if figure else ''}")
    if not all(ok for *_, ok in checks):
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
