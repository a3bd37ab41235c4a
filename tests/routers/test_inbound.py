"""POST /inbound/conversations: a helpdesk mirrors its conversations by its own ids."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Conversation, Escalation, Message
from tests.escalation_helpers import HANDOFF, Desk, make_desk, make_inbox
from tests.factories import assert_problem, make_api_key, make_campaign, make_org


def _upsert(desk: Desk, external_id: str = "zd-1", **over: Any) -> dict[str, Any]:
    return {
        "channel": "email",
        "external_id": external_id,
        "campaign_id": str(desk.campaign.id),
        "contact": {"name": "Ann", "email": "ann@example.com"},
        "messages": [{"external_id": "m1", "body": "My parcel is late"}],
        **over,
    }


async def _messages(session: AsyncSession, conversation_id: str) -> list[tuple[str, str]]:
    rows = await session.execute(
        select(Message.external_id, Message.body)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.created_at, Message.id)
    )
    return [(e or "", b) for e, b in rows.tuples()]


class TestUpsertInbound:
    async def test_first_delivery_creates_and_later_ones_append_only_new_messages(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        _, key = await make_api_key(session, desk.org, ["conversations", "read"])
        r = await client.post(desk.url("/inbound/conversations"), json=_upsert(desk), headers=key)
        assert r.status_code == 200, r.text
        first = r.json()
        assert first["created"] is True
        conv = first["conversation"]
        assert conv["external_id"] == "zd-1" and conv["channel"] == "email"
        assert conv["needs_response"] is True
        assert [m["external_id"] for m in first["messages_added"]] == ["m1"]

        again = _upsert(
            desk,
            campaign_id=None,
            contact=None,
            messages=[
                {"external_id": "m1", "body": "My parcel is late"},
                {"external_id": "m2", "direction": "outbound", "body": "On its way"},
                {"external_id": "m3", "body": "Thanks"},
                {"external_id": "m3", "body": "Thanks"},
            ],
        )
        r = await client.post(desk.url("/inbound/conversations"), json=again, headers=key)
        assert r.status_code == 200, r.text
        assert r.json()["created"] is False
        assert r.json()["conversation"]["id"] == conv["id"]
        assert [m["external_id"] for m in r.json()["messages_added"]] == ["m2", "m3"]
        assert await _messages(session, conv["id"]) == [
            ("m1", "My parcel is late"),
            ("m2", "On its way"),
            ("m3", "Thanks"),
        ]

    async def test_external_id_is_unique_per_organisation_and_channel(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        other = await make_org(session)
        other_campaign = await make_campaign(session, other)
        _, key = await make_api_key(session, desk.org, ["conversations"])
        _, other_key = await make_api_key(session, other, ["conversations"])
        url = desk.url("/inbound/conversations")
        ids = set()
        for channel in ("email", "chat", "email"):
            r = await client.post(url, json=_upsert(desk, channel=channel), headers=key)
            assert r.status_code == 200, r.text
            ids.add(r.json()["conversation"]["id"])
        r = await client.post(
            f"/api/v1/orgs/{other.id}/inbound/conversations",
            json=_upsert(desk, campaign_id=str(other_campaign.id)),
            headers=other_key,
        )
        assert r.status_code == 200 and r.json()["created"] is True
        ids.add(r.json()["conversation"]["id"])
        assert len(ids) == 3
        count = await session.scalar(select(func.count()).where(Conversation.external_id == "zd-1"))
        assert count == 3

    async def test_an_unknown_conversation_needs_a_campaign_and_contact(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inbound/conversations"),
            json=_upsert(desk, campaign_id=None),
            headers=desk.headers["supervisor"],
        )
        assert_problem(r, 422, "unknown-external-conversation")

    async def test_another_organisations_campaign_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        other = await make_campaign(session, await make_org(session))
        r = await client.post(
            desk.url("/inbound/conversations"),
            json=_upsert(desk, campaign_id=str(other.id)),
            headers=desk.headers["supervisor"],
        )
        assert_problem(r, 404)

    async def test_an_agent_cannot_append_to_a_conversation_they_do_not_see(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        url = desk.url("/inbound/conversations")
        r = await client.post(url, json=_upsert(desk), headers=desk.headers["supervisor"])
        assert r.status_code == 200
        r = await client.post(url, json=_upsert(desk), headers=desk.headers["agent"])
        assert_problem(r, 404, "conversation-not-found")


class TestInboundFeedsTheClock:
    async def test_a_mirrored_reply_is_the_escalations_first_response(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        _, key = await make_api_key(session, desk.org, ["conversations", "escalate"])
        url = desk.url("/inbound/conversations")
        r = await client.post(url, json=_upsert(desk), headers=key)
        conv = r.json()["conversation"]
        r = await client.post(
            desk.url(f"/conversations/{conv['id']}/escalate"),
            json={"inbox_id": inbox["id"], "handoff": HANDOFF},
            headers=key,
        )
        assert r.status_code == 201, r.text
        esc_id = r.json()["escalation"]["id"]
        assert (await session.get(Escalation, esc_id)).first_responded_at is None  # type: ignore[union-attr]
        reply = [{"external_id": "m2", "direction": "outbound", "body": "Refunded"}]
        r = await client.post(
            url, json=_upsert(desk, campaign_id=None, contact=None, messages=reply), headers=key
        )
        assert r.status_code == 200, r.text
        assert r.json()["conversation"]["needs_response"] is False
        session.expunge_all()
        escalation = await session.get(Escalation, esc_id)
        assert escalation is not None and escalation.first_responded_at is not None
