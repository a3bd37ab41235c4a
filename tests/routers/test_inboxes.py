"""Escalation inboxes over HTTP: create, list with counts, edit, delete, bad input."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Role
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    claim,
    escalate,
    events,
    frozen,
    make_desk,
    make_inbox,
    round_now,
)
from tests.factories import make_conversation, make_member


def _body(desk: Desk, **over: Any) -> dict[str, Any]:
    return {
        "name": "Billing",
        "owner_ids": [str(desk.owner.id)],
        "batch_size": 5,
        "assignment_duration_minutes": 30,
        **over,
    }


async def _inbox_ids(client: AsyncClient, desk: Desk, who: str = "agent") -> list[str]:
    r = await client.get(desk.url("/inboxes"), headers=desk.headers[who])
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["items"]]


class TestCreateInbox:
    @pytest.mark.parametrize("who", ["admin", "org_owner"])
    async def test_admins_and_owners_create(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        body = _body(
            desk,
            description="Refunds and invoices",
            owner_ids=[str(desk.owner.id), str(desk.supervisor.id)],
            default_priority="high",
        )
        r = await client.post(desk.url("/inboxes"), json=body, headers=desk.headers[who])
        assert r.status_code == 201, r.text
        inbox = r.json()
        assert inbox["name"] == "Billing"
        assert inbox["description"] == "Refunds and invoices"
        assert sorted(inbox["owner_ids"]) == sorted([str(desk.owner.id), str(desk.supervisor.id)])
        assert inbox["batch_size"] == 5
        assert inbox["assignment_duration_minutes"] == 30
        assert inbox["default_priority"] == "high"
        assert inbox["org_id"] == str(desk.org.id)
        assert inbox["counts"] == {"total": 0, "needs_response": 0, "unclaimed": 0, "claimed": 0}

    @pytest.mark.parametrize("who", ["supervisor", "agent", "owner"])
    async def test_supervisors_and_agents_get_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(desk.url("/inboxes"), json=_body(desk), headers=desk.headers[who])
        assert_problem(r, 403)

    async def test_name_taken_ignoring_case(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_inbox(client, desk, name="Billing")
        r = await client.post(
            desk.url("/inboxes"), json=_body(desk, name="  bILLING "), headers=desk.headers["admin"]
        )
        assert_problem(r, 409, "inbox-name-taken")

    async def test_same_name_in_another_org_is_fine(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        await make_inbox(client, desk, name="Billing")
        await make_inbox(client, other, name="Billing")

    async def test_deleted_inbox_name_can_be_reused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        old = await make_inbox(client, desk, name="Billing")
        r = await client.delete(desk.url(f"/inboxes/{old['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        new = await make_inbox(client, desk, name="billing")
        assert new["id"] != old["id"]

    async def test_owner_from_another_org_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"),
            json=_body(desk, owner_ids=[str(desk.owner.id), str(other.owner.id)]),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "owner-not-member")

    async def test_owner_not_a_user_at_all_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"),
            json=_body(desk, owner_ids=[str(uuid.uuid4())]),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "owner-not-member")

    async def test_duplicate_owner_ids_count_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)] * 3)
        assert inbox["owner_ids"] == [str(desk.owner.id)]

    @pytest.mark.parametrize(
        ("field", "value", "ok"),
        [
            ("batch_size", 1, True),
            ("batch_size", 100, True),
            ("batch_size", 0, False),
            ("batch_size", 101, False),
            ("batch_size", -5, False),
            ("assignment_duration_minutes", 1, True),
            ("assignment_duration_minutes", 1440, True),
            ("assignment_duration_minutes", 0, False),
            ("assignment_duration_minutes", 1441, False),
            ("batch_size", True, False),
            ("batch_size", "5", False),
            ("batch_size", 5.5, False),
            ("assignment_duration_minutes", True, False),
        ],
    )
    async def test_batch_size_and_duration_limits(
        self, client: AsyncClient, session: AsyncSession, field: str, value: object, ok: bool
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"), json=_body(desk, **{field: value}), headers=desk.headers["admin"]
        )
        if ok:
            assert r.status_code == 201, r.text
            assert r.json()[field] == value
        else:
            assert_problem(r, 422, "validation-error")

    async def test_cross_org_admin_gets_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        r = await client.post(
            other.url("/inboxes"), json=_body(other), headers=desk.headers["admin"]
        )
        assert_problem(r, 404)


class TestListInboxes:
    async def test_every_member_sees_every_inbox(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        a = await make_inbox(client, desk, name="Billing")
        b = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner2.id)])
        for who in ("agent", "owner", "supervisor", "admin", "org_owner"):
            assert await _inbox_ids(client, desk, who) == [a["id"], b["id"]]

    async def test_counts_only_for_owners_and_staff(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        for who, visible in [
            ("agent", False),
            ("owner2", False),
            ("owner", True),
            ("supervisor", True),
            ("admin", True),
            ("org_owner", True),
        ]:
            r = await client.get(desk.url("/inboxes"), headers=desk.headers[who])
            (item,) = r.json()["items"]
            assert (item["counts"] is not None) is visible, (who, item)

    async def test_counts_follow_claims_expiry_and_responses(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=1, assignment_duration_minutes=10)
        t0 = round_now()
        with frozen(t0):
            e1 = await escalate(client, session, desk, inbox, priority="urgent")
            await escalate(client, session, desk, inbox)
            await escalate(client, session, desk, inbox)
            r = await claim(client, desk, inbox, "owner")
            assert [e["id"] for e in r.json()["items"]] == [e1["id"]]

        async def counts(at: Any) -> dict[str, int]:
            with frozen(at):
                r = await client.get(
                    desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["owner"]
                )
            assert r.status_code == 200, r.text
            return r.json()["counts"]

        assert await counts(t0) == {"total": 3, "needs_response": 3, "unclaimed": 2, "claimed": 1}
        # Past the claim's expiry it counts as unclaimed even before anything sweeps it.
        later = t0 + timedelta(minutes=11)
        assert await counts(later) == {
            "total": 3,
            "needs_response": 3,
            "unclaimed": 3,
            "claimed": 0,
        }
        # needs_response follows the conversation: an answer clears it, a new message sets it.
        conv_id = e1["conversation_id"]
        r = await client.post(
            desk.url(f"/conversations/{conv_id}/messages"),
            json={"body": "On it", "direction": "outbound"},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 201, r.text
        assert (await counts(later))["needs_response"] == 2
        r = await client.post(
            desk.url(f"/conversations/{conv_id}/messages"),
            json={"body": "Thanks?", "direction": "inbound"},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 201, r.text
        assert (await counts(later))["needs_response"] == 3

    async def test_closed_escalations_are_not_counted(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        e1 = await escalate(client, session, desk, inbox)
        e2 = await escalate(client, session, desk, inbox)
        await escalate(client, session, desk, inbox)
        for esc, action in ((e1, "resolve"), (e2, "de-escalate")):
            r = await client.post(
                desk.url(f"/escalations/{esc['id']}/{action}"), headers=desk.headers["owner"]
            )
            assert r.status_code == 200, r.text
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.json()["counts"] == {"total": 1, "needs_response": 1, "unclaimed": 1, "claimed": 0}

    async def test_pages(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = [(await make_inbox(client, desk, name=f"Inbox {i}"))["id"] for i in range(3)]
        r = await client.get(desk.url("/inboxes?limit=2"), headers=desk.headers["agent"])
        page = r.json()
        assert [i["id"] for i in page["items"]] == made[:2] and page["next_cursor"]
        r = await client.get(
            desk.url(f"/inboxes?limit=2&cursor={page['next_cursor']}"),
            headers=desk.headers["agent"],
        )
        assert [i["id"] for i in r.json()["items"]] == made[2:]
        assert r.json()["next_cursor"] is None

    async def test_bad_cursor_is_400(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/inboxes?cursor=nonsense!"), headers=desk.headers["agent"])
        assert_problem(r, 400)

    async def test_other_orgs_inboxes_are_not_listed(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        await make_inbox(client, other)
        assert await _inbox_ids(client, desk, "admin") == []
        r = await client.get(other.url("/inboxes"), headers=desk.headers["admin"])
        assert_problem(r, 404)


class TestGetInbox:
    async def test_any_member_reads_it(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["agent"])
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Billing" and r.json()["counts"] is None

    async def test_unknown_or_other_org_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        for url in (
            desk.url(f"/inboxes/{uuid.uuid4()}"),
            desk.url(f"/inboxes/{theirs['id']}"),
            other.url(f"/inboxes/{theirs['id']}"),
        ):
            r = await client.get(url, headers=desk.headers["admin"])
            assert_problem(r, 404)


class TestUpdateInbox:
    @pytest.mark.parametrize("who", ["admin", "org_owner"])
    async def test_admins_edit(self, client: AsyncClient, session: AsyncSession, who: str) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={
                "name": "Accounts",
                "description": "All money matters",
                "batch_size": 20,
                "assignment_duration_minutes": 120,
                "default_priority": "urgent",
            },
            headers=desk.headers[who],
        )
        assert r.status_code == 200, r.text
        got = r.json()
        assert (got["name"], got["description"], got["batch_size"]) == (
            "Accounts",
            "All money matters",
            20,
        )
        assert got["assignment_duration_minutes"] == 120 and got["default_priority"] == "urgent"
        assert sorted(got["owner_ids"]) == sorted(inbox["owner_ids"])

    @pytest.mark.parametrize("who", ["supervisor", "agent", "owner"])
    async def test_others_get_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"), json={"name": "X"}, headers=desk.headers[who]
        )
        assert_problem(r, 403)

    async def test_renaming_onto_a_taken_name_is_409(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_inbox(client, desk, name="Billing")
        legal = await make_inbox(client, desk, name="Legal")
        r = await client.patch(
            desk.url(f"/inboxes/{legal['id']}"),
            json={"name": "BILLING"},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 409, "inbox-name-taken")

    async def test_changing_only_the_case_of_its_own_name_is_fine(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, name="billing")
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"name": "Billing"},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200 and r.json()["name"] == "Billing", r.text

    async def test_clearing_description_and_default_priority(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, description="d", default_priority="high")
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"description": None, "default_priority": None},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert r.json()["description"] is None and r.json()["default_priority"] is None

    @pytest.mark.parametrize(
        "field", ["name", "owner_ids", "batch_size", "assignment_duration_minutes"]
    )
    async def test_null_for_a_required_field_is_422(
        self, client: AsyncClient, session: AsyncSession, field: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"), json={field: None}, headers=desk.headers["admin"]
        )
        assert_problem(r, 422)

    async def test_owners_can_be_any_members(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        new = [str(desk.agent.id), str(desk.supervisor.id), str(desk.admin.id)]
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"owner_ids": new},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert sorted(r.json()["owner_ids"]) == sorted(new)

    async def test_non_member_owner_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"owner_ids": [str(other.owner.id)]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "owner-not-member")
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert sorted(r.json()["owner_ids"]) == sorted(inbox["owner_ids"])

    async def test_removing_an_owner_releases_their_claims(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        mine = await escalate(client, session, desk, inbox)
        r = await claim(client, desk, inbox, "owner", count=1)
        assert [e["id"] for e in r.json()["items"]] == [mine["id"]]
        theirs = await escalate(client, session, desk, inbox)
        r = await claim(client, desk, inbox, "owner2", count=1)
        assert [e["id"] for e in r.json()["items"]] == [theirs["id"]]

        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"owner_ids": [str(desk.owner2.id)]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert r.json()["owner_ids"] == [str(desk.owner2.id)]
        r = await client.get(desk.url(f"/escalations/{mine['id']}"), headers=desk.headers["admin"])
        assert r.json()["status"] == "open" and r.json()["claimed_by"] is None
        last = (await events(client, desk, mine["id"]))[-1]
        assert last["type"] == "escalation.released"
        assert last["data"]["reason"] == "owner_removed"
        assert last["actor_id"] == str(desk.admin.id)
        # The remaining owner keeps theirs; the removed owner no longer sees the inbox's work.
        r = await client.get(
            desk.url(f"/escalations/{theirs['id']}"), headers=desk.headers["admin"]
        )
        assert r.json()["status"] == "claimed" and r.json()["claimed_by"] == str(desk.owner2.id)
        r = await client.get(desk.url(f"/escalations/{mine['id']}"), headers=desk.headers["owner"])
        assert_problem(r, 404)
        assert_problem(await claim(client, desk, inbox, "owner"), 403, "not-inbox-owner")

    async def test_unknown_deleted_or_other_org_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        gone = await make_inbox(client, desk, name="Gone")
        await client.delete(desk.url(f"/inboxes/{gone['id']}"), headers=desk.headers["admin"])
        for inbox_id in (uuid.uuid4(), theirs["id"], gone["id"]):
            r = await client.patch(
                desk.url(f"/inboxes/{inbox_id}"), json={"name": "X"}, headers=desk.headers["admin"]
            )
            assert_problem(r, 404)


class TestDeleteInbox:
    async def test_de_escalates_everything_live_back_to_its_campaign(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        keep = await make_inbox(client, desk, name="Legal")
        e_open = await escalate(client, session, desk, inbox)
        e_claimed = await escalate(client, session, desk, inbox)
        e_resolved = await escalate(client, session, desk, inbox)
        e_elsewhere = await escalate(client, session, desk, keep)
        r = await client.post(
            desk.url(f"/escalations/{e_resolved['id']}/resolve"), headers=desk.headers["owner"]
        )
        assert r.status_code == 200, r.text
        r = await claim(client, desk, inbox, "owner", count=1)
        assert [e["id"] for e in r.json()["items"]] == [e_open["id"]]
        r = await claim(client, desk, inbox, "owner2", count=1)
        assert [e["id"] for e in r.json()["items"]] == [e_claimed["id"]]

        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        assert r.content == b""

        for esc in (e_open, e_claimed):
            r = await client.get(
                desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["admin"]
            )
            got = r.json()
            assert got["status"] == "de_escalated" and got["claimed_by"] is None
            assert got["closed_at"] is not None
            types = [e["type"] for e in await events(client, desk, esc["id"])]
            assert types.count("escalation.de_escalated") == 1 and types[-1] == (
                "escalation.de_escalated"
            )
            r = await client.get(
                desk.url(f"/conversations/{esc['conversation_id']}"),
                headers=desk.headers["supervisor"],
            )
            assert r.json()["assignee_id"] is None and r.json()["escalation"] is None
        r = await client.get(
            desk.url(f"/escalations/{e_resolved['id']}"), headers=desk.headers["admin"]
        )
        assert r.json()["status"] == "resolved"
        assert "escalation.de_escalated" not in [
            e["type"] for e in await events(client, desk, e_resolved["id"])
        ]
        r = await client.get(
            desk.url(f"/escalations/{e_elsewhere['id']}"), headers=desk.headers["admin"]
        )
        assert r.json()["status"] == "open"

        r = await client.get(
            desk.url(f"/conversations?campaign_id={desk.campaign.id}&escalated=false"),
            headers=desk.headers["supervisor"],
        )
        listed = {c["id"] for c in r.json()["items"]}
        assert {e_open["conversation_id"], e_claimed["conversation_id"]} <= listed
        assert e_elsewhere["conversation_id"] not in listed

    async def test_deleted_inbox_is_gone(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert_problem(r, 404, "inbox-not-found")
        assert await _inbox_ids(client, desk, "admin") == []
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert_problem(r, 404)
        assert_problem(await claim(client, desk, inbox, "owner"), 404)
        r = await client.get(
            desk.url(f"/inboxes/{inbox['id']}/escalations"), headers=desk.headers["admin"]
        )
        assert_problem(r, 404)
        r = await client.get(desk.url("/me/escalations"), headers=desk.headers["owner"])
        assert r.json()["inboxes"] == []

    async def test_escalating_into_a_deleted_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={
                "inbox_id": inbox["id"],
                "priority": "normal",
                "handoff": {"reason": "r", "steps_taken": "s", "help_needed": "h"},
            },
            headers=desk.headers["agent"],
        )
        assert_problem(r, 404, "inbox-not-found")

    @pytest.mark.parametrize("who", ["supervisor", "agent", "owner"])
    async def test_others_get_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers[who])
        assert_problem(r, 403)
        assert inbox["id"] in await _inbox_ids(client, desk)

    async def test_other_orgs_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        for url in (desk.url(f"/inboxes/{theirs['id']}"), other.url(f"/inboxes/{theirs['id']}")):
            r = await client.delete(url, headers=desk.headers["admin"])
            assert_problem(r, 404)
        assert theirs["id"] in await _inbox_ids(client, other)


class TestInboxBadInput:
    @pytest.mark.parametrize(
        "over",
        [
            {"name": None},
            {"name": ""},
            {"name": "   "},
            {"name": "x" * 201},
            {"name": "bad\u0000name"},
            {"name": 12},
            {"description": "d" * 2001},
            {"description": "nul\u0000"},
            {"owner_ids": []},
            {"owner_ids": ["not-a-uuid"]},
            {"owner_ids": "oops"},
            {"batch_size": "ten"},
            {"batch_size": 10**30},
            {"batch_size": 2.5},
            {"assignment_duration_minutes": None},
            {"default_priority": "whenever"},
            {"surprise": True},
        ],
    )
    async def test_create_rejects(
        self, client: AsyncClient, session: AsyncSession, over: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"), json=_body(desk, **over), headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("missing", ["name", "owner_ids"])
    async def test_create_requires(
        self, client: AsyncClient, session: AsyncSession, missing: str
    ) -> None:
        desk = await make_desk(session)
        body = _body(desk)
        del body[missing]
        r = await client.post(desk.url("/inboxes"), json=body, headers=desk.headers["admin"])
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("raw", ["not json", "[]", "null", '{"name": "a"'])
    async def test_create_rejects_non_objects(
        self, client: AsyncClient, session: AsyncSession, raw: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"),
            content=raw,
            headers={**desk.headers["admin"], "content-type": "application/json"},
        )
        assert_problem(r, 422)

    @pytest.mark.parametrize(
        "body",
        [
            {"name": "x" * 201},
            {"name": "a\u0000"},
            {"batch_size": 0},
            {"assignment_duration_minutes": 1441},
            {"owner_ids": ["nope"]},
            {"description": 5},
            {"extra": 1},
        ],
    )
    async def test_update_rejects(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"), json=body, headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("method", ["get", "patch", "delete"])
    async def test_malformed_inbox_id_in_path(
        self, client: AsyncClient, session: AsyncSession, method: str
    ) -> None:
        desk = await make_desk(session)
        kwargs: dict[str, Any] = {"json": {"name": "x"}} if method == "patch" else {}
        r = await client.request(
            method.upper(), desk.url("/inboxes/not-a-uuid"), headers=desk.headers["admin"], **kwargs
        )
        assert_problem(r, 422, "validation-error")

    async def test_malformed_org_id_in_path(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.get("/api/v1/orgs/123/inboxes", headers=desk.headers["admin"])
        assert_problem(r, 422, "validation-error")

    async def test_unauthenticated_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/inboxes"))
        assert_problem(r, 401)


async def test_member_of_another_role_still_counts_as_member(
    client: AsyncClient, session: AsyncSession
) -> None:
    """An extra org member added after the fact can be made an owner."""
    desk = await make_desk(session)
    late = await make_member(session, desk.org, Role.agent)
    inbox = await make_inbox(client, desk, owner_ids=[str(late.id)])
    assert inbox["owner_ids"] == [str(late.id)]
