"""The breach list: every SLA breach of a period, newest first, with what a review needs.

Each breach is an `escalation.sla_breached` event. Who held the escalation then is read from
the audit trail (the last claim event before the breach, unless a release, lapse or move came
after it), so it is right for breaches recorded before anyone thought to store it. The level and
priority changes are the events the breach caused, in its own transaction (the same instant).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.models.escalations import Escalation, EscalationEvent, EventType
from app.models.inboxes import Inbox
from app.services._pagination import Page, paginate
from app.services.reports.sla import Filters, org_zone, period_bounds
from app.services.sla import clock

_CLAIMS = (EventType.claimed.value, EventType.auto_assigned.value)
_UNCLAIMS = (
    EventType.released.value,
    EventType.claim_expired.value,
    EventType.claim_returned_no_reply.value,
    EventType.moved.value,
)


@dataclass(frozen=True)
class BreachQuery:
    """Which breaches: the days of a period (the organisation's), the report's filters, a target."""

    start: date
    end: date
    filters: Filters
    target: str | None = None


@dataclass
class Breach:
    id: uuid.UUID
    escalation_id: uuid.UUID
    conversation_id: uuid.UUID
    inbox_id: uuid.UUID
    inbox_name: str
    category: str
    target: str
    due_at: datetime | None
    breached_at: datetime
    noticed: str  # "worker" | "on_close" | "on_answer"
    late_minutes: float | None
    still_open: bool
    held_by: uuid.UUID | None
    level: int | None
    level_raised_to: int | None
    priority_from: str | None
    priority_to: str | None


def _same_instant(type_: EventType) -> Any:
    """The event of this type the breach caused: same escalation, same transaction's instant."""
    caused = aliased(EscalationEvent)
    return (
        select(caused.data)
        .where(
            caused.escalation_id == EscalationEvent.escalation_id,
            caused.created_at == EscalationEvent.created_at,
            caused.type == type_.value,
            caused.seq > EscalationEvent.seq,
        )
        .order_by(caused.seq)
        .limit(1)
        .correlate(EscalationEvent)
        .scalar_subquery()
    )


def _holder() -> Any:
    before = aliased(EscalationEvent)
    return (
        select(
            case(
                (before.type.in_(_CLAIMS), before.data["claimed_by"].astext),
                else_=cast(literal(None), String),
            )
        )
        .where(
            before.escalation_id == EscalationEvent.escalation_id,
            before.seq < EscalationEvent.seq,
            before.type.in_(_CLAIMS + _UNCLAIMS),
        )
        .order_by(before.seq.desc())
        .limit(1)
        .correlate(EscalationEvent)
        .scalar_subquery()
    )


def breach_rows(
    org_id: uuid.UUID,
    *,
    since: datetime,
    until: datetime,
    filters: Filters,
    target: str | None = None,
) -> Select[Any]:
    """The breach list's statement (the page and the export share it)."""
    conditions: list[ColumnElement[bool]] = [
        EscalationEvent.org_id == org_id,
        EscalationEvent.type == EventType.sla_breached.value,
        EscalationEvent.created_at >= since,
        EscalationEvent.created_at < until,
        *filters.clauses(),
    ]
    if target is not None:
        conditions.append(EscalationEvent.data["target"].astext == target)
    return (
        select(
            EscalationEvent,
            Escalation,
            Inbox.name.label("inbox_name"),
            _holder().label("held_by"),
            _same_instant(EventType.level_raised).label("raised"),
            _same_instant(EventType.priority_changed).label("reprioritised"),
        )
        .join(Escalation, Escalation.id == EscalationEvent.escalation_id)
        .join(Inbox, Inbox.id == Escalation.inbox_id)
        .where(and_(*conditions))
    )


def _late_minutes(event: EscalationEvent, escalation: Escalation, now: datetime) -> float | None:
    """Business minutes past the target: measured when the target was finally met (answered,
    closed), else from the due time until now on the escalation's calendar."""
    sla = escalation.sla or {}
    targets = (sla.get("targets") or {}).get(sla.get("priority", escalation.priority.value)) or {}
    target = event.data.get("target")
    measured = (
        escalation.first_response_minutes
        if target == clock.FIRST_RESPONSE
        else escalation.resolution_minutes
    )
    allowed = targets.get(f"{target}_minutes")
    if measured is not None and allowed is not None:
        return round(max(0.0, measured - allowed), 2)
    due = event.data.get("due_at")
    if due is None or not sla:
        return None
    return round(clock.minutes_between(sla, datetime.fromisoformat(due), now), 2)


def to_breach(row: Any, now: datetime) -> Breach:
    event, escalation = row.EscalationEvent, row.Escalation
    due = event.data.get("due_at")
    raised, reprioritised = row.raised or {}, row.reprioritised or {}
    target = event.data.get("target", "")
    answered = target == clock.FIRST_RESPONSE and escalation.first_responded_at is not None
    return Breach(
        id=event.id,
        escalation_id=escalation.id,
        conversation_id=escalation.conversation_id,
        inbox_id=escalation.inbox_id,
        inbox_name=row.inbox_name,
        category=escalation.category,
        target=target,
        due_at=datetime.fromisoformat(due).astimezone(UTC) if due else None,
        breached_at=event.created_at,
        noticed=event.data.get("noticed", "worker"),
        late_minutes=_late_minutes(event, escalation, now),
        still_open=escalation.closed_at is None and not answered,
        held_by=uuid.UUID(row.held_by) if row.held_by else None,
        level=event.data.get("level"),
        level_raised_to=raised.get("to"),
        priority_from=reprioritised.get("from"),
        priority_to=reprioritised.get("to"),
    )


async def statement(session: AsyncSession, org_id: uuid.UUID, query: BreachQuery) -> Select[Any]:
    """The breaches the query names, as a statement (the list pages it, the export streams it)."""
    since, until = period_bounds(await org_zone(session, org_id), query.start, query.end)
    return breach_rows(org_id, since=since, until=until, filters=query.filters, target=query.target)


async def list_breaches(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    query: BreachQuery,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> Page[Breach]:
    stmt = await statement(session, org_id, query)
    keys: Sequence[Any] = [EscalationEvent.created_at, EscalationEvent.id]
    page = await paginate(
        session, stmt, keys=keys, descending=True, limit=limit, cursor=cursor, scalars=False
    )
    return Page(items=[to_breach(row, now) for row in page.items], next_cursor=page.next_cursor)
