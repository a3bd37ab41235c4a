"""The single-escalation GET over HTTP: throughput, then latency at half the target load.

    python -m bench.escalation_get [--escalations 10000] [--workers 1] [--connections 16]
                                   [--seconds 15] [--rate 400]

Seeds one inbox of `--escalations` open escalations and one owner, starts `uvicorn app.main:app`
(`--workers` processes) and drives `GET /api/v1/orgs/{org}/escalations/{id}` over every id in turn
with the load generator in bench/_load.py: first closed-loop on `--connections` keep-alive
connections (the throughput), then open-loop at `--rate` requests/s (the latency, timed from when
each request was due). Prints both and each target with PASS or FAIL (exit status 1 when one
fails): >= 800 req/s, and p99 < 50 ms at 400 req/s (half that). Uses DATABASE_URL's server (or
embedded PostgreSQL) and creates its own database `bench_get`.
"""

import argparse
import asyncio
import os
import sys
from datetime import UTC, datetime

import asyncpg

from app.auth import get_jwt_strategy
from app.models import User
from bench import _load
from bench._setup import asyncpg_dsn, fresh_database, serve_api
from bench.claims import seed


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rate", type=float, default=400, help="open-loop requests/s")
    args = parser.parse_args()

    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {_load_average()}")
    url = await asyncio.to_thread(fresh_database, "bench_get")
    dsn = asyncpg_dsn(url)
    org_id, _, (owner_id,) = await seed(dsn, args.escalations, 1, 10)
    conn = await asyncpg.connect(dsn)
    ids = [r["id"] for r in await conn.fetch("SELECT id FROM escalation ORDER BY random()")]
    await conn.close()
    token = await get_jwt_strategy().write_token(User(id=owner_id, email="x"))
    headers = {"Authorization": f"Bearer {token}"}
    paths = [f"/api/v1/orgs/{org_id}/escalations/{i}" for i in ids]
    print(f"seeded {len(ids)} escalations; uvicorn with {args.workers} worker(s)")

    async with serve_api(url, args.workers) as port:
        # Warm up: every worker process's connection pool and prepared statements.
        await _load.closed_loop("127.0.0.1", port, paths, headers, connections=4, seconds=2)
        closed = await _load.closed_loop(
            "127.0.0.1", port, paths, headers, connections=args.connections, seconds=args.seconds
        )
        print(f"closed loop, {args.connections} connections: {closed.summary()}")
        opened = await _load.open_loop(
            "127.0.0.1", port, paths, headers, rate=args.rate, seconds=args.seconds
        )
        print(f"open loop at {args.rate:.0f} req/s: {opened.summary()}")
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {_load_average()}")

    p99 = opened.percentile(99) * 1000
    checks = [
        ("GET >= 800 req/s", f"{closed.rate:.0f} req/s", closed.rate >= 800),
        (f"p99 < 50 ms at {args.rate:.0f} req/s", f"{p99:.1f} ms", p99 < 50),
        (
            "every answer a 200",
            f"{dict(closed.statuses + opened.statuses)}",
            set(closed.statuses) | set(opened.statuses) == {200},
        ),
    ]
    print("targets:")
    for name, figure, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {figure}")
    if not all(ok for *_, ok in checks):
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
