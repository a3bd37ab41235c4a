"""The stream never misses an event: lost doorbells, late commits, several processes, resumes.

Each test would fail against a stream fed by Redis messages or read by `seq > cursor`.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.live import BUFFER_LIMIT, Stream
from app.main import app
from app.models.base import utcnow
from app.models.escalations import EventType
from app.services import events, live
from tests.escalation_helpers import Desk, make_inbox
from tests.live_helpers import (
    ApiProcess,
    Message,
    committed_desk,
    created,
    escalate,
    open_stream,
    start_api,
    stream_url,
)


@pytest.fixture(scope="module")
def deaf_api(database_url: str) -> Iterator[ApiProcess]:
    """An API process whose Redis is gone: no doorbell rings, in or out."""
    api = start_api(database_url, "redis://127.0.0.1:1/0", REDIS_TIMEOUT_SECONDS="0.2")
    yield api
    api.stop()


def _positions(messages: list[Message]) -> list[int]:
    return [int(m.id) for m in messages if m.id is not None]


def _schemas() -> dict[str, Any]:
    return app.openapi()["components"]["schemas"]  # type: ignore[no-any-return]


def _check_documented(messages: list[Message]) -> None:
    """Every message matches the schema the stream's documentation gives it."""
    schemas = _schemas()
    resolver = {"components": {"schemas": schemas}}
    for message in messages:
        name = {
            "ready": "StreamReady",
            "closed": "StreamClosed",
            "presence": "PresenceChanged",
        }.get(message.event, "LiveEvent")
        schema = {**schemas[name], "components": resolver["components"]}
        jsonschema.validate(message.data, schema)


