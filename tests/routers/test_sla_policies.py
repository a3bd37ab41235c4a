"""SLA policies over HTTP: create with targets, warnings and levels (default chain when omitted),
exactly one default, in-use 409, admin+ writes, cross-org 404, and bad input never a 500."""

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import Desk, escalate, make_desk, make_inbox
from tests.factories import assert_problem

DEFAULT_LEVELS = [
    {"level": 1, "notify": ["inbox_owners"]},
    {"level": 2, "notify": ["supervisors", "admins"]},
    {"level": 3, "notify": ["owners"]},
]
TARGETS = {
    "normal": {"first_response_minutes": 60, "resolution_minutes": 480},
    "urgent": {"first_response_minutes": 10, "resolution_minutes": None},
    "critical": {"first_response_minutes": None, "resolution_minutes": 30},
}


def policy_body(**over: Any) -> dict[str, Any]:
    return {"name": "Standard", "calendar_id": None, "targets": TARGETS, **over}


async def create_policy(
    client: AsyncClient, desk: Desk, who: str = "admin", **over: Any
) -> dict[str, Any]:
    r = await client.post(
        desk.url("/sla-policies"), json=policy_body(**over), headers=desk.headers[who]
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def create_calendar(client: AsyncClient, desk: Desk) -> dict[str, Any]:
    r = await client.post(
        desk.url("/calendars"),
        json={
            "name": "Office",
            "time_zone": "Europe/London",
            "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
        },
        headers=desk.headers["admin"],
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def get_policy(client: AsyncClient, desk: Desk, policy_id: str) -> dict[str, Any]:
    r = await client.get(desk.url(f"/sla-policies/{policy_id}"), headers=desk.headers["agent"])
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def defaults(client: AsyncClient, desk: Desk) -> list[str]:
    r = await client.get(desk.url("/sla-policies"), headers=desk.headers["agent"])
    assert r.status_code == 200, r.text
    return [p["id"] for p in r.json()["items"] if p["is_default"]]


async def patch(client: AsyncClient, desk: Desk, policy_id: str, changes: Any) -> Any:
    return await client.patch(
        desk.url(f"/sla-policies/{policy_id}"), json=changes, headers=desk.headers["admin"]
    )


class TestCreatePolicy:
    @pytest.mark.parametrize("who", ["admin", "org_owner"])
    async def test_admin_and_owner_create(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        calendar = await create_calendar(client, desk)
        body = await create_policy(
            client,
            desk,
            who,
            calendar_id=calendar["id"],
            warnings_minutes=[5, 30],
            pause_while_awaiting_contact=True,
        )
        assert body["org_id"] == str(desk.org.id)
        assert body["calendar_id"] == calendar["id"]
        assert body["targets"] == TARGETS
        assert body["warnings_minutes"] == [30, 5]
        assert body["pause_while_awaiting_contact"] is True
        assert body["is_default"] is False
        assert await get_policy(client, desk, body["id"]) == body

    async def test_omitted_options_take_their_defaults(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        body = await create_policy(client, desk)
        assert body["calendar_id"] is None
        assert body["levels"] == DEFAULT_LEVELS
        assert body["warnings_minutes"] == []
        assert body["pause_while_awaiting_contact"] is False
        assert body["is_default"] is False

    async def test_custom_levels_and_deduplicated_warnings(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        levels = [
            {"level": 1, "notify": ["inbox_owners", "supervisors"]},
            {"level": 2, "notify": ["owners"]},
        ]
        body = await create_policy(client, desk, levels=levels, warnings_minutes=[5, 30, 5])
        assert body["levels"] == levels
        assert body["warnings_minutes"] == [30, 5]

    async def test_either_target_may_be_null_and_priorities_left_out(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        targets = {"high": {"first_response_minutes": None, "resolution_minutes": None}}
        assert (await create_policy(client, desk, targets=targets))["targets"] == targets
        assert (await create_policy(client, desk, targets={}))["targets"] == {}

    async def test_a_second_default_takes_over(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        first = await create_policy(client, desk, name="First", is_default=True)
        assert await defaults(client, desk) == [first["id"]]
        second = await create_policy(client, desk, name="Second", is_default=True)
        assert second["is_default"] is True
        assert await defaults(client, desk) == [second["id"]]
        assert (await get_policy(client, desk, first["id"]))["is_default"] is False

    async def test_defaults_are_per_organisation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        mine = await create_policy(client, desk, is_default=True)
        theirs = await create_policy(client, other, is_default=True)
        assert await defaults(client, desk) == [mine["id"]]
        assert await defaults(client, other) == [theirs["id"]]

    async def test_calendar_of_another_org_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await create_calendar(client, other)
        r = await client.post(
            desk.url("/sla-policies"),
            json=policy_body(calendar_id=theirs["id"]),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "calendar-not-found")

    async def test_unknown_calendar_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/sla-policies"),
            json=policy_body(calendar_id=str(uuid.uuid4())),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "calendar-not-found")

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/sla-policies"), json=policy_body(), headers=desk.headers[who]
        )
        assert_problem(r, 403, "insufficient-role")

    async def test_without_token_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        assert_problem(await client.post(desk.url("/sla-policies"), json=policy_body()), 401)

    async def test_other_organisation_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        r = await client.post(
            other.url("/sla-policies"), json=policy_body(), headers=desk.headers["admin"]
        )
        assert_problem(r, 404, "organisation-not-found")

    @pytest.mark.parametrize(
        "over",
        [
            {"levels": []},
            {"levels": [{"level": 2, "notify": ["owners"]}]},
            {"levels": [{"level": 1, "notify": ["owners"]}, {"level": 3, "notify": ["owners"]}]},
            {"levels": [{"level": 2, "notify": ["owners"]}, {"level": 1, "notify": ["owners"]}]},
            {"levels": [{"level": 1, "notify": ["owners"]}, {"level": 1, "notify": ["admins"]}]},
            {"levels": [{"level": 0, "notify": ["owners"]}]},
            {"levels": [{"level": 1, "notify": ["everyone"]}]},
            {"levels": [{"level": 1, "notify": []}]},
            {"levels": [{"level": 1, "notify": "owners"}]},
            {"levels": [{"level": 1}]},
            {"levels": [{"level": 1, "notify": ["owners"], "email": "x@example.com"}]},
            {"levels": [{"level": n, "notify": ["owners"]} for n in range(1, 12)]},
            {"levels": None},
            {"targets": {"super": {"first_response_minutes": 5}}},
            {"targets": {"normal": {"first_response_minutes": 0}}},
            {"targets": {"normal": {"resolution_minutes": -5}}},
            {"targets": {"normal": {"resolution_minutes": 525_601}}},
            {"targets": {"normal": {"resolution_minutes": 1.5}}},
            {"targets": {"normal": {"resolution_minutes": "ten"}}},
            {"targets": {"normal": {"response_minutes": 5}}},
            {"targets": {"normal": 60}},
            {"targets": [{"normal": {"resolution_minutes": 5}}]},
            {"targets": None},
            {"warnings_minutes": [0]},
            {"warnings_minutes": [-5]},
            {"warnings_minutes": [10_081]},
            {"warnings_minutes": list(range(1, 12))},
            {"warnings_minutes": 30},
            {"warnings_minutes": ["thirty"]},
            {"warnings_minutes": None},
            {"pause_while_awaiting_contact": "sometimes"},
            {"pause_while_awaiting_contact": None},
            {"is_default": "yes please"},
            {"is_default": None},
            {"calendar_id": "not-a-uuid"},
            {"calendar_id": 42},
            {"name": ""},
            {"name": "  "},
            {"name": "x" * 201},
            {"name": "Gold\x00"},
            {"name": None},
            {"name": {"en": "Gold"}},
            {"escalate_to": "ceo"},
        ],
        ids=lambda over: "-".join(f"{k}={str(v)[:20]!r}" for k, v in over.items()),
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, session: AsyncSession, over: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/sla-policies"), json=policy_body(**over), headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("missing", ["name", "calendar_id", "targets"])
    async def test_missing_field_is_422(
        self, client: AsyncClient, session: AsyncSession, missing: str
    ) -> None:
        desk = await make_desk(session)
        body = policy_body()
        del body[missing]
        r = await client.post(desk.url("/sla-policies"), json=body, headers=desk.headers["admin"])
        problem = assert_problem(r, 422, "validation-error")
        assert any(missing in issue["loc"] for issue in problem["errors"])

    @pytest.mark.parametrize("content", [b"", b"{", b"[]", b"null", b"\xff"], ids=lambda c: repr(c))
    async def test_unparseable_body_is_4xx(
        self, client: AsyncClient, session: AsyncSession, content: bytes
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/sla-policies"),
            content=content,
            headers={**desk.headers["admin"], "content-type": "application/json"},
        )
        assert r.status_code in (400, 422), r.text
        assert_problem(r, r.status_code)


class TestListPolicies:
    async def test_own_policies_oldest_first_for_any_member(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        first = await create_policy(client, desk, name="First")
        second = await create_policy(client, desk, name="Second")
        await create_policy(client, other)
        r = await client.get(desk.url("/sla-policies"), headers=desk.headers["agent"])
        assert r.status_code == 200, r.text
        assert [p["id"] for p in r.json()["items"]] == [first["id"], second["id"]]

    async def test_pages(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = [(await create_policy(client, desk, name=f"P{i}"))["id"] for i in range(3)]
        r = await client.get(
            desk.url("/sla-policies"), params={"limit": 2}, headers=desk.headers["agent"]
        )
        page = r.json()
        assert [p["id"] for p in page["items"]] == made[:2] and page["next_cursor"]
        r = await client.get(
            desk.url("/sla-policies"),
            params={"limit": 2, "cursor": page["next_cursor"]},
            headers=desk.headers["agent"],
        )
        assert [p["id"] for p in r.json()["items"]] == made[2:]
        assert r.json()["next_cursor"] is None

    async def test_other_organisation_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        r = await client.get(other.url("/sla-policies"), headers=desk.headers["admin"])
        assert_problem(r, 404, "organisation-not-found")


class TestGetPolicy:
    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(
            desk.url(f"/sla-policies/{uuid.uuid4()}"), headers=desk.headers["agent"]
        )
        assert_problem(r, 404, "sla-policy-not-found")

    async def test_malformed_id_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/sla-policies/xyz"), headers=desk.headers["agent"])
        assert_problem(r, 422, "validation-error")


class TestUpdatePolicy:
    async def test_admin_edits_fields(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        calendar = await create_calendar(client, desk)
        changes = {
            "name": "Gold",
            "calendar_id": calendar["id"],
            "targets": {"high": {"first_response_minutes": 15, "resolution_minutes": 60}},
            "warnings_minutes": [10],
            "pause_while_awaiting_contact": True,
            "levels": [{"level": 1, "notify": ["admins"]}],
        }
        r = await patch(client, desk, made["id"], changes)
        assert r.status_code == 200, r.text
        assert {k: r.json()[k] for k in changes} == changes
        assert {k: v for k, v in (await get_policy(client, desk, made["id"])).items()} == r.json()

    async def test_null_calendar_means_around_the_clock(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create_calendar(client, desk)
        made = await create_policy(client, desk, calendar_id=calendar["id"])
        r = await patch(client, desk, made["id"], {"calendar_id": None})
        assert r.status_code == 200, r.text
        assert r.json()["calendar_id"] is None

    async def test_empty_patch_changes_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk, is_default=True, warnings_minutes=[10])
        r = await patch(client, desk, made["id"], {})
        assert r.status_code == 200, r.text
        assert {k: v for k, v in r.json().items() if k != "updated_at"} == {
            k: v for k, v in made.items() if k != "updated_at"
        }

    async def test_warnings_are_deduplicated_as_on_create(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        r = await patch(client, desk, made["id"], {"warnings_minutes": [5, 30, 5]})
        assert r.status_code == 200, r.text
        assert r.json()["warnings_minutes"] == [30, 5]

    async def test_patching_a_second_default_unsets_the_first(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        first = await create_policy(client, desk, name="First", is_default=True)
        second = await create_policy(client, desk, name="Second")
        r = await patch(client, desk, second["id"], {"is_default": True})
        assert r.status_code == 200, r.text
        assert r.json()["is_default"] is True
        assert await defaults(client, desk) == [second["id"]]
        # Making the default the default again keeps it.
        r = await patch(client, desk, second["id"], {"is_default": True})
        assert await defaults(client, desk) == [second["id"]]
        # Turning it off leaves the organisation with none.
        r = await patch(client, desk, second["id"], {"is_default": False})
        assert r.json()["is_default"] is False
        assert await defaults(client, desk) == []
        assert (await get_policy(client, desk, first["id"]))["is_default"] is False

    async def test_calendar_of_another_org_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        made = await create_policy(client, desk)
        theirs = await create_calendar(client, other)
        r = await patch(client, desk, made["id"], {"calendar_id": theirs["id"]})
        assert_problem(r, 404, "calendar-not-found")
        assert (await get_policy(client, desk, made["id"]))["calendar_id"] is None

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        r = await client.patch(
            desk.url(f"/sla-policies/{made['id']}"), json={"name": "x"}, headers=desk.headers[who]
        )
        assert_problem(r, 403, "insufficient-role")

    @pytest.mark.parametrize(
        "changes",
        [
            {"name": None},
            {"targets": None},
            {"warnings_minutes": None},
            {"pause_while_awaiting_contact": None},
            {"levels": None},
            {"is_default": None},
            {"name": "x" * 201},
            {"name": "a\x00"},
            {"levels": [{"level": 2, "notify": ["owners"]}]},
            {"levels": [{"level": 1, "notify": ["nobody"]}]},
            {"targets": {"normal": {"first_response_minutes": 0}}},
            {"warnings_minutes": [0]},
            {"calendar_id": "nope"},
            {"unknown": 1},
        ],
        ids=lambda c: "-".join(f"{k}={str(v)[:16]!r}" for k, v in c.items()),
    )
    async def test_bad_change_is_422(
        self, client: AsyncClient, session: AsyncSession, changes: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        r = await patch(client, desk, made["id"], changes)
        assert_problem(r, 422, "validation-error")

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await patch(client, desk, str(uuid.uuid4()), {"name": "x"})
        assert_problem(r, 404, "sla-policy-not-found")


class TestDeletePolicy:
    async def test_unused_policy_is_deleted(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        r = await client.delete(
            desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text
        r = await client.get(desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"])
        assert_problem(r, 404, "sla-policy-not-found")

    async def test_policy_an_inbox_names_is_409_until_the_inbox_lets_go(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=made["id"])
        r = await client.delete(
            desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"]
        )
        assert_problem(r, 409, "sla-policy-in-use")
        assert (await get_policy(client, desk, made["id"]))["id"] == made["id"]

        r = await client.patch(
            desk.url(f"/inboxes/{inbox['id']}"),
            json={"sla_policy_id": None},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        r = await client.delete(
            desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text

    async def test_policy_of_a_deleted_inbox_may_go(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        inbox = await make_inbox(client, desk, sla_policy_id=made["id"])
        r = await client.delete(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        r = await client.delete(
            desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text

    async def test_policy_an_open_escalation_runs_on_is_409_until_it_closes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk, is_default=True)
        inbox = await make_inbox(client, desk)  # no policy of its own: the default applies
        escalation = await escalate(client, session, desk, inbox)
        assert escalation["sla_policy_id"] == made["id"]
        # No longer the default, so only the escalation still uses it.
        r = await patch(client, desk, made["id"], {"is_default": False})
        assert r.status_code == 200, r.text
        r = await client.delete(
            desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"]
        )
        assert_problem(r, 409, "sla-policy-in-use")

        r = await client.post(
            desk.url(f"/escalations/{escalation['id']}/resolve"),
            json={},
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 200, r.text
        r = await client.delete(
            desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text
        # The closed escalation keeps its history, without the policy.
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}"), headers=desk.headers["supervisor"]
        )
        assert r.status_code == 200, r.text
        assert r.json()["sla_policy_id"] is None

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        made = await create_policy(client, desk)
        r = await client.delete(desk.url(f"/sla-policies/{made['id']}"), headers=desk.headers[who])
        assert_problem(r, 403, "insufficient-role")

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.delete(
            desk.url(f"/sla-policies/{uuid.uuid4()}"), headers=desk.headers["admin"]
        )
        assert_problem(r, 404, "sla-policy-not-found")


class TestCrossOrganisation:
    @pytest.mark.parametrize(
        ("method", "kwargs"),
        [("GET", {}), ("PATCH", {"json": {"name": "Mine now"}}), ("DELETE", {})],
        ids=["get", "patch", "delete"],
    )
    async def test_other_orgs_policy_is_404(
        self, client: AsyncClient, session: AsyncSession, method: str, kwargs: dict[str, Any]
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await create_policy(client, other)
        r = await client.request(
            method,
            desk.url(f"/sla-policies/{theirs['id']}"),
            headers=desk.headers["admin"],
            **kwargs,
        )
        assert_problem(r, 404, "sla-policy-not-found")
        r = await client.request(
            method,
            other.url(f"/sla-policies/{theirs['id']}"),
            headers=desk.headers["admin"],
            **kwargs,
        )
        assert_problem(r, 404, "organisation-not-found")
        assert (await get_policy(client, other, theirs["id"]))["name"] == "Standard"

    async def test_making_a_default_leaves_other_orgs_default_alone(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await create_policy(client, other, is_default=True)
        mine = await create_policy(client, desk)
        r = await patch(client, desk, mine["id"], {"is_default": True})
        assert r.status_code == 200, r.text
        assert await defaults(client, other) == [theirs["id"]]
