"""Reads over HTTP against the stack's own baseline, in one run: the single-escalation GET, the
owner view and an inbox page of 50, then the GET's latency in an open loop at half its rate.

    python -m bench.escalation_get [--escalations 10000] [--workers 1] [--connections 16]
                                   [--seconds 10] [--rate R]

Seeds one inbox of `--escalations` open escalations and one owner, and serves two apps side by
side, each with `--workers` uvicorn processes: the API (`app.main:app`) and the baseline
(`bench._baseline:app`: FastAPI, an async SQLAlchemy session, one transaction reading the same
escalation row). The load generator (bench/_load.py) runs one closed loop at a time on
`--connections` keep-alive connections: the baseline, `GET /escalations/{id}` over every id in
turn, the owner view (`/me/escalations?per_inbox=50`), an inbox page
(`/inboxes/{id}/escalations?limit=50`), and the baseline again (the two baseline runs are
averaged, so drift during the run counts against neither side). Then an open loop on the GET at
`--rate` requests/s (default: half the rate the GET reached), timed from when each request was
due. Every figure is printed with its ratio to the baseline, then the targets of issue 22 with
PASS or FAIL (exit status 1 when one fails): GET >= 0.6x the baseline and p99 < 50 ms in the
open loop, owner view and inbox page >= 0.3x. Uses DATABASE_URL's server (or embedded
PostgreSQL) and creates its own database `bench_get`.
"""

import argparse
import asyncio
import os
import sys
from collections import Counter
from datetime import UTC, datetime

import asyncpg

from bench import _load
from bench._baseline import PATH as BASELINE_PATH
from bench._setup import asyncpg_dsn, bearer_tokens, fresh_database, serve_api
from bench.claims import seed


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def check(name: str, figure: str, ok: bool) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {figure}")
    return ok


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--rate", type=float, default=None, help="open-loop requests/s (default: half the GET's)"
    )
    args = parser.parse_args()

    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {_load_average()}")
    url = await asyncio.to_thread(fresh_database, "bench_get")
    dsn = asyncpg_dsn(url)
    org_id, inbox_id, (owner_id,) = await seed(dsn, args.escalations, 1, 10)
    conn = await asyncpg.connect(dsn)
    ids = [r["id"] for r in await conn.fetch("SELECT id FROM escalation ORDER BY random()")]
    await conn.close()
    token = (await bearer_tokens(dsn, [owner_id]))[owner_id]
    headers = {"Authorization": f"Bearer {token}"}
    org = f"/api/v1/orgs/{org_id}"
    reads: dict[str, list[_load.Request]] = {
        "GET escalation": [f"{org}/escalations/{i}" for i in ids],
        "owner view": [f"{org}/me/escalations?per_inbox=50"],
        "inbox page of 50": [f"{org}/inboxes/{inbox_id}/escalations?limit=50"],
    }
    baseline_paths: list[_load.Request] = [BASELINE_PATH.format(escalation_id=i) for i in ids]
    print(f"seeded {len(ids)} escalations; uvicorn with {args.workers} worker(s) per app")

    async def closed(port: int, paths: list[_load.Request], label: str) -> _load.Result:
        # Warm up: every worker process's connection pool and prepared statements.
        await _load.closed_loop("127.0.0.1", port, paths, headers, connections=4, seconds=2)
        result = await _load.closed_loop(
            "127.0.0.1", port, paths, headers, connections=args.connections, seconds=args.seconds
        )
        print(f"{label:<18} closed loop, {args.connections} connections: {result.summary()}")
        return result

    async with (
        serve_api(url, args.workers, app="bench._baseline:app") as base_port,
        serve_api(url, args.workers) as port,
    ):
        first = await closed(base_port, baseline_paths, "baseline")
        results = {label: await closed(port, paths, label) for label, paths in reads.items()}
        second = await closed(base_port, baseline_paths, "baseline again")
        baseline = (first.rate + second.rate) / 2
        get = results["GET escalation"]
        rate = args.rate or max(1.0, get.rate / 2)
        opened = await _load.open_loop(
            "127.0.0.1", port, reads["GET escalation"], headers, rate=rate, seconds=args.seconds
        )
        print(f"GET open loop at {rate:.0f} req/s: {opened.summary()}")
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {_load_average()}")

    print(f"baseline {baseline:.0f} req/s (runs {first.rate:.0f} and {second.rate:.0f})")
    for label, result in results.items():
        ratio = result.rate / baseline
        print(f"  {label:<18} {result.rate:7.0f} req/s = {ratio:.2f}x the baseline")
    p99 = opened.percentile(99) * 1000
    statuses: Counter[int] = Counter()
    for result in (*results.values(), opened):
        statuses.update(result.statuses)
    print("targets (issue 22):")
    checks = [
        check(
            "GET >= 0.6x the baseline",
            f"{get.rate:.0f} / {baseline:.0f} = {get.rate / baseline:.2f}x",
            get.rate >= 0.6 * baseline,
        ),
        check(f"GET p99 < 50 ms in an open loop at {rate:.0f} req/s", f"{p99:.1f} ms", p99 < 50),
    ]
    for label in ("owner view", "inbox page of 50"):
        figure = results[label].rate
        checks.append(
            check(
                f"{label} >= 0.3x the baseline",
                f"{figure:.0f} / {baseline:.0f} = {figure / baseline:.2f}x",
                figure >= 0.3 * baseline,
            )
        )
    checks.append(check("every answer a 200", f"{dict(statuses)}", set(statuses) == {200}))
    print(f"(README quality bar, for reference: GET >= 800 req/s; here {get.rate:.0f} req/s)")
    if not all(checks):
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
