"""Delivering the outbox: claim due notifications under a lease, send them, record each result.

A pass runs in three steps, and never holds a transaction open across network I/O:

1. **Claim** (one short transaction): take up to `limit` due rows (status pending/failed,
   `next_attempt_at <= now`) with `FOR UPDATE SKIP LOCKED`, apply storm control to first attempts
   of email/Slack rows (storm.py), count the attempt (`attempts + 1`) and push `next_attempt_at`
   to `now + notify_lease_seconds`: the lease. Commit. The rows are now this worker's until the
   lease runs out; a worker that dies holding them simply lets it run out, and the rows are due
   again for whoever looks next. Claims take a transaction-scoped advisory lock, so storm control
   sees every earlier decision (claims are milliseconds; sending is where the time goes).
2. **Send**, outside any transaction, several at a time (one HTTP client and a pool of SMTP
   connections per worker run). No send starts once 3/4 of the lease is gone (the rest come back
   when it runs out), and sends under way get the next 1/5 to finish (their transports time out
   sooner), so a send never overlaps a second claim of the same row by another worker and is
   never cut off after it may have arrived.
3. **Record** each result as soon as it is known, in a small transaction (with whatever other
   results finished meanwhile): succeeded; failed with the next attempt on the retry schedule;
   dead (out of attempts, refused target, SMTP 5xx, disabled endpoint); a 410 also disables the
   webhook endpoint. A failure is only recorded by the claim that made the attempt (`attempts`
   fences it); a success is recorded whoever reports it. All the successes of one write go in
   one UPDATE, so recording keeps up with sending.

What that guarantees: nothing is lost (a row leaves pending/failed only once its result is
recorded, or as dead), and delivery is **at least once**: a worker killed between a send and its
record sends that row again after the lease. A send holds its concurrency slot until its result
is committed, so one crash resends at most `concurrency` notifications. Every send carries the
row's id as a stable idempotency key (`webhook-id`, `Message-ID: <id@escalations>`): a receiver
that drops ids it has seen gets **exactly-once processing**. Exactly-once *transport* is not on
offer from anyone; this is the usual bargain.
"""

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import case, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app import metrics
from app.config import Settings, get_settings
from app.db import worker_session
from app.models.base import utcnow
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.services.notifications import quiet_hours, storm
from app.services.notifications._outcome import Outcome, Result
from app.services.notifications.senders import Senders

log = structlog.get_logger(__name__)

CLAIM_LOCK = 0x6F7574626F78  # "outbox": serialises claims (and so storm-control decisions)
BATCH = 100
DUE = (DeliveryStatus.pending, DeliveryStatus.failed)
# The wait before retry n (n = 1 after the first failure); jittered to 50-150 % of each step, so
# the whole schedule takes about 3.2 days (1.6 to 4.7) over 12 attempts, then the row is dead.
RETRY_SCHEDULE = tuple(
    timedelta(seconds=s)
    for s in (30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 86400)
)
MAX_ATTEMPTS = len(RETRY_SCHEDULE) + 1

Maker = async_sessionmaker[AsyncSession] | None
# Claims and results commit without waiting for the WAL flush. Safe here: if PostgreSQL itself
# crashes and loses the last few hundred milliseconds of these commits, a lost lease or a lost
# result only makes a row due again, i.e. a resend (receivers dedupe), never a lost notification.
# It takes the fsync off the critical path of every small record transaction.
_ASYNC_COMMIT = text("SET LOCAL synchronous_commit = off")


def next_attempt_at(
    attempts: int, now: datetime, *, rand: Callable[[], float] = random.random
) -> datetime | None:
    """When to try again after `attempts` failed attempts; None once the schedule is spent.

    Each step is spread over 50-150 % of its nominal wait (wide jitter, so many endpoints failing
    together do not retry in waves), never less than half of it (a failing receiver is not
    hammered)."""
    if attempts < 1 or attempts > len(RETRY_SCHEDULE):
        return None
    return now + RETRY_SCHEDULE[attempts - 1] * (0.5 + rand())


@dataclass
class Claim:
    taken: int  # rows taken off the due list (sent, digested, deduplicated or dead)
    rows: list[Notification] = field(default_factory=list)  # to send now
    endpoints: dict[uuid.UUID, WebhookEndpoint] = field(default_factory=dict)


