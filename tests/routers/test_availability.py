"""Availability (my status, hours, urgent priorities), activity, and inbox capacity over HTTP."""

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import (
    assert_problem,
    claim,
    escalate,
    frozen,
    make_desk,
    make_inbox,
)

AT = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)  # a Wednesday


class TestAvailability:
    async def test_starts_offline_and_the_member_sets_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        url = desk.url("/me/availability")
        with frozen(AT):
            r = await client.get(url, headers=desk.headers["owner"])
            assert r.status_code == 200, r.text
            assert r.json()["availability"] == "offline"
            assert r.json()["urgent_priorities"] == ["critical"]
            assert r.json()["in_hours"] is True  # no calendar: any time
            r = await client.patch(
                url,
                json={"availability": "online", "urgent_priorities": ["urgent", "critical"]},
                headers=desk.headers["owner"],
            )
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["availability"], body["effective"]) == ("online", "online")
        assert body["urgent_priorities"] == ["urgent", "critical"]
        # Idle past AVAILABILITY_IDLE_MINUTES: counts as offline, the set status stays.
        with frozen(AT + timedelta(minutes=16)):
            later = (await client.get(url, headers=desk.headers["owner"])).json()
        assert (later["availability"], later["effective"]) == ("online", "offline")

    async def test_heartbeat_is_activity_but_reads_are_not(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        url = desk.url("/me/availability")
        with frozen(AT):
            await client.patch(url, json={"availability": "online"}, headers=desk.headers["owner"])
        with frozen(AT + timedelta(minutes=10)):
            await client.get(url, headers=desk.headers["owner"])  # polling: not activity
        with frozen(AT + timedelta(minutes=16)):
            assert (await client.get(url, headers=desk.headers["owner"])).json()[
                "effective"
            ] == "offline"
            r = await client.post(desk.url("/me/heartbeat"), headers=desk.headers["owner"])
            assert r.status_code == 204
            body = (await client.get(url, headers=desk.headers["owner"])).json()
        assert body["effective"] == "online"
        assert body["last_seen_at"].startswith("2026-03-04T10:16")

    async def test_working_calendar_outside_hours(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/calendars"),
            json={
                "name": "Early",
                "time_zone": "UTC",
                "intervals": [{"weekday": d, "start": "06:00", "end": "09:00"} for d in range(5)],
            },
            headers=desk.headers["admin"],
        )
        assert r.status_code == 201, r.text
        with frozen(AT):
            r = await client.patch(
                desk.url("/me/availability"),
                json={"calendar_id": r.json()["id"]},
                headers=desk.headers["owner"],
            )
        assert r.status_code == 200, r.text
        assert r.json()["in_hours"] is False
        assert r.json()["hours_start_at"] == "2026-03-05T06:00:00Z"

    async def test_bad_input_is_a_problem(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        url = desk.url("/me/availability")
        h = desk.headers["owner"]
        assert_problem(await client.patch(url, json={"availability": "away"}, headers=h), 422)
        assert_problem(await client.patch(url, json={"availability": None}, headers=h), 422)
        other = "00000000-0000-4000-8000-000000000000"
        assert_problem(await client.patch(url, json={"calendar_id": other}, headers=h), 404)


class TestInboxCapacity:
    async def test_auto_mode_needs_a_capacity(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/inboxes"),
            json={"name": "Auto", "owner_ids": [str(desk.owner.id)], "assignment_mode": "auto"},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "capacity-required")
        inbox = await make_inbox(client, desk, assignment_mode="auto+pull", capacity=1)
        assert (inbox["assignment_mode"], inbox["capacity"]) == ("auto+pull", 1)
        assert inbox["unstaffed_since"] is None
        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"capacity": None},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "capacity-required")

    async def test_pull_claims_stop_at_capacity_and_auto_refuses_them(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, assignment_mode="auto+pull", capacity=2)
        for _ in range(3):
            await escalate(client, session, desk, inbox)
        r = await claim(client, desk, inbox, count=5)
        assert r.status_code == 201, r.text
        assert len(r.json()["items"]) == 2
        assert_problem(await claim(client, desk, inbox), 409, "at-capacity")
        view = (await client.get(desk.url("/me/escalations"), headers=desk.headers["owner"])).json()
        assert view["inboxes"][0]["my_open_claims"] == 2
        assert view["inboxes"][0]["inbox"]["capacity"] == 2

        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"assignment_mode": "auto"},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert_problem(
            await claim(client, desk, inbox, who="owner2"), 409, "inbox-assigns-automatically"
        )
