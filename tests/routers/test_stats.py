from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import _now
from app.main import app
from tests.escalation_helpers import escalate, make_desk, make_inbox


class TestEscalationStats:
    async def test_open_by_inbox_daily_flow_and_attainment(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        billing = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        first = await escalate(client, session, desk, billing, priority="urgent")
        await escalate(client, session, desk, billing)
        await escalate(client, session, desk, legal)
        r = await client.post(
            desk.url(f"/inboxes/{billing['id']}/claims"),
            json={"count": 1},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 201
        r = await client.post(
            desk.url(f"/escalations/{first['id']}/resolve"), json={}, headers=desk.headers["owner"]
        )
        assert r.status_code == 200, r.text

        r = await client.get(
            desk.url("/stats/escalations?days=7"), headers=desk.headers["supervisor"]
        )
        assert r.status_code == 200, r.text
        body = r.json()
        opened = {(o["inbox_name"], o["priority"]): o["count"] for o in body["open_by_inbox"]}
        assert opened == {("Billing", "normal"): 1, ("Legal", "normal"): 1}
        assert len(body["daily"]) == 7
        today = body["daily"][-1]
        assert today["day"] == datetime.now(UTC).date().isoformat()
        assert (today["escalated"], today["claimed"], today["resolved"]) == (3, 1, 1)
        assert body["first_response"] == {"met": 0, "breached": 0}

    async def test_agents_are_refused_and_days_are_bounded(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/stats/escalations"), headers=desk.headers["agent"])
        assert r.status_code == 403
        r = await client.get(desk.url("/stats/escalations?days=0"), headers=desk.headers["admin"])
        assert r.status_code == 422
        r = await client.get(desk.url("/stats/escalations?days=91"), headers=desk.headers["admin"])
        assert r.status_code == 422

    async def test_days_window_follows_the_clock(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        app.dependency_overrides[_now] = lambda: datetime.now(UTC) + timedelta(days=30)
        try:
            r = await client.get(
                desk.url("/stats/escalations?days=3"), headers=desk.headers["admin"]
            )
        finally:
            app.dependency_overrides.pop(_now, None)
        assert [d["escalated"] for d in r.json()["daily"]] == [0, 0, 0]
