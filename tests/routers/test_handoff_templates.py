"""Hand-off templates (issue 24): admins keep them per inbox and category; the escalate dialog
gets those that fit, filled in for the contact; the hand-off's required fields stay required."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Contact
from tests.escalation_helpers import Desk, assert_problem, make_desk, make_inbox
from tests.factories import make_api_key, make_conversation

TEMPLATES = "/handoff-templates"


async def _template(client: AsyncClient, desk: Desk, **body: Any) -> dict[str, Any]:
    r = await client.post(desk.url(TEMPLATES), json=body, headers=desk.headers["admin"])
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _offered(
    client: AsyncClient, desk: Desk, conversation_id: Any, **params: str
) -> list[dict[str, Any]]:
    r = await client.get(
        desk.url(f"/conversations/{conversation_id}/handoff-templates"),
        params=params,
        headers=desk.headers["agent"],
    )
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


class TestManageTemplates:
    async def test_an_admin_adds_changes_lists_and_deletes_templates(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        made = await _template(
            client,
            desk,
            name="Refund over limit",
            inbox_id=inbox["id"],
            category="billing",
            reason="{{contact.name}} wants a refund above what agents may give",
            help_needed="Approve or refuse the refund",
        )
        assert made["inbox_id"] == inbox["id"] and made["category"] == "billing"
        assert made["steps_taken"] is None
        r = await client.patch(
            desk.url(f"{TEMPLATES}/{made['id']}"),
            json={"steps_taken": "Checked the order"},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert r.json()["steps_taken"] == "Checked the order"
        assert r.json()["reason"] == made["reason"]
        listed = await client.get(desk.url(TEMPLATES), headers=desk.headers["admin"])
        assert [t["id"] for t in listed.json()["items"]] == [made["id"]]
        r = await client.delete(
            desk.url(f"{TEMPLATES}/{made['id']}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204
        listed = await client.get(desk.url(TEMPLATES), headers=desk.headers["admin"])
        assert listed.json()["items"] == []

    async def test_only_admins_manage_templates_and_another_orgs_are_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await _template(client, desk, name="Any", reason="Because")
        for who in ("agent", "owner", "supervisor"):
            r = await client.post(
                desk.url(TEMPLATES), json={"name": "X", "reason": "Y"}, headers=desk.headers[who]
            )
            assert_problem(r, 403)
            assert_problem(await client.get(desk.url(TEMPLATES), headers=desk.headers[who]), 403)
        other = await make_desk(session)
        for r in (
            await client.patch(
                other.url(f"{TEMPLATES}/{made['id']}"),
                json={"name": "Mine"},
                headers=other.headers["admin"],
            ),
            await client.delete(
                other.url(f"{TEMPLATES}/{made['id']}"), headers=other.headers["admin"]
            ),
        ):
            assert_problem(r, 404, "handoff-template-not-found")
        inbox = await make_inbox(client, other, name="Theirs")
        r = await client.post(
            desk.url(TEMPLATES),
            json={"name": "Theirs", "reason": "Y", "inbox_id": inbox["id"]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404)

    async def test_unknown_placeholders_and_empty_templates_are_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        for body, code in (
            ({"name": "Typo", "reason": "Hi {{contact.nmae}}"}, "unknown-placeholder"),
            ({"name": "Other", "help_needed": "{{user.password}}"}, "unknown-placeholder"),
            ({"name": "Empty"}, "empty-handoff-template"),
            ({"name": "Blank", "reason": "  "}, "empty-handoff-template"),
        ):
            r = await client.post(desk.url(TEMPLATES), json=body, headers=desk.headers["admin"])
            assert_problem(r, 422, code)
        r = await client.post(
            desk.url(TEMPLATES),
            json={"name": "Typo", "reason": "Hi {{contact.nmae}}"},
            headers=desk.headers["admin"],
        )
        body = assert_problem(r, 422)
        assert body["field"] == "reason" and body["placeholder"] == "{{contact.nmae}}"
        for bad in ({"name": ""}, {"name": "x", "reason": "a\x00b"}, {"name": "x", "extra": 1}):
            r = await client.post(desk.url(TEMPLATES), json=bad, headers=desk.headers["admin"])
            assert_problem(r, 422)


class TestSuggestions:
    async def test_the_fitting_templates_come_filled_in_for_the_contact_most_specific_first(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        billing = await make_inbox(client, desk)
        service = await make_inbox(client, desk, name="Service")
        await _template(client, desk, name="Anywhere", reason="Any {{ contact.name }}")
        await _template(
            client,
            desk,
            name="Billing refunds",
            inbox_id=billing["id"],
            category="refund",
            reason="{{contact.name}} (plan {{contact.attributes.plan}}) wants money back",
            steps_taken="{{contact.attributes.orders}} orders; VIP: {{contact.attributes.vip}}",
            help_needed="Call {{contact.phone}}{{contact.attributes.missing}}",
        )
        await _template(client, desk, name="Billing", inbox_id=billing["id"], reason="B")
        await _template(client, desk, name="Service only", inbox_id=service["id"], reason="S")
        await _template(client, desk, name="Refunds", category="refund", reason="R")
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        contact = await session.get(Contact, conversation.contact_id)
        assert contact is not None
        contact.name = "Grace Hopper"
        contact.phone = "+44 20 7946 0000"
        contact.attributes = {"plan": "Gold", "orders": 3, "vip": True}
        await session.flush()

        got = await _offered(
            client, desk, conversation.id, inbox_id=billing["id"], category="refund"
        )
        assert [t["name"] for t in got] == ["Billing refunds", "Billing", "Refunds", "Anywhere"]
        assert got[0]["handoff"] == {
            "reason": "Grace Hopper (plan Gold) wants money back",
            "steps_taken": "3 orders; VIP: true",
            "offers_made": None,
            "help_needed": "Call +44 20 7946 0000",
        }
        assert got[-1]["handoff"]["reason"] == "Any Grace Hopper"
        anywhere = await _offered(client, desk, conversation.id)
        assert [t["name"] for t in anywhere] == ["Anywhere"]

    async def test_only_whoever_sees_the_conversation_gets_them(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await _template(client, desk, name="Anywhere", reason="Any")
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        other = await make_desk(session)
        r = await client.get(
            other.url(f"/conversations/{conversation.id}/handoff-templates"),
            headers=other.headers["admin"],
        )
        assert_problem(r, 404)
        _, headers = await make_api_key(session, desk.org, ["read"])
        r = await client.get(
            desk.url(f"/conversations/{conversation.id}/handoff-templates"), headers=headers
        )
        assert r.status_code == 200, r.text

    async def test_a_template_leaving_a_required_field_empty_does_not_make_it_optional(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await _template(client, desk, name="Reason only", reason="{{contact.name}} is upset")
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        [offer] = await _offered(client, desk, conversation.id, inbox_id=inbox["id"])
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/escalate"),
            json={"inbox_id": inbox["id"], "handoff": offer["handoff"]},
            headers=desk.headers["agent"],
        )
        body = assert_problem(r, 422)
        assert {tuple(e["loc"][-1:]) for e in body["errors"]} >= {
            ("steps_taken",),
            ("help_needed",),
        }
