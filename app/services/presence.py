"""Presence: who has an escalation (or its conversation) open, and who is writing a reply.

Ephemeral by design: Redis only, nothing in PostgreSQL. Each escalation has a sorted set
`presence:{escalation_id}` of user ids scored by when their presence lapses, and beside it one
key per member holding their state and since when. The SPA beats every ~10 s while its screen is
open and visible; a closed tab simply stops, and lapses TTL_SECONDS after its last beat (a leave on
closing is only a courtesy). Lapsed members are swept by whoever reads the set next; every key
carries the same TTL, so an escalation nobody looks at leaves nothing behind.

A change (someone arrives, changes state, leaves or lapses) is published on CHANNEL with the
escalation's whole list; each API process's tailer (app/live.py) hands it, as a `presence`
message, to the streams of that organisation that may see the escalation. A beat that changes
nothing publishes nothing: the others' screens already show it.
"""

import contextlib
import enum
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import ArqRedis
from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import DomainError
from app.models.escalations import Escalation
from app.models.organisations import Membership
from app.models.users import User
from app.services import escalations

CHANNEL = "escalations:presence"
# Two beats of the SPA's ~10 s: one late beat does not make a member flicker out, and a closed
# tab is gone from the others' screens within 30 s (lapse, then the next sweep or their own beat).
TTL_SECONDS = 20


class PresenceUnavailable(DomainError):
    status = 503
    code = "presence-unavailable"
    title = "Presence cannot be read or kept just now"

    def __init__(self) -> None:
        super().__init__("Redis does not answer: presence is unavailable. Try again shortly.")
        self.headers["Retry-After"] = "10"


@contextlib.contextmanager
def _redis_answers() -> Iterator[None]:
    try:
        yield
    except (RedisError, OSError) as exc:
        raise PresenceUnavailable() from exc


class PresenceState(enum.StrEnum):
    viewing = "viewing"
    composing = "composing"


@dataclass(frozen=True)
class Presence:
    user_id: uuid.UUID
    display_name: str | None
    email: str
    state: PresenceState
    since: datetime
    expires_at: datetime


def _members_key(escalation_id: uuid.UUID) -> str:
    return f"presence:{escalation_id}"


def _member_key(escalation_id: uuid.UUID, user_id: uuid.UUID | str) -> str:
    return f"presence:{escalation_id}:{user_id}"


async def _current(
    redis: ArqRedis, escalation_id: uuid.UUID, now: datetime
) -> tuple[dict[str, dict[str, Any]], bool]:
    """Who is present now (by user id: state, since, expires_at), and whether a sweep of
    lapsed members changed the list."""
    key = _members_key(escalation_id)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zremrangebyscore(key, "-inf", now.timestamp())
        pipe.zrange(key, 0, -1, withscores=True)
        swept, members = await pipe.execute()
    if not members:
        return {}, bool(swept)
    user_ids = [m.decode() for m, _ in members]
    values = await redis.mget([_member_key(escalation_id, u) for u in user_ids])
    current = {}
    for user_id, (_, expires), value in zip(user_ids, members, values, strict=True):
        if value is not None:  # lapsed between the two reads
            current[user_id] = {**json.loads(value), "expires_at": expires}
    return current, bool(swept)


async def _listed(
    session: AsyncSession, escalation: Escalation, current: dict[str, dict[str, Any]]
) -> list[Presence]:
    if not current:
        return []
    # Members of the organisation only: someone removed since their last beat is not shown.
    user = User.__table__.c
    rows = await session.execute(
        select(user.id, user.display_name, user.email)
        .join(Membership, Membership.user_id == user.id)
        .where(
            Membership.org_id == escalation.org_id,
            user.id.in_([uuid.UUID(u) for u in current]),
        )
    )
    found = [
        Presence(
            user_id=user_id,
            display_name=display_name,
            email=email,
            state=PresenceState(current[str(user_id)]["state"]),
            since=datetime.fromisoformat(current[str(user_id)]["since"]),
            expires_at=datetime.fromtimestamp(current[str(user_id)]["expires_at"], UTC),
        )
        for user_id, display_name, email in rows.tuples()
    ]
    return sorted(found, key=lambda p: (p.since, str(p.user_id)))


async def _publish(redis: ArqRedis, escalation: Escalation, members: list[Presence]) -> None:
    message = {
        "org_id": str(escalation.org_id),
        "inbox_id": str(escalation.inbox_id),
        "data": {
            "escalation_id": str(escalation.id),
            "inbox_id": str(escalation.inbox_id),
            "members": [wire(p) for p in members],
        },
    }
    # Best effort: the change is kept, and the others' next beat shows it anyway.
    with contextlib.suppress(RedisError, OSError):
        await redis.publish(CHANNEL, json.dumps(message))


def wire(p: Presence) -> dict[str, Any]:
    return {
        "user_id": str(p.user_id),
        "display_name": p.display_name,
        "email": p.email,
        "state": p.state.value,
        "since": p.since.isoformat(),
        "expires_at": p.expires_at.isoformat(),
    }


async def list_for_escalation(
    session: AsyncSession,
    redis: ArqRedis,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    now: datetime,
) -> list[Presence]:
    """Who has the escalation open now, longest first (404 for whoever may not see it)."""
    escalation = await escalations.get_visible(session, viewer=viewer, escalation_id=escalation_id)
    with _redis_answers():
        current, swept = await _current(redis, escalation.id, now)
    members = await _listed(session, escalation, current)
    if swept:
        await _publish(redis, escalation, members)
    return members


async def beat(
    session: AsyncSession,
    redis: ArqRedis,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    state: PresenceState,
    now: datetime,
) -> list[Presence]:
    """The viewer is here, `state`, for the next TTL_SECONDS; returns who is present now."""
    escalation = await escalations.get_visible(session, viewer=viewer, escalation_id=escalation_id)
    with _redis_answers():
        current, changed = await _current(redis, escalation.id, now)
    user_id = str(viewer.user_id)
    before = current.get(user_id)
    same = before is not None and before["state"] == state.value
    since = before["since"] if same and before is not None else now.isoformat()
    expires = now + timedelta(seconds=TTL_SECONDS)
    current[user_id] = {"state": state.value, "since": since, "expires_at": expires.timestamp()}
    key = _members_key(escalation.id)
    with _redis_answers():
        async with redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {user_id: expires.timestamp()})
            pipe.expire(key, TTL_SECONDS)
            pipe.set(
                _member_key(escalation.id, user_id),
                json.dumps({"state": state.value, "since": since}),
                ex=TTL_SECONDS,
            )
            await pipe.execute()
    members = await _listed(session, escalation, current)
    if changed or not same:
        await _publish(redis, escalation, members)
    return members


async def leave(
    session: AsyncSession,
    redis: ArqRedis,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    now: datetime,
) -> None:
    """The viewer closed the screen; leaving when not present is no error."""
    escalation = await escalations.get_visible(session, viewer=viewer, escalation_id=escalation_id)
    with _redis_answers():
        async with redis.pipeline(transaction=True) as pipe:
            pipe.zrem(_members_key(escalation.id), str(viewer.user_id))
            pipe.delete(_member_key(escalation.id, viewer.user_id))
            removed, _ = await pipe.execute()
        current, swept = await _current(redis, escalation.id, now)
    if removed or swept:
        await _publish(redis, escalation, await _listed(session, escalation, current))
