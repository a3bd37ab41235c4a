"""Live updates under load: SSE clients on one API process while escalations are created, and it
judges itself: any run in which a client misses an event, gets one twice or out of order FAILS.

    python -m bench.live_stream [--clients 500] [--rate 40] [--seconds 20] [--measured 50]
                                [--writer other|same] [--idle]

Starts `uvicorn app.main:app` (one process, plus a second one that takes the writes with
`--writer other`, the default) on a fresh database `bench_live_<db>`, connects `--clients` streams
(`GET /orgs/{org_id}/events/stream`; five inbox owners' and otherwise supervisors', who see
everything), then POSTs `--rate` escalations per second for `--seconds`. Delivery latency is from
each escalation's `created_at` (the request's clock, before its transaction) to the moment a client
has read the event: request handling, commit, the doorbell, the tailer's stamp and read, and the
write to every stream, all included. `--measured` clients parse every message and time it; every
client checks that its event ids only grow and counts `escalation.created` (so that the bench's own
process, on the same 2-core machine, costs less than the server it measures).

Prints delivery p50/p90/p99/max, events per client against the escalations created, the escalate
request latency, and the streaming process's resident memory; then PASS/FAIL lines (no event lost,
delivery p99 < 1 s), exit status 1 on any FAIL. `--idle` connects the clients, writes nothing, and
reports the memory a connected stream costs.
"""

import argparse
import asyncio
import json
import os
import resource
import socket
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from bench._setup import asyncpg_dsn, bearer_tokens, fresh_database, server_url

CONNECT_WAVE = 25
OWNERS_PER_INBOX = 5
HANDOFF = {"reason": "r", "steps_taken": "s", "offers_made": None, "help_needed": "h"}
SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES ($1, 'Bench') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id)
INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)
SELECT $3, id, 'Billing', 10, 60 FROM org
"""
USERS = """
INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
SELECT u, 'u' || n || '@bench.test', 'x', true, false, true
FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, n)
"""
MEMBERS = """
INSERT INTO membership (org_id, user_id, role)
SELECT $1, u, r FROM unnest($2::uuid[], $3::text[]) AS t(u, r)
"""
OWNERS = "INSERT INTO inbox_owner (inbox_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS t(u)"
CONVERSATIONS = """
WITH contact AS (INSERT INTO contact (id, org_id, name) VALUES (gen_random_uuid(), $1, 'C')
                 RETURNING id)
INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, needs_response, assignee_id)
SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact), 'sms', true, $4
FROM generate_series(1, $3)
RETURNING id
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def seed(url: str, *, clients: int, conversations: int) -> dict[str, object]:
    org, campaign, inbox = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    people = max(2, clients // 5)  # five streams per person, like a few tabs each
    users = [uuid.uuid4() for _ in range(people + 1)]
    agent, viewers = users[0], users[1:]
    # Five inbox owners (agents), as a real inbox has; everyone else a supervisor (sees everything).
    roles = ["agent"] + ["agent" if i < OWNERS_PER_INBOX else "supervisor" for i in range(people)]
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute(SEED, org, campaign, inbox)
        await conn.execute(USERS, users)
        await conn.execute(MEMBERS, org, users, roles)
        owners = [u for u, r in zip(viewers, roles[1:], strict=True) if r == "agent"]
        await conn.execute(OWNERS, inbox, owners)
        rows = await conn.fetch(CONVERSATIONS, org, campaign, conversations, agent)
    finally:
        await conn.close()
    tokens = await bearer_tokens(asyncpg_dsn(url), users)
    return {
        "org": org,
        "inbox": inbox,
        "agent_token": tokens[agent],
        "viewer_tokens": [(tokens[u], r) for u, r in zip(viewers, roles[1:], strict=True)],
        "conversations": [r["id"] for r in rows],
    }


class Client:
    """One stream over a raw asyncio connection (no HTTP library: its cost would be the bench's)."""

    def __init__(self, measured: bool) -> None:
        self.measured = measured
        self.events = 0
        self.last_id = -1
        self.disorder = 0  # ids that did not grow: a duplicate or an event out of order
        self.closed: bytes | None = None
        self.latencies: list[float] = []
        self.ready = asyncio.Event()

    async def run(self, port: int, path: str, token: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            body = await reader.read(4096)
            raise RuntimeError(f"stream refused: {head[:40]!r} {body[:300]!r}")
        buffer = b""
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    return
                buffer += data
                *messages, buffer = buffer.split(b"\r\n\r\n" if b"\r\n\r\n" in buffer else b"\n\n")
                now = time.time()
                for message in messages:
                    self._message(message, now)
        finally:
            writer.close()

    def _message(self, message: bytes, now: float) -> None:
        if b"event: ready" in message:
            self.ready.set()
            return
        if b"event: closed" in message:
            self.closed = message
            return
        at = message.find(b"id: ")
        if at >= 0:
            end = message.find(b"\r", at)
            event_id = int(message[at + 4 : end if end >= 0 else message.find(b"\n", at)])
            if event_id <= self.last_id:
                self.disorder += 1
            self.last_id = event_id
        if b"event: escalation.created" not in message:
            return
        self.events += 1
        if self.measured:
            line = next(x for x in message.splitlines() if x.startswith(b"data: "))
            created = datetime.fromisoformat(json.loads(line[6:])["created_at"])
            self.latencies.append(now - created.timestamp())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else float("nan")


async def create(
    http: httpx.AsyncClient, data: dict[str, object], *, rate: int, seconds: float
) -> tuple[int, list[float]]:
    conversations = list(data["conversations"])  # type: ignore[call-overload]
    headers = {"Authorization": f"Bearer {data['agent_token']}"}
    org, inbox = data["org"], data["inbox"]
    latencies: list[float] = []
    failures = 0

    async def one(conversation_id: uuid.UUID) -> None:
        nonlocal failures
        started = time.perf_counter()
        r = await http.post(
            f"/api/v1/orgs/{org}/conversations/{conversation_id}/escalate",
            json={"inbox_id": str(inbox), "priority": "normal", "handoff": HANDOFF},
            headers=headers,
        )
        latencies.append(time.perf_counter() - started)
        if r.status_code != 201:
            failures += 1

    tasks = []
    start = time.perf_counter()
    for n in range(int(rate * seconds)):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(conversations[n])))
    await asyncio.gather(*tasks)
    return failures, latencies


