"""Who hears of what, through the real API: the recipient chain of a new escalation, what counts as
reaching someone (current members, active accounts, unmuted channels, enabled webhooks), and the
people each later event is for."""

from datetime import timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Notification, User
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    claim,
    escalate,
    frozen,
    make_desk,
    make_inbox,
    round_now,
)


async def _heard(session: AsyncSession, event_type: str) -> set[tuple[str, str, str]]:
    """(rule, channel, recipient) of every outbox row written for events of this type."""
    rows = await session.scalars(select(Notification).where(Notification.event_type == event_type))
    return {(n.rule, n.channel.value, n.recipient) for n in rows}


def _person(rule: str, user: User, *channels: str) -> set[tuple[str, str, str]]:
    recipient = {"in_app": f"user:{user.id}", "email": f"email:{user.email.lower()}"}
    return {(rule, channel, recipient[channel]) for channel in channels or ("in_app", "email")}


def _rules(heard: set[tuple[str, str, str]]) -> set[str]:
    return {rule for rule, _, _ in heard}


async def _policy(
    client: AsyncClient, desk: Desk, service: list[dict[str, Any]], default: list[dict[str, Any]]
) -> None:
    body = {
        "categories": [
            {"key": "service", "name": "Service", "recipients": service},
            {"key": "other", "name": "Other", "recipients": []},
        ],
        "default_recipients": default,
    }
    r = await client.put(desk.url("/escalation-policy"), json=body, headers=desk.headers["admin"])
    assert r.status_code == 200, r.text


def _member(user: User) -> dict[str, Any]:
    return {"type": "member", "user_id": str(user.id)}


class TestTheChainOfANewEscalation:
    async def test_default_recipients_stand_in_for_an_empty_category(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await _policy(client, desk, [], [{"type": "email", "address": "Desk@Example.com"}])
        await escalate(client, session, desk, inbox, category="service")
        heard = await _heard(session, "escalation.created")
        assert ("default", "email", "email:desk@example.com") in heard
        assert _rules(heard) == {"default", "inbox_owner"}  # no fallback: someone was found

    async def test_a_member_who_left_is_nobody_and_the_chain_goes_on(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await _policy(client, desk, [_member(desk.supervisor)], [])
        r = await client.delete(
            desk.url(f"/members/{desk.supervisor.id}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text
        # They are taken out of the policy as they leave...
        r = await client.get(desk.url("/escalation-policy"), headers=desk.headers["admin"])
        service = next(c for c in r.json()["categories"] if c["key"] == "service")
        assert service["recipients"] == []
        await escalate(client, session, desk, inbox, category="service")
        heard = await _heard(session, "escalation.created")
        assert not any(str(desk.supervisor.id) in recipient for _, _, recipient in heard)
        assert _person("fallback", desk.admin) <= heard

    async def test_deactivated_and_fully_muted_recipients_do_not_count_as_reached(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await _policy(client, desk, [_member(desk.supervisor)], [_member(desk.agent)])
        await session.execute(
            update(User).where(User.__table__.c.id == desk.supervisor.id).values(is_active=False)
        )
        r = await client.put(
            desk.url("/me/notification-preferences"),
            json={"muted_channels": ["email", "in_app"]},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 200, r.text
        # Everyone who would hear mutes everything too; the fallback is not theirs to mute.
        for who in ("admin", "org_owner", "owner", "owner2"):
            r = await client.put(
                desk.url("/me/notification-preferences"),
                json={"muted_channels": ["email", "in_app"]},
                headers=desk.headers[who],
            )
            assert r.status_code == 200, r.text
        await escalate(client, session, desk, inbox, category="service")
        heard = await _heard(session, "escalation.created")
        assert heard == _person("fallback", desk.admin) | _person("fallback", desk.org_owner)

    async def test_a_disabled_webhook_reaches_nobody(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.post(
            desk.url("/webhooks"),
            json={"url": "https://hooks.example.com/in", "event_types": ["escalation.claimed"]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 201, r.text
        hook = r.json()
        await _policy(client, desk, [{"type": "webhook", "webhook_id": hook["id"]}], [])
        r = await client.patch(
            desk.url(f"/webhooks/{hook['id']}"),
            json={"enabled": False},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        await escalate(client, session, desk, inbox, category="service")
        heard = await _heard(session, "escalation.created")
        assert ("category", "webhook", f"webhook:{hook['id']}") not in heard
        assert _person("fallback", desk.admin) <= heard

    async def test_a_private_slack_url_is_refused_when_saved(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: Any
    ) -> None:
        from app.config import get_settings

        monkeypatch.setattr(get_settings(), "webhook_allow_private", False)
        desk = await make_desk(session)
        body = {
            "categories": [
                {
                    "key": "other",
                    "name": "Other",
                    "recipients": [{"type": "slack", "url": "http://169.254.169.254/hook"}],
                }
            ]
        }
        r = await client.put(
            desk.url("/escalation-policy"), json=body, headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "unsafe-webhook-url")


class TestLaterEvents:
    async def test_moved_tells_the_new_inbox_owners(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        billing = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.supervisor.id)])
        escalation = await escalate(client, session, desk, billing)
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/move"),
            json={"inbox_id": legal["id"]},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        # The agent who escalated it follows it (issue 24), so they hear of the move too.
        assert await _heard(session, "escalation.moved") == _person(
            "inbox_owner", desk.supervisor
        ) | _person("follower", desk.agent)

    async def test_de_escalated_tells_the_agent_who_escalated(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate(client, session, desk, inbox)
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/de-escalate"),
            json={"note": "Answered: refund issued."},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        heard = await _heard(session, "escalation.de_escalated")
        assert heard == _person("escalator", desk.agent)
        body = await session.scalar(
            select(Notification.body).where(Notification.event_type == "escalation.de_escalated")
        )
        assert body is not None and "refund issued" in body

    async def test_an_expired_claim_tells_the_former_claimant(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)  # claims last 30 minutes
        await escalate(client, session, desk, inbox)
        start = round_now()
        with frozen(start):
            r = await claim(client, desk, inbox, "owner")
            assert r.status_code == 201 and len(r.json()["items"]) == 1, r.text
        with frozen(start + timedelta(minutes=31)):
            r = await claim(client, desk, inbox, "owner2")
            assert r.status_code == 201 and len(r.json()["items"]) == 1, r.text
        assert await _heard(session, "escalation.claim_expired") == _person("claimant", desk.owner)

    async def test_nobody_left_to_tell_falls_back_even_past_mutes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate(client, session, desk, inbox)
        # The agent who escalated leaves: their de-escalation news has nobody else to go to.
        r = await client.delete(
            desk.url(f"/members/{desk.agent.id}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text
        r = await client.put(
            desk.url("/me/notification-preferences"),
            json={"muted_channels": ["email", "in_app"]},
            headers=desk.headers["org_owner"],
        )
        assert r.status_code == 200, r.text
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/de-escalate"),
            json={},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        heard = await _heard(session, "escalation.de_escalated")
        assert heard == _person("fallback", desk.admin) | _person("fallback", desk.org_owner)
