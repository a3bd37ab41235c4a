"""Presence on an escalation (issue 24): heartbeats in Redis with a TTL, the list, visibility."""

from datetime import timedelta
from typing import Any

from arq import ArqRedis
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import get_redis
from app.main import app
from app.redis_client import redis_client
from app.services.presence import TTL_SECONDS
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    escalate,
    frozen,
    make_desk,
    make_inbox,
    round_now,
    ts,
)
from tests.factories import make_api_key


async def _escalation(client: AsyncClient, session: AsyncSession) -> tuple[Desk, dict[str, Any]]:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk)  # owned by owner and owner2
    return desk, await escalate(client, session, desk, inbox)


def _url(desk: Desk, escalation: dict[str, Any]) -> str:
    return desk.url(f"/escalations/{escalation['id']}/presence")


async def _beat(
    client: AsyncClient, desk: Desk, escalation: dict[str, Any], who: str, state: str = "viewing"
) -> Response:
    return await client.put(
        _url(desk, escalation), json={"state": state}, headers=desk.headers[who]
    )


async def _present(
    client: AsyncClient, desk: Desk, escalation: dict[str, Any], who: str = "supervisor"
) -> list[dict[str, Any]]:
    r = await client.get(_url(desk, escalation), headers=desk.headers[who])
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


class TestSetPresence:
    async def test_a_beat_lists_the_member_with_state_since_and_expiry(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        now = round_now()
        with frozen(now):
            r = await _beat(client, desk, escalation, "owner")
        assert r.status_code == 200, r.text
        [me] = r.json()["items"]
        assert me["user_id"] == str(desk.owner.id) and me["email"] == desk.owner.email
        assert me["state"] == "viewing" and ts(me["since"]) == now
        assert ts(me["expires_at"]) == now + timedelta(seconds=TTL_SECONDS)
        assert await _present(client, desk, escalation) == [me]

    async def test_beating_again_keeps_since_and_a_new_state_restarts_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        now = round_now()
        with frozen(now):
            await _beat(client, desk, escalation, "owner")
        with frozen(now + timedelta(seconds=10)):
            [me] = (await _beat(client, desk, escalation, "owner")).json()["items"]
        assert ts(me["since"]) == now
        assert ts(me["expires_at"]) == now + timedelta(seconds=10 + TTL_SECONDS)
        with frozen(now + timedelta(seconds=12)):
            [me] = (await _beat(client, desk, escalation, "owner", "composing")).json()["items"]
            assert me["state"] == "composing" and ts(me["since"]) == now + timedelta(seconds=12)
        with frozen(now + timedelta(seconds=13)):  # later: listed after, longest here first
            await _beat(client, desk, escalation, "owner2")
            present = await _present(client, desk, escalation)
        assert [(p["user_id"], p["state"]) for p in present] == [
            (str(desk.owner.id), "composing"),
            (str(desk.owner2.id), "viewing"),
        ]

    async def test_a_presence_lapses_after_its_ttl_and_nothing_outlives_it_in_redis(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        desk, escalation = await _escalation(client, session)
        now = round_now()
        with frozen(now):
            await _beat(client, desk, escalation, "owner")
        with frozen(now + timedelta(seconds=TTL_SECONDS - 1)):
            await _beat(client, desk, escalation, "owner2")
        keys = sorted(k.decode() for k in await redis.keys("presence:*"))
        assert keys == sorted(
            [
                f"presence:{escalation['id']}",
                f"presence:{escalation['id']}:{desk.owner.id}",
                f"presence:{escalation['id']}:{desk.owner2.id}",
            ]
        )
        for key in keys:  # Redis forgets it all by itself: a closed tab leaves nothing
            assert 0 < await redis.ttl(key) <= TTL_SECONDS
        with frozen(now + timedelta(seconds=TTL_SECONDS + 1)):
            present = await _present(client, desk, escalation)
        assert [p["user_id"] for p in present] == [str(desk.owner2.id)]

    async def test_leaving_removes_the_member_at_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        await _beat(client, desk, escalation, "owner")
        r = await client.delete(_url(desk, escalation), headers=desk.headers["owner"])
        assert r.status_code == 204, r.text
        assert await _present(client, desk, escalation) == []
        again = await client.delete(_url(desk, escalation), headers=desk.headers["owner"])
        assert again.status_code == 204

    async def test_an_unknown_state_is_a_422_problem(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        for body in ({"state": "editing"}, {}, {"state": "viewing", "extra": 1}):
            r = await client.put(_url(desk, escalation), json=body, headers=desk.headers["owner"])
            assert_problem(r, 422)


class TestPresenceVisibility:
    async def test_visibility_is_the_escalations(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        await _beat(client, desk, escalation, "owner")
        # The agent who escalated no longer sees it; another organisation never did.
        other = await make_desk(session)
        for headers in (desk.headers["agent"], other.headers["supervisor"]):
            url = _url(desk, escalation)
            for r in (
                await client.put(url, json={"state": "viewing"}, headers=headers),
                await client.get(url, headers=headers),
                await client.delete(url, headers=headers),
            ):
                assert_problem(r, 404)
        r = await client.get(
            other.url(f"/escalations/{escalation['id']}/presence"),
            headers=other.headers["supervisor"],
        )
        assert_problem(r, 404)
        assert [p["user_id"] for p in await _present(client, desk, escalation)] == [
            str(desk.owner.id)
        ]

    async def test_api_keys_cannot_be_present(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        _, headers = await make_api_key(session, desk.org)
        url = _url(desk, escalation)
        for r in (
            await client.put(url, json={"state": "viewing"}, headers=headers),
            await client.get(url, headers=headers),
            await client.delete(url, headers=headers),
        ):
            assert_problem(r, 403, "missing-scope")


class TestRedisAway:
    async def test_a_silent_redis_is_a_503_problem_not_a_500(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        dead = redis_client("redis://127.0.0.1:1/0", timeout=0.5)  # nothing listens there
        app.dependency_overrides[get_redis] = lambda: dead
        try:
            url = _url(desk, escalation)
            headers = desk.headers["owner"]
            for r in (
                await client.put(url, json={"state": "viewing"}, headers=headers),
                await client.get(url, headers=headers),
                await client.delete(url, headers=headers),
            ):
                body = assert_problem(r, 503, "presence-unavailable")
                assert r.headers["retry-after"] == "10" and body["detail"]
        finally:
            app.dependency_overrides.pop(get_redis, None)
            await dead.aclose()