class TestDoorbellLost:
    async def test_with_redis_gone_every_client_still_gets_every_event_in_order(
        self, deaf_api: ApiProcess, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        async with httpx.AsyncClient(base_url=deaf_api.base_url, timeout=10) as http:
            mine = await make_inbox(http, desk, name="Mine")
            other = await make_inbox(http, desk, name="Other", owner_ids=[str(desk.owner2.id)])
            async with (
                open_stream(http, stream_url(desk), headers=desk.headers["owner"]) as owner,
                open_stream(http, stream_url(desk), headers=desk.headers["supervisor"]) as boss,
            ):
                assert await owner.until_ready() == []
                assert await boss.until_ready() == []
                in_mine = [await escalate(http, db, desk, mine) for _ in range(3)]
                in_other = [await escalate(http, db, desk, other) for _ in range(2)]
                # Polling alone (every 0.5 s) brings them: no ring reached this process.
                seen_by_owner = await owner.collect(2.0)
                seen_by_boss = await boss.collect(0.5)
        assert created(seen_by_owner) == in_mine
        assert created(seen_by_boss) == in_mine + in_other
        for seen in (seen_by_owner, seen_by_boss):
            assert _positions(seen) == sorted(set(_positions(seen)))


class TestLateCommit:
    async def test_a_transaction_that_inserted_first_and_committed_last_is_not_skipped(
        self,
        http: httpx.AsyncClient,
        db: AsyncSession,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        first = await escalate(http, db, desk, inbox)
        async with open_stream(http, stream_url(desk), headers=desk.headers["owner"]) as s:
            await s.until_ready()
            async with committed_sessionmaker() as slow:
                # Inserted now (the lower seq), committed after the escalation below.
                row = events.event_row(
                    uuid.UUID(first),
                    desk.org.id,
                    EventType.priority_changed,
                    actor_id=desk.admin.id,
                    now=utcnow(),
                    **{"from": "normal", "to": "high"},
                )
                await events.record(slow, [row])
                second = await escalate(http, db, desk, inbox)
                before_late_commit = await s.collect(1.5)
                await slow.commit()
            after_late_commit = await s.collect(1.5)
        assert created(before_late_commit) == [second]
        assert [m.data["id"] for m in after_late_commit] == [str(row["id"])]
        # Its seq is lower than the escalation's, its position higher: the order it committed in.
        late, earlier = after_late_commit[0], before_late_commit[-1]
        assert late.data["seq"] < before_late_commit[0].data["seq"]
        assert int(late.id or 0) > int(earlier.id or 0)

        # A client that stopped right after the escalation resumes and still gets the late one.
        headers = {**desk.headers["owner"], "Last-Event-ID": str(earlier.id)}
        async with open_stream(http, stream_url(desk), headers=headers) as s:
            backfill = await s.until_ready()
        assert [m.data["id"] for m in backfill] == [str(row["id"])]


class TestAcrossProcesses:
    async def test_clients_on_both_processes_get_every_event_once_whichever_wrote_it(
        self, http: httpx.AsyncClient, http_b: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        headers = desk.headers["supervisor"]
        async with (
            open_stream(http, stream_url(desk), headers=headers) as on_a,
            open_stream(http_b, stream_url(desk), headers=headers) as on_b,
        ):
            await on_a.until_ready()
            await on_b.until_ready()
            written = []
            for n in range(6):
                written.append(await escalate(http if n % 2 else http_b, db, desk, inbox))
            seen_on_a = await on_a.collect(1.5)
            seen_on_b = await on_b.collect(0.5)
        assert created(seen_on_a) == created(seen_on_b) == written
        for seen in (seen_on_a, seen_on_b):
            ids = [m.data["id"] for m in seen]
            assert len(ids) == len(set(ids))  # exactly once
        assert _positions(seen_on_a) == _positions(seen_on_b)

    async def test_a_resume_on_the_other_process_continues_from_the_same_cursor(
        self, http: httpx.AsyncClient, http_b: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        async with open_stream(http, stream_url(desk), headers=desk.headers["owner"]) as s:
            await s.until_ready()
            first = await escalate(http, db, desk, inbox)
            got = await s.collect(1.0)
        assert created(got) == [first]
        missed = [await escalate(http, db, desk, inbox) for _ in range(2)]
        headers = {**desk.headers["owner"], "Last-Event-ID": str(got[-1].id)}
        async with open_stream(http_b, stream_url(desk), headers=headers) as s:
            backfill = await s.until_ready()
            after = await escalate(http_b, db, desk, inbox)
            live_part = await s.collect(1.0)
        assert created(backfill) == missed
        assert created(live_part) == [after]
        assert set(_positions(backfill)).isdisjoint(_positions(got))


class TestResumeIds:
    async def test_an_id_that_is_not_a_position_starts_afresh_and_one_past_the_end_is_clamped(
        self, http: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        for odd in ("²", "abc", "-3"):  # "²" passes str.isdigit() and fails int()
            params = {"last_event_id": odd}
            headers = desk.headers["owner"]
            async with open_stream(http, stream_url(desk), headers=headers, params=params) as s:
                assert await s.until_ready() == []
        # A made-up id far ahead would silence the stream until positions got there.
        headers = {**desk.headers["owner"], "Last-Event-ID": "99999999999"}
        async with open_stream(http, stream_url(desk), headers=headers) as s:
            ready = await s.next()
            assert ready.data["position"] < 99999999999
            escalation_id = await escalate(http, db, desk, inbox)
            assert created(await s.collect(1.0)) == [escalation_id]


class TestDocumentedMessages:
    async def test_every_message_matches_the_stream_document(
        self, http: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk: Desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)
        async with open_stream(http, stream_url(desk), headers=desk.headers["owner"]) as s:
            ready = await s.next()
            escalation_id = await escalate(http, db, desk, inbox)
            r = await http.put(
                desk.url(f"/escalations/{escalation_id}/presence"),
                json={"state": "composing"},
                headers=desk.headers["owner2"],
            )
            assert r.status_code == 200, r.text
            got = await s.collect(1.0)
        assert ready.event == "ready" and ready.id == str(ready.data["position"])
        events = [m for m in got if m.event != "presence"]
        assert events and all(int(m.id or 0) > ready.data["position"] for m in events)
        [presence] = [m for m in got if m.event == "presence"]
        assert presence.id is None  # not an event: no cursor
        _check_documented([ready, *got])
        stream = _schemas()["StreamMessage"]["oneOf"]
        assert {ref["$ref"].rsplit("/", 1)[1] for ref in stream} == {
            "StreamReady",
            "LiveEvent",
            "PresenceChanged",
            "StreamClosed",
        }


def _event(position: int) -> tuple[int, bytes]:
    return position, f"id: {position}\n\n".encode()


class TestBoundedBuffer:
    def test_a_stream_that_falls_behind_is_ended_with_a_reason_and_drops_nothing_silently(
        self,
    ) -> None:
        audience = live.Audience(user_id=uuid.uuid4(), sees_all=True, inbox_ids=frozenset())
        stream = Stream(uuid.uuid4(), audience, start=10)
        assert stream.offer([_event(p) for p in range(5, 15)])  # up to 10: sent already
        assert len(stream.drain()) == 4
        assert stream.offer([_event(p) for p in range(15, 15 + BUFFER_LIMIT)])
        assert not stream.offer([_event(15 + BUFFER_LIMIT)])
        assert stream.end_reason is not None and stream.end_reason[0] == "behind"
        assert "Last-Event-ID" in stream.end_reason[1]
        # What was queued before is still delivered, then the stream says why it ends.
        assert len(stream.drain()) == BUFFER_LIMIT