def _unsendable(row: Notification, endpoints: dict[uuid.UUID, WebhookEndpoint]) -> str | None:
    if row.channel is Channel.webhook:
        endpoint = endpoints.get(row.webhook_id) if row.webhook_id else None
        if endpoint is None:
            return "The webhook endpoint no longer exists"
        if not endpoint.enabled:
            return f"The webhook endpoint is disabled: {endpoint.disabled_reason or 'by an admin'}"
    if row.channel is Channel.in_app:
        return "In-app notifications are not sent"
    return None


async def claim(session: AsyncSession, *, now: datetime, limit: int, settings: Settings) -> Claim:
    """Take due rows under a lease (see the module docstring); the caller commits."""
    await session.execute(_ASYNC_COMMIT)
    await session.execute(select(func.pg_advisory_xact_lock(CLAIM_LOCK)))
    rows = list(
        await session.scalars(
            select(Notification)
            .where(Notification.status.in_(DUE), Notification.next_attempt_at <= now)
            .order_by(Notification.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    taken = len(rows)
    window = timedelta(seconds=settings.notify_storm_window_seconds)
    rows = await quiet_hours.hold(session, rows, now=now, window=window)
    rows = await storm.triage(session, rows, now=now, settings=settings)
    rows = await storm.close_digests(session, rows, base_url=settings.base_url)
    hook_ids = {r.webhook_id for r in rows if r.webhook_id is not None}
    endpoints = (
        {
            e.id: e
            for e in await session.scalars(
                select(WebhookEndpoint).where(WebhookEndpoint.id.in_(hook_ids))
            )
        }
        if hook_ids
        else {}
    )
    lease_until = now + timedelta(seconds=settings.notify_lease_seconds)
    to_send = []
    for row in rows:
        problem = _unsendable(row, endpoints)
        if problem:
            row.status, row.next_attempt_at, row.last_error = DeliveryStatus.dead, None, problem
            continue
        row.attempts += 1
        row.next_attempt_at = lease_until
        to_send.append(row)
    await session.flush()
    return Claim(taken, to_send, endpoints)


def _sent_code(results: list[tuple[Notification, Outcome]]) -> Any:
    """Each success's own status code (200, 202, 250...), in the one UPDATE of them all."""
    codes = {row.id: o.status_code for row, o in results if o.result is Result.sent}
    if len(set(codes.values())) == 1:
        return next(iter(codes.values()))
    return case(*((Notification.id == i, c) for i, c in codes.items()), else_=None)


def _failure_values(row: Notification, outcome: Outcome, now: datetime) -> dict[str, Any]:
    common = {"last_status_code": outcome.status_code, "last_error": outcome.error}
    retry_at = next_attempt_at(row.attempts, now) if outcome.result is Result.retry else None
    if retry_at is None:
        if outcome.result is Result.retry:
            common["last_error"] = f"Gave up after {row.attempts} attempts: {outcome.error}"
        return {**common, "status": DeliveryStatus.dead, "next_attempt_at": None}
    return {**common, "status": DeliveryStatus.failed, "next_attempt_at": retry_at}


async def record(
    session: AsyncSession, results: list[tuple[Notification, Outcome]], *, now: datetime
) -> None:
    """Write these results (the caller commits). Successes go in one statement."""
    await session.execute(_ASYNC_COMMIT)
    sent = [row.id for row, outcome in results if outcome.result is Result.sent]
    if sent:
        await session.execute(
            update(Notification)
            .where(Notification.id.in_(sent), Notification.status.in_(DUE))
            .values(
                status=DeliveryStatus.succeeded,
                delivered_at=now,
                next_attempt_at=None,
                last_status_code=_sent_code(results),
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
    for row, outcome in results:
        if outcome.result is Result.sent:
            continue
        await session.execute(
            update(Notification)
            # Only the claim that made this attempt records its failure.
            .where(
                Notification.id == row.id,
                Notification.status.in_(DUE),
                Notification.attempts == row.attempts,
            )
            .values(**_failure_values(row, outcome, now))
            .execution_options(synchronize_session=False)
        )
        if outcome.result is Result.gone and row.webhook_id is not None:
            await session.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.id == row.webhook_id, WebhookEndpoint.enabled)
                .values(
                    enabled=False,
                    disabled_reason=f"410 Gone from receiver at {now.isoformat()}",
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )


_Done = tuple[Notification, Outcome, "asyncio.Future[None]"]


async def _send_and_record(
    sessionmaker: Maker,
    senders: Senders,
    claimed: Claim,
    *,
    clock: Callable[[], datetime],
    budget: float,
    grace: float,
) -> Counter[str]:
    """Send the claimed rows, `senders.concurrency` at a time, recording results as they come.

    No send starts after `budget` seconds; those under way get `grace` more to finish.

    A send keeps its slot until its result is committed, so at any moment at most `concurrency`
    rows are sent-but-unrecorded: the most a crash can make us send twice."""
    queue: asyncio.Queue[_Done | None] = asyncio.Queue()
    slots = asyncio.Semaphore(senders.concurrency)
    tally: Counter[str] = Counter()
    loop = asyncio.get_running_loop()

    deadline = loop.time() + budget
    unstarted: list[Notification] = []

    async def send(row: Notification) -> None:
        async with slots:
            if loop.time() > deadline:
                # Not started, and handed back below. (Cutting off a send already under way
                # instead could resend something that had arrived.)
                unstarted.append(row)
                return
            try:
                endpoint = claimed.endpoints.get(row.webhook_id) if row.webhook_id else None
                outcome = await senders.send(row, endpoint)
            except Exception as exc:  # a bug, not the receiver: retry on the schedule, loudly
                log.exception("outbox.send_crashed", notification_id=str(row.id))
                outcome = Outcome.retry(f"{type(exc).__name__}: {exc}")
            written = loop.create_future()
            queue.put_nowait((row, outcome, written))
            await written

    async def recorder() -> None:
        # Writes whatever finished while the previous write ran, in one small transaction.
        while True:
            batch = [await queue.get()]
            while not queue.empty():
                batch.append(queue.get_nowait())
            done = [item for item in batch if item is not None]
            if done:
                try:
                    async with worker_session(sessionmaker) as session:
                        await record(session, [(r, o) for r, o, _ in done], now=clock())
                except Exception as exc:  # the pass fails; the rows come back after the lease
                    for *_, written in done:
                        if not written.done():
                            written.set_exception(exc)
                else:
                    tally.update(outcome.result.value for _, outcome, _ in done)
                    metrics.count_deliveries((r.channel.value, o.result.value) for r, o, _ in done)
                    for *_, written in done:
                        if not written.done():
                            written.set_result(None)
            if len(done) < len(batch):
                return

    recording = asyncio.create_task(recorder())
    try:
        # Sends under way finish within their transport's own timeout; this only guards
        # against one that hangs past the lease, when another worker could send it too.
        async with asyncio.timeout(budget + grace):
            await asyncio.gather(*(send(row) for row in claimed.rows))
    except TimeoutError:
        log.warning("outbox.lease_cutoff", claimed=len(claimed.rows))
    finally:
        queue.put_nowait(None)  # results already queued are still written
        await recording
    if unstarted:
        async with worker_session(sessionmaker) as session:
            await release(session, unstarted, now=clock())
        tally["not_started"] += len(unstarted)
    return tally


async def release(session: AsyncSession, rows: list[Notification], *, now: datetime) -> None:
    """Hand back claimed rows that were never sent: due again now, their attempt not counted.

    Fenced like a failure, so a row another worker has claimed since is left alone."""
    by_attempts: dict[int, list[uuid.UUID]] = {}
    for row in rows:
        by_attempts.setdefault(row.attempts, []).append(row.id)
    for attempts, ids in by_attempts.items():
        await session.execute(
            update(Notification)
            .where(
                Notification.id.in_(ids),
                Notification.status.in_(DUE),
                Notification.attempts == attempts,
            )
            .values(attempts=attempts - 1, next_attempt_at=now)
            .execution_options(synchronize_session=False)
        )


async def deliver_due(
    sessionmaker: Maker,
    senders: Senders,
    *,
    clock: Callable[[], datetime] = utcnow,
    limit: int = BATCH,
) -> int:
    """One pass: claim up to `limit` due rows, send, record. Returns how many rows it took."""
    settings = get_settings()
    started = time.monotonic()
    async with worker_session(sessionmaker) as session:
        claimed = await claim(session, now=clock(), limit=limit, settings=settings)
    if claimed.rows:
        budget = settings.notify_lease_seconds * 0.75 - (time.monotonic() - started)
        tally = await _send_and_record(
            sessionmaker,
            senders,
            claimed,
            clock=clock,
            budget=max(budget, 0.1),
            grace=settings.notify_lease_seconds * 0.2,
        )
        if tally.keys() - {"sent"}:
            log.info("outbox.pass", taken=claimed.taken, **tally)
    return claimed.taken
