"""What an Idempotency-Key costs: escalations created through the generated Python client
(clients/python) with an API key, by 8 concurrent callers, with and without the header.

    PYTHONPATH=clients/python python -m bench.idempotency [--callers 8] [--escalations 1500]
                                                          [--rounds 2]

Each round runs both modes on fresh conversations (one escalation each), alternating which goes
first; the figures are the best round of each (requests/s, and p99 of that round). Every answer
must be 201. After each timed run with the header, every request is sent again with its key
(untimed): each must be a replay (`Idempotent-Replayed: true`) of the same answer, so a doubled
escalation fails the run. Target: the header costs under 20% of the throughput.
Uses DATABASE_URL's server (or embedded PostgreSQL), database `bench_idempotency`.
"""

import argparse
import asyncio
import sys
import time
import uuid
from collections import Counter

import asyncpg
from escalation_inbox_client import AuthenticatedClient
from escalation_inbox_client.api.escalations import escalations_escalate_conversation
from escalation_inbox_client.models import EscalationCreate, Handoff
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db import make_engine
from app.models import Membership, Role, Scope, User
from app.models.base import utcnow
from app.services import api_keys
from bench._load import Result
from bench._setup import asyncpg_dsn, fresh_database, serve_api

SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES ($1, 'Bench') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id)
INSERT INTO contact (id, org_id, name) SELECT gen_random_uuid(), id, 'C' FROM org
"""
CONVERSATIONS = """
INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, needs_response)
SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact LIMIT 1), 'sms', true
FROM generate_series(1, $3) RETURNING id
"""
HANDOFF = Handoff(reason="Refund", steps_taken="Checked the order", help_needed="Approve")


async def seed(url: str, total: int) -> tuple[uuid.UUID, uuid.UUID, str, list[uuid.UUID]]:
    org_id, campaign_id, inbox_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(asyncpg_dsn(url))
    await conn.execute(SEED, org_id, campaign_id)
    await conn.execute(
        "INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)"
        " VALUES ($1, $2, 'Billing', 10, 60)",
        inbox_id,
        org_id,
    )
    conversations = [r["id"] for r in await conn.fetch(CONVERSATIONS, org_id, campaign_id, total)]
    await conn.close()
    engine = make_engine(url)
    async with async_sessionmaker(engine, expire_on_commit=False)() as session:
        admin = User(email="admin@bench.test", hashed_password="x", is_active=True)
        session.add(admin)
        await session.flush()
        actor = Membership(org_id=org_id, user_id=admin.id, role=Role.admin)
        session.add(actor)
        created = await api_keys.create(
            session,
            actor=actor,
            name="bench",
            scopes=[Scope.read, Scope.escalate],
            expires_at=None,
            now=utcnow(),
        )
        await session.commit()
    await engine.dispose()
    return org_id, inbox_id, created.secret, conversations


async def run(
    base: str,
    secret: str,
    org_id: uuid.UUID,
    inbox_id: uuid.UUID,
    conversations: list[uuid.UUID],
    *,
    callers: int,
    keyed: bool,
) -> Result:
    body = EscalationCreate(inbox_id=inbox_id, handoff=HANDOFF)
    queue = list(conversations)
    result = Result(0.0)
    sent_keys: list[tuple[uuid.UUID, str, bytes]] = []

    async def caller() -> None:
        async with AuthenticatedClient(base_url=base, token=secret, timeout=30) as client:
            while queue:
                conversation_id = queue.pop()
                key = str(uuid.uuid4()) if keyed else None
                extra = {"idempotency_key": key} if key else {}
                sent = time.perf_counter()
                answer = await escalations_escalate_conversation.asyncio_detailed(
                    org_id, conversation_id, client=client, body=body, **extra
                )
                result.latencies.append(time.perf_counter() - sent)
                result.statuses[int(answer.status_code)] += 1
                if key:
                    sent_keys.append((conversation_id, key, answer.content))

    async def retries() -> None:  # what a client sends again after losing an answer
        async with AuthenticatedClient(base_url=base, token=secret, timeout=30) as client:
            while sent_keys:
                conversation_id, key, first = sent_keys.pop()
                retry = await escalations_escalate_conversation.asyncio_detailed(
                    org_id, conversation_id, client=client, body=body, idempotency_key=key
                )
                replayed = retry.headers.get("idempotent-replayed") == "true"
                checked["replayed" if replayed and retry.content == first else "DOUBLED"] += 1

    checked: Counter[str] = Counter()
    start = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(callers)))
    result.seconds = time.perf_counter() - start
    await asyncio.gather(*(retries() for _ in range(callers)))
    if checked["DOUBLED"] or set(result.statuses) != {201}:
        raise SystemExit(f"failed: statuses {dict(result.statuses)}, retries {dict(checked)}")
    return result


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--callers", type=int, default=8)
    parser.add_argument("--escalations", type=int, default=1500, help="per mode and round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    url = await asyncio.to_thread(fresh_database, "bench_idempotency")
    total = args.escalations * 2 * args.rounds
    org_id, inbox_id, secret, conversations = await seed(url, total)
    best: dict[bool, Result] = {}
    async with serve_api(url) as port:
        base = f"http://127.0.0.1:{port}"
        for round_ in range(args.rounds):
            for keyed in (False, True) if round_ % 2 == 0 else (True, False):
                batch = [conversations.pop() for _ in range(args.escalations)]
                result = await run(
                    base, secret, org_id, inbox_id, batch, callers=args.callers, keyed=keyed
                )
                label = "with Idempotency-Key" if keyed else "without the header"
                print(f"round {round_ + 1}, {label}: {result.summary()}", flush=True)
                if keyed not in best or result.rate > best[keyed].rate:
                    best[keyed] = result
    plain, keyed_best = best[False], best[True]
    cost = 1 - keyed_best.rate / plain.rate
    print(
        f"\nbest of {args.rounds}: without {plain.rate:.0f} req/s (p99 "
        f"{plain.percentile(99) * 1000:.1f} ms), with {keyed_best.rate:.0f} req/s (p99 "
        f"{keyed_best.percentile(99) * 1000:.1f} ms): the header costs {cost:.1%} of the "
        f"throughput (target < 20%): {'PASS' if cost < 0.20 else 'FAIL'}"
    )
    if cost >= 0.20:
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
