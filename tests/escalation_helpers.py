"""Builders for escalation tests: an org with an inbox, owners and escalated conversations."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import _now
from app.main import app
from app.models import Campaign, Conversation, Organisation, Role, User
from tests.factories import auth, make_campaign, make_conversation, make_member, make_org

HANDOFF = {
    "reason": "Contact asks for a refund over the agent's limit",
    "steps_taken": "Checked the order and the refund policy",
    "offers_made": "10% voucher, declined",
    "help_needed": "Approve or refuse a full refund",
}
PROBLEM_JSON = "application/problem+json"


@dataclass
class Desk:
    org: Organisation
    campaign: Campaign
    admin: User
    agent: User
    owner: User
    owner2: User
    supervisor: User
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    org_owner: User | None = None

    def url(self, path: str) -> str:
        return f"/api/v1/orgs/{self.org.id}{path}"


async def make_desk(session: AsyncSession) -> Desk:
    org = await make_org(session)
    desk = Desk(
        org=org,
        campaign=await make_campaign(session, org, name="Alpha campaign"),
        admin=await make_member(session, org, Role.admin),
        agent=await make_member(session, org, Role.agent),
        owner=await make_member(session, org, Role.agent),
        owner2=await make_member(session, org, Role.agent),
        supervisor=await make_member(session, org, Role.supervisor),
        org_owner=await make_member(session, org, Role.owner),
    )
    for name in ("admin", "agent", "owner", "owner2", "supervisor", "org_owner"):
        desk.headers[name] = await auth(getattr(desk, name))
    return desk


async def make_inbox(client: AsyncClient, desk: Desk, **over: Any) -> dict[str, Any]:
    body = {
        "name": over.pop("name", "Billing"),
        "owner_ids": [str(desk.owner.id), str(desk.owner2.id)],
        "batch_size": 5,
        "assignment_duration_minutes": 30,
        **over,
    }
    r = await client.post(desk.url("/inboxes"), json=body, headers=desk.headers["admin"])
    assert r.status_code == 201, r.text
    return r.json()


async def escalate(
    client: AsyncClient,
    session: AsyncSession,
    desk: Desk,
    inbox: dict[str, Any],
    *,
    conversation: Conversation | None = None,
    campaign: Campaign | None = None,
    **over: Any,
) -> dict[str, Any]:
    """Escalate a (new, unless given) conversation of the desk's agent; returns the escalation."""
    if conversation is None:
        conversation = await make_conversation(
            session, campaign or desk.campaign, assignee=desk.agent
        )
    body = {"inbox_id": inbox["id"], "priority": "normal", "handoff": HANDOFF, **over}
    r = await client.post(
        desk.url(f"/conversations/{conversation.id}/escalate"),
        json=body,
        headers=desk.headers["agent"],
    )
    assert r.status_code == 201, r.text
    return r.json()["escalation"]


def assert_problem(response: Response, status: int, code: str | None = None) -> dict[str, Any]:
    """An RFC 9457 problem with this status and, if given, a `type` ending in `/code`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON, response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= body.keys()
    if code is not None:
        assert body["type"].endswith(f"/{code}"), body["type"]
    return body


def round_now() -> datetime:
    """A fixed 'now' near the wall clock (whole seconds), for tests that move the clock."""
    return datetime.now(UTC).replace(microsecond=0)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Requests inside see `at` as their `now`."""
    app.dependency_overrides[_now] = lambda: at
    try:
        yield
    finally:
        app.dependency_overrides.pop(_now, None)


def ts(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value.replace("Z", "+00:00"))


async def claim(
    client: AsyncClient, desk: Desk, inbox: dict[str, Any], who: str = "owner", **body: Any
) -> Response:
    return await client.post(
        desk.url(f"/inboxes/{inbox['id']}/claims"), json=body or None, headers=desk.headers[who]
    )


async def event_types(client: AsyncClient, desk: Desk, escalation_id: str) -> list[str]:
    return [e["type"] for e in await events(client, desk, escalation_id)]


async def events(client: AsyncClient, desk: Desk, escalation_id: str) -> list[dict[str, Any]]:
    r = await client.get(
        desk.url(f"/escalations/{escalation_id}/events"), headers=desk.headers["supervisor"]
    )
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items
