"""SLA over HTTP: an inbox names its policy, an escalation takes its due times from the inbox's
policy (else the org default, else none), and priority changes, moves and policy or calendar
edits recompute them, with an `escalation.sla_recomputed` event."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.workers import sla as sla_worker
from tests.escalation_helpers import (
    Desk,
    escalate,
    events,
    frozen,
    make_desk,
    make_inbox,
    ts,
)
from tests.factories import assert_problem

# A Wednesday, far from any DST change.
T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
STANDARD = {
    "normal": {"first_response_minutes": 30, "resolution_minutes": 120},
    "high": {"first_response_minutes": 20, "resolution_minutes": None},
    "urgent": {"first_response_minutes": 10, "resolution_minutes": 60},
}
OFFICE_TARGETS = {"normal": {"first_response_minutes": 60, "resolution_minutes": 120}}
GOLD = {
    "normal": {"first_response_minutes": 15, "resolution_minutes": 45},
    "urgent": {"first_response_minutes": 5, "resolution_minutes": 20},
}


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


async def make_policy(
    client: AsyncClient, desk: Desk, targets: dict[str, Any] = STANDARD, **over: Any
) -> dict[str, Any]:
    body = {"name": over.pop("name", "Standard"), "calendar_id": None, "targets": targets, **over}
    r = await client.post(desk.url("/sla-policies"), json=body, headers=desk.headers["admin"])
    assert r.status_code == 201, r.text
    policy: dict[str, Any] = r.json()
    return policy


async def escalate_at(
    client: AsyncClient,
    session: AsyncSession,
    desk: Desk,
    inbox: dict[str, Any],
    at: datetime = T0,
    **over: Any,
) -> dict[str, Any]:
    with frozen(at):
        return await escalate(client, session, desk, inbox, **over)


async def read(client: AsyncClient, desk: Desk, escalation_id: str) -> dict[str, Any]:
    r = await client.get(desk.url(f"/escalations/{escalation_id}"), headers=desk.headers["owner"])
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def due(escalation: dict[str, Any]) -> tuple[datetime | None, datetime | None]:
    return ts(escalation["first_response_due_at"]), ts(escalation["resolution_due_at"])


async def recomputed(client: AsyncClient, desk: Desk, escalation_id: str) -> list[dict[str, Any]]:
    return [
        e["data"]
        for e in await events(client, desk, escalation_id)
        if e["type"] == "escalation.sla_recomputed"
    ]


async def tick(sessionmaker: async_sessionmaker[AsyncSession], at: datetime) -> dict[str, int]:
    return await sla_worker.tick({"sessionmaker": sessionmaker, "now": lambda: at})


class TestInboxPolicy:
    async def test_set_on_create_and_shown(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        assert inbox["sla_policy_id"] == policy["id"]
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["agent"])
        assert r.json()["sla_policy_id"] == policy["id"]

    async def test_omitted_means_the_org_default(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        assert (await make_inbox(client, desk))["sla_policy_id"] is None

    async def test_set_and_cleared_on_patch(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk)
        url = desk.url(f"/inboxes/{inbox['id']}")
        r = await client.patch(
            url, json={"sla_policy_id": policy["id"]}, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        assert r.json()["sla_policy_id"] == policy["id"]
        r = await client.patch(url, json={"name": "Renamed"}, headers=desk.headers["admin"])
        assert r.json()["sla_policy_id"] == policy["id"]  # untouched when not sent
        r = await client.patch(url, json={"sla_policy_id": None}, headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        assert r.json()["sla_policy_id"] is None

    async def test_another_orgs_policy_is_404_on_create(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_policy(client, other)
        r = await client.post(
            desk.url("/inboxes"),
            json={"name": "X", "owner_ids": [str(desk.owner.id)], "sla_policy_id": theirs["id"]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "sla-policy-not-found")
        r = await client.get(desk.url("/inboxes"), headers=desk.headers["admin"])
        assert r.json()["items"] == []

    async def test_another_orgs_policy_is_404_on_patch(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_policy(client, other)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"sla_policy_id": theirs["id"]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "sla-policy-not-found")
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.json()["sla_policy_id"] is None

    @pytest.mark.parametrize(
        "value", ["nope", 7, str(uuid.uuid4())[:-1]], ids=["word", "int", "short"]
    )
    async def test_malformed_policy_id_is_422(
        self, client: AsyncClient, session: AsyncSession, value: Any
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"),
            json={"name": "X", "owner_ids": [str(desk.owner.id)], "sla_policy_id": value},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "validation-error")

    async def test_unknown_policy_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"sla_policy_id": str(uuid.uuid4())},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "sla-policy-not-found")


class TestDueTimesAtEscalation:
    async def test_inbox_policy_and_priority_set_the_due_times(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        assert escalation["sla_policy_id"] == policy["id"]
        assert due(escalation) == (T0 + minutes(30), T0 + minutes(120))
        assert escalation["level"] == 1
        assert escalation["sla_paused_at"] is None
        assert escalation["first_responded_at"] is None
        assert escalation["breached_first_response"] is False
        assert escalation["breached_resolution"] is False
        assert await read(client, desk, escalation["id"]) == escalation

        urgent = await escalate_at(client, session, desk, inbox, priority="urgent")
        assert due(urgent) == (T0 + minutes(10), T0 + minutes(60))

    async def test_null_target_and_missing_priority_give_no_due_time(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        high = await escalate_at(client, session, desk, inbox, priority="high")
        assert due(high) == (T0 + minutes(20), None)
        critical = await escalate_at(client, session, desk, inbox, priority="critical")
        assert critical["sla_policy_id"] == policy["id"]
        assert due(critical) == (None, None)

    async def test_inbox_default_priority_picks_the_targets(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(
            client, desk, sla_policy_id=policy["id"], default_priority="urgent"
        )
        escalation = await escalate_at(client, session, desk, inbox, priority=None)
        assert escalation["priority"] == "urgent"
        assert due(escalation) == (T0 + minutes(10), T0 + minutes(60))

    async def test_without_an_inbox_policy_the_org_default_applies(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_policy(client, desk, name="Not default")
        default = await make_policy(client, desk, GOLD, name="Gold", is_default=True)
        inbox = await make_inbox(client, desk)
        escalation = await escalate_at(client, session, desk, inbox)
        assert escalation["sla_policy_id"] == default["id"]
        assert due(escalation) == (T0 + minutes(15), T0 + minutes(45))

    async def test_inbox_policy_wins_over_the_default(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_policy(client, desk, GOLD, name="Gold", is_default=True)
        own = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=own["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        assert escalation["sla_policy_id"] == own["id"]
        assert due(escalation) == (T0 + minutes(30), T0 + minutes(120))

    async def test_with_neither_there_are_no_due_times(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await make_policy(client, desk)  # exists, but neither default nor named by the inbox
        inbox = await make_inbox(client, desk)
        escalation = await escalate_at(client, session, desk, inbox)
        assert escalation["sla_policy_id"] is None
        assert due(escalation) == (None, None)
        assert escalation["level"] == 1
        assert escalation["breached_first_response"] is False

    async def test_another_orgs_default_never_applies(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        await make_policy(client, other, is_default=True)
        inbox = await make_inbox(client, desk)
        escalation = await escalate_at(client, session, desk, inbox)
        assert escalation["sla_policy_id"] is None and due(escalation) == (None, None)

    async def test_business_calendar_carries_due_times_over_the_weekend(
        self, client: AsyncClient, session: AsyncSession
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
        calendar = r.json()
        policy = await make_policy(client, desk, OFFICE_TARGETS, calendar_id=calendar["id"])
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        friday = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
        escalation = await escalate_at(client, session, desk, inbox, at=friday)
        # 30 minutes to Friday's close, then the rest on Monday from 09:00 (GMT = UTC).
        assert due(escalation) == (
            datetime(2026, 3, 9, 9, 30, tzinfo=UTC),
            datetime(2026, 3, 9, 10, 30, tzinfo=UTC),
        )

    async def test_answer_and_pause_show_on_the_escalation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk, pause_while_awaiting_contact=True)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(5)):
            r = await client.post(
                desk.url(f"/conversations/{escalation['conversation_id']}/messages"),
                json={"body": "Could you send the invoice?", "direction": "outbound"},
                headers=desk.headers["owner"],
            )
        assert r.status_code == 201, r.text
        current = await read(client, desk, escalation["id"])
        assert ts(current["first_responded_at"]) == T0 + minutes(5)
        assert ts(current["sla_paused_at"]) == T0 + minutes(5)
        assert current["breached_first_response"] is False


class TestPriorityChange:
    async def test_recomputes_at_once_with_an_event(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(2)):
            r = await client.patch(
                desk.url(f"/escalations/{escalation['id']}"),
                json={"priority": "urgent"},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        assert r.json()["priority"] == "urgent"
        # Measured from the escalation, not from the change.
        assert due(r.json()) == (T0 + minutes(10), T0 + minutes(60))
        assert due(await read(client, desk, escalation["id"])) == due(r.json())

        types = [e["type"] for e in await events(client, desk, escalation["id"])]
        assert "escalation.priority_changed" in types
        (data,) = await recomputed(client, desk, escalation["id"])
        assert data["reason"] == "priority_changed"
        assert data["policy_id"] == policy["id"]
        assert ts(data["first_response_due_at"]["from"]) == T0 + minutes(30)
        assert ts(data["first_response_due_at"]["to"]) == T0 + minutes(10)
        assert ts(data["resolution_due_at"]["to"]) == T0 + minutes(60)
        event = next(
            e
            for e in await events(client, desk, escalation["id"])
            if e["type"] == "escalation.sla_recomputed"
        )
        assert event["actor_id"] == str(desk.supervisor.id)

    async def test_inbox_owner_may_change_it_too(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(1)):
            r = await client.patch(
                desk.url(f"/escalations/{escalation['id']}"),
                json={"priority": "high"},
                headers=desk.headers["owner"],
            )
        assert r.status_code == 200, r.text
        assert due(r.json()) == (T0 + minutes(20), None)

    async def test_same_due_times_record_no_recompute(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        same = {p: STANDARD["normal"] for p in ("normal", "high")}
        policy = await make_policy(client, desk, same)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(1)):
            r = await client.patch(
                desk.url(f"/escalations/{escalation['id']}"),
                json={"priority": "high", "category": "service"},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        assert due(r.json()) == due(escalation)
        assert await recomputed(client, desk, escalation["id"]) == []

    async def test_category_change_leaves_the_clock_alone(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(1)):
            r = await client.patch(
                desk.url(f"/escalations/{escalation['id']}"),
                json={"category": "accounting"},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        assert due(r.json()) == due(escalation)
        assert await recomputed(client, desk, escalation["id"]) == []

    async def test_without_a_policy_a_priority_change_sets_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(1)):
            r = await client.patch(
                desk.url(f"/escalations/{escalation['id']}"),
                json={"priority": "critical"},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        assert due(r.json()) == (None, None)
        assert await recomputed(client, desk, escalation["id"]) == []


class TestMove:
    async def test_into_an_inbox_with_another_policy_recomputes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        standard = await make_policy(client, desk)
        gold = await make_policy(client, desk, GOLD, name="Gold")
        billing = await make_inbox(client, desk, sla_policy_id=standard["id"])
        vip = await make_inbox(client, desk, name="VIP", sla_policy_id=gold["id"])
        escalation = await escalate_at(client, session, desk, billing)
        with frozen(T0 + minutes(3)):
            r = await client.post(
                desk.url(f"/escalations/{escalation['id']}/move"),
                json={"inbox_id": vip["id"]},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        moved = r.json()
        assert moved["inbox_id"] == vip["id"]
        assert moved["sla_policy_id"] == gold["id"]
        # The new policy, measured from the original escalation time.
        assert due(moved) == (T0 + minutes(15), T0 + minutes(45))
        (data,) = await recomputed(client, desk, escalation["id"])
        assert data["reason"] == "moved" and data["policy_id"] == gold["id"]
        assert ts(data["resolution_due_at"]["from"]) == T0 + minutes(120)
        assert ts(data["resolution_due_at"]["to"]) == T0 + minutes(45)

    async def test_into_an_inbox_without_any_policy_clears_the_due_times(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        standard = await make_policy(client, desk)
        billing = await make_inbox(client, desk, sla_policy_id=standard["id"])
        plain = await make_inbox(client, desk, name="Plain")
        escalation = await escalate_at(client, session, desk, billing)
        with frozen(T0 + minutes(3)):
            r = await client.post(
                desk.url(f"/escalations/{escalation['id']}/move"),
                json={"inbox_id": plain["id"]},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        assert r.json()["sla_policy_id"] is None
        assert due(r.json()) == (None, None)
        (data,) = await recomputed(client, desk, escalation["id"])
        assert data["reason"] == "moved"
        assert data["first_response_due_at"]["to"] is None

    async def test_into_an_inbox_on_the_same_policy_changes_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        standard = await make_policy(client, desk)
        billing = await make_inbox(client, desk, sla_policy_id=standard["id"])
        other = await make_inbox(client, desk, name="Other", sla_policy_id=standard["id"])
        escalation = await escalate_at(client, session, desk, billing)
        with frozen(T0 + minutes(3)):
            r = await client.post(
                desk.url(f"/escalations/{escalation['id']}/move"),
                json={"inbox_id": other["id"]},
                headers=desk.headers["supervisor"],
            )
        assert r.status_code == 200, r.text
        assert due(r.json()) == due(escalation)
        assert await recomputed(client, desk, escalation["id"]) == []


class TestRecomputeAfterEdits:
    """Edits mark open escalations stale; the worker's next tick gives them new due times."""

    async def test_inbox_switching_policy(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        desk = await make_desk(session)
        standard = await make_policy(client, desk)
        gold = await make_policy(client, desk, GOLD, name="Gold")
        inbox = await make_inbox(client, desk, sla_policy_id=standard["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        with frozen(T0 + minutes(1)):
            r = await client.patch(
                desk.url(f"/inboxes/{inbox['id']}"),
                json={"sla_policy_id": gold["id"]},
                headers=desk.headers["admin"],
            )
        assert r.status_code == 200, r.text
        await tick(sessionmaker, T0 + minutes(1))
        current = await read(client, desk, escalation["id"])
        assert current["sla_policy_id"] == gold["id"]
        assert due(current) == (T0 + minutes(15), T0 + minutes(45))
        (data,) = await recomputed(client, desk, escalation["id"])
        assert data["reason"] == "inbox_policy_changed"

    async def test_calendar_edit(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
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
        calendar = r.json()
        policy = await make_policy(client, desk, OFFICE_TARGETS, calendar_id=calendar["id"])
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        friday = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
        escalation = await escalate_at(client, session, desk, inbox, at=friday)
        assert ts(escalation["first_response_due_at"]) == datetime(2026, 3, 9, 9, 30, tzinfo=UTC)

        with frozen(friday + minutes(5)):
            r = await client.patch(
                desk.url(f"/calendars/{calendar['id']}"),
                json={"holidays": [{"date": "2026-03-09", "name": "Closed"}]},
                headers=desk.headers["admin"],
            )
        assert r.status_code == 200, r.text
        await tick(sessionmaker, friday + minutes(5))
        current = await read(client, desk, escalation["id"])
        assert due(current) == (
            datetime(2026, 3, 10, 9, 30, tzinfo=UTC),
            datetime(2026, 3, 10, 10, 30, tzinfo=UTC),
        )
        (data,) = await recomputed(client, desk, escalation["id"])
        # Distinct from a policy edit: the trail says which of the two moved the deadlines.
        assert data["reason"] == "calendar_changed"

    async def test_breach_shows_on_the_escalation(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        desk = await make_desk(session)
        policy = await make_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=policy["id"])
        escalation = await escalate_at(client, session, desk, inbox)
        await tick(sessionmaker, T0 + minutes(31))
        current = await read(client, desk, escalation["id"])
        assert current["breached_first_response"] is True
        assert current["breached_resolution"] is False
        assert current["level"] == 2
