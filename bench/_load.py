"""A small HTTP/1.1 load generator (keep-alive connections, raw asyncio streams).

httpx costs about a millisecond of CPU per request, as much as the server it measures on a 2-core
machine; this costs a few tens of microseconds, so the figures are the server's. Two modes, as in
wrk/oha: `closed` (N connections, each sends its next request when the last one is answered: the
throughput) and `open` (requests started at a fixed rate whatever the answers: the latency at that
load, timed from when each request was due, so a stalled server cannot hide its queue).

A request is a path (a GET) or `(method, path, JSON body)`. Requests are sent in turn and start
over when all were sent, unless `repeat=False` (writes that may not be repeated, such as an
escalation of one conversation): then the run ends early when they run out.
"""

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field


@dataclass
class Result:
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    statuses: Counter[int] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return sum(self.statuses.values()) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else 0.0

    def summary(self) -> str:
        ms = {p: self.percentile(p) * 1000 for p in (50, 90, 99)}
        count = sum(self.statuses.values())
        return (
            f"{count} requests in {self.seconds:.1f} s = {self.rate:.0f} req/s; "
            f"p50 {ms[50]:.1f} ms, p90 {ms[90]:.1f} ms, p99 {ms[99]:.1f} ms, "
            f"max {max(self.latencies, default=0) * 1000:.1f} ms; statuses {dict(self.statuses)}"
        )


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        return status, await self.reader.readexactly(length) if length else b""


Request = str | tuple[str, str, bytes]


def _raw(host: str, request: Request, extra: str) -> bytes:
    if isinstance(request, str):
        return f"GET {request} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()
    method, path, body = request
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _requests(
    host: str, requests: Sequence[Request], headers: dict[str, str], repeat: bool
) -> Iterator[bytes]:
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    raws = [_raw(host, r, extra) for r in requests]
    return itertools.cycle(raws) if repeat else iter(raws)


async def _connect(host: str, port: int) -> _Connection:
    return _Connection(*await asyncio.open_connection(host, port))


async def closed_loop(
    host: str,
    port: int,
    paths: Sequence[Request],
    headers: dict[str, str],
    *,
    connections: int,
    seconds: float,
    repeat: bool = True,
    on_answer: Callable[[int, bytes], bool] | None = None,
) -> Result:
    """`on_answer(status, body)`: sees every answer; returning False ends that connection's loop
    (as a claimant stops when the inbox is empty)."""
    raws = _requests(f"{host}:{port}", paths, headers, repeat)
    conns = [await _connect(host, port) for _ in range(connections)]
    start = time.perf_counter()
    deadline = start + seconds
    result = Result(seconds)

    async def run(conn: _Connection) -> None:
        while (sent := time.perf_counter()) < deadline:
            if (raw := next(raws, None)) is None:
                return
            status, body = await conn.request(raw)
            result.statuses[status] += 1
            if 200 <= status < 300:
                result.latencies.append(time.perf_counter() - sent)
            if on_answer is not None and not on_answer(status, body):
                return

    await asyncio.gather(*(run(c) for c in conns))
    result.seconds = time.perf_counter() - start
    for c in conns:
        c.writer.close()
    return result


async def open_loop(
    host: str,
    port: int,
    paths: Sequence[Request],
    headers: dict[str, str],
    *,
    rate: float,
    seconds: float,
    max_connections: int = 128,
    repeat: bool = True,
) -> Result:
    raws = _requests(f"{host}:{port}", paths, headers, repeat)
    idle: asyncio.Queue[_Connection] = asyncio.Queue()
    opened = 0
    result = Result(seconds)
    start = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []

    async def one(due: float, raw: bytes) -> None:
        nonlocal opened
        if idle.empty() and opened < max_connections:
            opened += 1
            conn = await _connect(host, port)
        else:
            conn = await idle.get()
        status, _ = await conn.request(raw)
        result.statuses[status] += 1
        if 200 <= status < 300:
            result.latencies.append(time.perf_counter() - due)
        idle.put_nowait(conn)

    for n in range(int(rate * seconds)):
        due = start + n / rate
        if (wait := due - time.perf_counter()) > 0:
            await asyncio.sleep(wait)
        if (raw := next(raws, None)) is None:
            break
        tasks.append(asyncio.create_task(one(due, raw)))
    await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - start
    while not idle.empty():
        idle.get_nowait().writer.close()
    return result
