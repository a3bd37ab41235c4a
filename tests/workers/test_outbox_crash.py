"""A delivery worker killed with SIGKILL mid-run loses nothing, and resends only what was in flight.

The real worker (`arq app.workers.settings.WorkerSettings`, a separate process) delivers 1,000
notifications from the committed test database: 500 emails to a real SMTP server and 500 webhooks
to a real HTTP receiver, both in this process. Once some but not all have arrived it is killed;
a second worker starts, takes over what was left and, when the first one's lease runs out, what it
was holding. Every notification must arrive at least once and, counted by its idempotency key
(Message-ID / webhook-id) as a receiver would dedupe, exactly once; every row ends succeeded.
"""

import asyncio
import base64
import os
import secrets
import signal
import sys
import time
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from arq import ArqRedis
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models.base import utcnow
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.services.notifications import senders
from tests.factories import make_org
from tests.workers.receivers import HttpReceiver, SmtpReceiver

Maker = async_sessionmaker[AsyncSession]
EACH = 500
LEASE_SECONDS = 5
ARQ = str(Path(sys.executable).parent / "arq")


@pytest.fixture
async def receivers() -> AsyncIterator[tuple[SmtpReceiver, HttpReceiver]]:
    smtp = SmtpReceiver().start()
    http = await HttpReceiver().start()
    # Slow enough answers that a kill catches sends in flight.
    smtp.delay = http.delay = 0.01
    yield smtp, http
    await http.stop()
    smtp.stop()


async def seed(maker: Maker, hook_url: str) -> list[uuid.UUID]:
    now = utcnow()
    async with maker() as session, session.begin():
        org = await make_org(session)
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
        endpoint = WebhookEndpoint(
            org_id=org.id, url=hook_url, event_types=["*"], secret=secret, enabled=True
        )
        session.add(endpoint)
        await session.flush()
        ids = [uuid.uuid4() for _ in range(2 * EACH)]
        base = {
            "org_id": org.id,
            "event_type": "escalation.created",
            "rule": "category",
            "title": "New escalation",
            "body": "Inbox: Billing",
            "status": DeliveryStatus.pending,
            "attempts": 0,
            "created_at": now,
        }
        # Emails and webhooks interleaved, in this order of due time.
        rows = [
            {
                **base,
                "id": i,
                "next_attempt_at": now + timedelta(microseconds=n),
                "dedupe_key": str(i),
                **(
                    {
                        "channel": Channel.email,
                        # One address each: storm control is not what this test is about.
                        "recipient": f"email:r{n}@crash.test",
                        "webhook_id": None,
                        "payload": {"context": {"link": "http://spa/x"}},
                    }
                    if n % 2 == 0
                    else {
                        "channel": Channel.webhook,
                        "recipient": f"webhook:{endpoint.id}",
                        "webhook_id": endpoint.id,
                        "payload": {"n": n},
                    }
                ),
            }
            for n, i in enumerate(ids)
        ]
        await session.execute(insert(Notification), rows)
    return ids


async def start_worker(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        ARQ,
        "app.workers.settings.WorkerSettings",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def succeeded(maker: Maker) -> int:
    async with maker() as session:
        count = await session.scalar(
            select(func.count()).where(Notification.status == DeliveryStatus.succeeded)
        )
    return int(count or 0)


async def test_a_killed_worker_loses_nothing_and_resends_only_what_was_in_flight(
    database_url: str,
    redis_url: str,
    redis: ArqRedis,
    committed_sessionmaker: Maker,
    receivers: tuple[SmtpReceiver, HttpReceiver],
) -> None:
    smtp, http = receivers
    ids = await seed(committed_sessionmaker, f"{http.url}/hooks")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SMTP_URL": smtp.url,
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "NOTIFY_LEASE_SECONDS": str(LEASE_SECONDS),
        "LOG_LEVEL": "WARNING",
    }

    def arrived() -> int:
        return len(smtp.ids()) + len(http.ids())

    started = time.monotonic()
    first = await start_worker(env)
    second = None
    try:
        while arrived() < 200:
            assert time.monotonic() - started < 30, f"the first worker delivered {arrived()}"
            await asyncio.sleep(0.005)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = arrived()
        assert at_kill < 2 * EACH, "the worker finished before it was killed"

        second = await start_worker(env)
        while await succeeded(committed_sessionmaker) < 2 * EACH:
            assert time.monotonic() - started < 50, "the second worker did not finish"
            await asyncio.sleep(0.2)
    finally:
        for worker in (first, second):
            if worker is not None and worker.returncode is None:
                worker.send_signal(signal.SIGTERM)
                await asyncio.wait_for(worker.wait(), timeout=15)

    emails, hooks = smtp.ids(), http.ids()
    expected_emails = {f"<{i}@escalations>" for i in ids[::2]}
    expected_hooks = {str(i) for i in ids[1::2]}
    assert set(emails) == expected_emails, "every email arrived, nothing else did"
    assert set(hooks) == expected_hooks, "every webhook arrived, nothing else did"
    duplicates = sum(emails.values()) + sum(hooks.values()) - 2 * EACH
    report = (
        f"killed after {at_kill} of {2 * EACH} arrived; raw duplicates {duplicates} "
        f"(emails {sum(emails.values()) - EACH}, webhooks {sum(hooks.values()) - EACH}); "
        f"deduplicated by id: {len(emails) + len(hooks)} unique = exactly once each; "
        f"{time.monotonic() - started:.1f} s"
    )
    print(report)
    assert duplicates <= senders.CONCURRENCY, report  # see delivery.py: sent-but-unrecorded
    async with committed_sessionmaker() as session:
        statuses = await session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        )
        assert dict(statuses.tuples().all()) == {DeliveryStatus.succeeded: 2 * EACH}, report
