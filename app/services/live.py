"""Live updates: which committed events a member may see, read from the events table.

The reaction `react` (registered in app.services.events) notes each recorded event's id on the
session; once the transaction commits, app.live publishes those ids over Redis, and every API
process with a stream open for the organisation reads the rows back through `by_ids`. A client
that reconnects with `Last-Event-ID` is backfilled through `after` from the same table, so the
stream misses nothing the table holds. The event id on the wire is the row's `seq`.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation, EscalationEvent
from app.models.inboxes import InboxOwner
from app.models.organisations import Membership, Role
from app.services._inbox_access import escalations_visible_to
from app.services._recorded import Recorded

PENDING = "live_event_ids"  # session.info key: {org_id: [event ids]} awaiting the commit
BACKFILL_LIMIT = 1000  # events per backfill query


@dataclass(frozen=True)
class LiveEvent:
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
    """Remember the events for publishing once (and only if) the transaction commits."""
    pending: dict[str, list[str]] = session.info.setdefault(PENDING, {})
    for row in recorded.rows:
        pending.setdefault(str(row["org_id"]), []).append(str(row["id"]))


def take_pending(info: dict[str, Any]) -> dict[str, list[str]]:
    pending: dict[str, list[str]] = info.pop(PENDING, None) or {}
    return pending


def _rows() -> Select[Any]:
    return select(
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


async def by_ids(
    session: AsyncSession, *, org_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> list[LiveEvent]:
    """Just-committed events of one organisation, in order (every viewer filters them)."""
    stmt = _rows().where(EscalationEvent.org_id == org_id, EscalationEvent.id.in_(ids))
    return _events(await session.execute(stmt.order_by(EscalationEvent.seq)))


async def after(
    session: AsyncSession, *, viewer: Membership, seq: int, limit: int = BACKFILL_LIMIT
) -> list[LiveEvent]:
    """What the viewer may see after `seq` (a reconnect's Last-Event-ID), oldest first."""
    stmt = _rows().where(
        EscalationEvent.org_id == viewer.org_id,
        EscalationEvent.seq > seq,
        escalations_visible_to(viewer),
    )
    return _events(await session.execute(stmt.order_by(EscalationEvent.seq).limit(limit)))


@dataclass(frozen=True)
class Audience:
    """What one stream's member may see, as of when it was loaded (streams reload it)."""

    user_id: uuid.UUID
    sees_all: bool
    inbox_ids: frozenset[uuid.UUID]

    def sees(self, event: LiveEvent) -> bool:
        """The same rule as escalations_visible_to, plus a moved escalation's former inbox:
        its owners saw it leave."""
        if self.sees_all or event.inbox_id in self.inbox_ids:
            return True
        former = event.data.get("from_inbox_id") if event.type == "escalation.moved" else None
        return former is not None and uuid.UUID(str(former)) in self.inbox_ids


async def audience(
    session: AsyncSession, *, org_id: uuid.UUID, user_id: uuid.UUID
) -> Audience | None:
    """None when the user is no longer a member (their stream ends)."""
    member = await session.get(Membership, (org_id, user_id), populate_existing=True)
    if member is None:
        return None
    owned = await session.scalars(select(InboxOwner.inbox_id).where(InboxOwner.user_id == user_id))
    return Audience(
        user_id=user_id,
        sees_all=member.role.at_least(Role.supervisor),
        inbox_ids=frozenset(owned),
    )
