"""One request, one transaction: committed before the response is sent, rolled back on any error.

Most tests here run the app with its real `get_session` on the committed test database (no
savepoints), so a commit is a real COMMIT and a rollback a real ROLLBACK.
"""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from arq import ArqRedis
from httpx import ASGITransport, AsyncClient
from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.db import dispose_engine, get_read_sessionmaker, get_sessionmaker, init_engine
from app.errors import Conflict
from app.main import app
from app.models import Campaign, Organisation, Role
from app.services import campaigns
from tests.factories import API, assert_problem, auth, make_member, make_org


@dataclass
class Committed:
    http: AsyncClient
    org: Organisation
    headers: dict[str, str]
    events: list[str]  # "commit" and "response" in the order they happened
    sessionmaker: async_sessionmaker[AsyncSession]

    def campaigns_url(self) -> str:
        return f"{API}/orgs/{self.org.id}/campaigns"

    async def campaign_names(self) -> list[str]:
        async with self.sessionmaker() as s:
            rows = await s.scalars(select(Campaign.name).where(Campaign.org_id == self.org.id))
            return list(rows)


@pytest.fixture
async def committed(
    database_url: str,
    committed_sessionmaker: async_sessionmaker[AsyncSession],
    redis: ArqRedis,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Committed]:
    """The app exactly as deployed (real get_session), recording commits and response starts."""
    async with committed_sessionmaker() as s, s.begin():
        org = await make_org(s)
        owner = await make_member(s, org, Role.owner)
        headers = await auth(owner)
    events: list[str] = []

    real_commit = AsyncSession.commit

    async def recording_commit(self: AsyncSession) -> None:
        events.append("commit")
        await real_commit(self)

    monkeypatch.setattr(AsyncSession, "commit", recording_commit)

    async def recording_app(scope: Any, receive: Any, send: Any) -> None:
        async def recording_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                events.append("response")
            await send(message)

        await app(scope, receive, recording_send)

    init_engine(database_url)
    app.dependency_overrides.clear()
    app.state.redis = redis
    transport = ASGITransport(app=recording_app, raise_app_exceptions=False)
    try:
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            yield Committed(
                http=http,
                org=org,
                headers=headers,
                events=events,
                sessionmaker=committed_sessionmaker,
            )
    finally:
        await dispose_engine()


def flush_then_raise(exc: Exception) -> Any:
    """A `campaigns.create` that writes its row, then fails."""
    real_create = campaigns.create

    async def create(session: AsyncSession, **kwargs: Any) -> Campaign:
        campaign = await real_create(session, **kwargs)
        assert (await session.get(Campaign, campaign.id)) is not None  # flushed, in the transaction
        raise exc

    return create


class TestCommit:
    async def test_happens_before_the_response_starts(self, committed: Committed) -> None:
        r = await committed.http.post(
            committed.campaigns_url(), json={"name": "Kept"}, headers=committed.headers
        )
        assert r.status_code == 201, r.text
        assert "commit" in committed.events
        assert committed.events.index("commit") < committed.events.index("response")
        assert await committed.campaign_names() == ["Kept"]

    async def test_a_failing_commit_is_a_5xx_not_a_2xx(
        self, committed: Committed, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def failing_commit(self: AsyncSession) -> None:
            raise ConnectionResetError("the database went away during COMMIT")

        monkeypatch.setattr(AsyncSession, "commit", failing_commit)
        r = await committed.http.post(
            committed.campaigns_url(), json={"name": "Lost"}, headers=committed.headers
        )
        assert_problem(r, 500, "internal-error")
        assert await committed.campaign_names() == []

    async def test_a_deferred_constraint_failing_at_commit_is_a_5xx(
        self, committed: Committed, engine: AsyncEngine
    ) -> None:
        # A real COMMIT that PostgreSQL refuses: the row passes every check until COMMIT.
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "CREATE FUNCTION test_refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$"
                    " BEGIN IF NEW.name = 'refused at commit' THEN"
                    " RAISE EXCEPTION 'refused' USING ERRCODE = '23514'; END IF;"
                    " RETURN NULL; END $$"
                )
            )
            await conn.execute(
                text(
                    "CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON campaign"
                    " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                    " EXECUTE FUNCTION test_refuse_at_commit()"
                )
            )
        try:
            r = await committed.http.post(
                committed.campaigns_url(),
                json={"name": "refused at commit"},
                headers=committed.headers,
            )
            assert_problem(r, 500, "internal-error")
            assert await committed.campaign_names() == []
            # The same request with an acceptable row commits fine.
            ok = await committed.http.post(
                committed.campaigns_url(), json={"name": "fine"}, headers=committed.headers
            )
            assert ok.status_code == 201, ok.text
            assert await committed.campaign_names() == ["fine"]
        finally:
            async with engine.begin() as conn:
                await conn.execute(text("DROP TRIGGER test_refuse_at_commit ON campaign"))
                await conn.execute(text("DROP FUNCTION test_refuse_at_commit()"))


