"""Statement budgets: how many SQL round trips and Redis calls one request of each hot operation
costs, as a regression guard that is not a timing (issue 22).

What is counted, and why this way:

* The app runs exactly as deployed: its real `get_session` (one transaction, committed before
  the response) on its own engine bound to the committed test database, and its own Redis client
  (`app.redis_client.redis_client`). The test fixtures' outer transaction and savepoints are not
  used here, so nothing the fixtures do is counted, and what is counted is what PostgreSQL sees
  in production.
* SQL: every statement SQLAlchemy sends (`before_cursor_execute` on the app's engines: the main
  pool and the read pool), plus the
  transaction control asyncpg sends around them: BEGIN (sent lazily, before a transaction's first
  statement), COMMIT and ROLLBACK. Those three are counted at SQLAlchemy's asyncpg adapter
  (`_start_transaction`, `_commit_and_discard`, `_rollback_and_discard`), which sends them only
  when a transaction really started: a COMMIT of a transaction that ran nothing is no round trip.
  The caller's user row with their membership of the route's organisation, read outside any
  transaction (see app/auth.py), is one statement and no BEGIN/COMMIT. A SAVEPOINT, when one is
  sent, counts as the statement it is.
* Redis: every round trip of the app's client (one `send_packed_command` per command, or per
  pipeline), whoever issues it: the rate limiter and the outbox nudge. The nudge is sent in the
  background after the response (app/services/notifications/nudge.py) and shared by the commits
  of a burst; it is counted as if each request were alone. The live stream publishes
  through a client of its own (app/live.py), which is not started here and not counted.
* Each measured request is preceded by the same kind of request, not counted, so connections,
  Lua script loads and caches are warm: a budget is what a request costs in steady state.

A budget is the count measured when it was set (or lower after an optimisation); a change that
needs more fails here, and either it is worth it (raise the budget in the same commit, saying
why) or it is not.
"""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from arq import ArqRedis
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import event
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db import dispose_engine, get_read_sessionmaker, init_engine
from app.main import app
from app.models import Role
from app.redis_client import redis_client
from app.services.notifications import nudge
from tests.escalation_helpers import HANDOFF
from tests.factories import API, auth, make_campaign, make_conversation, make_member, make_org

# Today's counts (SQL includes BEGIN and COMMIT). Lower them when a change makes a request
# cheaper; raise one only with a reason in the commit.
BUDGETS: dict[str, tuple[int, int]] = {  # operation: (SQL round trips, Redis calls)
    # Reads outside a transaction (no BEGIN, no COMMIT): the caller, then the escalation.
    "get_escalation": (2, 1),
    # The caller, the inboxes with ownership, the items with their campaigns, the counts.
    "owner_view": (4, 1),
    # The caller, the inbox with whether the caller owns it, the page.
    "inbox_page": (3, 1),
    # The next conversation in one statement, the escalation not read again; the fan-out's
    # people, inbox names and whether webhooks exist in one read (issue 22).
    # The SLA clock set before the row is written (one INSERT, not an INSERT and two UPDATEs).
    # Every count includes the caller's read (on the read pool, counted since it moved there).
    "escalate": (18, 4),
    # Followers hear of a claim (issue 24): the claim statement returns who follows each
    # escalation (with the escalation, conversation and contact); the fan-out reads the people
    # (one read, with the inbox's name) and writes the outbox rows, once per batch.
    "claim": (6, 4),
    # Nobody follows it and no webhook listens: no fan-out statement at all.
    "claim_unfollowed": (4, 1),
    # Reply-or-return on: one more, the batch's reply due times (business time, in Python) in
    # one UPDATE; the claim statement itself is unchanged.
    "claim_reply_window": (7, 4),
    # The rules read once, the message, conversation and escalation not read back, the campaign
    # only when the contact starts waiting (issue 22).
    "inbound_message": (10, 1),
    "resolve": (12, 4),
    "move": (15, 4),
}


@dataclass
class Counts:
    sql: list[str] = field(default_factory=list)
    redis: list[str] = field(default_factory=list)
    active: bool = False

    def __str__(self) -> str:
        lines = [f"{len(self.sql)} SQL round trips:"]
        lines += [f"  {s.split(chr(10))[0][:140]}" for s in self.sql]
        lines += [f"{len(self.redis)} Redis calls: {', '.join(self.redis)}"]
        return "\n".join(lines)


@dataclass
class Stack:
    http: AsyncClient
    counts: Counts
    org_id: uuid.UUID
    headers: dict[str, dict[str, str]]
    campaign_id: uuid.UUID
    conversations: list[uuid.UUID]  # the agent's, not escalated yet
    ids: dict[str, Any] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{API}/orgs/{self.org_id}{path}"

    async def measure(self, send: Callable[[], Awaitable[Response]]) -> tuple[Response, Counts]:
        await nudge.settled()  # the previous request's background nudge is not this one's
        self.counts.sql.clear()
        self.counts.redis.clear()
        self.counts.active = True
        try:
            response = await send()
            await nudge.settled()  # this one's is, though sent after the response
        finally:
            self.counts.active = False
        return response, Counts(list(self.counts.sql), list(self.counts.redis))


