"""Following an escalation (issue 24): who follows, and what followers hear of."""

from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Notification
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    claim,
    escalate,
    make_desk,
    make_inbox,
)


async def _escalation(client: AsyncClient, session: AsyncSession) -> tuple[Desk, dict[str, Any]]:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk)  # owned by owner and owner2
    return desk, await escalate(client, session, desk, inbox)


async def _followers(client: AsyncClient, desk: Desk, escalation: dict[str, Any]) -> list[Any]:
    r = await client.get(
        desk.url(f"/escalations/{escalation['id']}/followers"), headers=desk.headers["supervisor"]
    )
    assert r.status_code == 200, r.text
    items: list[Any] = r.json()["items"]
    return items


async def _post(
    client: AsyncClient, desk: Desk, escalation: dict[str, Any], action: str, who: str
) -> Response:
    return await client.post(
        desk.url(f"/escalations/{escalation['id']}/{action}"), headers=desk.headers[who]
    )


async def _followers_told(session: AsyncSession, event_type: str) -> set[tuple[Any, str]]:
    rows = await session.scalars(
        select(Notification).where(
            Notification.event_type == event_type, Notification.rule == "follower"
        )
    )
    return {(n.user_id, n.channel.value) for n in rows}


class TestFollowing:
    async def test_the_agent_who_escalated_follows_by_default(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        [agent] = await _followers(client, desk, escalation)
        assert agent["user_id"] == str(desk.agent.id)
        assert agent["email"] == desk.agent.email and agent["source"] == "escalated"

    async def test_follow_and_unfollow(self, client: AsyncClient, session: AsyncSession) -> None:
        desk, escalation = await _escalation(client, session)
        r = await _post(client, desk, escalation, "follow", "owner2")
        assert r.status_code == 200, r.text
        assert r.json()["user_id"] == str(desk.owner2.id) and r.json()["source"] == "followed"
        again = await _post(client, desk, escalation, "follow", "owner2")
        assert again.status_code == 200 and again.json() == r.json()
        ids = [f["user_id"] for f in await _followers(client, desk, escalation)]
        assert ids == [str(desk.agent.id), str(desk.owner2.id)]
        assert (await _post(client, desk, escalation, "unfollow", "owner2")).status_code == 204
        assert (await _post(client, desk, escalation, "unfollow", "owner2")).status_code == 204
        ids = [f["user_id"] for f in await _followers(client, desk, escalation)]
        assert ids == [str(desk.agent.id)]

    async def test_visibility_is_the_escalations(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        other = await make_desk(session)
        for action in ("follow", "unfollow"):
            assert_problem(await _post(client, other, escalation, action, "admin"), 404)
        r = await client.get(
            other.url(f"/escalations/{escalation['id']}/followers"), headers=other.headers["admin"]
        )
        assert_problem(r, 404, "escalation-not-found")
        # The agent no longer sees it: they cannot list or follow it, but they may stop
        # following what they escalated (and then, not following, they get a 404 too).
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}/followers"), headers=desk.headers["agent"]
        )
        assert_problem(r, 404)
        assert (await _post(client, desk, escalation, "unfollow", "agent")).status_code == 204
        assert_problem(await _post(client, desk, escalation, "unfollow", "agent"), 404)
        assert_problem(await _post(client, desk, escalation, "follow", "agent"), 404)
        assert await _followers(client, desk, escalation) == []


class TestFollowersHear:
    async def test_of_claim_note_move_and_resolution_but_not_their_own_doing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        assert (await _post(client, desk, escalation, "follow", "owner2")).status_code == 200
        assert (await claim(client, desk, {"id": escalation["inbox_id"]}, "owner")).is_success
        both = {(desk.agent.id, "in_app"), (desk.agent.id, "email")}
        both |= {(desk.owner2.id, "in_app"), (desk.owner2.id, "email")}
        assert await _followers_told(session, "escalation.claimed") == both
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/notes"),
            json={"body": "Called the warehouse"},
            headers=desk.headers["owner2"],
        )
        assert r.status_code == 201, r.text
        # owner2 wrote it: only the agent hears of it.
        agent_only = {(desk.agent.id, "in_app"), (desk.agent.id, "email")}
        assert await _followers_told(session, "escalation.note_added") == agent_only
        legal = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.supervisor.id)])
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/move"),
            json={"inbox_id": legal["id"]},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        assert await _followers_told(session, "escalation.moved") == both
        r = await _post(client, desk, escalation, "resolve", "supervisor")
        assert r.status_code == 200, r.text
        # The agent hears of the close as its escalator; owner2 as a follower.
        resolved = await session.scalars(
            select(Notification).where(Notification.event_type == "escalation.resolved")
        )
        assert {(n.user_id, n.rule) for n in resolved} == {
            (desk.agent.id, "escalator"),
            (desk.owner2.id, "follower"),
        }

    async def test_de_escalation_reaches_the_followers(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        assert (await _post(client, desk, escalation, "follow", "supervisor")).status_code == 200
        r = await _post(client, desk, escalation, "de-escalate", "owner")
        assert r.status_code == 200, r.text
        assert (desk.supervisor.id, "in_app") in await _followers_told(
            session, "escalation.de_escalated"
        )

    async def test_preferences_apply_and_unfollowing_stops_them(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        r = await client.put(
            desk.url("/me/notification-preferences"),
            json={"muted_channels": ["in_app"]},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 200, r.text
        assert (await claim(client, desk, {"id": escalation["inbox_id"]}, "owner")).is_success
        assert await _followers_told(session, "escalation.claimed") == {(desk.agent.id, "email")}
        assert (await _post(client, desk, escalation, "unfollow", "agent")).status_code == 204
        assert (await _post(client, desk, escalation, "resolve", "owner")).status_code == 200
        resolved = await session.scalars(
            select(Notification).where(Notification.event_type == "escalation.resolved")
        )
        # Nobody follows any more: the close falls back to the admins and owners, as always.
        assert {n.rule for n in resolved} == {"fallback"}
        assert desk.agent.id not in {n.user_id for n in resolved}