class TestRollback:
    async def test_a_domain_error_after_a_flush_leaves_no_row(
        self, committed: Committed, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(campaigns, "create", flush_then_raise(Conflict("changed my mind")))
        r = await committed.http.post(
            committed.campaigns_url(), json={"name": "Ghost"}, headers=committed.headers
        )
        assert_problem(r, 409, "conflict")
        assert "commit" not in committed.events
        assert await committed.campaign_names() == []

    async def test_an_unexpected_error_after_a_flush_leaves_no_row(
        self, committed: Committed, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(campaigns, "create", flush_then_raise(RuntimeError("bug")))
        r = await committed.http.post(
            committed.campaigns_url(), json={"name": "Ghost"}, headers=committed.headers
        )
        assert_problem(r, 500, "internal-error")
        assert await committed.campaign_names() == []

    async def test_a_database_error_leaves_no_row_and_the_next_request_works(
        self, committed: Committed, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def create_then_violate(session: AsyncSession, **kwargs: Any) -> Campaign:
            session.add(Campaign(org_id=kwargs["org_id"], name="first"))
            await session.flush()
            session.add(Campaign(org_id=uuid.uuid4(), name="orphan"))  # FK violation
            await session.flush()
            raise AssertionError("unreachable")

        monkeypatch.setattr(campaigns, "create", create_then_violate)
        r = await committed.http.post(
            committed.campaigns_url(), json={"name": "x"}, headers=committed.headers
        )
        assert_problem(r, 500, "internal-error")
        assert await committed.campaign_names() == []
        monkeypatch.undo()
        ok = await committed.http.post(
            committed.campaigns_url(), json={"name": "after"}, headers=committed.headers
        )
        assert ok.status_code == 201, ok.text


class TestRollbackInTheTestTransaction:
    """The same guarantee through the `client` fixture, whose requests use savepoints."""

    async def test_a_domain_error_after_a_flush_leaves_no_row(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        monkeypatch.setattr(campaigns, "create", flush_then_raise(Conflict()))
        r = await client.post(
            f"{API}/orgs/{org.id}/campaigns", json={"name": "Ghost"}, headers=await auth(owner)
        )
        assert_problem(r, 409, "conflict")
        found = await session.scalars(select(Campaign).where(Campaign.org_id == org.id))
        assert found.all() == []
        # The test's own rows survive the request's rollback.
        assert await session.get(Organisation, org.id) is not None


class TestPooledConnections:
    async def test_a_request_holds_one_connection_at_a_time(self, committed: Committed) -> None:
        """Reading the caller (token -> user) hands its connection back before the request's own
        unit of work takes one: holding both, requests waiting for their second connection held
        all the first ones under load, and the pool timed out (500s)."""
        # Two pools: the main one and the read pool the caller is read from (app/db.py).
        pools = [
            maker.kw["bind"].sync_engine.pool
            for maker in (get_sessionmaker(), get_read_sessionmaker())
        ]
        most: list[int] = []

        def on_checkout(*_: Any) -> None:
            most.append(sum(pool.checkedout() for pool in pools))

        for pool in pools:
            event.listen(pool, "checkout", on_checkout)
        try:
            r = await committed.http.get(committed.campaigns_url(), headers=committed.headers)
        finally:
            for pool in pools:
                event.remove(pool, "checkout", on_checkout)
        assert r.status_code == 200, r.text
        assert len(most) == 2  # the caller's read, then the request's unit of work
        assert max(most) == 1, most