def _counting_adapter(monkeypatch: pytest.MonkeyPatch, counts: Counts) -> None:
    adapter = pg_asyncpg.AsyncAdapt_asyncpg_connection

    def wrap(name: str, label: str) -> None:
        real = getattr(adapter, name)

        async def counted(self: Any) -> None:
            if counts.active and name != "_start_transaction":
                counts.sql.append(label)
            elif counts.active and not self.autocommit:
                # Sent just before the statement that needs it, which the listener saw first.
                counts.sql.insert(max(0, len(counts.sql) - 1), label)
            await real(self)

        monkeypatch.setattr(adapter, name, counted)

    wrap("_start_transaction", "BEGIN")
    wrap("_commit_and_discard", "COMMIT")
    wrap("_rollback_and_discard", "ROLLBACK")


def _counting_redis(url: str, counts: Counts) -> ArqRedis:
    client = redis_client(url, timeout=2.0)
    pool = client.connection_pool
    base: Any = pool.connection_class

    class CountingConnection(base):  # type: ignore[misc, valid-type]
        async def send_packed_command(self, command: Any, check_health: bool = True) -> None:
            if counts.active:
                first = command[0] if isinstance(command, list) and command else command
                counts.redis.append(bytes(first).split(b"\r\n")[2].decode(errors="replace"))
            await super().send_packed_command(command, check_health)

    pool.connection_class = CountingConnection
    return client


