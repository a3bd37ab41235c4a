"""SLA scan: the worker's "what is due?" query among many open escalations.

    python -m bench.sla_scan [--open 1000000 10000] [--due 1000] [--runs 50] [--limit 1000] [--keep]

For each --open size a fresh database `bench_sla_scan_<size>` (dropped at the end unless --keep)
is seeded (set-based SQL) with that many open escalations, each with its own conversation and a
policy snapshot; --due of them have next_check_at in the past, the rest in the next 30 days.
(The seed drops the secondary indexes of conversation and escalation and rebuilds them from their
own definitions at the end of its transaction, and skips per-row foreign-key triggers when it
runs as a superuser.)

After VACUUM ANALYZE, the exact SELECT that app.services.sla.engine.check_due runs (compiled by
SQLAlchemy for asyncpg: `... WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT $2 FOR UPDATE
SKIP LOCKED`) is timed --runs times per size (after three warm-up runs; the sizes take turns run
by run, so load from elsewhere touches them alike; like timeit, the garbage collector runs before
and is paused during each timed call), each in its own transaction that is rolled back so the
rows stay due:

  * "sql":  the compiled statement as a prepared asyncpg statement (as SQLAlchemy's asyncpg
            dialect runs it), execute + fetch of all rows; this is the figure held to the target;
  * "orm":  the same select through an AsyncSession (session.scalars, as check_due calls it),
            which adds building --limit Escalation objects in Python;
  * "server": PostgreSQL's Execution Time from EXPLAIN ANALYZE of the same prepared statement
            (no transfer of the ~1 KB rows to the client, no decoding).

Prints median and p95 per size, the ratio of the largest to the smallest size (target <= 2x) and
the target (< 50 ms for 1,000 due among 1,000,000 open), then EXPLAIN (ANALYZE, BUFFERS) for the
largest size, with the custom plan (what runs first) and the generic plan (what a prepared
statement may switch to after five executions). Uses DATABASE_URL's server (or embedded
PostgreSQL).
"""

import argparse
import asyncio
import contextlib
import gc
import json
import os
import statistics
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.sql import Select

from app.models.escalations import Escalation
from bench._setup import asyncpg_dsn, fresh_database, server_url

DATABASE = "bench_sla_scan"

SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES ($1, 'Bench') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id),
contact AS (INSERT INTO contact (id, org_id, name)
            SELECT gen_random_uuid(), id, 'C' FROM org RETURNING id)
INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)
SELECT $3, id, 'Billing', 10, 60 FROM org
"""
CONVERSATIONS = """
INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, needs_response)
SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact LIMIT 1), 'sms', true
FROM generate_series(1, $3) AS n
"""
# Row n (1-based): the first $2 are due (next_check_at 1..$2 seconds ago), the others fall
# at spread-out instants over the next 30 days. The snapshot is what policies.snapshot freezes.
ESCALATIONS = """
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status, priority,
                        category, handoff, created_at, updated_at, last_activity_at,
                        sla, sla_clock_started_at, first_response_due_at, resolution_due_at,
                        next_check_at)
SELECT gen_random_uuid(), org_id, id, $1, campaign_id, 'open', 0, 'other',
       '{"reason": "r", "steps_taken": "s", "help_needed": "h"}', at, at, at,
       $3::jsonb, at, due, at + interval '1 day',
       CASE WHEN n <= $2 THEN now() - make_interval(secs => n) ELSE due END
