"""Reply-or-return over HTTP: the inbox setting, and the reply due time an owner sees."""

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


async def _patch(
    client: AsyncClient, desk: Desk, inbox: dict[str, Any], body: dict[str, Any], **headers: str
) -> Any:
    return await client.patch(
        desk.url(f"/inboxes/{inbox['id']}"),
        json=body,
        headers={**desk.headers["admin"], **headers},
    )


async def _escalation(client: AsyncClient, desk: Desk, escalation_id: str) -> dict[str, Any]:
    r = await client.get(desk.url(f"/escalations/{escalation_id}"), headers=desk.headers["owner"])
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


class TestSetting:
    async def test_off_by_default_then_set_and_read_back(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        assert inbox["reply_within_minutes"] is None
        r = await _patch(client, desk, inbox, {"reply_within_minutes": 15})
        assert r.status_code == 200, r.text
        assert r.json()["reply_within_minutes"] == 15
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["agent"])
        assert r.json()["reply_within_minutes"] == 15

    async def test_set_at_creation(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, reply_within_minutes=20)
        assert inbox["reply_within_minutes"] == 20

    @pytest.mark.parametrize("value", [0, -5, 1440, "10", True, 2.5])
    async def test_out_of_range_or_not_an_integer_is_422(
        self, client: AsyncClient, session: AsyncSession, value: Any
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await _patch(client, desk, inbox, {"reply_within_minutes": value})
        body = assert_problem(r, 422, "validation-error")
        assert any("reply_within_minutes" in e["loc"] for e in body["errors"])

    async def test_as_long_as_the_claim_is_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_duration_minutes=30)
        r = await _patch(client, desk, inbox, {"reply_within_minutes": 30})
        body = assert_problem(r, 422, "reply-window-too-long")
        assert body["assignment_duration_minutes"] == 30
        r = await client.post(
            desk.url("/inboxes"),
            json={
                "name": "Legal",
                "owner_ids": [str(desk.owner.id)],
                "assignment_duration_minutes": 10,
                "reply_within_minutes": 45,
            },
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "reply-window-too-long")
        # Shortening the claim below the window is refused the same way.
        await _patch(client, desk, inbox, {"reply_within_minutes": 20})
        r = await _patch(client, desk, inbox, {"assignment_duration_minutes": 20})
        assert_problem(r, 422, "reply-window-too-long")

    async def test_if_match_still_guards_the_change(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        seen = r.headers["ETag"]
        r = await _patch(client, desk, inbox, {"reply_within_minutes": 10}, **{"If-Match": seen})
        assert r.status_code == 200, r.text
        assert r.headers["ETag"] != seen
        r = await _patch(client, desk, inbox, {"reply_within_minutes": 5}, **{"If-Match": seen})
        assert_problem(r, 409, "stale-if-match")

    async def test_only_admins_and_only_in_their_own_org(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        r = await client.patch(
            desk.url(f"/inboxes/{theirs['id']}"),
            json={"reply_within_minutes": 10},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404)
        mine = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{mine['id']}"),
            json={"reply_within_minutes": 10},
            headers=desk.headers["owner"],
        )
        assert_problem(r, 403)


class TestOwnerSeesIt:
    async def test_claim_owner_view_reply_and_switch_off(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, reply_within_minutes=10)
        now = round_now()
        with frozen(now):
            first = await escalate(client, session, desk, inbox)
            second = await escalate(client, session, desk, inbox)
            r = await claim(client, desk, inbox, count=2)
        assert r.status_code == 201, r.text
        due = now + timedelta(minutes=10)  # no SLA calendar: every minute is a business minute
        assert [ts(i["claim_reply_due_at"]) for i in r.json()["items"]] == [due, due]

        r = await client.get(desk.url("/me/escalations"), headers=desk.headers["owner"])
        assert r.status_code == 200, r.text
        (mine,) = [i for i in r.json()["inboxes"] if i["inbox"]["id"] == inbox["id"]]
        assert mine["inbox"]["reply_within_minutes"] == 10
        items = [e for g in mine["groups"] for e in g["items"]]
        assert {ts(e["claim_reply_due_at"]) for e in items if e["status"] == "claimed"} == {due}

        # The owner answers the first contact: that claim no longer waits; the other one does.
        with frozen(now + timedelta(minutes=3)):
            r = await client.post(
                desk.url(f"/conversations/{first['conversation_id']}/messages"),
                json={"body": "On it.", "direction": "outbound"},
                headers=desk.headers["owner"],
            )
        assert r.status_code == 201, r.text
        assert (await _escalation(client, desk, first["id"]))["claim_reply_due_at"] is None
        assert ts((await _escalation(client, desk, second["id"]))["claim_reply_due_at"]) == due

        # Switched off: live claims stop waiting for a reply.
        r = await _patch(client, desk, inbox, {"reply_within_minutes": None})
        assert r.status_code == 200, r.text
        assert r.json()["reply_within_minutes"] is None
        assert (await _escalation(client, desk, second["id"]))["claim_reply_due_at"] is None
