"""Live updates across API processes: every process tails the events table; Redis only rings.

The stream is `escalation_event` in `stream_position` order (app/services/live.py says why that
order cannot skip a late commit). Each API process runs one `Tailer`. It wakes on a doorbell, a
Redis pub/sub message rung after every commit that recorded events (by the API and the worker)
and after every stamp, or else every POLL_SECONDS; it stamps what has committed, reads everything
past its cursor in one query for all organisations, and hands the rows to the streams open here.
The doorbell carries no data, so a lost ring, or Redis down, costs at most one poll: never an event.

Fan-out: each event is serialised once, and filtered once per visibility class (the supervisors of
an organisation; the owners of one set of inboxes), not once per client. Each stream has a bounded
buffer; a stream that falls that far behind is ended with a `closed` message saying so, and its
client resumes from its last id, from the table.

Presence (app/services/presence.py) is the one thing that travels in Redis itself: it is never
stored, so its message, the escalation's whole list, is handed straight to the streams that may
see the escalation, without a position. A lost one costs a moment: the next beat's answer, or a
reconnect's fetch, shows the list.
"""

import asyncio
import json
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Iterable

import redis.asyncio as aioredis
import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import Session
from sse_starlette import ServerSentEvent

from app import metrics
from app.db import make_engine
from app.services import live, presence, sessions

log = structlog.get_logger(__name__)

CHANNEL = "escalations:live"
PRESENCE_CHANNEL = presence.CHANNEL.encode()  # pub/sub names channels in bytes
POLL_SECONDS = 0.5  # the longest a lost doorbell delays an event
# Rounds start at most this often: in a flood every commit rings, and a round per ring (a
# stamping transaction and a read, ~10 round trips) cost the API a fifth of an escalation's CPU.
# After a quiet spell the first ring is served at once.
ROUND_SECONDS = 0.05
AUDIENCE_SECONDS = 15.0  # how often streams' visibility is re-read (roles, inbox owners)
BUFFER_LIMIT = 2000  # messages a stream may have waiting; past that it is ended and resumes
RING_TIMEOUT = 0.5


def encode(event: live.LiveEvent) -> bytes:
    message = ServerSentEvent(
        data=json.dumps(event.wire()), event=event.type, id=str(event.position)
    )
    return message.encode()


def closed_message(reason: str, detail: str) -> bytes:
    data = json.dumps({"reason": reason, "detail": detail})
    return ServerSentEvent(data=data, event="closed").encode()


class Doorbell:
    """Rings after each commit that recorded events; enabled by the API and the worker."""

    def __init__(self, redis_url: str) -> None:
        self.redis = aioredis.from_url(
            redis_url, socket_timeout=RING_TIMEOUT, socket_connect_timeout=RING_TIMEOUT
        )
        self._tasks: set[asyncio.Task[None]] = set()

    def ring(self) -> None:
        # In the background, so no request waits for Redis; one try: a lost ring costs one poll.
        task = asyncio.get_running_loop().create_task(self._ring())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _ring(self) -> None:
        try:
            await self.redis.publish(CHANNEL, b"")
        except Exception as exc:
            log.debug("live.ring_failed", error=repr(exc))

    async def aclose(self) -> None:
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=2)
        await self.redis.aclose()


_doorbell: Doorbell | None = None


def enable_publishing(redis_url: str) -> Doorbell:
    global _doorbell
    _doorbell = Doorbell(redis_url)
    return _doorbell


async def disable_publishing() -> None:
    global _doorbell
    doorbell, _doorbell = _doorbell, None
    if doorbell is not None:
        await doorbell.aclose()


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if live.take_pending(session.info) and _doorbell is not None:
        _doorbell.ring()


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    live.take_pending(session.info)  # nothing committed: nothing to ring for


