"""The event stream, against real uvicorn processes sharing the test database and Redis."""

import time
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.live import Tailer, disable_publishing, enable_publishing
from app.models import AuthSession, Membership, SessionEndReason
from app.models.base import utcnow
from app.models.escalations import Escalation, EscalationEvent
from app.services import escalations, live, sessions
from tests.escalation_helpers import Desk, assert_problem, make_inbox
from tests.factories import auth, make_user
from tests.live_helpers import (
    committed_desk,
    created,
    escalate,
    open_stream,
    stream_url,
)


class TestStreamVisibility:
    async def test_each_client_sees_its_own_org_and_what_its_role_may_see(
        self, http: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        a, b = await committed_desk(db), await committed_desk(db)
        shared = await make_inbox(http, a, name="Shared")  # owned by owner and owner2
        other = await make_inbox(http, a, name="Other", owner_ids=[str(a.owner2.id)])
        b_inbox = await make_inbox(http, b, name="B inbox")
        async with (
            open_stream(http, stream_url(a), headers=a.headers["owner"]) as owner,
            open_stream(http, stream_url(a), headers=a.headers["supervisor"]) as supervisor,
            open_stream(http, stream_url(b), headers=b.headers["admin"]) as b_admin,
        ):
            for stream in (owner, supervisor, b_admin):
                assert await stream.until_ready() == []
            in_shared = await escalate(http, db, a, shared)
            in_other = await escalate(http, db, a, other)
            in_b = await escalate(http, db, b, b_inbox)
            seen_by_owner = await owner.collect(1.5)
            seen_by_supervisor = await supervisor.collect(0.5)
            seen_by_b = await b_admin.collect(0.5)
        # An agent who owns one inbox never receives another inbox's escalation.
        assert created(seen_by_owner) == [in_shared]
        assert {m.data["inbox_id"] for m in seen_by_owner} == {shared["id"]}
        assert sorted(created(seen_by_supervisor)) == sorted([in_shared, in_other])
        assert created(seen_by_b) == [in_b]
        assert {m.data["escalation_id"] for m in seen_by_b} == {in_b}
        # Each message names its type, carries its position as the SSE id, and ids only grow.
        ids = [int(m.id) for m in seen_by_supervisor if m.id]
        assert ids == sorted(ids) and len(ids) == len(seen_by_supervisor)
        assert all(m.data["position"] == int(m.id) for m in seen_by_supervisor if m.id)


class TestResume:
    async def test_last_event_id_after_a_forced_disconnect_loses_nothing(
        self, http: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        mine = await make_inbox(http, desk, name="Mine")
        not_mine = await make_inbox(http, desk, name="Not mine", owner_ids=[str(desk.owner2.id)])
        async with open_stream(http, stream_url(desk), headers=desk.headers["owner"]) as s:
            await s.until_ready()
            first = await escalate(http, db, desk, mine)
            got = await s.collect(1.0)
        assert created(got) == [first]
        last_id = got[-1].id
        assert last_id is not None
        # Disconnected (the connection is closed): what happens now must come back on resume.
        missed = [await escalate(http, db, desk, mine) for _ in range(3)]
        await escalate(http, db, desk, not_mine)
        claim = await http.post(
            desk.url(f"/inboxes/{mine['id']}/claims"),
            json={"count": 2},
            headers=desk.headers["owner2"],
        )
        assert claim.status_code == 201, claim.text
        headers = {**desk.headers["owner"], "Last-Event-ID": last_id}
        async with open_stream(http, stream_url(desk), headers=headers) as s:
            backfill = await s.until_ready()
            after = await escalate(http, db, desk, mine)
            live = await s.collect(1.0)
        assert created(backfill) == missed
        claimed = [m.data["escalation_id"] for m in backfill if m.event == "escalation.claimed"]
        assert len(claimed) == 2
        # Exactly what the table holds for the owner's inbox after the last id seen, in order.
        # (The SSE id is the stream position, the stream's one cursor.)
        position = EscalationEvent.stream_position
        expected = await db.scalars(
            select(position)
            .join(Escalation, Escalation.id == EscalationEvent.escalation_id)
            .where(Escalation.inbox_id == uuid.UUID(mine["id"]), position > int(last_id))
            .where(EscalationEvent.escalation_id != uuid.UUID(after))
            .order_by(position)
        )
        assert [int(m.id or 0) for m in backfill] == list(expected)
        assert created(live) == [after]
        # A new EventSource cannot set the header: the query parameter resumes the same way.
        params = {"last_event_id": last_id}
        async with open_stream(
            http, stream_url(desk), headers=desk.headers["owner"], params=params
        ) as s:
            again = await s.until_ready()
        assert [m.id for m in again[: len(backfill)]] == [m.id for m in backfill]


class TestAcrossProcesses:
    async def test_an_event_through_process_a_reaches_a_client_of_process_b(
        self, http: httpx.AsyncClient, http_b: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        async with open_stream(http_b, stream_url(desk), headers=desk.headers["owner"]) as s:
            await s.until_ready()
            started = time.monotonic()
            escalation_id = await escalate(http, db, desk, inbox)
            created = await s.next(wait=2.0)
            assert time.monotonic() - started < 2.0
            assert (created.event, created.data["escalation_id"]) == (
                "escalation.created",
                escalation_id,
            )
            r = await http.post(
                desk.url(f"/inboxes/{inbox['id']}/claims"), headers=desk.headers["owner2"]
            )
            assert r.status_code == 201, r.text
            rest = await s.collect(1.0)
        assert [m.data["escalation_id"] for m in rest if m.event == "escalation.claimed"] == [
            escalation_id
        ]

    async def test_events_a_worker_commits_reach_the_stream(
        self,
        http: httpx.AsyncClient,
        db: AsyncSession,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
        redis_url: str,
    ) -> None:
        """Any session that commits events publishes them (the worker enables publishing)."""
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        escalation_id = await escalate(http, db, desk, inbox)
        r = await http.post(
            desk.url(f"/inboxes/{inbox['id']}/claims"), headers=desk.headers["owner2"]
        )
        assert r.status_code == 201, r.text
        enable_publishing(redis_url)
        try:
            async with open_stream(http, stream_url(desk), headers=desk.headers["owner"]) as s:
                await s.until_ready()
                async with committed_sessionmaker() as worker, worker.begin():
                    later = utcnow() + timedelta(hours=2)
                    assert await escalations.expire_lapsed(worker, now=later) == 1
                got = await s.collect(1.5)
        finally:
            await disable_publishing()
        assert [(m.event, m.data["escalation_id"]) for m in got] == [
            ("escalation.claim_expired", escalation_id)
        ]


class TestStreamAuth:
    async def test_a_stream_token_opens_the_stream_and_nothing_else_does(
        self, http: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk, other = await committed_desk(db), await committed_desk(db)
        r = await http.post(desk.url("/events/stream-token"), headers=desk.headers["agent"])
        assert r.status_code == 200, r.text
        token = r.json()["token"]
        assert r.json()["expires_in"] <= 60
        async with open_stream(http, stream_url(desk), params={"token": token}) as s:
            assert await s.until_ready() == []
        # Not for another organisation, and the long-lived access token is no stream token.
        access = desk.headers["agent"]["Authorization"].removeprefix("Bearer ")
        for url, params in (
            (stream_url(other), {"token": token}),
            (stream_url(desk), {"token": access}),
            (stream_url(desk), {"token": "not-a-token"}),
            (stream_url(desk), {}),
        ):
            assert_problem(await http.get(url, params=params), 401)
        # The stream token is no access token either.
        r = await http.get(desk.url("/inboxes"), headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401

    async def test_a_non_member_gets_404(self, http: httpx.AsyncClient, db: AsyncSession) -> None:
        desk = await committed_desk(db)
        stranger = await make_user(db)
        headers = await auth(stranger)
        await db.commit()
        r = await http.get(stream_url(desk), headers=headers)
        assert_problem(r, 404)
        r = await http.post(desk.url("/events/stream-token"), headers=headers)
        assert_problem(r, 404)


class TestSignedOut:
    async def test_a_stream_token_of_an_ended_session_opens_nothing(
        self, http: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        headers = desk.headers["agent"]
        r = await http.post(desk.url("/events/stream-token"), headers=headers)
        token = r.json()["token"]
        assert (await http.post("/api/v1/auth/jwt/logout", headers=headers)).status_code == 204
        assert_problem(await http.get(stream_url(desk), params={"token": token}), 401)

    async def test_an_open_stream_ends_when_its_session_does(
        self, database_url: str, redis_url: str, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        membership = await db.get(Membership, (desk.org.id, desk.agent.id))
        assert membership is not None
        signed_in = [await db.get(AuthSession, s) for s in await _agent_sessions(db, desk)]
        here, elsewhere = signed_in[0], signed_in[1]
        assert here is not None and elsewhere is not None
        tailer = Tailer(redis_url, database_url)
        tailer.start()
        try:
            assert await tailer.caught_up(10.0)
            audience = await live.audience(db, member=membership)
            kept = tailer.open(desk.org.id, audience, session_id=elsewhere.id)
            ended = tailer.open(desk.org.id, audience, session_id=here.id)
            await sessions.end(
                db,
                user_id=desk.agent.id,
                session_id=here.id,
                reason=SessionEndReason.signed_out,
                now=utcnow(),
            )
            await db.commit()
            await tailer.reload_audiences([desk.org.id])
            assert ended.end_reason is not None and ended.end_reason[0] == "session_ended"
            assert kept.end_reason is None
        finally:
            await tailer.aclose()


async def _agent_sessions(db: AsyncSession, desk: Desk) -> list[uuid.UUID]:
    await auth(desk.agent, db)  # a second device
    await db.commit()
    rows = await db.scalars(
        select(AuthSession.id)
        .where(AuthSession.user_id == desk.agent.id)
        .order_by(AuthSession.created_at)
    )
    return list(rows)
