"""A campaign's auto-escalation rule over HTTP: create/patch/get with both fields or neither, and
the real SLA tick escalating a conversation left unanswered for the rule's business minutes."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.workers import sla as sla_worker
from tests.escalation_helpers import Desk, frozen, make_desk, make_inbox, ts
from tests.factories import assert_problem

# A Wednesday, far from any DST change.
T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
Maker = async_sessionmaker[AsyncSession]


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def rule(inbox: dict[str, Any] | None, after: int | None = 15) -> dict[str, Any]:
    return {
        "auto_escalate_after_minutes": after,
        "auto_escalate_inbox_id": inbox["id"] if inbox else None,
    }


async def create_campaign(client: AsyncClient, desk: Desk, **body: Any) -> Any:
    return await client.post(
        desk.url("/campaigns"), json={"name": "Spring", **body}, headers=desk.headers["admin"]
    )


async def patch_campaign(client: AsyncClient, desk: Desk, campaign_id: Any, changes: Any) -> Any:
    return await client.patch(
        desk.url(f"/campaigns/{campaign_id}"), json=changes, headers=desk.headers["admin"]
    )


async def start_conversation(
    client: AsyncClient, desk: Desk, campaign_id: Any, at: datetime = T0
) -> dict[str, Any]:
    """The agent's conversation whose contact just wrote: it needs a response from `at`."""
    with frozen(at):
        r = await client.post(
            desk.url("/conversations"),
            json={
                "campaign_id": str(campaign_id),
                "contact": {"name": "Ann"},
                "assignee_id": str(desk.agent.id),
                "message": {"body": "Hello? Anyone there?"},
            },
            headers=desk.headers["agent"],
        )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    assert body["needs_response"] is True
    return body


async def queue(client: AsyncClient, desk: Desk) -> list[str]:
    r = await client.get(desk.url("/queue"), headers=desk.headers["agent"])
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["items"]]