class Stream:
    """One client's view of the stream: what its member may see, and its bounded buffer."""

    def __init__(
        self,
        org_id: uuid.UUID,
        audience: live.Audience,
        start: int,
        session_id: uuid.UUID | None = None,
    ) -> None:
        self.org_id = org_id
        self.audience = audience
        self.session_id = session_id  # the sign-in it lives on (None: an API key's)
        self.start = start  # the tailer's position when it opened: the tailer sends what follows
        self.floor = start  # positions up to here were sent already (a backfill, a resume)
        self.buffer: deque[bytes] = deque()
        self.wake = asyncio.Event()
        self.end_reason: tuple[str, str] | None = None

    def offer(self, messages: list[tuple[int, bytes]]) -> bool:
        """Queue messages; False once the stream has ended (and so should be dropped)."""
        if self.end_reason is not None:
            return False
        fresh = [m for position, m in messages if position > self.floor]
        if len(self.buffer) + len(fresh) > BUFFER_LIMIT:
            self.end("behind", "Too far behind the stream: reconnect with Last-Event-ID.")
            return False
        if fresh:
            self.buffer.extend(fresh)
            self.wake.set()
        return True

    def push(self, message: bytes) -> bool:
        """Queue a message outside the events' order (presence: no position, never replayed)."""
        if self.end_reason is not None:
            return False
        if len(self.buffer) >= BUFFER_LIMIT:
            self.end("behind", "Too far behind the stream: reconnect with Last-Event-ID.")
            return False
        self.buffer.append(message)
        self.wake.set()
        return True

    def end(self, reason: str, detail: str) -> None:
        if self.end_reason is None:
            self.end_reason = (reason, detail)
        self.wake.set()

    def drain(self) -> list[bytes]:
        self.wake.clear()
        out = list(self.buffer)
        self.buffer.clear()
        return out


