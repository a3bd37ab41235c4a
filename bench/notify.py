"""Notification delivery throughput: 10,000 outbox rows, 5,000 emails to a local SMTP server
(aiosmtpd) and 5,000 signed webhooks to a local HTTP receiver, delivered by the real delivery
passes (app/services/notifications/delivery.py: lease claim, concurrent sends, recorded results).

    python -m bench.notify [--emails 5000] [--webhooks 5000] [--concurrency 16] [--batch 100]

Prints deliveries/s, lost (rows not succeeded or ids that never arrived) and duplicates (ids that
arrived more than once). Both receivers run in a process of their own
(`python -m tests.workers.receivers`), on the same machine as the sender and PostgreSQL. Uses
DATABASE_URL's server (or embedded PostgreSQL) and creates its own database `bench_notify`.
"""

import argparse
import asyncio
import base64
import secrets
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.config import get_settings
from app.db import make_engine
from app.models import Organisation
from app.models.base import utcnow
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.services.notifications import delivery, senders
from bench._setup import fresh_database
from tests.workers.receivers import free_port

CONTEXT = {
    "inbox_name": "Billing",
    "priority": "high",
    "category": "accounting",
    "handoff": {
        "reason": "Refund over the agent's limit",
        "steps_taken": "Checked the order",
        "offers_made": "10% voucher",
        "help_needed": "Approve a full refund",
    },
    "contact_name": "Ann Example",
    "link": "http://127.0.0.1:8000/orgs/o/escalations/e",
}


async def seed(maker: Any, emails: int, webhooks: int, hook_url: str) -> list[uuid.UUID]:
    now = utcnow()
    org = Organisation(id=uuid.uuid4(), name="Bench")
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    endpoint = WebhookEndpoint(
        id=uuid.uuid4(), org_id=org.id, url=hook_url, event_types=["*"], secret=secret
    )
    async with maker() as session, session.begin():
        session.add(org)
        await session.flush()
        session.add(endpoint)
    ids = [uuid.uuid4() for _ in range(emails + webhooks)]
    rows = []
    for n, i in enumerate(ids):
        email = n < emails
        order = 2 * n if email else 2 * (n - emails) + 1
        rows.append(
            {
                "id": i,
                "org_id": org.id,
                "event_type": "escalation.created",
                "channel": Channel.email if email else Channel.webhook,
                # One address per email: storm control (10 per 5 min per recipient) stays out.
                "recipient": f"email:agent{n}@bench.test" if email else f"webhook:{endpoint.id}",
                "webhook_id": None if email else endpoint.id,
                "rule": "category",
                "title": f"New escalation in Billing: Ann Example #{n}",
                "body": "Inbox: Billing\nPriority: high · Category: accounting",
                "payload": {"context": CONTEXT} if email else {"type": "x", "data": {"n": n}},
                "status": DeliveryStatus.pending,
                "attempts": 0,
                # Emails and webhooks interleaved by due time, as a real mix would be.
                "next_attempt_at": now - timedelta(microseconds=2 * len(ids) - order),
                "created_at": now,
                "dedupe_key": str(i),
            }
        )
    async with maker() as session, session.begin():
        for start in range(0, len(rows), 2000):
            await session.execute(insert(Notification), rows[start : start + 2000])
    return ids


def instrument() -> dict[str, list[float]]:
    """Time each claim transaction and each result write (statements and COMMIT), by wrapping
    the delivery module's own session scope; claims and writes never overlap in one pass."""
    timings: dict[str, list[float]] = {"claim": [], "record": []}
    kind = ["?"]
    real_session, real_claim, real_record = (
        delivery.worker_session,
        delivery.claim,
        delivery.record,
    )

    async def claim(*args: Any, **kwargs: Any) -> Any:
        kind[0] = "claim"
        return await real_claim(*args, **kwargs)

    async def record(*args: Any, **kwargs: Any) -> Any:
        kind[0] = "record"
        return await real_record(*args, **kwargs)

    @asynccontextmanager
    async def session(*args: Any) -> AsyncIterator[Any]:
        started = time.perf_counter()
        async with real_session(*args) as s:
            yield s
        timings[kind[0]].append(time.perf_counter() - started)

    setattr(delivery, "claim", claim)  # noqa: B010 - replacing module functions on purpose
    setattr(delivery, "record", record)  # noqa: B010
    setattr(delivery, "worker_session", session)  # noqa: B010
    return timings


async def listening(*ports: int) -> None:
    for _ in range(200):
        try:
            for port in ports:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise RuntimeError("the receivers did not start")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--emails", type=int, default=5000)
    parser.add_argument("--webhooks", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=senders.CONCURRENCY)
    parser.add_argument("--batch", type=int, default=delivery.BATCH)
    args = parser.parse_args()

    url = await asyncio.to_thread(fresh_database, "bench_notify")
    engine = make_engine(url)  # the worker's own engine settings
    maker = async_sessionmaker(engine, expire_on_commit=False)
    smtp_port, http_port = free_port(), free_port()
    receivers = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.workers.receivers",
        "--smtp-port",
        str(smtp_port),
        "--http-port",
        str(http_port),
    )
    settings = get_settings()
    settings.smtp_url, settings.webhook_allow_private = f"smtp://127.0.0.1:{smtp_port}", True
    try:
        await listening(smtp_port, http_port)
        ids = await seed(maker, args.emails, args.webhooks, f"http://127.0.0.1:{http_port}/hooks")
        total = len(ids)
        print(
            f"seeded {args.emails} emails + {args.webhooks} webhooks; "
            f"batch {args.batch}, concurrency {args.concurrency}"
        )
        timings = instrument()
        started, cpu_started = time.perf_counter(), time.process_time()
        passes = 0
        async with senders.Senders(concurrency=args.concurrency) as transports:
            while await delivery.deliver_due(maker, transports, limit=args.batch):
                passes += 1
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        async with maker() as session:
            ok = await session.scalar(
                select(func.count()).where(Notification.status == DeliveryStatus.succeeded)
            )
        async with httpx.AsyncClient() as client:
            report = (await client.get(f"http://127.0.0.1:{http_port}/_ids")).json()
    finally:
        receivers.terminate()
        await receivers.wait()
        await engine.dispose()

    emails, hooks = Counter(report["emails"]), Counter(report["webhooks"])
    claims, records = timings["claim"], timings["record"]
    print(
        f"claims: {len(claims)} in {sum(claims):.2f} s ({1000 * sum(claims) / len(claims):.1f} ms "
        f"each); result writes: {len(records)} in {sum(records):.2f} s "
        f"({total / len(records):.1f} results, {1000 * sum(records) / len(records):.1f} ms each, "
        f"one at a time); sender CPU {cpu:.1f} s = {1000 * cpu / total:.2f} ms per delivery"
    )
    arrived = {m.strip("<>").split("@")[0] for m in emails} | set(hooks)
    lost = len({str(i) for i in ids} - arrived) + (total - int(ok or 0))
    duplicates = sum(emails.values()) + sum(hooks.values()) - len(emails) - len(hooks)
    print(
        f"delivered {total} in {elapsed:.2f} s over {passes} passes = "
        f"{total / elapsed:.0f} deliveries/s (emails {sum(emails.values())}, "
        f"webhooks {sum(hooks.values())}); lost: {lost}, duplicates: {duplicates}"
    )


if __name__ == "__main__":
    asyncio.run(main())
