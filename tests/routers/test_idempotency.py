"""Idempotency-Key on POSTs: replay, a different body, a concurrent repeat, expiry."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.deps import _now
from app.idempotency import IdempotentRoute
from app.main import app
from app.models import Conversation, EscalationEvent, IdempotencyRecord
from app.models.base import utcnow
from app.routers import (
    api_keys,
    approvals,
    availability,
    campaigns,
    conversations,
    deliveries,
    escalation_policy,
    escalations,
    inboxes,
    notifications,
    organisations,
    rules,
    sla,
    stats,
    webhooks,
)
from app.services.idempotency import lock_id
from app.workers import idempotency as idempotency_jobs
from tests.escalation_helpers import HANDOFF, make_desk, make_inbox
from tests.factories import assert_problem, make_api_key, make_conversation

NOW = utcnow().replace(microsecond=0)


@pytest.fixture
def clock() -> Iterator[list[Any]]:
    at = [NOW]
    app.dependency_overrides[_now] = lambda: at[0]
    yield at
    app.dependency_overrides.pop(_now, None)


def _conversation(desk: Any, text: str = "Where is my parcel?") -> dict[str, Any]:
    return {
        "campaign_id": str(desk.campaign.id),
        "contact": {"name": "Ann"},
        "message": {"body": text},
    }


async def _count(session: AsyncSession, org_id: Any) -> int:
    stmt = select(func.count()).select_from(Conversation).where(Conversation.org_id == org_id)
    return int(await session.scalar(stmt) or 0)


class TestReplay:
    async def test_same_key_same_body_answers_the_stored_response_without_acting(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        headers = {**desk.headers["supervisor"], "Idempotency-Key": '"conv-1"'}
        first = await client.post(
            desk.url("/conversations"), json=_conversation(desk), headers=headers
        )
        assert first.status_code == 201, first.text
        assert "idempotent-replayed" not in first.headers
        again = await client.post(
            desk.url("/conversations"), json=_conversation(desk), headers=headers
        )
        assert again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert again.headers["content-type"] == "application/json"
        assert await _count(session, desk.org.id) == 1

    async def test_retried_escalation_is_not_doubled(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign)
        key, headers = await make_api_key(session, desk.org, ["escalate"])
        body = {"inbox_id": inbox["id"], "handoff": HANDOFF}
        url = desk.url(f"/conversations/{conv.id}/escalate")
        sent = {**headers, "Idempotency-Key": "esc-1"}
        first = await client.post(url, json=body, headers=sent)
        assert first.status_code == 201, first.text
        retry = await client.post(url, json=body, headers=sent)
        assert (retry.status_code, retry.json()) == (201, first.json())
        # Without the key, a second escalation of the same conversation is the usual conflict.
        assert_problem(await client.post(url, json=body, headers=headers), 409, "already-escalated")
        events = await session.scalar(
            select(func.count()).where(
                EscalationEvent.escalation_id == first.json()["escalation"]["id"]
            )
        )
        assert events == 1
        record = await session.scalar(select(IdempotencyRecord))
        assert record is not None and record.caller_id == key.id

    async def test_keys_are_scoped_per_caller(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        for who in ("supervisor", "admin"):
            r = await client.post(
                desk.url("/conversations"),
                json=_conversation(desk),
                headers={**desk.headers[who], "Idempotency-Key": "same"},
            )
            assert r.status_code == 201 and "idempotent-replayed" not in r.headers
        assert await _count(session, desk.org.id) == 2

    async def test_an_error_is_not_stored_and_the_retry_runs(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        headers = {**desk.headers["supervisor"], "Idempotency-Key": "k"}
        bad = {**_conversation(desk), "campaign_id": str(desk.org.id)}
        assert_problem(
            await client.post(desk.url("/conversations"), json=bad, headers=headers), 404
        )
        assert await session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 0


class TestDifferentBody:
    async def test_same_key_with_another_body_is_422(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        headers = {**desk.headers["supervisor"], "Idempotency-Key": "k"}
        r = await client.post(desk.url("/conversations"), json=_conversation(desk), headers=headers)
        assert r.status_code == 201
        r = await client.post(
            desk.url("/conversations"), json=_conversation(desk, "other"), headers=headers
        )
        assert_problem(r, 422, "idempotency-key-reused")
        assert await _count(session, desk.org.id) == 1

    async def test_same_key_on_another_endpoint_is_422(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        headers = {**desk.headers["admin"], "Idempotency-Key": "k"}
        r = await client.post(desk.url("/conversations"), json=_conversation(desk), headers=headers)
        assert r.status_code == 201
        r = await client.post(desk.url("/campaigns"), json={"name": "New"}, headers=headers)
        assert_problem(r, 422, "idempotency-key-reused")


class TestConcurrentRepeat:
    async def test_a_repeat_while_the_first_is_running_is_409(
        self, client: AsyncClient, session: AsyncSession, engine: AsyncEngine, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        await session.commit()  # the users must be visible to the other connection's FK checks
        caller = desk.supervisor.id
        headers = {**desk.headers["supervisor"], "Idempotency-Key": "busy"}
        # Another transaction is in the middle of the first request: it holds the key's lock.
        async with engine.connect() as first, first.begin():
            await first.execute(select(func.pg_advisory_xact_lock(lock_id(caller, "busy"))))
            r = await client.post(
                desk.url("/conversations"), json=_conversation(desk), headers=headers
            )
            assert_problem(r, 409, "idempotency-request-in-progress")
        assert await _count(session, desk.org.id) == 0
        # Once it is done, the retry goes through.
        r = await client.post(desk.url("/conversations"), json=_conversation(desk), headers=headers)
        assert r.status_code == 201, r.text


class TestExpiry:
    async def test_answers_are_kept_24_hours_then_the_key_is_new(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        headers = {**desk.headers["supervisor"], "Idempotency-Key": "k"}
        r = await client.post(desk.url("/conversations"), json=_conversation(desk), headers=headers)
        assert r.status_code == 201
        clock[0] = NOW + timedelta(hours=24) - timedelta(seconds=1)
        r = await client.post(desk.url("/conversations"), json=_conversation(desk), headers=headers)
        assert r.headers.get("idempotent-replayed") == "true"
        clock[0] = NOW + timedelta(hours=24)
        r = await client.post(desk.url("/conversations"), json=_conversation(desk), headers=headers)
        assert r.status_code == 201 and "idempotent-replayed" not in r.headers
        assert await _count(session, desk.org.id) == 2

    async def test_purge_job_drops_expired_answers(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: list[Any],
    ) -> None:
        desk = await make_desk(session)
        for key in ("a", "b"):
            r = await client.post(
                desk.url("/conversations"),
                json=_conversation(desk),
                headers={**desk.headers["supervisor"], "Idempotency-Key": key},
            )
            assert r.status_code == 201
        ctx = {"sessionmaker": sessionmaker, "now": lambda: NOW + timedelta(hours=23)}
        assert await idempotency_jobs.purge(ctx) == 0
        ctx["now"] = lambda: NOW + timedelta(hours=24)
        assert await idempotency_jobs.purge(ctx) == 2


class TestHeader:
    async def test_an_empty_key_is_400(
        self, client: AsyncClient, session: AsyncSession, clock: list[Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/conversations"),
            json=_conversation(desk),
            headers={**desk.headers["supervisor"], "Idempotency-Key": '""'},
        )
        assert_problem(r, 400, "invalid-idempotency-key")

    def test_every_post_route_takes_the_header(self) -> None:
        modules = (
            api_keys, approvals, availability, campaigns, conversations, deliveries,
            escalation_policy, escalations, inboxes, notifications, organisations, rules, sla,
            stats, webhooks,
        )  # fmt: skip
        posts = [
            r
            for m in modules
            for r in m.router.routes
            if isinstance(r, APIRoute) and "POST" in r.methods
        ]
        assert posts and all(isinstance(r, IdempotentRoute) for r in posts)
        document = app.openapi()["paths"]
        for path, item in document.items():
            if "post" in item and item["post"].get("security"):
                # Two-factor answers carry secrets that must never be stored for a replay.
                if path.endswith("/auth/jwt/logout") or "/two-factor" in path:
                    continue
                names = [p["name"] for p in item["post"].get("parameters", [])]
                assert "Idempotency-Key" in names, path
