"""Rules over HTTP: create, list in order, edit (version bump), reorder, delete, validation
(regex limits, references), the dry run (which changes nothing), and authorisation on every
rules endpoint: agents and supervisors 403, another organisation 404."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Escalation
from app.models.rules import RuleRun
from tests.escalation_helpers import Desk, make_desk, make_inbox
from tests.factories import assert_problem, make_conversation, make_message

ALWAYS: dict[str, Any] = {"type": "all", "conditions": []}
SUPERVISOR_WORDS = {"type": "keywords", "any_of": ["supervisor", "manager"]}


def body(**over: Any) -> dict[str, Any]:
    return {
        "name": "Supervisor requests",
        "trigger": "message.received",
        "conditions": SUPERVISOR_WORDS,
        "actions": [{"type": "add_tag", "tag": "supervisor"}],
        **over,
    }


async def create(client: AsyncClient, desk: Desk, **over: Any) -> dict[str, Any]:
    r = await client.post(desk.url("/rules"), json=body(**over), headers=desk.headers["admin"])
    assert r.status_code == 201, r.text
    rule: dict[str, Any] = r.json()
    return rule


async def names(client: AsyncClient, desk: Desk) -> list[str]:
    r = await client.get(desk.url("/rules"), headers=desk.headers["admin"])
    assert r.status_code == 200, r.text
    return [x["name"] for x in r.json()["items"]]


@pytest.fixture
async def desk(session: AsyncSession) -> Desk:
    return await make_desk(session)


class TestCreateRule:
    async def test_created_at_version_1_and_listed_in_order(
        self, client: AsyncClient, desk: Desk
    ) -> None:
        first = await create(client, desk, name="first")
        await create(client, desk, name="second")
        await create(client, desk, name="zeroth", position=0)
        assert first["version"] == 1 and first["enabled"] is True
        assert first["conditions"] == SUPERVISOR_WORDS
        assert await names(client, desk) == ["zeroth", "first", "second"]

    async def test_owner_may_too(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.post(desk.url("/rules"), json=body(), headers=desk.headers["org_owner"])
        assert r.status_code == 201, r.text

    @pytest.mark.parametrize(
        "pattern", [r"(a|aa)+$", r"(q+q+)+y", r"(a{100}){100}", r"(unclosed", r"a{3,1}"]
    )
    async def test_a_bad_regex_is_a_422(
        self, client: AsyncClient, desk: Desk, pattern: str
    ) -> None:
        r = await client.post(
            desk.url("/rules"),
            json=body(conditions={"type": "regex", "pattern": pattern}),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "rule-regex-refused")

    async def test_an_overlong_pattern_is_a_422(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.post(
            desk.url("/rules"),
            json=body(conditions={"type": "regex", "pattern": "a" * 501}),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "validation-error")

    async def test_references_must_be_the_organisations(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        other = await make_desk(session)
        foreign_inbox = await make_inbox(client, other)
        for actions in (
            [{"type": "escalate", "inbox_id": foreign_inbox["id"]}],
            [{"type": "notify", "target": {"type": "member", "user_id": str(other.agent.id)}}],
            [{"type": "set_category", "category": "no-such-category"}],
        ):
            r = await client.post(
                desk.url("/rules"), json=body(actions=actions), headers=desk.headers["admin"]
            )
            assert_problem(r, 422, "rule-reference-invalid")
        r = await client.post(
            desk.url("/rules"),
            json=body(conditions={"type": "campaign", "any_of": [str(other.campaign.id)]}),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "rule-reference-invalid")

    async def test_require_approval_needs_an_escalation(
        self, client: AsyncClient, desk: Desk
    ) -> None:
        r = await client.post(
            desk.url("/rules"),
            json=body(actions=[{"type": "require_approval"}]),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "rule-invalid")

    async def test_unknown_condition_or_trigger_is_a_422(
        self, client: AsyncClient, desk: Desk
    ) -> None:
        for bad in ({"conditions": {"type": "moon_phase"}}, {"trigger": "message.sent"}):
            r = await client.post(
                desk.url("/rules"), json=body(**bad), headers=desk.headers["admin"]
            )
            assert_problem(r, 422, "validation-error")


class TestUpdateRule:
    async def test_an_edit_bumps_the_version(self, client: AsyncClient, desk: Desk) -> None:
        rule = await create(client, desk)
        url = desk.url(f"/rules/{rule['id']}")
        r = await client.patch(url, json={"enabled": False}, headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        assert r.json()["version"] == 2 and r.json()["enabled"] is False
        r = await client.patch(
            url,
            json={"conditions": {"type": "keywords", "any_of": ["lawyer"]}},
            headers=desk.headers["admin"],
        )
        assert r.json()["version"] == 3
        # Nothing changed: the version stays.
        r = await client.patch(url, json={"enabled": False}, headers=desk.headers["admin"])
        assert r.json()["version"] == 3
        r = await client.get(url, headers=desk.headers["admin"])
        assert r.json()["conditions"] == {"type": "keywords", "any_of": ["lawyer"]}

    async def test_a_bad_regex_edit_is_refused_and_changes_nothing(
        self, client: AsyncClient, desk: Desk
    ) -> None:
        rule = await create(client, desk)
        url = desk.url(f"/rules/{rule['id']}")
        r = await client.patch(
            url,
            json={"conditions": {"type": "regex", "pattern": "(a|aa)+$"}},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "rule-regex-refused")
        assert (await client.get(url, headers=desk.headers["admin"])).json()["version"] == 1


class TestReorderAndDelete:
    async def test_reorder_takes_every_rule(self, client: AsyncClient, desk: Desk) -> None:
        a, b, c = [await create(client, desk, name=n) for n in "abc"]
        r = await client.put(
            desk.url("/rules/order"),
            json={"rule_ids": [c["id"], a["id"], b["id"]]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert [x["name"] for x in r.json()] == ["c", "a", "b"]
        assert [x["version"] for x in r.json()] == [1, 1, 1]  # order is not an edit
        assert await names(client, desk) == ["c", "a", "b"]
        r = await client.put(
            desk.url("/rules/order"),
            json={"rule_ids": [a["id"], b["id"]]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "rule-order-mismatch")

    async def test_delete_closes_the_gap(self, client: AsyncClient, desk: Desk) -> None:
        _, b, _ = [await create(client, desk, name=n) for n in "abc"]
        r = await client.delete(desk.url(f"/rules/{b['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204
        listed = (await client.get(desk.url("/rules"), headers=desk.headers["admin"])).json()
        assert [(x["name"], x["position"]) for x in listed["items"]] == [("a", 0), ("c", 1)]


class TestDryRun:
    async def test_says_what_would_fire_and_changes_nothing(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await make_inbox(client, desk)
        await create(
            client,
            desk,
            name="vip",
            position=0,
            conditions={"type": "contact_attribute", "key": "tier", "op": "eq", "value": "vip"},
            actions=[{"type": "add_tag", "tag": "vip"}],
        )
        await create(
            client,
            desk,
            name="supervisor",
            actions=[
                {"type": "escalate", "inbox_id": inbox["id"], "priority": "high"},
                {"type": "stop"},
            ],
        )
        await create(client, desk, name="after stop", conditions=ALWAYS)
        r = await client.post(
            desk.url("/rules/test"),
            json={"message": "Get me a supervisor", "contact": {"attributes": {"tier": "vip"}}},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        result = r.json()
        assert [m["name"] for m in result["matched"]] == ["vip", "supervisor"]
        assert result["matched"][1]["stopped"] is True
        assert result["matched"][1]["actions"][0]["type"] == "escalate"

        # An existing conversation: its own message and contact; nothing is written.
        conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
        await make_message(session, conversation, body="I need a manager please")
        r = await client.post(
            desk.url("/rules/test"),
            json={"conversation_id": str(conversation.id)},
            headers=desk.headers["admin"],
        )
        assert [m["name"] for m in r.json()["matched"]] == ["supervisor"]
        assert await session.scalar(select(func.count()).select_from(Escalation)) == 0
        assert await session.scalar(select(func.count()).select_from(RuleRun)) == 0

    async def test_another_orgs_conversation_is_a_404(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        other = await make_desk(session)
        conversation = await make_conversation(session, other.campaign)
        r = await client.post(
            desk.url("/rules/test"),
            json={"conversation_id": str(conversation.id)},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "conversation-not-found")


ENDPOINTS = [
    ("post", "/rules", body()),
    ("get", "/rules", None),
    ("put", "/rules/order", {"rule_ids": ["{rule}"]}),
    ("post", "/rules/test", {"message": "hi"}),
    ("get", "/rules/runs", None),
    ("get", "/rules/{rule}", None),
    ("patch", "/rules/{rule}", {"enabled": False}),
    ("delete", "/rules/{rule}", None),
]


def _fill(value: Any, rule_id: str) -> Any:
    if isinstance(value, str):
        return value.replace("{rule}", rule_id)
    if isinstance(value, dict):
        return {k: _fill(v, rule_id) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, rule_id) for v in value]
    return value


class TestAuthorisation:
    @pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
    async def test_agents_and_supervisors_get_403(
        self, client: AsyncClient, desk: Desk, method: str, path: str, payload: Any
    ) -> None:
        rule = await create(client, desk)
        for who in ("agent", "supervisor"):
            kwargs = {"json": _fill(payload, rule["id"])} if payload is not None else {}
            r = await client.request(
                method, desk.url(_fill(path, rule["id"])), headers=desk.headers[who], **kwargs
            )
            assert_problem(r, 403)

    @pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
    async def test_another_organisation_gets_404(
        self,
        client: AsyncClient,
        session: AsyncSession,
        desk: Desk,
        method: str,
        path: str,
        payload: Any,
    ) -> None:
        rule = await create(client, desk)
        other = await make_desk(session)
        kwargs = {"json": _fill(payload, rule["id"])} if payload is not None else {}
        # Their admin on our organisation's URL: not a member, so nothing is there.
        r = await client.request(
            method, desk.url(_fill(path, rule["id"])), headers=other.headers["admin"], **kwargs
        )
        assert_problem(r, 404)
        if "{rule}" in path and method != "put":
            # Our rule's id under their organisation: not theirs, so it does not exist.
            r = await client.request(
                method,
                other.url(_fill(path, rule["id"])),
                headers=other.headers["admin"],
                **kwargs,
            )
            assert_problem(r, 404, "rule-not-found")
