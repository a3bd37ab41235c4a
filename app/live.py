"""Live updates across API processes: publish committed event ids, fan them in per process.

After a transaction that recorded events commits (a request's or a worker job's: any session),
the ids go out on one Redis pub/sub channel. Each API process runs one `Hub`: one subscription,
and for an organisation with streams open here one query per committed transaction, whose rows
every stream of that organisation filters by what its member may see. Publishing is best effort,
like the outbox nudge: a lost message is found again by a reconnect's `Last-Event-ID` backfill,
and the SPA falls back to polling while its stream is down.
"""

import asyncio
import json
import uuid
from collections import defaultdict
from typing import Any

import redis.asyncio as aioredis
import structlog
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.db import get_sessionmaker
from app.services import live

log = structlog.get_logger(__name__)

CHANNEL = "escalations:live"
PUBLISH_ATTEMPTS = 3
QUEUE_SIZE = 1000  # a stream this far behind is closed; its client reconnects and backfills


class Publisher:
    """Sends each committed transaction's event ids; enabled by the API and the worker."""

    def __init__(self, redis_url: str, *, timeout: float) -> None:
        self.redis = aioredis.from_url(
            redis_url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self._tasks: set[asyncio.Task[None]] = set()

    def after_commit(self, pending: dict[str, list[str]]) -> None:
        task = asyncio.get_running_loop().create_task(self._publish(pending))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _publish(self, pending: dict[str, list[str]]) -> None:
        # In the background, so no request waits for it: a slow Redis gets a few tries, not the
        # request-path timeout (under CPU starvation that lost events the streams then missed).
        for org_id, ids in pending.items():
            message = json.dumps({"org": org_id, "ids": ids})
            for attempt in range(1, PUBLISH_ATTEMPTS + 1):
                try:
                    await self.redis.publish(CHANNEL, message)
                    break
                except Exception as exc:
                    if attempt == PUBLISH_ATTEMPTS:
                        log.warning("live.publish_failed", error=repr(exc), org_id=org_id)
                    else:
                        await asyncio.sleep(0.1 * attempt)

    async def aclose(self) -> None:
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=2)
        await self.redis.aclose()


_publisher: Publisher | None = None


def enable_publishing(redis_url: str, *, timeout: float = 0.5) -> Publisher:
    global _publisher
    _publisher = Publisher(redis_url, timeout=timeout)
    return _publisher


async def disable_publishing() -> None:
    global _publisher
    publisher, _publisher = _publisher, None
    if publisher is not None:
        await publisher.aclose()


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = live.take_pending(session.info)
    if pending and _publisher is not None:
        _publisher.after_commit(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    live.take_pending(session.info)  # never published: those events did not happen


class Hub:
    """One Redis subscription per process, handed out to every stream as a queue of events."""

    def __init__(self, redis_url: str) -> None:
        # No read timeout: the subscription waits for messages; pings find a dead connection.
        self.redis = aioredis.from_url(
            redis_url, socket_connect_timeout=2, health_check_interval=15
        )
        self._streams: dict[uuid.UUID, set[asyncio.Queue[live.LiveEvent | None]]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def wait_ready(self, seconds: float) -> bool:
        """Whether the subscription is up (a stream waits a little for it after a start)."""
        try:
            async with asyncio.timeout(seconds):
                await self._ready.wait()
        except TimeoutError:
            return False
        return True

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        for queues in self._streams.values():
            for queue in queues:
                queue.put_nowait(None)
        await self.redis.aclose()

    def open(self, org_id: uuid.UUID) -> asyncio.Queue[live.LiveEvent | None]:
        queue: asyncio.Queue[live.LiveEvent | None] = asyncio.Queue(QUEUE_SIZE)
        self._streams[org_id].add(queue)
        return queue

    def close(self, org_id: uuid.UUID, queue: asyncio.Queue[live.LiveEvent | None]) -> None:
        self._streams[org_id].discard(queue)
        if not self._streams[org_id]:
            del self._streams[org_id]

    async def _run(self) -> None:
        while True:
            try:
                async with self.redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    self._ready.set()
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            await self._deliver(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # Redis went away: streams stay open, resubscribe
                self._ready.clear()
                log.warning("live.subscription_lost", error=repr(exc))
                await asyncio.sleep(1)

    async def _deliver(self, message: dict[str, Any]) -> None:
        org_id = uuid.UUID(message["org"])
        if not self._streams.get(org_id):
            return
        ids = [uuid.UUID(i) for i in message["ids"]]
        async with get_sessionmaker()() as session:
            events = await live.by_ids(session, org_id=org_id, ids=ids)
        for queue in list(self._streams.get(org_id, ())):
            for item in events:
                try:
                    queue.put_nowait(item)
                except asyncio.QueueFull:  # too slow a client: end its stream, it will resume
                    self.close(org_id, queue)
                    queue.get_nowait()
                    queue.put_nowait(None)
                    break