async def conversation(client: AsyncClient, desk: Desk, conversation_id: str) -> dict[str, Any]:
    r = await client.get(
        desk.url(f"/conversations/{conversation_id}"), headers=desk.headers["supervisor"]
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def tick(sessionmaker: Maker, at: datetime) -> dict[str, int]:
    return await sla_worker.tick({"sessionmaker": sessionmaker, "now": lambda: at})


class TestCreateCampaignRule:
    async def test_with_both_fields(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await create_campaign(client, desk, **rule(inbox, 45))
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["auto_escalate_after_minutes"] == 45
        assert body["auto_escalate_inbox_id"] == inbox["id"]
        r = await client.get(desk.url(f"/campaigns/{body['id']}"), headers=desk.headers["agent"])
        assert r.status_code == 200, r.text
        assert r.json()["auto_escalate_after_minutes"] == 45
        assert r.json()["auto_escalate_inbox_id"] == inbox["id"]
        r = await client.get(desk.url("/campaigns"), headers=desk.headers["agent"])
        (listed,) = [c for c in r.json()["items"] if c["id"] == body["id"]]
        assert listed["auto_escalate_inbox_id"] == inbox["id"]

    @pytest.mark.parametrize("body", [{}, rule(None, None)], ids=["omitted", "explicit-nulls"])
    async def test_without_a_rule(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await create_campaign(client, desk, **body)
        assert r.status_code == 201, r.text
        assert r.json()["auto_escalate_after_minutes"] is None
        assert r.json()["auto_escalate_inbox_id"] is None

    async def test_only_one_field_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        for body in (
            {"auto_escalate_after_minutes": 15},
            {"auto_escalate_inbox_id": inbox["id"]},
            rule(inbox, None),
            rule(None, 15),
        ):
            r = await create_campaign(client, desk, **body)
            assert_problem(r, 422, "validation-error")
        r = await client.get(desk.url("/campaigns"), headers=desk.headers["admin"])
        assert [c["name"] for c in r.json()["items"]] == ["Alpha campaign"]

    async def test_inbox_of_another_org_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        r = await create_campaign(client, desk, **rule(theirs))
        assert_problem(r, 404, "inbox-not-found")

    async def test_deleted_inbox_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        r = await create_campaign(client, desk, **rule(inbox))
        assert_problem(r, 404, "inbox-not-found")

    async def test_unknown_inbox_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await create_campaign(
            client, desk, auto_escalate_after_minutes=15, auto_escalate_inbox_id=str(uuid.uuid4())
        )
        assert_problem(r, 404, "inbox-not-found")

    @pytest.mark.parametrize(
        "after",
        [0, -1, 525_601, 1.5, "fifteen", [15], {"minutes": 15}],
        ids=["zero", "negative", "too-many", "fraction", "word", "list", "object"],
    )
    async def test_bad_minutes_is_422(
        self, client: AsyncClient, session: AsyncSession, after: Any
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await create_campaign(
            client, desk, auto_escalate_after_minutes=after, auto_escalate_inbox_id=inbox["id"]
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        "inbox_id", ["nope", 12, "", "00000000-0000-0000-0000-00000000000g"], ids=repr
    )
    async def test_malformed_inbox_id_is_422(
        self, client: AsyncClient, session: AsyncSession, inbox_id: Any
    ) -> None:
        desk = await make_desk(session)
        r = await create_campaign(
            client, desk, auto_escalate_after_minutes=15, auto_escalate_inbox_id=inbox_id
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        "body",
        [
            {"name": "x\x00"},
            {"name": "n" * 201},
            {"name": None},
            {"auto_escalate": True},
            {"auto_escalate_after_minutes": 15, "auto_escalate_inbox_id": None, "x": 1},
        ],
        ids=["nul", "too-long", "null-name", "unknown-field", "unknown-beside-rule"],
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(desk.url("/campaigns"), json=body, headers=desk.headers["admin"])
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.post(
            desk.url("/campaigns"),
            json={"name": "Spring", **rule(inbox)},
            headers=desk.headers[who],
        )
        assert_problem(r, 403, "insufficient-role")


class TestUpdateCampaignRule:
    async def test_turn_on_change_and_turn_off(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        other_inbox = await make_inbox(client, desk, name="Second line")
        campaign_id = desk.campaign.id

        r = await patch_campaign(client, desk, campaign_id, rule(inbox, 30))
        assert r.status_code == 200, r.text
        assert r.json()["auto_escalate_after_minutes"] == 30
        assert r.json()["auto_escalate_inbox_id"] == inbox["id"]

        r = await patch_campaign(client, desk, campaign_id, rule(other_inbox, 60))
        assert r.status_code == 200, r.text
        assert r.json()["auto_escalate_inbox_id"] == other_inbox["id"]

        r = await patch_campaign(client, desk, campaign_id, {"name": "Renamed"})
        assert r.json()["auto_escalate_after_minutes"] == 60  # untouched when not sent
        assert r.json()["name"] == "Renamed"

        r = await patch_campaign(client, desk, campaign_id, rule(None, None))
        assert r.status_code == 200, r.text
        r = await client.get(desk.url(f"/campaigns/{campaign_id}"), headers=desk.headers["agent"])
        assert r.json()["auto_escalate_after_minutes"] is None
        assert r.json()["auto_escalate_inbox_id"] is None

    async def test_only_one_field_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await patch_campaign(client, desk, desk.campaign.id, rule(inbox, 30))
        for changes in (
            {"auto_escalate_after_minutes": 15},
            {"auto_escalate_inbox_id": inbox["id"]},
            {"auto_escalate_after_minutes": None},
            {"auto_escalate_inbox_id": None},
            rule(inbox, None),
            rule(None, 15),
        ):
            r = await patch_campaign(client, desk, desk.campaign.id, changes)
            assert_problem(r, 422, "validation-error")
        r = await client.get(
            desk.url(f"/campaigns/{desk.campaign.id}"), headers=desk.headers["agent"]
        )
        assert r.json()["auto_escalate_after_minutes"] == 30
        assert r.json()["auto_escalate_inbox_id"] == inbox["id"]

    async def test_inbox_of_another_org_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        r = await patch_campaign(client, desk, desk.campaign.id, rule(theirs))
        assert_problem(r, 404, "inbox-not-found")

    async def test_deleted_inbox_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        r = await patch_campaign(client, desk, desk.campaign.id, rule(inbox))
        assert_problem(r, 404, "inbox-not-found")

    async def test_zero_minutes_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await patch_campaign(client, desk, desk.campaign.id, rule(inbox, 0))
        assert_problem(r, 422, "validation-error")

    async def test_another_orgs_campaign_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await patch_campaign(client, desk, other.campaign.id, rule(inbox))
        assert_problem(r, 404, "campaign-not-found")

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/campaigns/{desk.campaign.id}"), json=rule(inbox), headers=desk.headers[who]
        )
        assert_problem(r, 403, "insufficient-role")

    @pytest.mark.parametrize(
        "changes",
        [{"name": None}, {"name": ""}, {"name": "a\x00"}, {"colour": "red"}, []],
        ids=["null-name", "empty-name", "nul", "unknown-field", "list"],
    )
    async def test_bad_change_is_422(
        self, client: AsyncClient, session: AsyncSession, changes: Any
    ) -> None:
        desk = await make_desk(session)
        r = await patch_campaign(client, desk, desk.campaign.id, changes)
        assert_problem(r, 422, "validation-error")

    async def test_malformed_campaign_id_is_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await patch_campaign(client, desk, "campaign-1", {"name": "x"})
        assert_problem(r, 422, "validation-error")


class TestAutoEscalationByTheWorker:
    async def test_unanswered_conversation_is_escalated_by_the_system(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await create_campaign(client, desk, **rule(inbox, 15))
        campaign = r.json()
        waiting = await start_conversation(client, desk, campaign["id"])
        assert await queue(client, desk) == [waiting["id"]]

        counts = await tick(sessionmaker, T0 + minutes(14))
        assert counts["auto_escalated"] == 0
        assert await queue(client, desk) == [waiting["id"]]

        counts = await tick(sessionmaker, T0 + minutes(15))
        assert counts["auto_escalated"] == 1
        assert await queue(client, desk) == []
        current = await conversation(client, desk, waiting["id"])
        assert current["assignee_id"] is None
        assert current["escalation"]["inbox_id"] == inbox["id"]
        assert current["escalation"]["status"] == "open"

        r = await client.get(
            desk.url(f"/escalations/{current['escalation']['id']}"), headers=desk.headers["owner"]
        )
        assert r.status_code == 200, r.text
        escalation = r.json()
        assert escalation["escalated_by"] is None
        assert escalation["conversation_id"] == waiting["id"]
        assert escalation["origin_campaign_id"] == campaign["id"]
        assert escalation["handoff"]["reason"].strip()
        assert escalation["handoff"]["help_needed"].strip()
        assert ts(escalation["created_at"]) == T0 + minutes(15)
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}/events"), headers=desk.headers["owner"]
        )
        (created,) = [e for e in r.json()["items"] if e["type"] == "escalation.created"]
        assert created["actor_id"] is None

        # Nothing left to do: a later tick escalates nothing again.
        assert (await tick(sessionmaker, T0 + minutes(60)))["auto_escalated"] == 0

    async def test_rule_set_later_catches_a_conversation_already_waiting(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        waiting = await start_conversation(client, desk, desk.campaign.id)
        assert (await tick(sessionmaker, T0 + minutes(30)))["auto_escalated"] == 0

        with frozen(T0 + minutes(31)):
            r = await patch_campaign(client, desk, desk.campaign.id, rule(inbox, 20))
        assert r.status_code == 200, r.text
        # Waiting since T0, so 20 minutes have long passed.
        assert (await tick(sessionmaker, T0 + minutes(31)))["auto_escalated"] == 1
        assert await queue(client, desk) == []
        assert (await conversation(client, desk, waiting["id"]))["escalation"] is not None

    async def test_rule_turned_off_leaves_the_conversation_alone(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await create_campaign(client, desk, **rule(inbox, 15))
        campaign = r.json()
        waiting = await start_conversation(client, desk, campaign["id"])
        with frozen(T0 + minutes(5)):
            r = await patch_campaign(client, desk, campaign["id"], rule(None, None))
        assert r.status_code == 200, r.text
        assert (await tick(sessionmaker, T0 + minutes(60)))["auto_escalated"] == 0
        assert await queue(client, desk) == [waiting["id"]]
        assert (await conversation(client, desk, waiting["id"]))["escalation"] is None

    async def test_answered_in_time_is_not_escalated(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        campaign = (await create_campaign(client, desk, **rule(inbox, 15))).json()
        waiting = await start_conversation(client, desk, campaign["id"])
        with frozen(T0 + minutes(10)):
            r = await client.post(
                desk.url(f"/conversations/{waiting['id']}/messages"),
                json={"body": "Hi Ann, on it", "direction": "outbound"},
                headers=desk.headers["agent"],
            )
        assert r.status_code == 201, r.text
        assert (await tick(sessionmaker, T0 + minutes(60)))["auto_escalated"] == 0
        assert (await conversation(client, desk, waiting["id"]))["escalation"] is None

    async def test_deleted_target_inbox_escalates_nothing(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        campaign = (await create_campaign(client, desk, **rule(inbox, 15))).json()
        waiting = await start_conversation(client, desk, campaign["id"])
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        await tick(sessionmaker, T0 + minutes(60))
        assert await queue(client, desk) == [waiting["id"]]
        assert (await conversation(client, desk, waiting["id"]))["escalation"] is None

    async def test_waits_for_business_minutes_on_the_target_inboxs_calendar(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/calendars"),
            json={
                "name": "Office",
                "time_zone": "Europe/London",
                "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
            },
            headers=desk.headers["admin"],
        )
        r = await client.post(
            desk.url("/sla-policies"),
            json={"name": "Office SLA", "calendar_id": r.json()["id"], "targets": {}},
            headers=desk.headers["admin"],
        )
        inbox = await make_inbox(client, desk, sla_policy_id=r.json()["id"])
        campaign = (await create_campaign(client, desk, **rule(inbox, 15))).json()
        friday_1650 = datetime(2026, 3, 6, 16, 50, tzinfo=UTC)  # London is on UTC in March
        waiting = await start_conversation(client, desk, campaign["id"], at=friday_1650)

        # 40 wall-clock minutes have passed, but only 10 business minutes.
        await tick(sessionmaker, friday_1650 + minutes(40))
        assert await queue(client, desk) == [waiting["id"]]
        await tick(sessionmaker, datetime(2026, 3, 9, 9, 4, 59, tzinfo=UTC))
        assert await queue(client, desk) == [waiting["id"]]
        assert (await conversation(client, desk, waiting["id"]))["escalation"] is None
        await tick(sessionmaker, datetime(2026, 3, 9, 9, 5, tzinfo=UTC))
        assert await queue(client, desk) == []
        assert (await conversation(client, desk, waiting["id"]))["escalation"] is not None