@pytest.fixture
async def stack(
    database_url: str,
    redis_url: str,
    redis: ArqRedis,  # empties this test process's Redis database first
    committed_sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Stack]:
    async with committed_sessionmaker() as s, s.begin():
        org = await make_org(s)
        campaign = await make_campaign(s, org)
        users = {
            "admin": await make_member(s, org, Role.admin),
            "agent": await make_member(s, org, Role.agent),
            "owner": await make_member(s, org, Role.agent),
            "owner2": await make_member(s, org, Role.agent),
        }
        agent = users["agent"]
        conversations = [
            (await make_conversation(s, campaign, assignee=agent)).id for _ in range(6)
        ]
        headers = {name: await auth(user) for name, user in users.items()}
    counts = Counts()
    engine = init_engine(database_url)

    def statement(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if counts.active:
            counts.sql.append(sql)

    # Both pools: the main one and the read pool (the caller, the read-only routes).
    read_engine = get_read_sessionmaker().kw["bind"]
    for listened in (engine, read_engine):
        event.listen(listened.sync_engine, "before_cursor_execute", statement)

    _counting_adapter(monkeypatch, counts)
    app.dependency_overrides.clear()
    app.state.redis = _counting_redis(redis_url, counts)
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            yield Stack(
                http=http,
                counts=counts,
                org_id=org.id,
                headers=headers,
                campaign_id=campaign.id,
                conversations=conversations,
                ids={name: user.id for name, user in users.items()},
            )
    finally:
        await app.state.redis.aclose()
        await dispose_engine()


async def _inbox(stack: Stack, name: str) -> str:
    owners = [str(stack.ids["owner"]), str(stack.ids["owner2"])]
    r = await stack.http.post(
        stack.url("/inboxes"),
        json={"name": name, "owner_ids": owners, "batch_size": 1},
        headers=stack.headers["admin"],
    )
    assert r.status_code == 201, r.text
    inbox_id: str = r.json()["id"]
    return inbox_id


async def _escalate(stack: Stack, inbox_id: str) -> Response:
    conversation_id = stack.conversations.pop()
    return await stack.http.post(
        stack.url(f"/conversations/{conversation_id}/escalate"),
        json={"inbox_id": inbox_id, "priority": "normal", "handoff": HANDOFF},
        headers=stack.headers["agent"],
    )


async def _claim(stack: Stack, inbox_id: str) -> Response:
    return await stack.http.post(
        stack.url(f"/inboxes/{inbox_id}/claims"), headers=stack.headers["owner"]
    )


def _within(name: str, counts: Counts) -> None:
    sql, redis = BUDGETS[name]
    assert len(counts.sql) <= sql and len(counts.redis) <= redis, (
        f"{name}: budget {sql} SQL round trips and {redis} Redis calls, used:\n{counts}"
    )


class TestReads:
    async def test_get_escalation(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        escalation_id = (await _escalate(stack, inbox)).json()["escalation"]["id"]
        url = stack.url(f"/escalations/{escalation_id}")
        await stack.http.get(url, headers=stack.headers["owner"])

        r, counts = await stack.measure(lambda: stack.http.get(url, headers=stack.headers["owner"]))
        assert r.status_code == 200, r.text
        _within("get_escalation", counts)

    async def test_owner_view(self, stack: Stack) -> None:
        for name in ("Billing", "Refunds"):
            inbox = await _inbox(stack, name)
            for _ in range(2):
                assert (await _escalate(stack, inbox)).status_code == 201
        url = stack.url("/me/escalations")
        await stack.http.get(url, headers=stack.headers["owner"])

        r, counts = await stack.measure(lambda: stack.http.get(url, headers=stack.headers["owner"]))
        assert r.status_code == 200, r.text
        inboxes = r.json()["inboxes"]
        assert sum(len(g["items"]) for i in inboxes for g in i["groups"]) == 4
        _within("owner_view", counts)

    async def test_inbox_page(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        for _ in range(3):
            assert (await _escalate(stack, inbox)).status_code == 201
        url = stack.url(f"/inboxes/{inbox}/escalations?limit=2")
        await stack.http.get(url, headers=stack.headers["owner"])

        r, counts = await stack.measure(lambda: stack.http.get(url, headers=stack.headers["owner"]))
        assert r.status_code == 200, r.text
        assert len(r.json()["items"]) == 2 and r.json()["next_cursor"]
        _within("inbox_page", counts)


class TestWrites:
    async def test_escalate(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        assert (await _escalate(stack, inbox)).status_code == 201

        r, counts = await stack.measure(lambda: _escalate(stack, inbox))
        assert r.status_code == 201, r.text
        _within("escalate", counts)

    async def test_claim(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        for _ in range(2):
            assert (await _escalate(stack, inbox)).status_code == 201
        assert (await _claim(stack, inbox)).status_code == 201

        r, counts = await stack.measure(lambda: _claim(stack, inbox))
        assert r.status_code == 201, r.text
        assert len(r.json()["items"]) == 1
        _within("claim", counts)

    async def test_claim_of_an_unfollowed_escalation(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        for _ in range(2):
            escalation = (await _escalate(stack, inbox)).json()["escalation"]
            r = await stack.http.post(
                stack.url(f"/escalations/{escalation['id']}/unfollow"),
                headers=stack.headers["agent"],
            )
            assert r.status_code == 204, r.text
        assert (await _claim(stack, inbox)).status_code == 201

        r, counts = await stack.measure(lambda: _claim(stack, inbox))
        assert r.status_code == 201, r.text
        assert len(r.json()["items"]) == 1
        _within("claim_unfollowed", counts)

    async def test_claim_with_a_reply_window(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        r = await stack.http.patch(
            stack.url(f"/inboxes/{inbox}"),
            json={"reply_within_minutes": 10},
            headers=stack.headers["admin"],
        )
        assert r.status_code == 200, r.text
        for _ in range(2):
            assert (await _escalate(stack, inbox)).status_code == 201
        assert (await _claim(stack, inbox)).status_code == 201

        r, counts = await stack.measure(lambda: _claim(stack, inbox))
        assert r.status_code == 201, r.text
        assert r.json()["items"][0]["claim_reply_due_at"] is not None
        _within("claim_reply_window", counts)

    async def test_inbound_message(self, stack: Stack) -> None:
        # An enabled rule that does not match: the engine loads and evaluates the rules.
        r = await stack.http.post(
            stack.url("/rules"),
            json={
                "name": "Lawyers",
                "trigger": "message.received",
                "conditions": {"type": "keywords", "any_of": ["lawyer"]},
                "actions": [{"type": "add_tag", "tag": "legal"}],
            },
            headers=stack.headers["admin"],
        )
        assert r.status_code == 201, r.text
        url = stack.url(f"/conversations/{stack.conversations[0]}/messages")
        message = {"body": "Where is my order?", "direction": "inbound"}
        await stack.http.post(url, json=message, headers=stack.headers["agent"])

        r, counts = await stack.measure(
            lambda: stack.http.post(url, json=message, headers=stack.headers["agent"])
        )
        assert r.status_code == 201, r.text
        _within("inbound_message", counts)

    async def test_resolve(self, stack: Stack) -> None:
        inbox = await _inbox(stack, "Billing")
        for _ in range(2):
            assert (await _escalate(stack, inbox)).status_code == 201
        first, second = [(await _claim(stack, inbox)).json()["items"][0]["id"] for _ in range(2)]
        owner = stack.headers["owner"]
        await stack.http.post(stack.url(f"/escalations/{first}/resolve"), headers=owner)

        r, counts = await stack.measure(
            lambda: stack.http.post(stack.url(f"/escalations/{second}/resolve"), headers=owner)
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "resolved"
        _within("resolve", counts)

    async def test_move(self, stack: Stack) -> None:
        inbox, other = await _inbox(stack, "Billing"), await _inbox(stack, "Refunds")
        first, second = [(await _escalate(stack, inbox)).json()["escalation"]["id"] for _ in "ab"]
        owner = stack.headers["owner"]

        def move(escalation_id: str) -> Awaitable[Response]:
            url = stack.url(f"/escalations/{escalation_id}/move")
            return stack.http.post(url, json={"inbox_id": other}, headers=owner)

        await move(first)
        r, counts = await stack.measure(lambda: move(second))
        assert r.status_code == 200, r.text
        assert r.json()["inbox_id"] == other
        _within("move", counts)