class Tailer:
    """One per API process: the events table, past its cursor, handed to the streams open here."""

    def __init__(
        self, redis_url: str, database_url: str, *, poll_seconds: float = POLL_SECONDS
    ) -> None:
        # No read timeout: the subscription waits for messages; pings find a dead connection.
        self.redis = aioredis.from_url(
            redis_url, socket_connect_timeout=2, health_check_interval=15
        )
        # A connection of its own: in a burst, requests holding the whole pool (streams being
        # opened wait for this very tailer) must not keep it from the table.
        self.engine = make_engine(database_url, pool_size=1, max_overflow=0)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.poll_seconds = poll_seconds
        self.position: int | None = None  # the last position handed out; None before the first read
        self._streams: dict[uuid.UUID, set[Stream]] = defaultdict(set)
        self._doorbell = asyncio.Event()
        self._rounds = asyncio.Condition()
        self._begun = self._done = 0  # catch-up rounds begun and finished
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._tail()),
            asyncio.create_task(self._listen()),
            asyncio.create_task(self._reload_audiences()),
        ]

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for streams in self._streams.values():
            for stream in streams:
                stream.end("shutdown", "The server is restarting: reconnect with Last-Event-ID.")
        self._streams.clear()
        await self.redis.aclose()
        await self.engine.dispose()

    async def caught_up(self, seconds: float) -> bool:
        """Wait for a catch-up round that began after this call: everything committed before it
        has then been handed out (many callers share one round)."""
        target = self._begun + 1
        self._doorbell.set()
        try:
            async with asyncio.timeout(seconds), self._rounds:
                await self._rounds.wait_for(lambda: self._done >= target)
        except TimeoutError:
            return False
        return True

    def open(
        self, org_id: uuid.UUID, audience: live.Audience, session_id: uuid.UUID | None = None
    ) -> Stream:
        """A stream that gets every event after the tailer's position now (no await between
        reading it and joining, so nothing falls between a backfill up to it and the tail)."""
        assert self.position is not None, "caught_up first"
        stream = Stream(org_id, audience, self.position, session_id)
        self._streams[org_id].add(stream)
        return stream

    def close(self, stream: Stream) -> None:
        streams = self._streams.get(stream.org_id)
        if streams is not None:
            streams.discard(stream)
            if not streams:
                del self._streams[stream.org_id]

    @property
    def stream_count(self) -> int:
        return sum(len(s) for s in self._streams.values())

    async def _listen(self) -> None:
        failures = 0
        while True:
            try:
                async with self.redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL, presence.CHANNEL)
                    failures = 0
                    self._doorbell.set()  # rings may have been missed while unsubscribed
                    async for message in pubsub.listen():
                        if message["type"] != "message":
                            continue
                        if message["channel"] == PRESENCE_CHANNEL:
                            self.hand_out_presence(message["data"])
                        else:
                            self._doorbell.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # Redis went away: polling carries on, resubscribe later
                failures += 1
                if failures == 1:
                    log.warning("live.doorbell_lost", error=repr(exc))
                await asyncio.sleep(min(30.0, 0.5 * 2**failures))

    async def _tail(self) -> None:
        while True:
            started = time.monotonic()
            self._begun += 1
            try:
                await self.catch_up()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database is away: streams stay open, try again
                log.warning("live.tail_failed", error=repr(exc))
            else:
                async with self._rounds:
                    self._done = self._begun
                    self._rounds.notify_all()
            if (rest := ROUND_SECONDS - (time.monotonic() - started)) > 0:
                await asyncio.sleep(rest)  # rings meanwhile are served by the next round
            try:
                async with asyncio.timeout(self.poll_seconds):
                    await self._doorbell.wait()
            except TimeoutError:
                pass
            self._doorbell.clear()

    async def catch_up(self) -> None:
        async with self.sessions() as session:
            stamped = await live.stamp(session)
            await session.commit()
        if stamped and _doorbell is not None:
            _doorbell.ring()  # the other processes read what this one stamped
        async with self.sessions() as session:
            if self.position is None:
                self.position = await live.head(session)
            while True:
                events = await live.since(session, position=self.position)
                if events:
                    self._hand_out(events)
                    self.position = events[-1].position
                if len(events) < live.BATCH:
                    break

    def _hand_out(self, events: list[live.LiveEvent]) -> None:
        now = time.time()
        encoded: dict[int, bytes] = {}

        def message(item: live.LiveEvent) -> tuple[int, bytes]:
            if item.position not in encoded:  # serialised once, whoever sees it
                encoded[item.position] = encode(item)
            return item.position, encoded[item.position]

        by_org: dict[uuid.UUID, list[live.LiveEvent]] = defaultdict(list)
        for item in events:
            by_org[item.org_id].append(item)
            metrics.LIVE_LAG.observe(max(0.0, now - item.created_at.timestamp()))
        for org_id, org_events in by_org.items():
            streams = self._streams.get(org_id)
            if not streams:
                continue
            by_visibility: dict[frozenset[uuid.UUID] | None, list[tuple[int, bytes]]] = {}
            for stream in list(streams):
                key = stream.audience.visibility
                if key not in by_visibility:
                    by_visibility[key] = [message(e) for e in org_events if stream.audience.sees(e)]
                if not stream.offer(by_visibility[key]):
                    self.close(stream)

    def hand_out_presence(self, raw: bytes) -> None:
        """A presence change (app/services/presence.py) to the streams of its organisation that
        may see its escalation. Lost while Redis is away: the SPA's next beat shows the list."""
        try:
            message = json.loads(raw)
            org_id, inbox_id = uuid.UUID(message["org_id"]), uuid.UUID(message["inbox_id"])
            data = json.dumps(message["data"])
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("live.presence_unreadable", error=repr(exc))
            return
        encoded = ServerSentEvent(data=data, event="presence").encode()
        for stream in list(self._streams.get(org_id, ())):
            if stream.audience.sees_inbox(inbox_id) and not stream.push(encoded):
                self.close(stream)

    async def _reload_audiences(self) -> None:
        while True:
            await asyncio.sleep(AUDIENCE_SECONDS)
            try:
                await self.reload_audiences(list(self._streams))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("live.audiences_failed", error=repr(exc))

    async def reload_audiences(self, org_ids: Iterable[uuid.UUID]) -> None:
        """Re-read what each stream's member may see; a member who left, or whose session was
        ended (signed out, elsewhere too), has their stream ended."""
        async with self.sessions() as session:
            for org_id in org_ids:
                streams = list(self._streams.get(org_id, ()))
                if not streams:
                    continue
                users = list({s.audience.user_id for s in streams})
                current = await live.audiences(session, org_id=org_id, user_ids=users)
                signed_in = await sessions.open_among(
                    session, [s.session_id for s in streams if s.session_id is not None]
                )
                for stream in streams:
                    audience = current.get(stream.audience.user_id)
                    if audience is None:
                        stream.end("membership_ended", "You are no longer a member here.")
                        self.close(stream)
                    elif stream.session_id is not None and stream.session_id not in signed_in:
                        stream.end("session_ended", "Your session has ended: sign in again.")
                        self.close(stream)
                    else:
                        stream.audience = audience
