"""Who hears of an escalation (the outbox rows written with each event) and the in-app feed."""

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Escalation, Notification
from tests.escalation_helpers import HANDOFF, escalate, make_desk, make_inbox
from tests.factories import make_conversation


async def _outbox(session: AsyncSession, event_type: str) -> list[Notification]:
    return list(
        await session.scalars(
            select(Notification)
            .where(Notification.event_type == event_type)
            .order_by(Notification.channel, Notification.recipient)
        )
    )


class TestEscalatedFanOut:
    async def test_inbox_owners_hear_in_app_and_by_email(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate(client, session, desk, inbox)
        rows = await _outbox(session, "escalation.created")
        by_channel = {(n.channel.value, n.user_id) for n in rows}
        for owner in (desk.owner, desk.owner2):
            assert ("in_app", owner.id) in by_channel and ("email", owner.id) in by_channel
        # The category has nobody and there are no default recipients: the chain ends at the
        # admins and owners, whom the inbox owners do not replace.
        assert {(n.rule, n.user_id) for n in rows} == {
            (rule, who.id)
            for rule, people in (
                ("inbox_owner", (desk.owner, desk.owner2)),
                ("fallback", (desk.admin, desk.org_owner)),
            )
            for who in people
        }
        assert all(str(n.escalation_id) == escalation["id"] for n in rows)
        assert {n.status.value for n in rows if n.channel.value == "email"} == {"pending"}

        r = await client.get(desk.url("/notifications"), headers=desk.headers["owner"])
        assert r.status_code == 200, r.text
        feed = r.json()
        assert feed["unread_count"] == 1
        item = feed["items"][0]
        assert item["type"] == "escalation.created" and item["rule"] == "inbox_owner"
        assert HANDOFF["reason"] in item["body"]

    async def test_category_recipients_from_the_policy(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        policy = {
            "categories": [
                {
                    "key": "service",
                    "name": "Service",
                    "recipients": [
                        {"type": "email", "address": "service-desk@example.com"},
                        {"type": "member", "user_id": str(desk.supervisor.id)},
                    ],
                },
                {"key": "other", "name": "Other", "recipients": []},
            ],
            "default_recipients": [],
        }
        r = await client.put(
            desk.url("/escalation-policy"), json=policy, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        await escalate(client, session, desk, inbox, category="service")
        rows = await _outbox(session, "escalation.created")
        category_rows = {(n.channel.value, n.recipient) for n in rows if n.rule == "category"}
        assert ("email", "email:service-desk@example.com") in category_rows
        assert ("in_app", f"user:{desk.supervisor.id}") in category_rows

    async def test_nobody_found_falls_back_to_admins_and_owners(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate(client, session, desk, inbox)
        # The escalator resolves it themselves (as a supervisor would): nobody else to tell.
        await session.execute(
            Escalation.__table__.update()
            .where(Escalation.id == escalation["id"])
            .values(escalated_by=desk.supervisor.id)
        )
        # ... and the agent, who followed it from the start, has stopped following it.
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/unfollow"), headers=desk.headers["agent"]
        )
        assert r.status_code == 204, r.text
        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/resolve"),
            json={},
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 200, r.text
        rows = await _outbox(session, "escalation.resolved")
        assert rows and {n.rule for n in rows} == {"fallback"}
        assert {n.user_id for n in rows} == {desk.admin.id, desk.org_owner.id}


class TestEscalationPolicy:
    async def test_defaults_and_validation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/escalation-policy"), headers=desk.headers["agent"])
        assert [c["key"] for c in r.json()["categories"]] == ["service", "accounting", "other"]
        r = await client.put(
            desk.url("/escalation-policy"),
            json={"categories": [{"key": "service", "name": "Service"}]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 422
        r = await client.put(
            desk.url("/escalation-policy"),
            json={"categories": [{"key": "other", "name": "Other"}]},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 403

    async def test_removing_a_category_moves_its_escalations_to_other(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate(client, session, desk, inbox, category="accounting")
        r = await client.put(
            desk.url("/escalation-policy"),
            json={
                "categories": [{"key": "other", "name": "Other"}, {"key": "legal", "name": "Legal"}]
            },
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}"), headers=desk.headers["admin"]
        )
        assert r.json()["category"] == "other"
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/escalate"),
            json={"inbox_id": inbox["id"], "category": "accounting", "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 422 and r.json()["type"].endswith("/unknown-category")
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/escalate"),
            json={"inbox_id": inbox["id"], "category": "legal", "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text

    async def test_unknown_member_recipient_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.put(
            desk.url("/escalation-policy"),
            json={
                "categories": [
                    {
                        "key": "other",
                        "name": "Other",
                        "recipients": [
                            {"type": "member", "user_id": "00000000-0000-4000-8000-000000000009"}
                        ],
                    }
                ]
            },
            headers=desk.headers["admin"],
        )
        assert r.status_code == 404 and r.json()["type"].endswith("/recipient-not-found")


class TestFeed:
    async def test_read_one_and_all_and_only_mine(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await escalate(client, session, desk, inbox)
        await escalate(client, session, desk, inbox)
        r = await client.get(desk.url("/notifications?unread=true"), headers=desk.headers["owner"])
        items = r.json()["items"]
        assert len(items) == 2
        r = await client.post(
            desk.url(f"/notifications/{items[0]['id']}/read"), headers=desk.headers["owner2"]
        )
        assert r.status_code == 404
        r = await client.post(
            desk.url(f"/notifications/{items[0]['id']}/read"), headers=desk.headers["owner"]
        )
        assert r.status_code == 200 and r.json()["read_at"] is not None
        r = await client.get(desk.url("/notifications"), headers=desk.headers["owner"])
        assert r.json()["unread_count"] == 1
        r = await client.post(desk.url("/notifications/read-all"), headers=desk.headers["owner"])
        assert r.json() == {"marked": 1}

    async def test_the_weekly_digest_is_opted_into_and_kept_by_a_put_that_leaves_it_out(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        url, me = desk.url("/me/notification-preferences"), desk.headers["owner"]
        assert (await client.get(url, headers=me)).json()["weekly_digest"] is False
        body = {"muted_channels": [], "weekly_digest": True}
        r = await client.put(url, json=body, headers=me)
        assert r.status_code == 200 and r.json()["weekly_digest"] is True
        r = await client.put(url, json={"muted_channels": ["in_app"]}, headers=me)
        assert r.json() == {"muted_channels": ["in_app"], "weekly_digest": True}
        assert (await client.get(url, headers=me)).json()["weekly_digest"] is True
        r = await client.put(url, json={"weekly_digest": "often"}, headers=me)
        assert r.status_code == 422

    async def test_muted_email_but_never_the_fallback(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.put(
            desk.url("/me/notification-preferences"),
            json={"muted_channels": ["email"]},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200
        assert r.json() == {"muted_channels": ["email"], "weekly_digest": False}
        await escalate(client, session, desk, inbox)
        rows = await _outbox(session, "escalation.created")
        mine = {n.channel.value for n in rows if n.user_id == desk.owner.id}
        assert mine == {"in_app"}