FROM (
  SELECT c.id, c.org_id, c.campaign_id, row_number() OVER () AS n,
         now() - interval '1 hour' AS at,
         now() + interval '1 hour' + random() * interval '30 days' AS due
  FROM conversation c
) AS s
"""
SNAPSHOT = """{"calendar": null,
 "targets": {"normal": {"first_response_minutes": 60, "resolution_minutes": 1440},
             "high": {"first_response_minutes": 30, "resolution_minutes": 480},
             "urgent": {"first_response_minutes": 15, "resolution_minutes": 240},
             "critical": {"first_response_minutes": 5, "resolution_minutes": 60}},
 "warnings_minutes": [30, 5], "pause_while_awaiting_contact": false,
 "levels": [{"level": 1, "notify": ["inbox_owners"]},
            {"level": 2, "notify": ["supervisors", "admins"]},
            {"level": 3, "notify": ["owners"]}],
 "priority": "normal"}"""


# Secondary indexes of the bulk-loaded tables (not those behind a primary key or unique
# constraint): dropped for the load and rebuilt from their own definitions in the same
# transaction, much faster than maintaining them row by row. The schema measured is the migrated
# one.
INDEXES = """
SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
"""


def worker_select(now: datetime, limit: int) -> Select[tuple[Escalation]]:
    """engine.check_due's SELECT, verbatim."""
    return (
        select(Escalation)
        .where(Escalation.next_check_at <= now)
        .order_by(Escalation.next_check_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )


def compiled(limit: int) -> tuple[str, list[str]]:
    """The SQL SQLAlchemy's asyncpg dialect sends for that select, and its parameter order."""
    compiled_ = worker_select(datetime.now(UTC), limit).compile(dialect=asyncpg_dialect.dialect())
    return compiled_.string, list(compiled_.positiontup or [])


def params(order: list[str], limit: int) -> list[Any]:
    values = {"next_check_at_1": datetime.now(UTC), "param_1": limit}
    return [values[name] for name in order]


async def seed(dsn: str, total: int, due: int) -> str:
    """Seed in one transaction; returns how long each step took."""
    org_id, campaign_id, inbox_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    steps: list[str] = []
    conn = await asyncpg.connect(dsn)
    started = step = time.perf_counter()

    def done(name: str) -> None:
        nonlocal step
        now = time.perf_counter()
        steps.append(f"{name} {now - step:.1f} s")
        step = now

    async with conn.transaction():
        await conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
        if await conn.fetchval("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
            # The rows reference what this transaction just inserted, so skipping the per-row
            # foreign-key triggers changes nothing but the time.
            await conn.execute("SET LOCAL session_replication_role = replica")
        indexes = await conn.fetch(INDEXES, ["conversation", "escalation"])
        for index in indexes:
            await conn.execute(f"DROP INDEX {index['name']}")
        await conn.execute(SEED, org_id, campaign_id, inbox_id)
        await conn.execute(CONVERSATIONS, org_id, campaign_id, total)
        done("conversations")
        await conn.execute(ESCALATIONS, inbox_id, due, SNAPSHOT)
        done("escalations")
        for index in indexes:
            await conn.execute(index["definition"])
        done(f"{len(indexes)} secondary indexes rebuilt")
    await conn.execute("VACUUM ANALYZE conversation")
    await conn.execute("VACUUM ANALYZE escalation")
    done("VACUUM ANALYZE")
    await conn.close()
    return f"{time.perf_counter() - started:.1f} s ({', '.join(steps)})"


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """As timeit does: collect first, then no collector pauses inside the timed call (a full
    collection of this process's heap takes ~50 ms and would otherwise land in a few samples)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


class Target:
    """One seeded database, with the connections and prepared statements the samples reuse."""

    def __init__(self, total: int, url: str, limit: int, expect: int) -> None:
        self.total, self.url, self.limit, self.expect = total, url, limit, expect
        self.sql, self.order = compiled(limit)

    async def open(self) -> None:
        self.conn = await asyncpg.connect(asyncpg_dsn(self.url))
        self.statement = await self.conn.prepare(self.sql)
        self.explained = await self.conn.prepare("EXPLAIN (ANALYZE, FORMAT JSON) " + self.sql)
        self.engine = create_async_engine(self.url, pool_size=1, max_overflow=0)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    async def close(self) -> None:
        await self.conn.close()
        await self.engine.dispose()

    async def sample_sql(self) -> float:
        """The compiled statement, prepared once (as SQLAlchemy's asyncpg dialect caches it)."""
        transaction = self.conn.transaction()
        await transaction.start()
        args = params(self.order, self.limit)
        with no_gc():
            start = time.perf_counter()
            rows = await self.statement.fetch(*args)
            elapsed = time.perf_counter() - start
        await transaction.rollback()
        assert len(rows) == self.expect, (len(rows), self.expect)
        return elapsed * 1000

    async def sample_orm(self) -> float:
        """check_due's select through an AsyncSession, building the Escalation objects."""
        async with self.sessionmaker() as session:
            with no_gc():
                start = time.perf_counter()
                due = list(await session.scalars(worker_select(datetime.now(UTC), self.limit)))
                elapsed = time.perf_counter() - start
            assert len(due) == self.expect, (len(due), self.expect)
            await session.rollback()
        return elapsed * 1000

    async def sample_server(self) -> float:
        """PostgreSQL's own Execution Time for the statement (no transfer to the client)."""
        transaction = self.conn.transaction()
        await transaction.start()
        plan = await self.explained.fetchval(*params(self.order, self.limit))
        await transaction.rollback()
        return float(json.loads(plan)[0]["Execution Time"])


KINDS = ("sql", "orm", "server")


async def measure(targets: list[Target], runs: int) -> dict[tuple[int, str], list[float]]:
    """Samples of every kind for every size, interleaved run by run (alternating the order of
    the sizes), so a change in the machine's load touches all sizes alike."""
    samples: dict[tuple[int, str], list[float]] = {(t.total, k): [] for t in targets for k in KINDS}
    for target in targets:
        await target.open()
    for i in range(runs + 3):  # three warm-up runs, not counted
        for target in targets if i % 2 == 0 else targets[::-1]:
            for kind in KINDS:
                value = await getattr(target, f"sample_{kind}")()
                if i >= 3:
                    samples[target.total, kind].append(value)
    for target in targets:
        await target.close()
    return samples


async def explain(dsn: str, limit: int) -> None:
    """The custom plan (values known: what a fresh prepared statement gets) and the generic plan
    (what PostgreSQL may switch a prepared statement to after five executions)."""
    sql, order = compiled(limit)
    values = dict(zip(order, params(order, limit), strict=True))
    at, n = values["next_check_at_1"].isoformat(), values["param_1"]
    conn = await asyncpg.connect(dsn)
    await conn.execute(f"PREPARE sla_check_due AS {sql}")
    for mode, label in (
        ("force_custom_plan", "custom plan"),
        ("force_generic_plan", "generic plan"),
    ):
        transaction = conn.transaction()
        await transaction.start()
        await conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE sla_check_due('{at}', {n})")
        await transaction.rollback()
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) {label} (plan_cache_mode = {mode}):")
        for row in rows:
            print("  " + row[0])
    await conn.close()


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


async def drop(name: str) -> None:
    admin = asyncpg_dsn(make_url(server_url()).set(database="postgres").render_as_string(False))
    conn = await asyncpg.connect(admin)
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--open", type=int, nargs="+", default=[1_000_000, 10_000])
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--limit", type=int, default=1_000, help="check_due's limit")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    args = parser.parse_args()

    expect = min(args.due, args.limit)
    sizes = sorted(set(args.open))
    print(f"{load()}; {args.due} due, limit {args.limit}, {args.runs} runs per figure")
    print(f"statement: {compiled(args.limit)[0]!r}")
    targets = []
    for total in sizes:
        url = await asyncio.to_thread(fresh_database, f"{DATABASE}_{total}")
        seeded = await seed(asyncpg_dsn(url), total, args.due)
        print(f"{total:>9} open ({args.due} due): seeded in {seeded}; {load()}")
        targets.append(Target(total, url, args.limit, expect))

    print(f"\nmeasuring (runs interleaved across sizes); {load()}")
    samples = await measure(targets, args.runs)
    medians = {t.total: summary(samples[t.total, "sql"])[0] for t in targets}
    for target in targets:
        print(f"\n{target.total:>9} open ({args.due} due):")
        for kind, name in zip(
            KINDS,
            ("sql (asyncpg, prepared)", "orm (AsyncSession)", "server (Execution Time)"),
            strict=True,
        ):
            median, p95 = summary(samples[target.total, kind])
            print(f"  {name:<25} median {median:7.2f} ms   p95 {p95:7.2f} ms")
    print(f"\n{load()}")
    await explain(asyncpg_dsn(targets[-1].url), args.limit)
    if not args.keep:
        for target in targets:
            await drop(f"{DATABASE}_{target.total}")

    largest, smallest = sizes[-1], sizes[0]
    print()
    if len(sizes) > 1:
        ratio = medians[largest] / medians[smallest]
        verdict = "OK" if ratio <= 2 else "MISSED"
        print(
            f"ratio {largest} open / {smallest} open (sql medians): {ratio:.2f}x "
            f"(target <= 2x: {verdict})"
        )
    verdict = "OK" if medians[largest] < 50 else "MISSED"
    print(
        f"{largest} open: sql median {medians[largest]:.2f} ms (target < 50 ms for "
        f"{args.due} due among 1,000,000 open: {verdict})"
    )


if __name__ == "__main__":
    asyncio.run(main())
