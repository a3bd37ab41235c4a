"""Approvals into a restricted inbox: escalating (by a person or a rule) makes a pending
approval; the conversation stays with its agent, marked pending, until a supervisor or admin
approves (it is escalated) or rejects with a reason (the agent is told); agents 403, another
organisation 404, on every approvals endpoint."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Notification
from tests.escalation_helpers import HANDOFF, Desk, events, make_desk, make_inbox
from tests.factories import assert_problem, make_conversation


@pytest.fixture
async def desk(session: AsyncSession) -> Desk:
    return await make_desk(session)


async def legal(client: AsyncClient, desk: Desk) -> dict[str, Any]:
    inbox = await make_inbox(client, desk, name="Legal", restricted=True)
    assert inbox["restricted"] is True
    return inbox


async def request_legal(
    client: AsyncClient, session: AsyncSession, desk: Desk, inbox: dict[str, Any]
) -> tuple[Any, dict[str, Any]]:
    conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
    r = await client.post(
        desk.url(f"/conversations/{conv.id}/escalate"),
        json={"inbox_id": inbox["id"], "priority": "high", "category": "other", "handoff": HANDOFF},
        headers=desk.headers["agent"],
    )
    assert r.status_code == 202, r.text
    approval: dict[str, Any] = r.json()
    return conv, approval


async def pending(client: AsyncClient, desk: Desk, who: str = "supervisor") -> list[str]:
    r = await client.get(desk.url("/approvals"), headers=desk.headers[who])
    assert r.status_code == 200, r.text
    return [a["id"] for a in r.json()["items"]]


async def in_app(session: AsyncSession, event_type: str) -> set[Any]:
    return set(
        await session.scalars(
            select(Notification.user_id).where(
                Notification.event_type == event_type, Notification.channel == "in_app"
            )
        )
    )


class TestRequest:
    async def test_escalating_into_a_restricted_inbox_waits_for_approval(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await legal(client, desk)
        conv, approval = await request_legal(client, session, desk, inbox)
        assert approval["status"] == "pending"
        assert approval["requested_by"] == str(desk.agent.id)
        assert approval["agent_id"] == str(desk.agent.id)
        # Still the agent's, marked pending.
        r = await client.get(desk.url(f"/conversations/{conv.id}"), headers=desk.headers["agent"])
        assert r.status_code == 200
        assert r.json()["escalation"] is None
        assert r.json()["assignee_id"] == str(desk.agent.id)
        assert r.json()["pending_approval"]["id"] == approval["id"]
        assert await pending(client, desk) == [approval["id"]]
        # Those who may decide were told.
        assert {desk.supervisor.id, desk.admin.id} <= await in_app(session, "approval.requested")
        # Asking twice is a conflict.
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={"inbox_id": inbox["id"], "handoff": HANDOFF},
            headers=desk.headers["agent"],
        )
        assert_problem(r, 409, "approval-pending")

    async def test_a_rule_escalating_into_it_asks_too(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await legal(client, desk)
        billing = await make_inbox(client, desk, name="Billing")
        r = await client.post(
            desk.url("/rules"),
            json={
                "name": "Legal threats",
                "trigger": "message.received",
                "conditions": {"type": "keywords", "any_of": ["lawyer"]},
                "actions": [{"type": "escalate", "inbox_id": inbox["id"], "priority": "urgent"}],
            },
            headers=desk.headers["admin"],
        )
        rule = r.json()
        r = await client.post(
            desk.url("/rules"),
            json={
                "name": "Refunds need sign-off",
                "trigger": "message.received",
                "conditions": {"type": "keywords", "any_of": ["refund"]},
                "actions": [
                    {"type": "escalate", "inbox_id": billing["id"]},
                    {"type": "require_approval"},
                ],
            },
            headers=desk.headers["admin"],
        )
        assert r.status_code == 201, r.text
        for text in ("my lawyer says", "a refund!"):
            conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
            r = await client.post(
                desk.url(f"/conversations/{conv.id}/messages"),
                json={"body": text, "direction": "inbound"},
                headers=desk.headers["agent"],
            )
            assert r.status_code == 201, r.text
        r = await client.get(desk.url("/approvals"), headers=desk.headers["admin"])
        items = r.json()["items"]
        assert [(a["inbox_id"], a["requested_by"]) for a in items] == [
            (inbox["id"], None),
            (billing["id"], None),
        ]
        assert items[0]["rule_id"] == rule["id"] and items[0]["priority"] == "urgent"
        assert "Legal threats" in items[0]["handoff"]["reason"]


class TestDecide:
    async def test_approval_escalates_as_requested(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await legal(client, desk)
        conv, approval = await request_legal(client, session, desk, inbox)
        r = await client.post(
            desk.url(f"/approvals/{approval['id']}/approve"),
            json={},
            headers=desk.headers["supervisor"],
        )
        assert r.status_code == 200, r.text
        decided = r.json()
        assert decided["status"] == "approved" and decided["decided_by"] == str(desk.supervisor.id)
        r = await client.get(
            desk.url(f"/conversations/{conv.id}"), headers=desk.headers["supervisor"]
        )
        assert r.json()["escalation"]["id"] == decided["escalation_id"]
        assert r.json()["escalation"]["inbox_id"] == inbox["id"]
        assert r.json()["escalation"]["priority"] == "high"
        assert r.json()["pending_approval"] is None
        trail = await events(client, desk, decided["escalation_id"])
        created = trail[0]
        assert created["type"] == "escalation.created"
        assert created["actor_id"] == str(desk.agent.id)
        assert created["data"]["approval"]["approved_by"] == str(desk.supervisor.id)
        assert desk.agent.id in await in_app(session, "approval.approved")
        assert await pending(client, desk) == []
        r = await client.post(
            desk.url(f"/approvals/{approval['id']}/reject"),
            json={"reason": "late"},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 409, "approval-decided")

    async def test_rejection_returns_it_with_the_reason(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await legal(client, desk)
        conv, approval = await request_legal(client, session, desk, inbox)
        url = desk.url(f"/approvals/{approval['id']}/reject")
        r = await client.post(url, json={}, headers=desk.headers["admin"])
        assert_problem(r, 422, "validation-error")  # a reason is required
        r = await client.post(
            url, json={"reason": "Not a legal matter"}, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "rejected" and r.json()["reason"] == "Not a legal matter"
        r = await client.get(desk.url(f"/conversations/{conv.id}"), headers=desk.headers["agent"])
        assert r.json()["pending_approval"] is None and r.json()["escalation"] is None
        assert r.json()["assignee_id"] == str(desk.agent.id)
        told = await session.scalars(
            select(Notification).where(
                Notification.event_type == "approval.rejected", Notification.channel == "in_app"
            )
        )
        (note,) = list(told)
        assert note.user_id == desk.agent.id and "Not a legal matter" in note.body
        r = await client.get(desk.url("/approvals?status=rejected"), headers=desk.headers["admin"])
        assert [a["id"] for a in r.json()["items"]] == [approval["id"]]


ENDPOINTS = [
    ("get", "/approvals", None),
    ("get", "/approvals/{id}", None),
    ("post", "/approvals/{id}/approve", {}),
    ("post", "/approvals/{id}/reject", {"reason": "no"}),
]


class TestAuthorisation:
    @pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
    async def test_agents_get_403(
        self,
        client: AsyncClient,
        session: AsyncSession,
        desk: Desk,
        method: str,
        path: str,
        payload: Any,
    ) -> None:
        _, approval = await request_legal(client, session, desk, await legal(client, desk))
        kwargs = {"json": payload} if payload is not None else {}
        for who in ("agent", "owner"):  # an inbox owner who is an agent cannot decide either
            r = await client.request(
                method,
                desk.url(path.replace("{id}", approval["id"])),
                headers=desk.headers[who],
                **kwargs,
            )
            assert_problem(r, 403)
        assert await pending(client, desk) == [approval["id"]]

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
        _, approval = await request_legal(client, session, desk, await legal(client, desk))
        other = await make_desk(session)
        kwargs = {"json": payload} if payload is not None else {}
        r = await client.request(
            method,
            desk.url(path.replace("{id}", approval["id"])),
            headers=other.headers["admin"],
            **kwargs,
        )
        assert_problem(r, 404)
        if "{id}" in path:
            r = await client.request(
                method,
                other.url(path.replace("{id}", approval["id"])),
                headers=other.headers["admin"],
                **kwargs,
            )
            assert_problem(r, 404, "approval-not-found")
        assert await pending(client, desk) == [approval["id"]]
