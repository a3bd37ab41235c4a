"""The owner view (GET /me/escalations), one inbox's escalation list, and the claim holder on
conversations, over HTTP."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import (
    Desk,
    assert_problem,
    claim,
    escalate,
    frozen,
    make_desk,
    make_inbox,
    round_now,
    ts,
)
from tests.factories import make_campaign


async def _view(client: AsyncClient, desk: Desk, who: str, query: str = "") -> dict[str, Any]:
    r = await client.get(desk.url(f"/me/escalations{query}"), headers=desk.headers[who])
    assert r.status_code == 200, r.text
    view: dict[str, Any] = r.json()
    return view


def _items(inbox_entry: dict[str, Any]) -> list[str]:
    return [e["id"] for g in inbox_entry["groups"] for e in g["items"]]


def _by_name(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["inbox"]["name"]: i for i in view["inboxes"]}


class TestOwnerView:
    async def test_an_agent_sees_only_their_inboxes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_inbox(client, desk, name="Zulu", owner_ids=[str(desk.owner.id)])
        await make_inbox(client, desk, name="alpha", owner_ids=[str(desk.owner.id)])
        await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner2.id)])
        view = await _view(client, desk, "owner")
        assert [i["inbox"]["name"] for i in view["inboxes"]] == ["alpha", "Zulu"]
        assert all(i["is_owner"] for i in view["inboxes"])
        assert (await _view(client, desk, "agent"))["inboxes"] == []

    async def test_staff_see_their_own_inboxes_first_then_the_rest(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_inbox(client, desk, name="Alpha")
        await make_inbox(client, desk, name="Zulu", owner_ids=[str(desk.supervisor.id)])
        await make_inbox(client, desk, name="Beta")
        view = await _view(client, desk, "supervisor")
        assert [(i["inbox"]["name"], i["is_owner"]) for i in view["inboxes"]] == [
            ("Zulu", True),
            ("Alpha", False),
            ("Beta", False),
        ]

    async def test_grouped_by_origin_campaign(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        beta = await make_campaign(session, desk.org, name="Beta campaign")
        a1 = await escalate(client, session, desk, inbox)
        b1 = await escalate(client, session, desk, inbox, campaign=beta)
        a2 = await escalate(client, session, desk, inbox)
        (entry,) = (await _view(client, desk, "owner"))["inboxes"]
        assert entry["inbox"]["id"] == inbox["id"]
        assert [g["campaign"] for g in entry["groups"]] == [
            {"id": str(desk.campaign.id), "name": "Alpha campaign"},
            {"id": str(beta.id), "name": "Beta campaign"},
        ]
        assert [e["id"] for e in entry["groups"][0]["items"]] == [a1["id"], a2["id"]]
        assert [e["id"] for e in entry["groups"][1]["items"]] == [b1["id"]]
        for group in entry["groups"]:
            for item in group["items"]:
                assert item["origin_campaign_id"] == group["campaign"]["id"]

    async def test_unclaimed_and_my_claims_but_not_other_owners_claims(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=1, assignment_duration_minutes=10)
        t0 = round_now()
        with frozen(t0):
            mine = await escalate(client, session, desk, inbox, priority="critical")
            theirs = await escalate(client, session, desk, inbox, priority="urgent")
            free = await escalate(client, session, desk, inbox, priority="high")
            assert [
                e["id"] for e in (await claim(client, desk, inbox, "owner")).json()["items"]
            ] == [mine["id"]]
            r = await claim(client, desk, inbox, "owner2")
            assert [e["id"] for e in r.json()["items"]] == [theirs["id"]]
            (entry,) = (await _view(client, desk, "owner"))["inboxes"]
            assert _items(entry) == [mine["id"], free["id"]]
            (entry,) = (await _view(client, desk, "owner2"))["inboxes"]
            assert _items(entry) == [theirs["id"], free["id"]]
            assert entry["counts"] == {
                "total": 3,
                "needs_response": 3,
                "unclaimed": 1,
                "claimed": 2,
            }
        # Once owner2's claim lapses it is anyone's again.
        with frozen(t0 + timedelta(minutes=10)):
            (entry,) = (await _view(client, desk, "owner"))["inboxes"]
            assert sorted(_items(entry)) == sorted([mine["id"], theirs["id"], free["id"]])

    async def test_others_claims_on_request_with_holder_and_expiry(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=1, assignment_duration_minutes=10)
        t0 = round_now()
        with frozen(t0):
            mine = await escalate(client, session, desk, inbox, priority="critical")
            theirs = await escalate(client, session, desk, inbox, priority="urgent")
            free = await escalate(client, session, desk, inbox, priority="high")
            await claim(client, desk, inbox, "owner")
            await claim(client, desk, inbox, "owner2")
            # Mine first, then the unclaimed, then those others hold, with who and until when.
            (entry,) = (await _view(client, desk, "owner", "?others_claims=true"))["inboxes"]
            assert _items(entry) == [mine["id"], free["id"], theirs["id"]]
            held = {e["id"]: e for g in entry["groups"] for e in g["items"]}[theirs["id"]]
            assert held["claimed_by"] == str(desk.owner2.id)
            assert ts(held["claim_expires_at"]) == t0 + timedelta(minutes=10)
            # A supervisor who owns nothing sees every claim of every inbox.
            (staff,) = (await _view(client, desk, "supervisor", "?others_claims=true"))["inboxes"]
            assert sorted(_items(staff)) == sorted([mine["id"], theirs["id"], free["id"]])
            # Without the flag, as before: nobody else's claims.
            (entry,) = (await _view(client, desk, "owner"))["inboxes"]
            assert _items(entry) == [mine["id"], free["id"]]
        # A lapsed claim is no one's: listed once, with the unclaimed.
        with frozen(t0 + timedelta(minutes=10)):
            (entry,) = (await _view(client, desk, "owner", "?others_claims=true"))["inboxes"]
            assert sorted(_items(entry)) == sorted([mine["id"], theirs["id"], free["id"]])

    async def test_others_claims_keep_to_the_callers_inboxes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        theirs = await make_inbox(client, desk, name="Theirs", owner_ids=[str(desk.owner2.id)])
        await make_inbox(client, desk, name="Mine", owner_ids=[str(desk.owner.id)])
        await escalate(client, session, desk, theirs)
        await claim(client, desk, theirs, "owner2")
        view = await _view(client, desk, "owner", "?others_claims=true")
        assert [(i["inbox"]["name"], _items(i)) for i in view["inboxes"]] == [("Mine", [])]

    async def test_my_claims_come_first_then_priority_then_age(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=1)
        t0 = round_now()
        with frozen(t0):
            old_normal = await escalate(client, session, desk, inbox)
        with frozen(t0 + timedelta(seconds=1)):
            new_normal = await escalate(client, session, desk, inbox)
            urgent = await escalate(client, session, desk, inbox, priority="urgent")
            await claim(client, desk, inbox, "owner")  # takes the urgent one
            # Someone bumps the oldest normal above everything; my claim still leads.
            await client.patch(
                desk.url(f"/escalations/{old_normal['id']}"),
                json={"priority": "critical"},
                headers=desk.headers["supervisor"],
            )
            (entry,) = (await _view(client, desk, "owner"))["inboxes"]
        assert _items(entry) == [urgent["id"], old_normal["id"], new_normal["id"]]

    async def test_closed_escalations_are_left_out(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        live = await escalate(client, session, desk, inbox)
        for action in ("resolve", "de-escalate"):
            esc = await escalate(client, session, desk, inbox)
            r = await client.post(
                desk.url(f"/escalations/{esc['id']}/{action}"), headers=desk.headers["owner"]
            )
            assert r.status_code == 200, r.text
        (entry,) = (await _view(client, desk, "owner"))["inboxes"]
        assert _items(entry) == [live["id"]]

    async def test_per_inbox_caps_the_items(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        beta = await make_campaign(session, desk.org, name="Beta campaign")
        t0 = round_now()
        made = []
        for i in range(4):
            with frozen(t0 + timedelta(seconds=i)):
                made.append(
                    await escalate(client, session, desk, inbox, campaign=beta if i % 2 else None)
                )
        with frozen(t0 + timedelta(seconds=5)):
            await escalate(client, session, desk, legal)
            await escalate(client, session, desk, legal)
        view = _by_name(await _view(client, desk, "owner", "?per_inbox=3"))
        assert sorted(_items(view["Billing"])) == sorted(e["id"] for e in made[:3])
        assert len(_items(view["Legal"])) == 2
        # Counts still cover everything.
        assert view["Billing"]["counts"]["total"] == 4
        view = _by_name(await _view(client, desk, "owner", "?per_inbox=1"))
        assert _items(view["Billing"]) == [made[0]["id"]]
        assert len(_items(view["Legal"])) == 1

    @pytest.mark.parametrize("per_inbox", ["0", "501", "-1", "many"])
    async def test_bad_per_inbox_is_422(
        self, client: AsyncClient, session: AsyncSession, per_inbox: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(
            desk.url(f"/me/escalations?per_inbox={per_inbox}"), headers=desk.headers["owner"]
        )
        assert_problem(r, 422, "validation-error")

    async def test_moved_escalations_follow_the_inbox(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        legal = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner2.id)])
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        r = await client.post(
            desk.url(f"/escalations/{esc['id']}/move"),
            json={"inbox_id": legal["id"]},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        (entry,) = (await _view(client, desk, "owner"))["inboxes"]
        assert _items(entry) == []
        (entry,) = (await _view(client, desk, "owner2"))["inboxes"]
        assert _items(entry) == [esc["id"]]

    async def test_other_orgs_are_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        r = await client.get(other.url("/me/escalations"), headers=desk.headers["owner"])
        assert_problem(r, 404)


class TestListInboxEscalations:
    async def test_newest_activity_first(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        t0 = round_now()
        made = []
        for i in range(3):
            with frozen(t0 + timedelta(seconds=i)):
                made.append(await escalate(client, session, desk, inbox))
        with frozen(t0 + timedelta(seconds=10)):
            await client.patch(
                desk.url(f"/escalations/{made[0]['id']}"),
                json={"priority": "high"},
                headers=desk.headers["owner"],
            )
        r = await client.get(
            desk.url(f"/inboxes/{inbox['id']}/escalations"), headers=desk.headers["owner"]
        )
        assert r.status_code == 200, r.text
        assert [e["id"] for e in r.json()["items"]] == [
            made[0]["id"],
            made[2]["id"],
            made[1]["id"],
        ]

    async def test_status_filter(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=1, assignment_duration_minutes=10)
        t0 = round_now()
        with frozen(t0):
            claimed = await escalate(client, session, desk, inbox, priority="critical")
            lapsing = await escalate(client, session, desk, inbox, priority="urgent")
            free = await escalate(client, session, desk, inbox)
            done = await escalate(client, session, desk, inbox)
            back = await escalate(client, session, desk, inbox)
            await claim(client, desk, inbox, "owner2")  # takes `claimed`
        with frozen(t0 - timedelta(minutes=5)):
            await claim(client, desk, inbox, "owner")  # takes `lapsing`, lapses at t0 + 5min
        with frozen(t0):
            for esc, action in ((done, "resolve"), (back, "de-escalate")):
                r = await client.post(
                    desk.url(f"/escalations/{esc['id']}/{action}"), headers=desk.headers["owner"]
                )
                assert r.status_code == 200, r.text

        async def listed(status: str) -> set[str]:
            with frozen(t0 + timedelta(minutes=6)):
                r = await client.get(
                    desk.url(f"/inboxes/{inbox['id']}/escalations?status={status}"),
                    headers=desk.headers["supervisor"],
                )
            assert r.status_code == 200, r.text
            return {e["id"] for e in r.json()["items"]}

        assert await listed("open") == {lapsing["id"], free["id"]}
        assert await listed("claimed") == {claimed["id"]}
        assert await listed("resolved") == {done["id"]}
        assert await listed("de_escalated") == {back["id"]}

    async def test_bad_status_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.get(
            desk.url(f"/inboxes/{inbox['id']}/escalations?status=lost"),
            headers=desk.headers["owner"],
        )
        assert_problem(r, 422, "validation-error")

    async def test_pages(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        made = {(await escalate(client, session, desk, inbox))["id"] for _ in range(5)}
        seen: list[str] = []
        cursor = None
        while True:
            query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
            r = await client.get(
                desk.url(f"/inboxes/{inbox['id']}/escalations{query}"),
                headers=desk.headers["owner"],
            )
            page = r.json()
            assert len(page["items"]) <= 2
            seen += [e["id"] for e in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == 5 and set(seen) == made

    @pytest.mark.parametrize(("who", "status"), [("agent", 403), ("owner2", 403)])
    async def test_non_owner_agents_get_403(
        self, client: AsyncClient, session: AsyncSession, who: str, status: int
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        r = await client.get(
            desk.url(f"/inboxes/{inbox['id']}/escalations"), headers=desk.headers[who]
        )
        assert_problem(r, status, "not-inbox-owner")

    async def test_unknown_or_foreign_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        for url in (
            desk.url(f"/inboxes/{uuid.uuid4()}/escalations"),
            desk.url(f"/inboxes/{theirs['id']}/escalations"),
            other.url(f"/inboxes/{theirs['id']}/escalations"),
        ):
            r = await client.get(url, headers=desk.headers["admin"])
            assert_problem(r, 404)


class TestClaimHolderOnConversations:
    """All threads names who holds a claim: the conversation's escalation summary."""

    async def test_summary_names_the_live_holder_only(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=10)
        t0 = round_now()
        with frozen(t0):
            escalation = await escalate(client, session, desk, inbox)
            path = f"/conversations/{escalation['conversation_id']}"

            async def summary() -> dict[str, Any]:
                r = await client.get(desk.url(path), headers=desk.headers["supervisor"])
                assert r.status_code == 200, r.text
                body: dict[str, Any] = r.json()["escalation"]
                return body

            assert (await summary())["claimed_by"] is None
            await claim(client, desk, inbox, "owner2")
            held = await summary()
            assert (held["status"], held["claimed_by"]) == ("claimed", str(desk.owner2.id))
            assert ts(held["claim_expires_at"]) == t0 + timedelta(minutes=10)
            listed = await client.get(
                desk.url("/conversations"), headers=desk.headers["supervisor"]
            )
            (row,) = [c for c in listed.json()["items"] if c["id"] == escalation["conversation_id"]]
            assert row["escalation"]["claimed_by"] == str(desk.owner2.id)
            r = await client.post(
                desk.url(f"/escalations/{escalation['id']}/release"), headers=desk.headers["owner2"]
            )
            assert r.status_code == 200, r.text
            released = await summary()
            assert (released["status"], released["claimed_by"]) == ("open", None)
            assert released["claim_expires_at"] is None