def _raise_open_files(needed: int) -> None:
    """Each stream is a socket here and one in the server (which inherits this limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, needed), hard))


async def _start(port: int, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        env=env,
    )


async def _stop(servers: list[asyncio.subprocess.Process]) -> None:
    for each in servers:
        each.terminate()
        try:
            await asyncio.wait_for(each.wait(), timeout=20)
        except TimeoutError:  # streams still draining: it has told us what we came for
            each.kill()
            await each.wait()


async def _connect(
    clients: list[Client], port: int, path: str, tokens: list[tuple[str, str]]
) -> list[asyncio.Task[None]]:
    runs = []
    for wave in range(0, len(clients), CONNECT_WAVE):  # not 500 sign-ins at one instant
        batch = list(enumerate(clients))[wave : wave + CONNECT_WAVE]
        runs += [
            asyncio.create_task(c.run(port, path, tokens[i % len(tokens)][0])) for i, c in batch
        ]
        await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for _, c in batch)), 120)
    return runs


async def main(args: argparse.Namespace, url: str) -> int:
    _raise_open_files(2 * args.clients + 256)
    total = 0 if args.idle else int(args.rate * args.seconds)
    data = await seed(url, clients=args.clients, conversations=max(total, 1))
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "RATE_LIMIT_ENABLED": "false"}
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    port, writer_port = _free_port(), _free_port()
    separate = args.writer == "other" and not args.idle
    servers = [await _start(p, env) for p in ((port, writer_port) if separate else (port,))]
    server = servers[0]
    failures, request_latencies = 0, list[float]()
    try:
        writes_to = writer_port if separate else port
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{writes_to}",
            timeout=30,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=200),
        ) as http:
            for base in {port, writes_to}:
                for _ in range(300):
                    try:
                        if (await http.get(f"http://127.0.0.1:{base}/healthz")).status_code == 200:
                            break
                    except httpx.TransportError:
                        await asyncio.sleep(0.1)
            await asyncio.sleep(1)  # past start-up: its memory is what the idle figure means
            rss_idle = rss_mib(server.pid)
            path = f"/api/v1/orgs/{data['org']}/events/stream"
            tokens: list[tuple[str, str]] = data["viewer_tokens"]  # type: ignore[assignment]
            clients = [Client(measured=i < args.measured) for i in range(args.clients)]
            started = time.perf_counter()
            runs = await _connect(clients, port, path, tokens)
            connect_seconds = time.perf_counter() - started
            await asyncio.sleep(1)
            rss_connected = rss_mib(server.pid)
            cpu_before = [cpu_seconds(each.pid) for each in servers]
            if not args.idle:
                failures, request_latencies = await create(
                    http, data, rate=args.rate, seconds=args.seconds
                )
                await asyncio.sleep(3)  # the tail of deliveries
            cpu = [cpu_seconds(each.pid) - b for each, b in zip(servers, cpu_before, strict=True)]
            rss_end = rss_mib(server.pid)
            for run in runs:
                run.cancel()
            await asyncio.gather(*runs, return_exceptions=True)
    finally:
        await _stop(servers)

    print(f"clients: {args.clients} connected in {connect_seconds:.1f} s "
          f"({args.clients // 5} people, {OWNERS_PER_INBOX} of them the inbox's owners, the rest "
          "supervisors; 5 streams each)")  # fmt: skip
    per_stream = (rss_connected - rss_idle) / args.clients * 1024
    print(f"API process RSS: {rss_idle:.0f} MiB idle, {rss_connected:.0f} MiB with the clients "
          f"connected ({per_stream:.0f} KiB a stream), {rss_end:.0f} MiB at the end")  # fmt: skip
    if not args.idle:
        seconds = args.seconds + 3
        shares = ", ".join(
            f"{name} {used:.1f} s ({used / seconds:.0%} of a core)"
            for name, used in zip(("streaming process", "writing process"), cpu, strict=False)
        )
        print(f"CPU over the {seconds:.0f} s of writes and delivery: {shares}")
    verdicts = [("every client connected and got `ready`", all(c.ready.is_set() for c in clients))]
    if not args.idle:
        verdicts += report(args, clients, total, failures, request_latencies)
    for name, ok in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}: {name}")
    return 0 if all(ok for _, ok in verdicts) else 1


def report(
    args: argparse.Namespace,
    clients: list[Client],
    total: int,
    failures: int,
    request_latencies: list[float],
) -> list[tuple[str, bool]]:
    created = total - failures  # a failed request escalated nothing: no event to expect
    latencies = [x for c in clients if c.measured for x in c.latencies]
    counts = sorted({c.events for c in clients})
    ms = {p: percentile(latencies, p) * 1000 for p in (50, 90, 99)}
    lost = sum(max(0, created - c.events) for c in clients)
    extra = sum(max(0, c.events - created) for c in clients)
    disorder = sum(c.disorder for c in clients)
    closed = sum(1 for c in clients if c.closed is not None)
    print(f"escalations: {total} at {args.rate}/s through the {args.writer} process, "
          f"{failures} failed; escalate request "
          f"p50 {percentile(request_latencies, 50) * 1000:.0f} ms, "
          f"p99 {percentile(request_latencies, 99) * 1000:.0f} ms")  # fmt: skip
    print(f"events per client (escalation.created): min {counts[0]}, max {counts[-1]} "
          f"(expected {created}); lost {lost}, extra {extra}, ids out of order {disorder}, "
          f"streams closed by the server {closed}")  # fmt: skip
    print(f"delivery over {len(latencies)} measured deliveries: p50 {ms[50]:.0f} ms, "
          f"p90 {ms[90]:.0f} ms, p99 {ms[99]:.0f} ms, "
          f"max {max(latencies, default=float('nan')) * 1000:.0f} ms")  # fmt: skip
    return [
        ("no event lost, none twice, none out of order", lost == extra == disorder == 0),
        ("delivery p99 < 1000 ms", ms[99] < 1000),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--rate", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--measured", type=int, default=50)
    parser.add_argument(
        "--writer",
        choices=["same", "other"],
        default="other",
        help="POST the escalations to a second API process, or to the streaming process itself",
    )
    parser.add_argument(
        "--idle", action="store_true", help="connect the clients and write nothing: memory only"
    )
    # Named after the configured database, so that benchmarks on one shared server do not collide.
    base = make_url(server_url()).database or "postgres"
    sys.exit(asyncio.run(main(parser.parse_args(), fresh_database(f"bench_live_{base}"))))
