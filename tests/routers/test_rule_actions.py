"""Rules firing by themselves: every action, order and stop-processing, versions in the audit
trail, priority sources and the agent's floor, the loop cut-off, a regex time-out, and the
supervisor request that escalates a campaign conversation (through the API and the worker)."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Conversation, Notification
from app.models.rules import RuleRun
from app.workers import sla as sla_worker
from tests.escalation_helpers import HANDOFF, Desk, events, frozen, make_desk, make_inbox
from tests.factories import make_campaign, make_conversation

ALWAYS: dict[str, Any] = {"type": "all", "conditions": []}
SLOW, SLOW_TEXT = r"(x+y+)+w", "xy" * 3000 + "!"


@pytest.fixture
async def desk(session: AsyncSession) -> Desk:
    return await make_desk(session)


async def add_rule(client: AsyncClient, desk: Desk, **body: Any) -> dict[str, Any]:
    payload = {"name": "rule", "trigger": "message.received", "conditions": ALWAYS, **body}
    r = await client.post(desk.url("/rules"), json=payload, headers=desk.headers["admin"])
    assert r.status_code == 201, r.text
    rule: dict[str, Any] = r.json()
    return rule


async def inbound(client: AsyncClient, desk: Desk, conversation_id: Any, text: str) -> None:
    r = await client.post(
        desk.url(f"/conversations/{conversation_id}/messages"),
        json={"body": text, "direction": "inbound"},
        headers=desk.headers["supervisor"],
    )
    assert r.status_code == 201, r.text


async def conversation(client: AsyncClient, desk: Desk, conversation_id: Any) -> dict[str, Any]:
    r = await client.get(
        desk.url(f"/conversations/{conversation_id}"), headers=desk.headers["supervisor"]
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def escalation(client: AsyncClient, desk: Desk, escalation_id: str) -> dict[str, Any]:
    r = await client.get(
        desk.url(f"/escalations/{escalation_id}"), headers=desk.headers["supervisor"]
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def escalate(
    client: AsyncClient, desk: Desk, conversation_id: Any, inbox: dict[str, Any], **over: Any
) -> Any:
    return await client.post(
        desk.url(f"/conversations/{conversation_id}/escalate"),
        json={"inbox_id": inbox["id"], "priority": "normal", "handoff": HANDOFF, **over},
        headers=desk.headers["agent"],
    )


async def runs(session: AsyncSession, conversation_id: Any) -> list[RuleRun]:
    return list(
        await session.scalars(
            select(RuleRun)
            .where(RuleRun.conversation_id == conversation_id)
            .order_by(RuleRun.created_at, RuleRun.id)
        )
    )


SUPERVISOR_RULE = {
    "name": "Supervisor requested",
    "conditions": {
        "type": "all",
        "conditions": [
            {"type": "keywords", "any_of": ["speak to a supervisor", "manager"]},
            {"type": "channel", "any_of": ["sms", "chat"]},
        ],
    },
}


class TestSupervisorRequest:
    async def test_a_campaign_conversation_is_escalated_with_a_note_at_the_priority(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        spring = await make_campaign(session, desk.org, name="Spring sale")
        supervisors = await make_inbox(client, desk, name="Supervisors")
        rule = await add_rule(
            client,
            desk,
            name=SUPERVISOR_RULE["name"],
            conditions={
                "type": "all",
                "conditions": [
                    SUPERVISOR_RULE["conditions"],
                    {"type": "campaign", "any_of": [str(spring.id)]},
                ],
            },
            actions=[
                {
                    "type": "escalate",
                    "inbox_id": supervisors["id"],
                    "priority": "urgent",
                    "note": "Call the contact back within the hour.",
                }
            ],
        )
        elsewhere = await make_conversation(session, desk.campaign, assignee=desk.agent)
        await inbound(client, desk, elsewhere.id, "I want to speak to a supervisor")
        assert (await conversation(client, desk, elsewhere.id))["escalation"] is None

        conv = await make_conversation(session, spring, assignee=desk.agent)
        await inbound(client, desk, conv.id, "Hi. I want to speak to a supervisor!")
        shown = await conversation(client, desk, conv.id)
        assert shown["escalation"] is not None
        assert shown["escalation"]["inbox_id"] == supervisors["id"]
        assert shown["escalation"]["priority"] == "urgent"
        assert shown["assignee_id"] is None  # out of the agent's queue, as any escalation
        esc = await escalation(client, desk, shown["escalation"]["id"])
        assert "Supervisor requested" in esc["handoff"]["reason"]
        assert esc["handoff"]["help_needed"] == "Call the contact back within the hour."
        assert esc["escalated_by"] is None
        assert esc["priority_source"] == {
            "kind": "rule",
            "rule_id": rule["id"],
            "rule_version": 1,
        }
        trail = await events(client, desk, esc["id"])
        created = next(e for e in trail if e["type"] == "escalation.created")
        assert created["data"]["rule"] == {"id": rule["id"], "version": 1, "name": rule["name"]}
        applied = [e for e in trail if e["type"] == "rule.applied"]
        assert len(applied) == 1
        assert applied[0]["data"]["rule_id"] == rule["id"]
        assert applied[0]["data"]["rule_version"] == 1
        assert applied[0]["data"]["actions"][0]["type"] == "escalate"
        assert applied[0]["data"]["actions"][0]["result"] == "done"
        # The inbox owners heard of it, as of any escalation.
        notified = await session.scalars(
            select(Notification.user_id).where(
                Notification.escalation_id == esc["id"],
                Notification.event_type == "escalation.created",
                Notification.channel == "in_app",
            )
        )
        assert {desk.owner.id, desk.owner2.id} <= set(notified)

    async def test_the_worker_auto_escalation_runs_the_escalation_rules(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, sessionmaker: Any
    ) -> None:
        """A conversation the campaign's rule escalates (in the worker's tick) gets the
        `conversation.escalated` rules too: here, a VIP's priority."""
        inbox = await make_inbox(client, desk)
        t0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
        r = await client.patch(
            desk.url(f"/campaigns/{desk.campaign.id}"),
            json={"auto_escalate_after_minutes": 10, "auto_escalate_inbox_id": inbox["id"]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        await add_rule(
            client,
            desk,
            name="VIPs are urgent",
            trigger="conversation.escalated",
            conditions={"type": "contact_attribute", "key": "tier", "op": "eq", "value": "vip"},
            actions=[{"type": "set_priority", "priority": "urgent"}],
        )
        with frozen(t0):
            r = await client.post(
                desk.url("/conversations"),
                json={
                    "campaign_id": str(desk.campaign.id),
                    "contact": {"name": "Vera", "attributes": {"tier": "vip"}},
                    "assignee_id": str(desk.agent.id),
                    "message": {"body": "Hello?"},
                },
                headers=desk.headers["agent"],
            )
        assert r.status_code == 201, r.text
        conv_id = r.json()["id"]
        await sla_worker.tick(
            {"sessionmaker": sessionmaker, "now": lambda: t0 + timedelta(minutes=11)}
        )
        shown = await conversation(client, desk, conv_id)
        assert shown["escalation"] is not None and shown["escalation"]["priority"] == "urgent"
        esc = await escalation(client, desk, shown["escalation"]["id"])
        assert esc["priority_source"]["kind"] == "contact_attributes"
        assert esc["priority_source"]["attributes"] == ["tier"]
        types = [e["type"] for e in await events(client, desk, esc["id"])]
        assert types.index("escalation.created") < types.index("rule.applied")


class TestActions:
    async def test_tag_and_notify_member_role_and_slack(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        await add_rule(
            client,
            desk,
            name="Legal words",
            conditions={"type": "regex", "pattern": r"\b(lawyer|attorney|sue)\b"},
            actions=[
                {"type": "add_tag", "tag": "legal"},
                {
                    "type": "notify",
                    "target": {"type": "member", "user_id": str(desk.owner.id)},
                    "message": "Legal threat",
                },
                {"type": "notify", "target": {"type": "role", "role": "supervisor"}},
                {
                    "type": "notify",
                    "target": {"type": "slack", "url": "https://hooks.example.com/x"},
                },
            ],
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        await inbound(client, desk, conv.id, "My lawyer will hear of this")
        await inbound(client, desk, conv.id, "I will sue")  # the tag is not added twice
        assert (await conversation(client, desk, conv.id))["tags"] == ["legal"]
        rows = list(
            await session.scalars(
                select(Notification).where(Notification.event_type == "rule.applied")
            )
        )
        recipients = {(n.channel.value, n.recipient) for n in rows}
        assert ("in_app", f"user:{desk.owner.id}") in recipients
        assert ("in_app", f"user:{desk.supervisor.id}") in recipients
        assert ("slack", "slack:https://hooks.example.com/x") in recipients
        assert all(n.escalation_id is None for n in rows)  # no escalation to name
        assert len([n for n in rows if n.recipient == f"user:{desk.owner.id}"]) == 2  # two runs
        done = await runs(session, conv.id)
        assert [r.outcome for r in done] == ["applied", "applied"]
        assert done[1].actions[0]["result"] == "skipped"  # the tag was there already

    async def test_priority_category_and_move(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        billing = await make_inbox(client, desk, name="Billing")
        legal = await make_inbox(client, desk, name="Legal team")
        rule = await add_rule(
            client,
            desk,
            name="Chargebacks",
            conditions={"type": "keywords", "any_of": ["chargeback"]},
            actions=[
                {"type": "set_priority", "priority": "critical"},
                {"type": "set_category", "category": "accounting"},
                {"type": "move_to_inbox", "inbox_id": legal["id"]},
            ],
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await escalate(client, desk, conv.id, billing)
        esc_id = r.json()["escalation"]["id"]
        await inbound(client, desk, conv.id, "I filed a chargeback")
        esc = await escalation(client, desk, esc_id)
        assert (esc["priority"], esc["category"], esc["inbox_id"]) == (
            "critical",
            "accounting",
            legal["id"],
        )
        assert esc["priority_source"] == {"kind": "rule", "rule_id": rule["id"], "rule_version": 1}
        trail = await events(client, desk, esc_id)
        changed = next(e for e in trail if e["type"] == "escalation.priority_changed")
        assert changed["data"]["source"]["rule_id"] == rule["id"]
        assert changed["actor_id"] is None
        moved = next(e for e in trail if e["type"] == "escalation.moved")
        assert moved["data"]["rule"]["id"] == rule["id"]

    async def test_never_lower_than_the_agent_set_unless_the_rule_says_so(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await make_inbox(client, desk)
        gentle = await add_rule(
            client,
            desk,
            name="Thanks",
            conditions={"type": "keywords", "any_of": ["thanks"]},
            actions=[{"type": "set_priority", "priority": "normal"}],
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        esc_id = (await escalate(client, desk, conv.id, inbox, priority="high")).json()[
            "escalation"
        ]["id"]
        assert (await escalation(client, desk, esc_id))["priority_source"]["kind"] == "agent"
        await inbound(client, desk, conv.id, "thanks")
        assert (await escalation(client, desk, esc_id))["priority"] == "high"
        (run,) = await runs(session, conv.id)
        assert run.actions[0] == {
            "type": "set_priority",
            "result": "skipped",
            "reason": "unchanged",
        }
        r = await client.patch(
            desk.url(f"/rules/{gentle['id']}"),
            json={"actions": [{"type": "set_priority", "priority": "normal", "allow_lower": True}]},
            headers=desk.headers["admin"],
        )
        assert r.json()["version"] == 2
        await inbound(client, desk, conv.id, "thanks again")
        esc = await escalation(client, desk, esc_id)
        assert esc["priority"] == "normal"
        assert esc["priority_source"]["rule_version"] == 2
        applied = [e for e in await events(client, desk, esc_id) if e["type"] == "rule.applied"]
        assert [e["data"]["rule_version"] for e in applied] == [1, 2]


class TestOrderAndStop:
    async def test_rules_run_in_order_and_stop_processing_stops(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        first = await add_rule(
            client,
            desk,
            name="first",
            actions=[{"type": "add_tag", "tag": "one"}, {"type": "stop"}],
        )
        second = await add_rule(
            client, desk, name="second", actions=[{"type": "add_tag", "tag": "two"}]
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        await inbound(client, desk, conv.id, "hello")
        assert (await conversation(client, desk, conv.id))["tags"] == ["one"]
        r = await client.put(
            desk.url("/rules/order"),
            json={"rule_ids": [second["id"], first["id"]]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200
        conv2 = await make_conversation(session, desk.campaign, assignee=desk.agent)
        await inbound(client, desk, conv2.id, "hello")
        assert (await conversation(client, desk, conv2.id))["tags"] == ["two", "one"]

    async def test_a_disabled_rule_does_nothing(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        await add_rule(client, desk, enabled=False, actions=[{"type": "add_tag", "tag": "x"}])
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        await inbound(client, desk, conv.id, "hello")
        assert (await conversation(client, desk, conv.id))["tags"] == []

    async def test_outbound_messages_trigger_nothing(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        await add_rule(client, desk, actions=[{"type": "add_tag", "tag": "x"}])
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/messages"),
            json={"body": "We are on it", "direction": "outbound"},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201
        assert (await conversation(client, desk, conv.id))["tags"] == []


class TestLoopCutOff:
    async def test_rules_that_retrigger_each_other_are_cut_off_and_audited(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await make_inbox(client, desk)
        ping = await add_rule(
            client,
            desk,
            name="ping",
            trigger="escalation.updated",
            conditions={"type": "category", "any_of": ["service"]},
            actions=[{"type": "set_category", "category": "accounting"}],
        )
        await add_rule(
            client,
            desk,
            name="pong",
            trigger="escalation.updated",
            conditions={"type": "category", "any_of": ["accounting"]},
            actions=[{"type": "set_category", "category": "service"}],
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        esc_id = (await escalate(client, desk, conv.id, inbox)).json()["escalation"]["id"]
        r = await client.patch(
            desk.url(f"/escalations/{esc_id}"),
            json={"category": "service"},
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 200, r.text
        outcomes = [(str(r.rule_id), r.outcome) for r in await runs(session, conv.id)]
        ping_id = ping["id"]
        assert outcomes.count((ping_id, "applied")) == 1
        assert (ping_id, "loop_cut_off") in outcomes
        trail = [e["type"] for e in await events(client, desk, esc_id)]
        assert "rule.loop_cut_off" in trail
        assert trail.count("escalation.category_changed") == 3  # person, ping, pong: then cut


class TestRegexTimeOut:
    async def test_a_slow_match_is_no_match_and_audited(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await make_inbox(client, desk)
        await add_rule(
            client,
            desk,
            name="slow",
            conditions={"type": "regex", "pattern": SLOW, "ignore_case": False},
            actions=[{"type": "add_tag", "tag": "never"}],
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        esc_id = (await escalate(client, desk, conv.id, inbox)).json()["escalation"]["id"]
        started = datetime.now(UTC)
        await inbound(client, desk, conv.id, SLOW_TEXT)
        assert datetime.now(UTC) - started < timedelta(seconds=5)
        assert [r.outcome for r in await runs(session, conv.id)] == ["regex_timeout"]
        assert (await conversation(client, desk, conv.id))["tags"] == []
        assert "rule.regex_timeout" in [e["type"] for e in await events(client, desk, esc_id)]


class TestContactAttributes:
    async def test_set_over_the_api_typed_and_compared(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await make_inbox(client, desk)
        await add_rule(
            client,
            desk,
            name="Two RMAs",
            conditions={"type": "contact_attribute", "key": "rma_count", "op": "gte", "value": 2},
            actions=[{"type": "escalate", "inbox_id": inbox["id"], "priority": "high"}],
        )
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        url = desk.url(f"/conversations/{conv.id}/contact/attributes")
        r = await client.patch(
            url,
            json={"attributes": {"rma_count": "2", "tier": "vip"}},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 200, r.text
        await inbound(client, desk, conv.id, "the third one broke too")
        assert (await conversation(client, desk, conv.id))["escalation"] is None  # "2" is a string
        r = await client.patch(
            url, json={"attributes": {"rma_count": 2, "tier": None}}, headers=desk.headers["agent"]
        )
        assert r.json()["attributes"] == {"rma_count": 2}
        await inbound(client, desk, conv.id, "hello?")
        shown = await conversation(client, desk, conv.id)
        assert shown["escalation"]["priority"] == "high"
        esc = await escalation(client, desk, shown["escalation"]["id"])
        assert esc["priority_source"]["kind"] == "contact_attributes"

    async def test_bad_values_and_other_orgs(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        url = desk.url(f"/conversations/{conv.id}/contact/attributes")
        for bad in (
            {"attributes": {"x": {"nested": 1}}},
            {"attributes": {}},
            {"attributes": {"x": [1]}},
        ):
            r = await client.patch(url, json=bad, headers=desk.headers["agent"])
            assert r.status_code == 422, r.text
        other = await make_desk(session)
        r = await client.patch(url, json={"attributes": {"a": 1}}, headers=other.headers["admin"])
        assert r.status_code == 404
        # An agent the conversation is not assigned to does not see it.
        r = await client.patch(url, json={"attributes": {"a": 1}}, headers=desk.headers["owner"])
        assert r.status_code == 404
        assert (await session.get(Conversation, conv.id)) is not None


CONDITIONS = [
    ({"type": "keywords", "any_of": ["refund"]}, {"message": "a refund please"}, {"message": "hi"}),
    ({"type": "regex", "pattern": r"order\s#\d+"}, {"message": "order #123"}, {"message": "order"}),
    ({"type": "channel", "any_of": ["email"]}, {"channel": "email"}, {"channel": "sms"}),
    (
        {"type": "contact_attribute", "key": "tier", "op": "eq", "value": "vip"},
        {"contact": {"attributes": {"tier": "vip"}}},
        {"contact": {"attributes": {"tier": "basic"}}},
    ),
    (
        {"type": "priority", "op": "gte", "value": "urgent"},
        {"priority": "critical"},
        {"priority": "high"},
    ),
    (
        {"type": "category", "any_of": ["accounting"]},
        {"category": "accounting"},
        {"category": "other"},
    ),
    (
        {"type": "escalation_level", "op": "gte", "value": 2},
        {"escalation_level": 3},
        {"escalation_level": 1},
    ),
]


class TestEveryConditionThroughTheDryRun:
    @pytest.mark.parametrize(("condition", "hit", "miss"), CONDITIONS)
    async def test_condition(
        self, client: AsyncClient, desk: Desk, condition: Any, hit: Any, miss: Any
    ) -> None:
        await add_rule(
            client, desk, conditions=condition, actions=[{"type": "add_tag", "tag": "t"}]
        )
        for sample, expected in ((hit, 1), (miss, 0)):
            r = await client.post(
                desk.url("/rules/test"), json=sample, headers=desk.headers["admin"]
            )
            assert r.status_code == 200, r.text
            assert len(r.json()["matched"]) == expected, (sample, r.json())

    async def test_campaign_and_business_hours(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.post(
            desk.url("/calendars"),
            json={
                "name": "Berlin",
                "time_zone": "Europe/Berlin",
                "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
            },
            headers=desk.headers["admin"],
        )
        assert r.status_code == 201, r.text
        await add_rule(
            client,
            desk,
            conditions={
                "type": "all",
                "conditions": [
                    {"type": "campaign", "any_of": [str(desk.campaign.id)]},
                    {"type": "business_hours", "calendar_id": r.json()["id"], "within": False},
                ],
            },
            actions=[{"type": "add_tag", "tag": "after-hours"}],
        )
        sample = {"campaign_id": str(desk.campaign.id)}
        for at, expected in (("2026-03-04T20:00:00Z", 1), ("2026-03-04T10:00:00Z", 0)):
            r = await client.post(
                desk.url("/rules/test"), json={**sample, "at": at}, headers=desk.headers["admin"]
            )
            assert len(r.json()["matched"]) == expected
        r = await client.post(
            desk.url("/rules/test"),
            json={"at": "2026-03-04T20:00:00Z"},
            headers=desk.headers["admin"],
        )
        assert r.json()["matched"] == []  # another campaign


class TestEveryPath:
    async def test_messages_from_a_helpdesk_and_new_conversations_run_the_rules(
        self, client: AsyncClient, desk: Desk
    ) -> None:
        await add_rule(
            client,
            desk,
            conditions={"type": "keywords", "any_of": ["supervisor"]},
            actions=[{"type": "add_tag", "tag": "asked-for-supervisor"}],
        )
        r = await client.post(
            desk.url("/inbound/conversations"),
            json={
                "channel": "chat",
                "external_id": "zd-1",
                "campaign_id": str(desk.campaign.id),
                "contact": {"name": "Hal"},
                "messages": [{"external_id": "m1", "body": "Supervisor, please"}],
            },
            headers=desk.headers["supervisor"],
        )
        assert r.status_code in (200, 201), r.text
        shown = await conversation(client, desk, r.json()["conversation"]["id"])
        assert shown["tags"] == ["asked-for-supervisor"]
        r = await client.post(
            desk.url("/conversations"),
            json={
                "campaign_id": str(desk.campaign.id),
                "contact": {"name": "Ivy"},
                "message": {"body": "I want a supervisor"},
            },
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 201, r.text
        assert r.json()["tags"] == ["asked-for-supervisor"]
