"""Live updates: the events table as the stream, and which of its events a member may see.

Why positions stamped after the commit, and not `seq`: `seq` is taken when a row is inserted, so
a transaction that inserts first and commits last puts a lower seq behind a higher one that a
stream has already passed, and a `seq > cursor` read skips it forever. Reading `xid8` values below
the snapshot's xmin would be sound too, but xmin is cluster-wide: one long transaction anywhere on
the server (a report, a migration, another database's) would hold every stream back while it ran.
So `stamp` gives committed, unstamped rows the next positions, one stamper at a time (a
transaction-scoped advisory lock: whichever API process takes it). Positions therefore become
visible in order, a late commit simply gets a later position, and a long transaction delays only
its own events. `stream_position` is the one cursor: the tailer's, the SSE `id`, `Last-Event-ID`.

`react` (registered in app.services.events) only notes on the session that events were recorded,
so that app.live rings the doorbell once the transaction commits.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import BigInteger, Select, Table, column, func, select, table, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation, EscalationEvent
from app.models.inboxes import Inbox, InboxOwner
from app.models.organisations import Membership, Role
from app.services._inbox_access import escalations_visible_to
from app.services._recorded import Recorded

PENDING = "live_events_recorded"  # session.info key: ring the doorbell after the commit
BATCH = 1000  # events per read
STAMP_BATCH = 5000  # rows stamped per stamping transaction
STAMP_LOCK = 0x6C6976652D73  # "live-s": one stamper at a time, across every process
# The last position given out. A sequence, not max(stream_position): it survives a TRUNCATE or
# deletes, so a position is never given twice (a tailer past it would skip the second).
POSITIONS_NAME = "escalation_event_stream_position_seq"
POSITIONS = table(POSITIONS_NAME, column("last_value", BigInteger))


@dataclass(frozen=True)
class LiveEvent:
    position: int
    seq: int
    id: uuid.UUID
    org_id: uuid.UUID
    type: str
    escalation_id: uuid.UUID
    inbox_id: uuid.UUID
    actor_id: uuid.UUID | None
    created_at: datetime
    data: dict[str, Any]

    def wire(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "seq": self.seq,
            "id": str(self.id),
            "type": self.type,
            "escalation_id": str(self.escalation_id),
            "inbox_id": str(self.inbox_id),
            "actor_id": str(self.actor_id) if self.actor_id else None,
            "created_at": self.created_at.isoformat(),
            "data": self.data,
        }


async def react(session: AsyncSession, recorded: Recorded) -> None:
    if recorded.rows:
        session.info[PENDING] = True


def take_pending(info: dict[str, Any]) -> bool:
    return bool(info.pop(PENDING, False))


async def stamp(session: AsyncSession, *, batch: int = STAMP_BATCH) -> int:
    """Give committed events their stream positions, oldest insert first; returns how many.
    The caller commits: the positions become visible to readers all at once, in order.

    It waits for a stamper in another process rather than skipping: once this returns, every
    event committed before it was called has a position (a stream opened now starts after them,
    or backfills them). Stamping transactions are a few milliseconds; the timeout only bounds a
    stuck one."""
    await session.execute(text("SET LOCAL lock_timeout = '5s'"))
    await session.execute(select(func.pg_advisory_xact_lock(STAMP_LOCK)))
    event = cast(Table, EscalationEvent.__table__)
    todo = (
        select(event.c.id, event.c.seq)
        .where(event.c.stream_position.is_(None))
        .order_by(event.c.seq)
        .limit(batch)
        .cte("todo")
    )
    numbered = select(todo.c.id, func.row_number().over(order_by=todo.c.seq).label("n")).subquery(
        "numbered"
    )
    # The lock is held and this statement's snapshot is newer: it sees the last stamper's commit.
    last = select(POSITIONS.c.last_value).scalar_subquery()
    result = await session.execute(
        update(event)
        .where(event.c.id == numbered.c.id)
        .values(stream_position=last + numbered.c.n)
        .returning(event.c.stream_position)
    )
    positions = result.scalars().all()
    if positions:
        await session.execute(select(func.setval(POSITIONS_NAME, max(positions))))
    return len(positions)


async def head(session: AsyncSession) -> int:
    """The last stamped position (0 before the first)."""
    return int(await session.scalar(select(POSITIONS.c.last_value)) or 0)


def _rows() -> Select[Any]:
    return select(
        EscalationEvent.stream_position,
        EscalationEvent.seq,
        EscalationEvent.id,
        EscalationEvent.org_id,
        EscalationEvent.type,
        EscalationEvent.escalation_id,
        Escalation.inbox_id,
        EscalationEvent.actor_id,
        EscalationEvent.created_at,
        EscalationEvent.data,
    ).join(Escalation, Escalation.id == EscalationEvent.escalation_id)


def _events(rows: Iterable[Any]) -> list[LiveEvent]:
    return [LiveEvent(*row) for row in rows]


async def since(session: AsyncSession, *, position: int, limit: int = BATCH) -> list[LiveEvent]:
    """Every organisation's events after `position`, in stream order (the tailer's read)."""
    stmt = _rows().where(EscalationEvent.stream_position > position)
    stmt = stmt.order_by(EscalationEvent.stream_position).limit(limit)
    return _events(await session.execute(stmt))


async def between(
    session: AsyncSession, *, viewer: Membership, after: int, upto: int, limit: int = BATCH
) -> list[LiveEvent]:
    """What the viewer may see in (after, upto], oldest first (a reconnect's backfill)."""
    stmt = _rows().where(
        EscalationEvent.org_id == viewer.org_id,
        EscalationEvent.stream_position > after,
        EscalationEvent.stream_position <= upto,
        escalations_visible_to(viewer),
    )
    stmt = stmt.order_by(EscalationEvent.stream_position).limit(limit)
    return _events(await session.execute(stmt))


@dataclass(frozen=True)
class Audience:
    """What one stream's member may see, as of when it was loaded (the tailer reloads it)."""

    user_id: uuid.UUID
    sees_all: bool
    inbox_ids: frozenset[uuid.UUID]

    @property
    def visibility(self) -> frozenset[uuid.UUID] | None:
        """Streams with the same visibility see the same events: filtered once for all of them
        (None: the whole organisation)."""
        return None if self.sees_all else self.inbox_ids

    def sees_inbox(self, inbox_id: uuid.UUID) -> bool:
        """Whether the member may see the escalations in this inbox now."""
        return self.sees_all or inbox_id in self.inbox_ids

    def sees(self, event: LiveEvent) -> bool:
        """The same rule as escalations_visible_to, plus a moved escalation's former inbox:
        its owners saw it leave."""
        if self.sees_all or event.inbox_id in self.inbox_ids:
            return True
        former = event.data.get("from_inbox_id") if event.type == "escalation.moved" else None
        return former is not None and uuid.UUID(str(former)) in self.inbox_ids


async def audiences(
    session: AsyncSession, *, org_id: uuid.UUID, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Audience]:
    """Each user's audience in one organisation; a user who is no longer a member is missing."""
    members = await session.execute(
        select(Membership.user_id, Membership.role).where(
            Membership.org_id == org_id, Membership.user_id.in_(user_ids)
        )
    )
    return await _audiences(session, org_id, {user_id: role for user_id, role in members.tuples()})


async def audience(session: AsyncSession, *, member: Membership) -> Audience:
    """The audience of a member already read (a stream being opened)."""
    found = await _audiences(session, member.org_id, {member.user_id: member.role})
    return found[member.user_id]


async def _audiences(
    session: AsyncSession, org_id: uuid.UUID, roles: dict[uuid.UUID, Role]
) -> dict[uuid.UUID, Audience]:
    owned: dict[uuid.UUID, set[uuid.UUID]] = {user_id: set() for user_id in roles}
    rows = await session.execute(
        select(InboxOwner.user_id, InboxOwner.inbox_id)
        .join(Inbox, Inbox.id == InboxOwner.inbox_id)
        .where(Inbox.org_id == org_id, InboxOwner.user_id.in_(list(roles)))
    )
    for user_id, inbox_id in rows.tuples():
        owned[user_id].add(inbox_id)
    return {
        user_id: Audience(
            user_id=user_id,
            sees_all=role.at_least(Role.supervisor),
            inbox_ids=frozenset(owned[user_id]),
        )
        for user_id, role in roles.items()
    }
