"""Dashboard figures, computed in SQL: what is open now, the daily flow, SLA attainment."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, and_, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import ACTIVE_STATUSES, Escalation, EscalationEvent, EventType
from app.models.inboxes import Inbox

_FLOW = {
    "escalated": (EventType.created,),
    # Claimed by an owner or for one by auto-assignment.
    "claimed": (EventType.claimed, EventType.auto_assigned),
    "resolved": (EventType.resolved,),
    "de_escalated": (EventType.de_escalated,),
    "sla_breaches": (EventType.sla_breached,),
}


@dataclass
class Stats:
    days: int
    open_by_inbox: list[dict[str, object]]
    daily: list[dict[str, object]]
    first_response: dict[str, int]
    resolution: dict[str, int]


async def _open_by_inbox(session: AsyncSession, org_id: uuid.UUID) -> list[dict[str, object]]:
    rows = await session.execute(
        select(Inbox.id, Inbox.name, Escalation.priority, func.count())
        .join(Inbox, Inbox.id == Escalation.inbox_id)
        .where(Escalation.org_id == org_id, Escalation.status.in_(ACTIVE_STATUSES))
        .group_by(Inbox.id, Inbox.name, Escalation.priority)
        .order_by(Inbox.name, Escalation.priority.desc())
    )
    return [{"inbox_id": i, "inbox_name": n, "priority": p, "count": c} for i, n, p, c in rows]


async def _daily(
    session: AsyncSession, org_id: uuid.UUID, since: datetime, days: int
) -> list[dict[str, object]]:
    day = cast(func.timezone("UTC", EscalationEvent.created_at), Date).label("day")
    counts = [
        func.count().filter(EscalationEvent.type.in_([k.value for k in kinds])).label(name)
        for name, kinds in _FLOW.items()
    ]
    rows = await session.execute(
        select(day, *counts)
        .where(EscalationEvent.org_id == org_id, EscalationEvent.created_at >= since)
        .group_by(day)
    )
    found = {r.day: r for r in rows}
    first: date = since.date()
    out = []
    for offset in range(days):
        current = first + timedelta(days=offset)
        row = found.get(current)
        out.append({"day": current, **{n: (getattr(row, n) if row else 0) for n in _FLOW}})
    return out


async def _attainment(
    session: AsyncSession, org_id: uuid.UUID, since: datetime
) -> tuple[dict[str, int], dict[str, int]]:
    recent = and_(Escalation.org_id == org_id, Escalation.created_at >= since)
    responded = Escalation.first_responded_at.isnot(None)
    closed = Escalation.closed_at.isnot(None)
    row = (
        await session.execute(
            select(
                func.count().filter(
                    responded,
                    Escalation.first_response_due_at.isnot(None),
                    ~Escalation.breached_first_response,
                ),
                func.count().filter(Escalation.breached_first_response),
                func.count().filter(
                    closed,
                    Escalation.resolution_due_at.isnot(None),
                    ~Escalation.breached_resolution,
                ),
                func.count().filter(Escalation.breached_resolution),
            ).where(recent)
        )
    ).one()
    return {"met": row[0], "breached": row[1]}, {"met": row[2], "breached": row[3]}


async def escalation_stats(
    session: AsyncSession, *, org_id: uuid.UUID, days: int, now: datetime
) -> Stats:
    since = datetime.combine(
        (now - timedelta(days=days - 1)).date(), datetime.min.time(), tzinfo=now.tzinfo
    )
    first_response, resolution = await _attainment(session, org_id, since)
    return Stats(
        days=days,
        open_by_inbox=await _open_by_inbox(session, org_id),
        daily=await _daily(session, org_id, since, days),
        first_response=first_response,
        resolution=resolution,
    )
