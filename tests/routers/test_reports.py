"""GET /orgs/{org_id}/reports/sla through the API, and the organisation's time zone it uses."""

from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.base import utcnow
from tests.escalation_helpers import (
    HANDOFF,
    assert_problem,
    make_desk,
    make_inbox,
)
from tests.factories import make_api_key, make_conversation


async def test_a_supervisor_sees_the_period_grouped_and_compared(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk = await make_desk(session)
    billing = await make_inbox(client, desk, name="Billing")
    legal = await make_inbox(client, desk, name="Legal")
    ids = []
    for inbox in (billing, billing, legal):
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/escalate"),
            json={"inbox_id": inbox["id"], "priority": "high", "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["escalation"]["id"])
    r = await client.post(
        desk.url(f"/escalations/{ids[0]}/move"),
        json={"inbox_id": legal["id"]},
        headers=desk.headers["supervisor"],
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        desk.url(f"/escalations/{ids[1]}/de-escalate"), json={}, headers=desk.headers["owner"]
    )
    assert r.status_code == 200, r.text

    today = utcnow().date()
    week_ago = today - timedelta(days=6)
    params = {"from": str(week_ago), "to": str(today), "group_by": "inbox", "bucket": "day"}
    r = await client.get(
        desk.url("/reports/sla"), params=params, headers=desk.headers["supervisor"]
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["from"], body["to"], body["time_zone"]) == (str(week_ago), str(today), "UTC")
    assert body["previous_to"] == str(week_ago - timedelta(days=1))
    groups = {g["label"]: g for g in body["groups"]}
    # Grouped by where each escalation is now: the moved one counts for Legal.
    assert groups["Legal"]["current"]["escalations"] == 2
    assert groups["Legal"]["current"]["moves"] == 1
    assert groups["Billing"]["current"]["de_escalations"] == 1
    assert body["total"]["current"]["escalations"] == 3
    assert body["total"]["previous"]["escalations"] == 0
    assert len(groups["Legal"]["series"]) == 7
    assert groups["Legal"]["series"][-1]["figures"]["escalations"] == 2
    # Nothing decided yet: no attainment rather than 0 % or 100 %.
    assert body["total"]["current"]["first_response_attainment"] is None

    by_priority = await client.get(
        desk.url("/reports/sla"),
        params={**params, "group_by": "priority", "inbox_id": billing["id"]},
        headers=desk.headers["supervisor"],
    )
    assert by_priority.status_code == 200, by_priority.text
    assert [(g["key"], g["current"]["escalations"]) for g in by_priority.json()["groups"]] == [
        ("high", 1)
    ]


async def test_bad_periods_roles_other_organisations_and_api_keys(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk, other = await make_desk(session), await make_desk(session)
    period = {"from": "2026-10-01", "to": "2026-10-31"}
    url = desk.url("/reports/sla")
    admin = desk.headers["admin"]
    assert_problem(
        await client.get(url, params={"from": "2026-10-02", "to": "2026-10-01"},
                         headers=desk.headers["admin"]),
        422,
        "report-period-reversed",
    )  # fmt: skip
    assert_problem(
        await client.get(url, params={"from": "2020-01-01", "to": "2026-01-01", "bucket": "day"},
                         headers=desk.headers["admin"]),
        422,
        "report-period-too-long",
    )  # fmt: skip
    assert_problem(
        await client.get(url, params={"from": "yesterday"}, headers=desk.headers["admin"]), 422
    )
    assert_problem(await client.get(url, params=period, headers=desk.headers["agent"]), 403)
    assert_problem(await client.get(url, params=period, headers=other.headers["admin"]), 404)

    _, reader = await make_api_key(session, desk.org, ["reports:read"])
    _, escalator = await make_api_key(session, desk.org, ["escalate", "read"])
    assert (await client.get(url, params=period, headers=reader)).status_code == 200
    breaches_url = desk.url("/reports/breaches")
    r = await client.get(breaches_url, params=period, headers=reader)
    assert r.status_code == 200, r.text
    assert r.json() == {"items": [], "next_cursor": None}
    assert_problem(
        await client.get(breaches_url, params={**period, "cursor": "nope"}, headers=admin), 400
    )
    assert_problem(
        await client.get(breaches_url, params={**period, "target": "lunch"}, headers=admin), 422
    )
    assert_problem(
        await client.get(breaches_url, params=period, headers=other.headers["admin"]), 404
    )
    assert_problem(await client.get(url, params=period, headers=escalator), 403, "missing-scope")
    # A reports key reads reports, nothing else.
    assert_problem(await client.get(desk.url("/inboxes"), headers=reader), 403, "missing-scope")


async def test_the_organisation_time_zone_decides_where_days_begin(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk = await make_desk(session)
    org = desk.url("")
    r = await client.patch(org, json={"time_zone": "Mars/Olympus"}, headers=desk.headers["admin"])
    assert_problem(r, 422)
    assert_problem(
        await client.patch(org, json={"time_zone": "Asia/Tokyo"}, headers=desk.headers["agent"]),
        403,
    )
    r = await client.patch(org, json={"time_zone": "Asia/Tokyo"}, headers=desk.headers["admin"])
    assert r.status_code == 200, r.text
    assert r.json()["time_zone"] == "Asia/Tokyo"
    r = await client.get(
        desk.url("/reports/sla"),
        params={"from": "2026-10-01", "to": "2026-10-01"},
        headers=desk.headers["supervisor"],
    )
    assert r.json()["time_zone"] == "Asia/Tokyo"
    listed = await client.get("/api/v1/orgs", headers=desk.headers["admin"])
    assert {o["time_zone"] for o in listed.json()["items"]} == {"Asia/Tokyo"}


async def test_grouped_by_owner_who_held_each_escalation(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk, name="Billing", batch_size=2)
    for _ in range(3):
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/escalate"),
            json={"inbox_id": inbox["id"], "priority": "normal", "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text
    r = await client.post(
        desk.url(f"/inboxes/{inbox['id']}/claims"), json={}, headers=desk.headers["owner"]
    )
    assert r.status_code == 201, r.text
    claimed = [e["id"] for e in r.json()["items"]]
    assert len(claimed) == 2
    # Resolved, the claim ends; the owner who held it is still who the report names.
    r = await client.post(
        desk.url(f"/escalations/{claimed[0]}/resolve"), json={}, headers=desk.headers["owner"]
    )
    assert r.status_code == 200, r.text
    today = str(utcnow().date())
    r = await client.get(
        desk.url("/reports/sla"),
        params={"from": today, "to": today, "group_by": "owner"},
        headers=desk.headers["supervisor"],
    )
    assert r.status_code == 200, r.text
    groups = {g["key"]: g for g in r.json()["groups"]}
    assert groups[str(desk.owner.id)]["current"]["escalations"] == 2
    assert groups[str(desk.owner.id)]["label"] in (desk.owner.display_name, desk.owner.email)
    assert groups["unclaimed"]["label"] == "Never claimed"
    assert groups["unclaimed"]["current"]["escalations"] == 1
