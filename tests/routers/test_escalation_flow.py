"""End-to-end journeys through the escalation API, each step as a user would take it."""

from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import (
    HANDOFF,
    assert_problem,
    claim,
    event_types,
    frozen,
    make_desk,
    make_inbox,
    round_now,
)
from tests.factories import make_conversation


class TestEscalationFlow:
    async def test_escalate_claim_answer_resolve(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        nxt = await make_conversation(session, desk.campaign, assignee=desk.agent)

        # The agent hands off and moves straight on to their next conversation.
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={"inbox_id": inbox["id"], "priority": "high", "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text
        esc = r.json()["escalation"]
        assert r.json()["next_conversation"]["id"] == str(nxt.id)
        r = await client.get(desk.url("/queue"), headers=desk.headers["agent"])
        assert [c["id"] for c in r.json()["items"]] == [str(nxt.id)]

        # The owner sees it waiting, claims it, answers and resolves it.
        r = await client.get(desk.url("/inboxes"), headers=desk.headers["owner"])
        assert r.json()["items"][0]["counts"]["unclaimed"] == 1
        r = await claim(client, desk, inbox, "owner")
        assert [e["id"] for e in r.json()["items"]] == [esc["id"]]
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/messages"),
            json={"body": "I have approved your refund.", "direction": "outbound"},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 201, r.text
        r = await client.post(
            desk.url(f"/escalations/{esc['id']}/resolve"),
            json={"note": "refunded in full"},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200 and r.json()["status"] == "resolved", r.text

        assert await event_types(client, desk, esc["id"]) == [
            "escalation.created",
            "escalation.claimed",
            "escalation.first_response",
            "escalation.resolved",
        ]
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["owner"])
        assert r.json()["counts"] == {"total": 0, "needs_response": 0, "unclaimed": 0, "claimed": 0}

    async def test_wrong_inbox_moved_then_sent_back_and_escalated_again(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        billing = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        legal = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner2.id)])
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={"inbox_id": billing["id"], "priority": "normal", "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        esc = r.json()["escalation"]
        await claim(client, desk, billing, "owner")

        # Billing passes it to Legal; it drops out of Billing's owner's sight.
        r = await client.post(
            desk.url(f"/escalations/{esc['id']}/move"),
            json={"inbox_id": legal["id"], "note": "contract question"},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        r = await client.get(desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["owner"])
        assert_problem(r, 404)

        # Legal sends it back to the campaign: unassigned, not escalated, seen by supervisors.
        r = await client.post(
            desk.url(f"/escalations/{esc['id']}/de-escalate"),
            json={"note": "no legal issue"},
            headers=desk.headers["owner2"],
        )
        assert r.status_code == 200 and r.json()["status"] == "de_escalated", r.text
        r = await client.get(
            desk.url(f"/conversations?campaign_id={desk.campaign.id}&escalated=false"),
            headers=desk.headers["supervisor"],
        )
        (back,) = [c for c in r.json()["items"] if c["id"] == str(conv.id)]
        assert back["assignee_id"] is None and back["escalation"] is None

        # A supervisor escalates it afresh; the old record keeps its own trail.
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={"inbox_id": billing["id"], "priority": "urgent", "handoff": HANDOFF},
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 201, r.text
        assert r.json()["escalation"]["id"] != esc["id"]
        assert await event_types(client, desk, esc["id"]) == [
            "escalation.created",
            "escalation.claimed",
            "escalation.moved",
            "escalation.de_escalated",
        ]

    async def test_a_forgotten_claim_goes_to_a_colleague(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=15)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        t0 = round_now()
        with frozen(t0):
            r = await client.post(
                desk.url(f"/conversations/{conv.id}/escalate"),
                json={"inbox_id": inbox["id"], "priority": "normal", "handoff": HANDOFF},
                headers=desk.headers["agent"],
            )
            esc = r.json()["escalation"]
            await claim(client, desk, inbox, "owner")
        with frozen(t0 + timedelta(minutes=16)):
            r = await client.get(desk.url("/me/escalations"), headers=desk.headers["owner2"])
            (entry,) = r.json()["inboxes"]
            assert [e["id"] for g in entry["groups"] for e in g["items"]] == [esc["id"]]
            r = await claim(client, desk, inbox, "owner2")
            assert [e["id"] for e in r.json()["items"]] == [esc["id"]]
            r = await client.post(
                desk.url(f"/escalations/{esc['id']}/release"), headers=desk.headers["owner"]
            )
            assert_problem(r, 409, "not-claimed-by-you")
        assert await event_types(client, desk, esc["id"]) == [
            "escalation.created",
            "escalation.claimed",
            "escalation.claim_expired",
            "escalation.claimed",
        ]
