"""Escalations over HTTP: escalate, read, change, move, de-escalate, resolve, audit trail,
visibility per role and organisation, and bad input on every write route."""

import base64
import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Role
from app.models.base import utcnow
from tests.escalation_helpers import (
    HANDOFF,
    Desk,
    assert_problem,
    claim,
    escalate,
    event_types,
    events,
    make_desk,
    make_inbox,
    ts,
)
from tests.factories import auth, make_campaign, make_conversation, make_member


async def _post(client: AsyncClient, desk: Desk, path: str, who: str, body: Any = None) -> Response:
    return await client.post(desk.url(path), json=body, headers=desk.headers[who])


async def _get(client: AsyncClient, desk: Desk, path: str, who: str) -> Response:
    return await client.get(desk.url(path), headers=desk.headers[who])


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _escalate_body(inbox: dict[str, Any], **over: Any) -> dict[str, Any]:
    return {"inbox_id": inbox["id"], "priority": "normal", "handoff": HANDOFF, **over}


class TestEscalate:
    async def test_returns_the_escalation_and_the_agents_next_conversation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        hour_ago = utcnow() - timedelta(hours=1)
        conv = await make_conversation(
            session, desk.campaign, assignee=desk.agent, since=hour_ago - timedelta(hours=1)
        )
        await make_conversation(session, desk.campaign, assignee=desk.agent, needs_response=False)
        nxt = await make_conversation(session, desk.campaign, assignee=desk.agent, since=hour_ago)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            _escalate_body(inbox, priority="high", category="accounting"),
        )
        assert r.status_code == 201, r.text
        esc, next_conversation = r.json()["escalation"], r.json()["next_conversation"]
        assert esc["conversation_id"] == str(conv.id)
        assert esc["conversation"]["id"] == str(conv.id)
        assert esc["inbox_id"] == inbox["id"]
        assert esc["origin_campaign_id"] == str(desk.campaign.id)
        assert (esc["status"], esc["priority"], esc["category"]) == ("open", "high", "accounting")
        assert esc["handoff"] == HANDOFF
        assert esc["escalated_by"] == str(desk.agent.id)
        assert esc["claimed_by"] is None and esc["claim_expires_at"] is None
        assert next_conversation["id"] == str(nxt.id)

    async def test_next_conversation_is_null_when_the_queue_is_empty(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client, desk, f"/conversations/{conv.id}/escalate", "agent", _escalate_body(inbox)
        )
        assert r.status_code == 201, r.text
        assert r.json()["next_conversation"] is None

    async def test_leaves_the_agents_queue_and_sight(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        conv_id = esc["conversation_id"]
        r = await _get(client, desk, "/queue", "agent")
        assert conv_id not in [c["id"] for c in r.json()["items"]]
        assert_problem(await _get(client, desk, f"/conversations/{conv_id}", "agent"), 404)
        assert_problem(await _get(client, desk, f"/escalations/{esc['id']}", "agent"), 404)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv_id}/messages",
            "agent",
            {"body": "still me", "direction": "outbound"},
        )
        assert_problem(r, 404)
        r = await _get(client, desk, "/conversations", "agent")
        assert conv_id not in [c["id"] for c in r.json()["items"]]

    @pytest.mark.parametrize("who", ["owner", "owner2", "supervisor", "admin", "org_owner"])
    async def test_owners_and_staff_see_the_conversation(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox, priority="urgent")
        r = await _get(client, desk, f"/conversations/{esc['conversation_id']}", who)
        assert r.status_code == 200, r.text
        assert r.json()["assignee_id"] is None
        assert r.json()["escalation"] == {
            "id": esc["id"],
            "inbox_id": inbox["id"],
            "status": "open",
            "priority": "urgent",
            "claimed_by": None,  # nobody holds it yet
            "claim_expires_at": None,
        }

    async def test_without_priority_the_inboxs_default_applies(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        urgent = await make_inbox(client, desk, name="Urgent", default_priority="urgent")
        plain = await make_inbox(client, desk, name="Plain")
        body = {"handoff": HANDOFF}
        assert (await escalate(client, session, desk, urgent, **body, priority=None))[
            "priority"
        ] == "urgent"
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            {"inbox_id": urgent["id"], "handoff": HANDOFF},
        )
        assert r.json()["escalation"]["priority"] == "urgent"
        assert (await escalate(client, session, desk, urgent, priority="high"))[
            "priority"
        ] == "high"
        assert (await escalate(client, session, desk, plain, priority=None))["priority"] == "normal"

    @pytest.mark.parametrize("category", ["service", "accounting", "other"])
    async def test_known_categories(
        self, client: AsyncClient, session: AsyncSession, category: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        assert (await escalate(client, session, desk, inbox, category=category))[
            "category"
        ] == category

    async def test_category_defaults_to_other(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        assert (await escalate(client, session, desk, inbox))["category"] == "other"

    @pytest.mark.parametrize("category", ["legal", "Service", "x" * 150])
    async def test_unknown_category_is_422(
        self, client: AsyncClient, session: AsyncSession, category: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            _escalate_body(inbox, category=category),
        )
        assert_problem(r, 422, "unknown-category")
        r = await _get(client, desk, f"/conversations/{conv.id}", "agent")
        assert r.status_code == 200 and r.json()["escalation"] is None

    @pytest.mark.parametrize("priority", ["low", "NORMAL", 2, ""])
    async def test_unknown_priority_is_422(
        self, client: AsyncClient, session: AsyncSession, priority: Any
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            _escalate_body(inbox, priority=priority),
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("field", ["reason", "steps_taken", "help_needed"])
    @pytest.mark.parametrize("value", [None, "", "   ", "\n\t ", "MISSING"])
    async def test_handoff_fields_are_required_and_non_blank(
        self, client: AsyncClient, session: AsyncSession, field: str, value: str | None
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        handoff: dict[str, Any] = {**HANDOFF, field: value}
        if value == "MISSING":
            del handoff[field]
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            _escalate_body(inbox, handoff=handoff),
        )
        body = assert_problem(r, 422, "validation-error")
        assert any(field in e["loc"] for e in body["errors"]), body

    async def test_offers_made_is_optional(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        handoff = {k: v for k, v in HANDOFF.items() if k != "offers_made"}
        esc = await escalate(client, session, desk, inbox, handoff=handoff)
        assert esc["handoff"] == {**handoff, "offers_made": None}

    async def test_handoff_text_is_trimmed(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(
            client, session, desk, inbox, handoff={**HANDOFF, "reason": "  padded  "}
        )
        assert esc["handoff"]["reason"] == "padded"

    @pytest.mark.parametrize("who", ["owner", "supervisor", "admin"])
    async def test_escalating_twice_is_409(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        other = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner.id)])
        esc = await escalate(client, session, desk, inbox)
        r = await _post(
            client,
            desk,
            f"/conversations/{esc['conversation_id']}/escalate",
            who,
            _escalate_body(other),
        )
        assert_problem(r, 409, "already-escalated")

    async def test_the_escalating_agent_cannot_escalate_again(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await _post(
            client,
            desk,
            f"/conversations/{esc['conversation_id']}/escalate",
            "agent",
            _escalate_body(inbox),
        )
        # They no longer see it, but they know it is escalated: a retry is a conflict.
        assert_problem(r, 409, "already-escalated")
        # Another agent, who owns no inbox and never saw it, still finds nothing there.
        desk.headers["stranger"] = await auth(await make_member(session, desk.org, Role.agent))
        r = await _post(
            client,
            desk,
            f"/conversations/{esc['conversation_id']}/escalate",
            "stranger",
            _escalate_body(inbox),
        )
        assert_problem(r, 404, "conversation-not-found")

    async def test_can_be_escalated_again_once_closed(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await _post(client, desk, f"/escalations/{esc['id']}/de-escalate", "owner")
        assert r.status_code == 200, r.text
        r = await _post(
            client,
            desk,
            f"/conversations/{esc['conversation_id']}/escalate",
            "supervisor",
            _escalate_body(inbox),
        )
        assert r.status_code == 201, r.text
        assert r.json()["escalation"]["id"] != esc["id"]

    async def test_another_orgs_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await make_inbox(client, other)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client, desk, f"/conversations/{conv.id}/escalate", "agent", _escalate_body(theirs)
        )
        assert_problem(r, 404, "inbox-not-found")

    async def test_unknown_inbox_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            _escalate_body({"id": str(uuid.uuid4())}),
        )
        assert_problem(r, 404, "inbox-not-found")

    async def test_another_orgs_conversation_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        inbox = await make_inbox(client, desk)
        theirs = await make_conversation(session, other.campaign, assignee=other.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{theirs.id}/escalate",
            "supervisor",
            _escalate_body(inbox),
        )
        assert_problem(r, 404, "conversation-not-found")
        r = await client.post(
            other.url(f"/conversations/{theirs.id}/escalate"),
            json=_escalate_body(inbox),
            headers=desk.headers["supervisor"],
        )
        assert_problem(r, 404)

    @pytest.mark.parametrize("assignee", ["owner", None])
    async def test_an_agent_cannot_escalate_what_is_not_theirs(
        self, client: AsyncClient, session: AsyncSession, assignee: str | None
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(
            session, desk.campaign, assignee=getattr(desk, assignee) if assignee else None
        )
        r = await _post(
            client, desk, f"/conversations/{conv.id}/escalate", "agent", _escalate_body(inbox)
        )
        assert_problem(r, 404, "conversation-not-found")

    async def test_a_supervisor_escalates_anyones_conversation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client, desk, f"/conversations/{conv.id}/escalate", "supervisor", _escalate_body(inbox)
        )
        assert r.status_code == 201, r.text
        assert r.json()["escalation"]["escalated_by"] == str(desk.supervisor.id)
        assert r.json()["next_conversation"] is None
        assert_problem(await _get(client, desk, f"/conversations/{conv.id}", "agent"), 404)

    async def test_records_a_created_event_with_the_handoff(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox, priority="high", category="service")
        (created,) = await events(client, desk, esc["id"])
        assert created["type"] == "escalation.created"
        assert created["actor_id"] == str(desk.agent.id)
        assert created["data"]["handoff"] == HANDOFF
        assert created["data"]["inbox_id"] == inbox["id"]
        assert created["data"]["priority"] == "high"
        assert created["data"]["category"] == "service"


class TestVisibility:
    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("owner", (200, 200, 200, 200)),
            ("owner2", (404, 404, 403, 404)),
            ("agent", (404, 404, 403, 404)),
            ("supervisor", (200, 200, 200, 200)),
            ("admin", (200, 200, 200, 200)),
            ("org_owner", (200, 200, 200, 200)),
        ],
    )
    async def test_per_role(
        self, client: AsyncClient, session: AsyncSession, who: str, expected: tuple[int, ...]
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        esc = await escalate(client, session, desk, inbox)
        got = []
        for path in (
            f"/escalations/{esc['id']}",
            f"/escalations/{esc['id']}/events",
            f"/inboxes/{inbox['id']}/escalations",
            f"/conversations/{esc['conversation_id']}",
        ):
            r = await _get(client, desk, path, who)
            if r.status_code >= 400:
                assert_problem(r, r.status_code)
            got.append(r.status_code)
        assert tuple(got) == expected
        r = await _get(client, desk, f"/inboxes/{inbox['id']}/escalations", who)
        if r.status_code == 403:
            assert_problem(r, 403, "not-inbox-owner")

    async def test_get_returns_the_escalation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        assert r.json()["id"] == esc["id"]
        assert r.json()["handoff"] == HANDOFF
        assert r.json()["conversation"]["id"] == esc["conversation_id"]

    async def test_unknown_escalation_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        assert_problem(
            await _get(client, desk, f"/escalations/{uuid.uuid4()}", "admin"),
            404,
            "escalation-not-found",
        )


class TestCrossOrg:
    async def test_a_member_of_another_org_gets_404_everywhere(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        inbox = await make_inbox(client, other)
        target = await make_inbox(client, other, name="Legal")
        esc = await escalate(client, session, other, inbox)
        conv = await make_conversation(session, other.campaign, assignee=other.agent)
        mine = await make_inbox(client, desk)
        routes: list[tuple[str, str, Any]] = [
            ("GET", f"/escalations/{esc['id']}", None),
            ("PATCH", f"/escalations/{esc['id']}", {"priority": "high"}),
            ("GET", f"/escalations/{esc['id']}/events", None),
            ("POST", f"/escalations/{esc['id']}/release", None),
            ("POST", f"/escalations/{esc['id']}/move", {"inbox_id": target["id"]}),
            ("POST", f"/escalations/{esc['id']}/de-escalate", {}),
            ("POST", f"/escalations/{esc['id']}/resolve", {}),
            ("GET", "/inboxes", None),
            ("POST", "/inboxes", {"name": "X", "owner_ids": [str(desk.owner.id)]}),
            ("GET", f"/inboxes/{inbox['id']}", None),
            ("PATCH", f"/inboxes/{inbox['id']}", {"name": "Y"}),
            ("DELETE", f"/inboxes/{inbox['id']}", None),
            ("POST", f"/inboxes/{inbox['id']}/claims", {"count": 1}),
            ("GET", f"/inboxes/{inbox['id']}/escalations", None),
            ("GET", "/me/escalations", None),
            ("POST", f"/conversations/{conv.id}/escalate", _escalate_body(inbox)),
        ]
        # Their paths with my credentials, then their ids under my own organisation's path.
        for base, who in ((other, "admin"), (other, "org_owner"), (desk, "org_owner")):
            for method, path, body in routes:
                if base is desk and path in ("/inboxes", "/me/escalations"):
                    continue
                if base is desk and path.endswith("/escalate"):
                    body = _escalate_body(mine)
                r = await client.request(
                    method, base.url(path), json=body, headers=desk.headers[who]
                )
                assert_problem(r, 404)
        # Nothing changed for them.
        r = await _get(client, other, f"/escalations/{esc['id']}", "admin")
        assert r.json()["status"] == "open" and r.json()["inbox_id"] == inbox["id"]
        assert await event_types(client, other, esc["id"]) == ["escalation.created"]

    async def test_moving_into_another_orgs_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        inbox = await make_inbox(client, desk)
        theirs = await make_inbox(client, other)
        esc = await escalate(client, session, desk, inbox)
        r = await _post(
            client, desk, f"/escalations/{esc['id']}/move", "admin", {"inbox_id": theirs["id"]}
        )
        assert_problem(r, 404, "inbox-not-found")


class TestEvents:
    async def test_lists_the_trail_oldest_first(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        await _post(client, desk, f"/escalations/{esc['id']}/release", "owner")
        await client.patch(
            desk.url(f"/escalations/{esc['id']}"),
            json={"priority": "critical"},
            headers=desk.headers["owner"],
        )
        await _post(client, desk, f"/escalations/{esc['id']}/resolve", "owner", {"note": "done"})
        trail = await events(client, desk, esc["id"])
        assert [e["type"] for e in trail] == [
            "escalation.created",
            "escalation.claimed",
            "escalation.released",
            "escalation.priority_changed",
            "escalation.resolved",
        ]
        for e in trail:
            assert set(e) == {"id", "type", "actor_id", "created_at", "data", "note"}
            assert e["note"] is None  # only a note's own event carries it
        stamps = [ts(e["created_at"]) for e in trail]
        assert stamps == sorted(stamps)  # type: ignore[type-var]
        assert [e["actor_id"] for e in trail] == [str(desk.agent.id)] + [str(desk.owner.id)] * 4
        assert trail[-1]["data"]["note"] == "done"

    async def test_pages(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        for priority in ("high", "urgent", "critical"):
            r = await client.patch(
                desk.url(f"/escalations/{esc['id']}"),
                json={"priority": priority},
                headers=desk.headers["owner"],
            )
            assert r.status_code == 200, r.text
        seen: list[str] = []
        cursor = None
        while True:
            url = f"/escalations/{esc['id']}/events?limit=3" + (
                f"&cursor={cursor}" if cursor else ""
            )
            page = (await _get(client, desk, url, "supervisor")).json()
            seen += [e["data"].get("to", e["type"]) for e in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == ["escalation.created", "high", "urgent", "critical"]

    async def test_bad_cursor_and_limit(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        for raw in ("%%%", _cursor(["x"]), _cursor(["9" * 30]), _cursor([1]), _cursor(["1", "2"])):
            r = await _get(
                client, desk, f"/escalations/{esc['id']}/events?cursor={raw}", "supervisor"
            )
            assert_problem(r, 400, "invalid-cursor" if raw != "%%%" else None)
        for limit in (0, 201, "x"):
            r = await _get(
                client, desk, f"/escalations/{esc['id']}/events?limit={limit}", "supervisor"
            )
            assert_problem(r, 422)


class TestChangeEscalation:
    async def test_priority_change_is_recorded_with_from_and_to(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await client.patch(
            desk.url(f"/escalations/{esc['id']}"),
            json={"priority": "urgent"},
            headers=desk.headers["owner"],
        )
        assert r.status_code == 200, r.text
        assert r.json()["priority"] == "urgent"
        last = (await events(client, desk, esc["id"]))[-1]
        assert last["type"] == "escalation.priority_changed"
        # Where the priority came from is recorded with it (a person, here).
        assert last["data"] == {
            "from": "normal",
            "to": "urgent",
            "source": {"kind": "agent", "user_id": str(desk.owner.id)},
        }
        assert r.json()["priority_source"] == {"kind": "agent", "user_id": str(desk.owner.id)}
        assert last["actor_id"] == str(desk.owner.id)

    async def test_same_priority_records_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        for body in ({"priority": "normal"}, {}):
            r = await client.patch(
                desk.url(f"/escalations/{esc['id']}"), json=body, headers=desk.headers["owner"]
            )
            assert r.status_code == 200, r.text
        assert await event_types(client, desk, esc["id"]) == ["escalation.created"]

    async def test_category_change(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await client.patch(
            desk.url(f"/escalations/{esc['id']}"),
            json={"category": "accounting"},
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 200 and r.json()["category"] == "accounting", r.text
        r = await client.patch(
            desk.url(f"/escalations/{esc['id']}"),
            json={"category": "astrology", "priority": "high"},
            headers=desk.headers["supervisor"],
        )
        assert_problem(r, 422, "unknown-category")
        r = await _get(client, desk, f"/escalations/{esc['id']}", "supervisor")
        assert (r.json()["category"], r.json()["priority"]) == ("accounting", "normal")

    async def test_priority_change_moves_it_up_the_claim_order(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        await escalate(client, session, desk, inbox)
        later = await escalate(client, session, desk, inbox)
        await client.patch(
            desk.url(f"/escalations/{later['id']}"),
            json={"priority": "high"},
            headers=desk.headers["owner"],
        )
        r = await claim(client, desk, inbox, "owner", count=1)
        assert [e["id"] for e in r.json()["items"]] == [later["id"]]

    @pytest.mark.parametrize("who", ["agent", "owner2"])
    async def test_non_owners_get_404(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        esc = await escalate(client, session, desk, inbox)
        r = await client.patch(
            desk.url(f"/escalations/{esc['id']}"),
            json={"priority": "high"},
            headers=desk.headers[who],
        )
        assert_problem(r, 404, "escalation-not-found")


class TestMove:
    async def test_unclaimed_in_the_new_inbox_and_gone_from_the_claimant(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        legal = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner2.id)])
        esc = await escalate(client, session, desk, inbox)
        r = await claim(client, desk, inbox, "owner")
        assert [e["id"] for e in r.json()["items"]] == [esc["id"]]
        r = await _post(
            client,
            desk,
            f"/escalations/{esc['id']}/move",
            "owner",
            {"inbox_id": legal["id"], "note": "legal question"},
        )
        assert r.status_code == 200, r.text
        moved = r.json()
        assert moved["inbox_id"] == legal["id"] and moved["status"] == "open"
        assert moved["claimed_by"] is None and moved["claim_expires_at"] is None
        # The former claimant (no owner of Legal) loses sight of it.
        assert_problem(await _get(client, desk, f"/escalations/{esc['id']}", "owner"), 404)
        assert_problem(
            await _get(client, desk, f"/conversations/{esc['conversation_id']}", "owner"), 404
        )
        view = (await _get(client, desk, "/me/escalations", "owner")).json()
        assert esc["id"] not in [
            e["id"] for i in view["inboxes"] for g in i["groups"] for e in g["items"]
        ]
        # Legal's owner sees it, can claim it.
        r = await claim(client, desk, legal, "owner2")
        assert [e["id"] for e in r.json()["items"]] == [esc["id"]]
        last = [e for e in await events(client, desk, esc["id"]) if e["type"] == "escalation.moved"]
        assert len(last) == 1
        assert last[0]["data"]["from_inbox_id"] == inbox["id"]
        assert last[0]["data"]["to_inbox_id"] == legal["id"]
        assert last[0]["data"]["note"] == "legal question"
        assert last[0]["actor_id"] == str(desk.owner.id)

    async def test_inbox_counts_follow(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        esc = await escalate(client, session, desk, inbox)
        await _post(
            client, desk, f"/escalations/{esc['id']}/move", "owner", {"inbox_id": legal["id"]}
        )
        r = await _get(client, desk, "/inboxes", "supervisor")
        totals = {i["name"]: i["counts"]["total"] for i in r.json()["items"]}
        assert totals == {"Billing": 0, "Legal": 1}

    async def test_same_inbox_is_409(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await _post(
            client, desk, f"/escalations/{esc['id']}/move", "owner", {"inbox_id": inbox["id"]}
        )
        assert_problem(r, 409, "same-inbox")

    async def test_deleted_or_unknown_inbox_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        gone = await make_inbox(client, desk, name="Gone")
        await client.delete(desk.url(f"/inboxes/{gone['id']}"), headers=desk.headers["admin"])
        esc = await escalate(client, session, desk, inbox)
        for target in (gone["id"], str(uuid.uuid4())):
            r = await _post(
                client, desk, f"/escalations/{esc['id']}/move", "owner", {"inbox_id": target}
            )
            assert_problem(r, 404, "inbox-not-found")
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        assert r.json()["inbox_id"] == inbox["id"]

    async def test_a_supervisor_moves_without_owning(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        esc = await escalate(client, session, desk, inbox)
        r = await _post(
            client, desk, f"/escalations/{esc['id']}/move", "supervisor", {"inbox_id": legal["id"]}
        )
        assert r.status_code == 200 and r.json()["inbox_id"] == legal["id"], r.text

    async def test_a_non_owner_agent_gets_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        legal = await make_inbox(client, desk, name="Legal", owner_ids=[str(desk.owner2.id)])
        esc = await escalate(client, session, desk, inbox)
        for who in ("agent", "owner2"):
            r = await _post(
                client, desk, f"/escalations/{esc['id']}/move", who, {"inbox_id": legal["id"]}
            )
            assert_problem(r, 404, "escalation-not-found")


class TestDeEscalate:
    async def test_back_to_its_campaign_unassigned(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        r = await _post(
            client, desk, f"/escalations/{esc['id']}/de-escalate", "owner", {"note": "not billing"}
        )
        assert r.status_code == 200, r.text
        got = r.json()
        assert got["status"] == "de_escalated"
        assert got["claimed_by"] is None and got["closed_at"] is not None
        last = (await events(client, desk, esc["id"]))[-1]
        assert last["type"] == "escalation.de_escalated"
        assert last["data"]["note"] == "not billing"
        assert last["data"]["campaign_id"] == str(desk.campaign.id)
        conv_id = esc["conversation_id"]
        r = await _get(client, desk, f"/conversations/{conv_id}", "supervisor")
        assert r.json()["assignee_id"] is None and r.json()["escalation"] is None
        assert r.json()["campaign_id"] == str(desk.campaign.id)
        for query in (
            f"campaign_id={desk.campaign.id}&escalated=false",
            f"campaign_id={desk.campaign.id}",
        ):
            r = await _get(client, desk, f"/conversations?{query}", "supervisor")
            assert conv_id in [c["id"] for c in r.json()["items"]]
        r = await _get(client, desk, f"/conversations?inbox_id={inbox['id']}", "supervisor")
        assert r.json()["items"] == []
        # The inbox's owner no longer sees the thread; the escalation's record stays visible.
        assert_problem(await _get(client, desk, f"/conversations/{conv_id}", "owner"), 404)
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        assert r.json()["status"] == "de_escalated"

    @pytest.mark.parametrize("body", [None, {}, {"note": None}])
    async def test_note_is_optional(
        self, client: AsyncClient, session: AsyncSession, body: Any
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await _post(client, desk, f"/escalations/{esc['id']}/de-escalate", "supervisor", body)
        assert r.status_code == 200, r.text
        assert (await events(client, desk, esc["id"]))[-1]["data"]["note"] is None

    @pytest.mark.parametrize("who", ["agent", "owner2"])
    async def test_non_owners_get_404(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        esc = await escalate(client, session, desk, inbox)
        r = await _post(client, desk, f"/escalations/{esc['id']}/de-escalate", who)
        assert_problem(r, 404)


class TestResolve:
    async def test_resolves_with_a_note(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        r = await _post(
            client, desk, f"/escalations/{esc['id']}/resolve", "owner2", {"note": "refunded"}
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "resolved" and r.json()["closed_at"] is not None
        last = (await events(client, desk, esc["id"]))[-1]
        assert (last["type"], last["data"]["note"]) == ("escalation.resolved", "refunded")
        assert last["actor_id"] == str(desk.owner2.id)
        r = await _get(client, desk, f"/conversations/{esc['conversation_id']}", "supervisor")
        assert r.json()["escalation"] is None

    async def test_resolving_a_claim_held_by_someone_else(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        r = await _post(client, desk, f"/escalations/{esc['id']}/resolve", "supervisor")
        assert r.status_code == 200 and r.json()["claimed_by"] is None, r.text


class TestClosedEscalations:
    @pytest.mark.parametrize("close", ["resolve", "de-escalate"])
    async def test_cannot_change_once_closed(
        self, client: AsyncClient, session: AsyncSession, close: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        esc = await escalate(client, session, desk, inbox)
        r = await _post(client, desk, f"/escalations/{esc['id']}/{close}", "owner")
        assert r.status_code == 200, r.text
        before = await event_types(client, desk, esc["id"])
        for method, path, body in [
            ("POST", "/release", None),
            ("POST", "/move", {"inbox_id": legal["id"]}),
            ("POST", "/resolve", {}),
            ("POST", "/de-escalate", {}),
            ("PATCH", "", {"priority": "critical"}),
        ]:
            for who in ("owner", "supervisor"):
                r = await client.request(
                    method,
                    desk.url(f"/escalations/{esc['id']}{path}"),
                    json=body,
                    headers=desk.headers[who],
                )
                assert_problem(r, 409, "invalid-transition")
        r = await claim(client, desk, inbox, "owner")
        assert r.status_code == 201 and r.json()["items"] == [], r.text
        assert await event_types(client, desk, esc["id"]) == before


class TestFirstResponse:
    async def test_the_first_outbound_message_is_recorded_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        conv = esc["conversation_id"]
        r = await _post(
            client,
            desk,
            f"/conversations/{conv}/messages",
            "owner",
            {"body": "Still there?", "direction": "inbound"},
        )
        assert r.status_code == 201, r.text
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        assert r.json()["first_responded_at"] is None
        r = await _post(
            client,
            desk,
            f"/conversations/{conv}/messages",
            "owner",
            {"body": "Hello, I can help", "direction": "outbound"},
        )
        assert r.status_code == 201, r.text
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        first = r.json()["first_responded_at"]
        assert first is not None
        r = await _post(
            client,
            desk,
            f"/conversations/{conv}/messages",
            "owner",
            {"body": "Refund done", "direction": "outbound"},
        )
        assert r.status_code == 201, r.text
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        assert r.json()["first_responded_at"] == first
        responses = [
            e
            for e in await events(client, desk, esc["id"])
            if e["type"] == "escalation.first_response"
        ]
        assert len(responses) == 1 and responses[0]["actor_id"] == str(desk.owner.id)

    async def test_answers_before_the_escalation_do_not_count(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/messages",
            "agent",
            {"body": "Let me check", "direction": "outbound"},
        )
        assert r.status_code == 201, r.text
        esc = await escalate(client, session, desk, inbox, conversation=conv)
        assert esc["first_responded_at"] is None


class TestStaffFilter:
    async def test_inbox_filter_lists_and_counts_live_escalations(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        e1 = await escalate(client, session, desk, inbox)
        e2 = await escalate(client, session, desk, inbox)
        done = await escalate(client, session, desk, inbox)
        await escalate(client, session, desk, legal)
        await _post(client, desk, f"/escalations/{done['id']}/resolve", "owner")
        await _post(
            client,
            desk,
            f"/conversations/{e2['conversation_id']}/messages",
            "owner",
            {"body": "answer", "direction": "outbound"},
        )
        await make_conversation(session, desk.campaign, assignee=desk.agent)
        for who in ("supervisor", "owner"):
            r = await _get(client, desk, f"/conversations?inbox_id={inbox['id']}", who)
            assert r.status_code == 200, r.text
            assert {c["id"] for c in r.json()["items"]} == {
                e1["conversation_id"],
                e2["conversation_id"],
            }
            r = await _get(client, desk, f"/conversations/counts?inbox_id={inbox['id']}", who)
            assert r.json() == {"total": 2, "needs_response": 1}
        r = await _get(
            client, desk, f"/conversations?inbox_id={inbox['id']}&needs_response=true", "supervisor"
        )
        assert [c["id"] for c in r.json()["items"]] == [e1["conversation_id"]]

    async def test_a_non_owner_agent_sees_nothing_through_the_filter(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id)])
        await escalate(client, session, desk, inbox)
        r = await _get(client, desk, f"/conversations?inbox_id={inbox['id']}", "owner2")
        assert r.json()["items"] == []
        r = await _get(client, desk, f"/conversations/counts?inbox_id={inbox['id']}", "agent")
        assert r.json() == {"total": 0, "needs_response": 0}

    async def test_escalated_filter(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        other_campaign = await make_campaign(session, desk.org)
        esc = await escalate(client, session, desk, inbox, campaign=other_campaign)
        plain = await make_conversation(session, other_campaign, assignee=desk.agent)
        base = f"/conversations?campaign_id={other_campaign.id}"
        r = await _get(client, desk, f"{base}&escalated=true", "supervisor")
        assert [c["id"] for c in r.json()["items"]] == [esc["conversation_id"]]
        r = await _get(client, desk, f"{base}&escalated=false", "supervisor")
        assert [c["id"] for c in r.json()["items"]] == [str(plain.id)]

    async def test_malformed_inbox_filter_is_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        for path in ("/conversations?inbox_id=nope", "/conversations/counts?inbox_id=nope"):
            assert_problem(await _get(client, desk, path, "supervisor"), 422, "validation-error")


class TestEscalationBadInput:
    @pytest.mark.parametrize(
        "over",
        [
            {"inbox_id": None},
            {"inbox_id": "not-a-uuid"},
            {"inbox_id": 42},
            {"handoff": None},
            {"handoff": "please help"},
            {"handoff": [HANDOFF]},
            {"handoff": {**HANDOFF, "mood": "grumpy"}},
            {"handoff": {**HANDOFF, "reason": "r" * 5001}},
            {"handoff": {**HANDOFF, "steps_taken": "nul \u0000 byte"}},
            {"handoff": {**HANDOFF, "offers_made": "o" * 2001}},
            {"handoff": {**HANDOFF, "offers_made": "\u0000"}},
            {"handoff": {**HANDOFF, "help_needed": 5}},
            {"category": "c" * 201},
            {"category": "oth\u0000er"},
            {"category": ["other"]},
            {"priority": {"level": 1}},
            {"sla": "fast"},
        ],
    )
    async def test_escalate_rejects(
        self, client: AsyncClient, session: AsyncSession, over: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await _post(
            client,
            desk,
            f"/conversations/{conv.id}/escalate",
            "agent",
            _escalate_body(inbox, **over),
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("missing", ["inbox_id", "handoff"])
    async def test_escalate_requires(
        self, client: AsyncClient, session: AsyncSession, missing: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        body = _escalate_body(inbox)
        del body[missing]
        r = await _post(client, desk, f"/conversations/{conv.id}/escalate", "agent", body)
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("raw", ["", "{", "[]", '"text"', "null"])
    async def test_escalate_rejects_a_non_object_body(
        self, client: AsyncClient, session: AsyncSession, raw: str
    ) -> None:
        desk = await make_desk(session)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            content=raw,
            headers={**desk.headers["agent"], "content-type": "application/json"},
        )
        assert_problem(r, 422)

    async def test_escalate_malformed_conversation_id(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        r = await _post(client, desk, "/conversations/123/escalate", "agent", _escalate_body(inbox))
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        ("path", "body"),
        [
            ("/move", {}),
            ("/move", {"inbox_id": "nope"}),
            ("/move", {"inbox_id": None}),
            ("/move", {"inbox_id": "INBOX", "note": "n" * 2001}),
            ("/move", {"inbox_id": "INBOX", "note": "\u0000"}),
            ("/move", {"inbox_id": "INBOX", "why": "x"}),
            ("/de-escalate", {"note": "n" * 2001}),
            ("/de-escalate", {"note": "a\u0000b"}),
            ("/de-escalate", {"note": 12}),
            ("/de-escalate", {"reason": "x"}),
            ("/de-escalate", ["note"]),
            ("/resolve", {"note": "n" * 2001}),
            ("/resolve", {"note": "\u0000"}),
            ("/resolve", {"note": ["a"]}),
            ("/resolve", {"extra": True}),
            ("", {"priority": "sometime"}),
            ("", {"priority": 3}),
            ("", {"category": "c" * 201}),
            ("", {"category": "\u0000"}),
            ("", {"category": ""}),
            ("", {"status": "resolved"}),
            ("", {"inbox_id": "INBOX"}),
        ],
    )
    async def test_write_routes_reject(
        self, client: AsyncClient, session: AsyncSession, path: str, body: Any
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        legal = await make_inbox(client, desk, name="Legal")
        esc = await escalate(client, session, desk, inbox)
        if isinstance(body, dict) and body.get("inbox_id") == "INBOX":
            body = {**body, "inbox_id": legal["id"]}
        r = await client.request(
            "PATCH" if path == "" else "POST",
            desk.url(f"/escalations/{esc['id']}{path}"),
            json=body,
            headers=desk.headers["owner"],
        )
        assert_problem(r, 422, "validation-error")
        r = await _get(client, desk, f"/escalations/{esc['id']}", "owner")
        assert (r.json()["status"], r.json()["inbox_id"]) == ("open", inbox["id"])

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("GET", ""),
            ("PATCH", ""),
            ("GET", "/events"),
            ("POST", "/release"),
            ("POST", "/move"),
            ("POST", "/de-escalate"),
            ("POST", "/resolve"),
        ],
    )
    @pytest.mark.parametrize("bad_id", ["nope", "1234", "00000000-0000-0000-0000-00000000000g"])
    async def test_malformed_escalation_id(
        self, client: AsyncClient, session: AsyncSession, method: str, path: str, bad_id: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.request(
            method,
            desk.url(f"/escalations/{bad_id}{path}"),
            json={"inbox_id": str(uuid.uuid4())} if path == "/move" else {},
            headers=desk.headers["supervisor"],
        )
        assert_problem(r, 422, "validation-error")

    async def test_release_takes_no_body_and_ignores_a_stray_one(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        esc = await escalate(client, session, desk, inbox)
        await claim(client, desk, inbox, "owner")
        r = await _post(client, desk, f"/escalations/{esc['id']}/release", "owner", {"x": 1})
        assert r.status_code == 200 and r.json()["status"] == "open", r.text
