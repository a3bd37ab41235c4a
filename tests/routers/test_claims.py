"""Timed claims over HTTP: who may claim, batch size and order, expiry, and releasing."""

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
    event_types,
    events,
    frozen,
    make_desk,
    make_inbox,
    round_now,
    ts,
)


def _ids(r: Any) -> list[str]:
    assert r.status_code == 201, r.text
    return [e["id"] for e in r.json()["items"]]


async def _release(client: AsyncClient, desk: Desk, esc: dict[str, Any], who: str) -> Any:
    return await client.post(
        desk.url(f"/escalations/{esc['id']}/release"), headers=desk.headers[who]
    )


class TestClaim:
    @pytest.mark.parametrize("who", ["agent", "supervisor", "admin", "org_owner"])
    async def test_only_the_inboxs_owners_claim(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        assert_problem(await claim(client, desk, inbox, who), 403, "not-inbox-owner")
        r = await client.get(desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["admin"])
        assert r.json()["status"] == "open"

    async def test_a_supervisor_who_owns_the_inbox_claims(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.supervisor.id)])
        esc = await escalate(client, session, desk, inbox)
        assert _ids(await claim(client, desk, inbox, "supervisor")) == [esc["id"]]

    async def test_highest_priority_first_then_oldest_up_to_the_batch_size(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=3)
        t0 = round_now()
        made: dict[str, dict[str, Any]] = {}
        for i, (name, priority) in enumerate(
            [
                ("n1", "normal"),
                ("u1", "urgent"),
                ("h1", "high"),
                ("u2", "urgent"),
                ("c1", "critical"),
                ("n2", "normal"),
            ]
        ):
            with frozen(t0 + timedelta(seconds=i)):
                made[name] = await escalate(client, session, desk, inbox, priority=priority)
        order = [made[n]["id"] for n in ("c1", "u1", "u2", "h1", "n1", "n2")]
        with frozen(t0 + timedelta(minutes=1)):
            first = await claim(client, desk, inbox, "owner", count=10)
            assert _ids(first) == order[:3]
            assert _ids(await claim(client, desk, inbox, "owner2", count=2)) == order[3:5]
            assert _ids(await claim(client, desk, inbox, "owner")) == order[5:]
            r = await claim(client, desk, inbox, "owner2")
            assert _ids(r) == [] and r.json()["expires_at"] is None

    async def test_claims_until_now_plus_the_assignment_duration(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=45)
        e1 = await escalate(client, session, desk, inbox)
        e2 = await escalate(client, session, desk, inbox)
        t0 = round_now()
        with frozen(t0):
            r = await claim(client, desk, inbox, "owner")
        assert _ids(r) == [e1["id"], e2["id"]]
        assert ts(r.json()["expires_at"]) == t0 + timedelta(minutes=45)
        for item in r.json()["items"]:
            assert item["status"] == "claimed"
            assert item["claimed_by"] == str(desk.owner.id)
            assert ts(item["claimed_at"]) == t0
            assert ts(item["claim_expires_at"]) == t0 + timedelta(minutes=45)
        r = await client.get(desk.url(f"/escalations/{e1['id']}"), headers=desk.headers["owner2"])
        assert r.json()["status"] == "claimed" and r.json()["claimed_by"] == str(desk.owner.id)
        r = await client.get(
            desk.url(f"/conversations/{e1['conversation_id']}"), headers=desk.headers["owner"]
        )
        assert r.json()["escalation"]["status"] == "claimed"

    async def test_count_smaller_than_the_batch(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=5)
        for _ in range(3):
            await escalate(client, session, desk, inbox)
        assert len(_ids(await claim(client, desk, inbox, "owner", count=2))) == 2
        assert len(_ids(await claim(client, desk, inbox, "owner", count=None))) == 1

    async def test_a_second_owner_gets_the_next_ones_never_the_same(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=2)
        made = [(await escalate(client, session, desk, inbox))["id"] for _ in range(5)]
        a = _ids(await claim(client, desk, inbox, "owner"))
        b = _ids(await claim(client, desk, inbox, "owner2"))
        c = _ids(await claim(client, desk, inbox, "owner"))
        assert len(a) == 2 and len(b) == 2 and len(c) == 1
        assert sorted(a + b + c) == sorted(made)

    async def test_records_a_claimed_event(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner2")
        last = (await events(client, desk, esc["id"]))[-1]
        assert last["type"] == "escalation.claimed"
        assert last["actor_id"] == str(desk.owner2.id)
        assert last["data"]["claimed_by"] == str(desk.owner2.id)

    async def test_an_empty_inbox_gives_an_empty_batch(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await claim(client, desk, inbox, "owner")
        assert r.status_code == 201, r.text
        assert r.json() == {"items": [], "expires_at": None}

    async def test_only_this_inboxs_escalations(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        await escalate(client, session, desk, legal)
        assert _ids(await claim(client, desk, inbox, "owner")) == []

    @pytest.mark.parametrize(
        "body",
        [
            {"count": 0},
            {"count": 101},
            {"count": -1},
            {"count": "five"},
            {"count": 1.5},
            {"count": 10**40},
            {"count": 1, "inbox_id": "x"},
            [1],
        ],
    )
    async def test_bad_bodies_are_422(
        self, client: AsyncClient, session: AsyncSession, body: Any
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await escalate(client, session, desk, inbox)
        r = await client.post(
            desk.url(f"/inboxes/{inbox['id']}/claims"), json=body, headers=desk.headers["owner"]
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("count", [1, 100])
    async def test_count_bounds_are_accepted(
        self, client: AsyncClient, session: AsyncSession, count: int
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await escalate(client, session, desk, inbox)
        assert len(_ids(await claim(client, desk, inbox, "owner", count=count))) == 1

    async def test_unknown_deleted_or_foreign_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        gone = await make_inbox(client, desk, name="Gone")
        await client.delete(desk.url(f"/inboxes/{gone['id']}"), headers=desk.headers["admin"])
        for inbox in ({"id": str(uuid.uuid4())}, theirs, gone):
            assert_problem(await claim(client, desk, inbox, "owner"), 404, "inbox-not-found")
        r = await client.post(
            other.url(f"/inboxes/{theirs['id']}/claims"), headers=desk.headers["owner"]
        )
        assert_problem(r, 404)
        r = await client.post(desk.url("/inboxes/nope/claims"), headers=desk.headers["owner"])
        assert_problem(r, 422, "validation-error")


class TestClaimExpiry:
    async def test_an_expired_claim_is_claimable_again_at_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=10)
        esc = await escalate(client, session, desk, inbox)
        t0 = round_now()
        with frozen(t0):
            assert _ids(await claim(client, desk, inbox, "owner")) == [esc["id"]]
        with frozen(t0 + timedelta(minutes=9, seconds=59)):
            assert _ids(await claim(client, desk, inbox, "owner2")) == []
        with frozen(t0 + timedelta(minutes=10)):
            r = await claim(client, desk, inbox, "owner2")
            assert _ids(r) == [esc["id"]]
            assert ts(r.json()["expires_at"]) == t0 + timedelta(minutes=20)
            # Its former holder has lost it.
            assert_problem(await _release(client, desk, esc, "owner"), 409, "not-claimed-by-you")
        r = await client.get(desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["owner"])
        assert r.json()["claimed_by"] == str(desk.owner2.id)
        trail = await events(client, desk, esc["id"])
        assert [e["type"] for e in trail] == [
            "escalation.created",
            "escalation.claimed",
            "escalation.claim_expired",
            "escalation.claimed",
        ]
        expired = trail[2]
        assert expired["actor_id"] is None
        assert expired["data"]["claimed_by"] == str(desk.owner.id)

    async def test_the_former_holder_can_claim_it_back(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=1)
        esc = await escalate(client, session, desk, inbox)
        t0 = round_now()
        with frozen(t0):
            await claim(client, desk, inbox, "owner")
        with frozen(t0 + timedelta(minutes=5)):
            assert _ids(await claim(client, desk, inbox, "owner")) == [esc["id"]]
        assert (await event_types(client, desk, esc["id"]))[-2:] == [
            "escalation.claim_expired",
            "escalation.claimed",
        ]

    async def test_only_lapsed_claims_come_back(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, batch_size=1, assignment_duration_minutes=10)
        e1 = await escalate(client, session, desk, inbox, priority="high")
        e2 = await escalate(client, session, desk, inbox)
        t0 = round_now()
        with frozen(t0):
            assert _ids(await claim(client, desk, inbox, "owner")) == [e1["id"]]
        with frozen(t0 + timedelta(minutes=5)):
            assert _ids(await claim(client, desk, inbox, "owner2")) == [e2["id"]]
        with frozen(t0 + timedelta(minutes=11)):
            # e1 lapsed and comes back; e2 is still held by owner2.
            assert _ids(await claim(client, desk, inbox, "owner2")) == [e1["id"]]
            assert _ids(await claim(client, desk, inbox, "owner")) == []
        assert "escalation.claim_expired" not in await event_types(client, desk, e2["id"])

    async def test_a_lapsed_claim_reads_as_unclaimed_everywhere(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        """Before anything sweeps it, a claim past its expiry is shown as open on every route."""
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=30)
        esc = await escalate(client, session, desk, inbox)
        with frozen(round_now() - timedelta(hours=2)):
            assert _ids(await claim(client, desk, inbox, "owner")) == [esc["id"]]
        r = await client.get(desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["owner2"])
        assert r.json()["status"] == "open" and r.json()["claimed_by"] is None
        r = await client.get(
            desk.url(f"/conversations/{esc['conversation_id']}"), headers=desk.headers["owner2"]
        )
        assert r.json()["escalation"]["status"] == "open"
        r = await client.get(
            desk.url(f"/inboxes/{inbox['id']}/escalations?status=open"),
            headers=desk.headers["owner2"],
        )
        assert [e["id"] for e in r.json()["items"]] == [esc["id"]]
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["owner2"])
        assert r.json()["counts"]["unclaimed"] == 1 and r.json()["counts"]["claimed"] == 0

    @pytest.mark.parametrize(
        ("action", "path", "body", "last_event"),
        [
            ("resolve", "/escalations/{id}/resolve", {}, "escalation.resolved"),
            ("de-escalate", "/escalations/{id}/de-escalate", {}, "escalation.de_escalated"),
            ("move", "/escalations/{id}/move", {"inbox_id": "{other}"}, "escalation.moved"),
            (
                "priority",
                "/escalations/{id}",
                {"priority": "urgent"},
                "escalation.priority_changed",
            ),
        ],
    )
    async def test_a_lapsed_claim_says_it_expired_before_what_comes_next(
        self,
        client: AsyncClient,
        session: AsyncSession,
        action: str,
        path: str,
        body: dict[str, Any],
        last_event: str,
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=30)
        other = await make_inbox(client, desk, name="Legal")
        esc = await escalate(client, session, desk, inbox)
        with frozen(round_now() - timedelta(hours=2)):
            assert _ids(await claim(client, desk, inbox, "owner")) == [esc["id"]]
        url = desk.url(path.format(id=esc["id"]))
        json_body = {k: v.format(other=other["id"]) for k, v in body.items()}
        send = client.patch if action == "priority" else client.post
        r = await send(url, json=json_body, headers=desk.headers["owner2"])
        assert r.status_code == 200, r.text
        trail = await events(client, desk, esc["id"])
        assert [e["type"] for e in trail][-3:] == [
            "escalation.claimed",
            "escalation.claim_expired",
            last_event,
        ]
        assert trail[-2]["data"]["claimed_by"] == str(desk.owner.id)

    async def test_deleting_the_inbox_records_its_lapsed_claims_first(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=30)
        esc = await escalate(client, session, desk, inbox)
        with frozen(round_now() - timedelta(hours=2)):
            assert _ids(await claim(client, desk, inbox, "owner")) == [esc["id"]]
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.status_code in (200, 204), r.text
        assert (await event_types(client, desk, esc["id"]))[-2:] == [
            "escalation.claim_expired",
            "escalation.de_escalated",
        ]


class TestRelease:
    async def test_the_claimant_gives_it_back(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        r = await _release(client, desk, esc, "owner")
        assert r.status_code == 200, r.text
        got = r.json()
        assert got["status"] == "open"
        assert got["claimed_by"] is None and got["claim_expires_at"] is None
        last = (await events(client, desk, esc["id"]))[-1]
        assert last["type"] == "escalation.released"
        assert last["actor_id"] == str(desk.owner.id)
        assert last["data"]["claimed_by"] == str(desk.owner.id)
        # Back in the pool for anyone.
        assert _ids(await claim(client, desk, inbox, "owner2")) == [esc["id"]]

    async def test_another_owner_gets_409(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        assert_problem(await _release(client, desk, esc, "owner2"), 409, "not-claimed-by-you")
        r = await client.get(desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["owner"])
        assert r.json()["claimed_by"] == str(desk.owner.id)

    async def test_releasing_an_unclaimed_one_is_409(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        assert_problem(await _release(client, desk, esc, "owner"), 409, "invalid-transition")
        await claim(client, desk, inbox, "owner")
        assert (await _release(client, desk, esc, "owner")).status_code == 200
        assert_problem(await _release(client, desk, esc, "owner"), 409, "invalid-transition")

    async def test_releasing_a_lapsed_claim_is_409(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=5)
        esc = await escalate(client, session, desk, inbox)
        t0 = round_now()
        with frozen(t0):
            await claim(client, desk, inbox, "owner")
        with frozen(t0 + timedelta(minutes=6)):
            assert_problem(await _release(client, desk, esc, "owner"), 409, "invalid-transition")

    @pytest.mark.parametrize("who", ["agent"])
    async def test_a_non_owner_gets_404(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        assert_problem(await _release(client, desk, esc, who), 404, "escalation-not-found")
