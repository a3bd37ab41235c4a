"""ETag and If-Match: a change made on a stale read is refused (409), never silently applied."""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import assert_problem, claim, escalate, make_desk, make_inbox
from tests.routers.test_calendars import office
from tests.routers.test_sla_policies import policy_body


async def _read(client: AsyncClient, url: str, headers: dict[str, str]) -> tuple[dict, str]:
    r = await client.get(url, headers=headers)
    assert r.status_code == 200, r.text
    etag = r.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    return r.json(), etag


class TestEscalations:
    async def test_a_change_on_a_stale_read_is_409_and_changes_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        url = desk.url(f"/escalations/{esc['id']}")
        owner = desk.headers["owner"]
        _, seen = await _read(client, url, owner)

        # Someone else claims it meanwhile: the version moves.
        assert (await claim(client, desk, inbox, "owner2")).status_code == 201
        _, now_seen = await _read(client, url, owner)
        assert now_seen != seen

        r = await client.patch(
            url, json={"priority": "urgent"}, headers={**owner, "If-Match": seen}
        )
        body = assert_problem(r, 409, "stale-if-match")
        assert f'"{body["current_version"]}"' == now_seen
        current, _ = await _read(client, url, owner)
        assert current["priority"] == esc["priority"]

        # With the fresh version it goes through, and answers with the next one.
        r = await client.patch(
            url, json={"priority": "urgent"}, headers={**owner, "If-Match": now_seen}
        )
        assert r.status_code == 200, r.text
        assert r.json()["priority"] == "urgent" and r.headers["ETag"] not in (seen, now_seen)

    async def test_actions_are_conditional_too(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        other = await make_inbox(client, desk, name="Legal")
        esc = await escalate(client, session, desk, inbox)
        url = desk.url(f"/escalations/{esc['id']}")
        owner = desk.headers["owner"]
        _, seen = await _read(client, url, owner)
        r = await client.patch(url, json={"category": "service"}, headers=owner)  # no condition
        assert r.status_code == 200, r.text
        stale = {**owner, "If-Match": seen}
        for path, body in (
            ("/resolve", {}),
            ("/de-escalate", {}),
            ("/move", {"inbox_id": other["id"]}),
        ):
            r = await client.post(f"{url}{path}", json=body, headers=stale)
            assert_problem(r, 409, "stale-if-match")
        current, _ = await _read(client, url, owner)
        assert current["status"] == "open" and current["inbox_id"] == inbox["id"]

    async def test_star_any_of_several_and_weak_tags(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        url = desk.url(f"/escalations/{esc['id']}")
        owner = desk.headers["owner"]
        _, seen = await _read(client, url, owner)
        # A weak tag never matches If-Match (RFC 9110): refused even though it names the version.
        r = await client.patch(
            url, json={"priority": "high"}, headers={**owner, "If-Match": f"W/{seen}"}
        )
        assert_problem(r, 409, "stale-if-match")
        r = await client.patch(
            url, json={"priority": "high"}, headers={**owner, "If-Match": f'"nope", {seen}'}
        )
        assert r.status_code == 200, r.text
        r = await client.patch(url, json={"priority": "urgent"}, headers={**owner, "If-Match": "*"})
        assert r.status_code == 200, r.text


class TestInboxes:
    async def test_edit_and_delete_on_a_stale_read_are_409(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        url = desk.url(f"/inboxes/{inbox['id']}")
        admin = desk.headers["admin"]
        _, seen = await _read(client, url, admin)
        r = await client.patch(url, json={"batch_size": 7}, headers=admin)  # someone else
        assert r.status_code == 200, r.text
        fresh = r.headers["ETag"]
        assert fresh != seen

        r = await client.patch(url, json={"batch_size": 9}, headers={**admin, "If-Match": seen})
        assert_problem(r, 409, "stale-if-match")
        r = await client.delete(url, headers={**admin, "If-Match": seen})
        assert_problem(r, 409, "stale-if-match")
        current, etag = await _read(client, url, admin)
        assert current["batch_size"] == 7 and etag == fresh

        r = await client.delete(url, headers={**admin, "If-Match": fresh})
        assert r.status_code == 204, r.text


@pytest.mark.parametrize(
    ("collection", "body", "edit"),
    [
        ("/calendars", office(), {"name": "Edinburgh office"}),
        ("/sla-policies", policy_body(), {"name": "Gold"}),
    ],
)
async def test_calendars_and_sla_policies_are_conditional_too(
    client: AsyncClient, session: AsyncSession, collection: str, body: dict, edit: dict
) -> None:
    desk = await make_desk(session)
    admin = desk.headers["admin"]
    r = await client.post(desk.url(collection), json=body, headers=admin)
    assert r.status_code == 201, r.text
    url = desk.url(f"{collection}/{r.json()['id']}")
    _, seen = await _read(client, url, admin)
    r = await client.patch(url, json={"name": "Someone else's"}, headers=admin)
    assert r.status_code == 200, r.text
    fresh = r.headers["ETag"]

    assert_problem(
        await client.patch(url, json=edit, headers={**admin, "If-Match": seen}),
        409,
        "stale-if-match",
    )
    assert_problem(await client.delete(url, headers={**admin, "If-Match": seen}), 409)
    current, _ = await _read(client, url, admin)
    assert current["name"] == "Someone else's"

    r = await client.patch(url, json=edit, headers={**admin, "If-Match": fresh})
    assert r.status_code == 200 and r.json()["name"] == edit["name"], r.text
    r = await client.delete(url, headers={**admin, "If-Match": r.headers["ETag"]})
    assert r.status_code == 204, r.text


async def test_the_escalation_policy_is_conditional_too(
    client: AsyncClient, session: AsyncSession
) -> None:
    desk = await make_desk(session)
    url, admin = desk.url("/escalation-policy"), desk.headers["admin"]
    policy, never_saved = await _read(client, url, admin)
    assert never_saved == '"0"'  # still the defaults
    r = await client.put(url, json=policy, headers={**admin, "If-Match": never_saved})
    assert r.status_code == 200, r.text
    saved = r.headers["ETag"]
    assert saved != never_saved
    # Another admin's edit was based on the defaults: refused, not silently overwritten.
    edited = {**policy, "default_recipients": [{"type": "email", "address": "a@example.com"}]}
    r = await client.put(url, json=edited, headers={**admin, "If-Match": never_saved})
    assert_problem(r, 409, "stale-if-match")
    r = await client.put(url, json=edited, headers={**admin, "If-Match": saved})
    assert r.status_code == 200, r.text
    # Someone leaving the organisation changes it too.
    _, before = await _read(client, url, admin)
    with_member = {
        **policy,
        "default_recipients": [{"type": "member", "user_id": str(desk.agent.id)}],
    }
    r = await client.put(url, json=with_member, headers=admin)
    assert r.status_code == 200, r.text
    before = r.headers["ETag"]
    r = await client.delete(desk.url(f"/members/{desk.agent.id}"), headers=admin)
    assert r.status_code == 204, r.text
    _, after = await _read(client, url, admin)
    assert after != before


@pytest.mark.parametrize(
    ("collection", "body", "field"),
    [
        ("/campaigns", {"name": "Spring"}, "name"),
        ("/webhooks", {"url": "https://hooks.example.com/in", "event_types": ["*"]}, "description"),
    ],
)
async def test_campaigns_and_webhooks_are_conditional_too(
    client: AsyncClient, session: AsyncSession, collection: str, body: dict, field: str
) -> None:
    desk = await make_desk(session)
    admin = desk.headers["admin"]
    r = await client.post(desk.url(collection), json=body, headers=admin)
    assert r.status_code == 201, r.text
    url = desk.url(f"{collection}/{r.json()['id']}")
    _, seen = await _read(client, url, admin)
    r = await client.patch(url, json={field: "First edit"}, headers=admin)
    assert r.status_code == 200, r.text
    r = await client.patch(url, json={field: "Second edit"}, headers={**admin, "If-Match": seen})
    assert_problem(r, 409, "stale-if-match")
    current, fresh = await _read(client, url, admin)
    assert current[field] == "First edit"
    r = await client.patch(url, json={field: "Second edit"}, headers={**admin, "If-Match": fresh})
    assert r.status_code == 200 and r.json()[field] == "Second edit", r.text
