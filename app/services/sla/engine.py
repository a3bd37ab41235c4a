"""Applying an SLA policy to an escalation, and acting on what is due.

Every change to an escalation's clock goes through `_apply`, which stores the due times and the
next instant the worker must look at it (`next_check_at`, on a partial index). The worker's
`check_due` locks only what is due with SKIP LOCKED, fires each checkpoint once (its key goes into
`sla_fired` in the same transaction as its event) and catches up in order after downtime.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import ACTIVE_STATUSES, Escalation, EventType, Priority
from app.models.inboxes import Inbox
from app.services.escalations._common import event_row, record
from app.services.sla import clock, policies


def _state(escalation: Escalation) -> clock.ClockState:
    sla = escalation.sla or {}
    return clock.ClockState(
        # Targets follow the priority the clock was set for: a breach raises the priority
        # without shortening the deadlines it is already late for.
        priority=sla.get("priority", escalation.priority.value),
        escalated_at=escalation.created_at,
        first_responded_at=escalation.first_responded_at,
        spent_minutes=escalation.sla_spent_minutes,
        clock_started_at=escalation.sla_clock_started_at,
        fired=frozenset(escalation.sla_fired or ()),
    )


def _apply(escalation: Escalation) -> clock.Schedule | None:
    if escalation.sla is None or escalation.status not in ACTIVE_STATUSES:
        escalation.next_check_at = None
        return None
    schedule = clock.schedule(escalation.sla, _state(escalation))
    escalation.first_response_due_at = schedule.first_response_due_at
    if escalation.sla_clock_started_at is not None:  # a paused clock keeps its last due time
        escalation.resolution_due_at = schedule.resolution_due_at
    escalation.next_check_at = schedule.next_check_at
    return schedule


async def _snapshot_for(
    session: AsyncSession, *, escalation: Escalation, inbox: Inbox, now: datetime
) -> None:
    policy = await policies.in_force(session, inbox=inbox)
    if policy is None:
        escalation.sla_policy_id, escalation.sla = None, None
        escalation.first_response_due_at = escalation.resolution_due_at = None
        return
    fresh = await policies.snapshot(session, policy=policy, now=now)
    previous = escalation.sla or {}
    # The escalation chain in force at escalation time stays: an edit never strands a level.
    fresh["levels"] = previous.get("levels", fresh["levels"])
    fresh["priority"] = previous.get("priority", escalation.priority.value)
    escalation.sla_policy_id, escalation.sla = policy.id, fresh


async def start(
    session: AsyncSession, *, escalation: Escalation, inbox: Inbox, now: datetime
) -> None:
    escalation.level = 1
    escalation.sla_spent_minutes = 0.0
    escalation.sla_clock_started_at = now
    escalation.sla_fired = []
    await _snapshot_for(session, escalation=escalation, inbox=inbox, now=now)
    _apply(escalation)


async def recompute(
    session: AsyncSession,
    *,
    escalation: Escalation,
    now: datetime,
    reason: str,
    actor_id: uuid.UUID | None,
    inbox: Inbox | None = None,
    priority: Priority | None = None,
) -> None:
    """New due times after a priority change, a move (`inbox`: re-snapshot its policy) or a
    policy or calendar edit; the audit trail says so when they change."""
    before = (escalation.first_response_due_at, escalation.resolution_due_at)
    if inbox is not None:
        await _snapshot_for(session, escalation=escalation, inbox=inbox, now=now)
    if priority is not None and escalation.sla is not None:
        escalation.sla = {**escalation.sla, "priority": priority.value}
    _apply(escalation)
    after = (escalation.first_response_due_at, escalation.resolution_due_at)
    if after != before:
        await record(
            session,
            [
                event_row(
                    escalation.id,
                    escalation.org_id,
                    EventType.sla_recomputed,
                    actor_id=actor_id,
                    now=now,
                    reason=reason,
                    policy_id=escalation.sla_policy_id,
                    first_response_due_at=_span(before[0], after[0]),
                    resolution_due_at=_span(before[1], after[1]),
                )
            ],
        )


def _span(old: datetime | None, new: datetime | None) -> dict[str, str | None]:
    return {"from": old.isoformat() if old else None, "to": new.isoformat() if new else None}


async def on_message(
    session: AsyncSession,
    *,
    escalation: Escalation,
    outbound: bool,
    now: datetime,
    actor_id: uuid.UUID | None,
) -> None:
    """An answer meets the first-response target and, if the policy says so, pauses the
    resolution clock while the contact owes us a reply; their next message resumes it."""
    events: list[dict[str, Any]] = []
    if outbound and escalation.first_responded_at is None:
        escalation.first_responded_at = now
        if escalation.first_response_due_at and now > escalation.first_response_due_at:
            escalation.breached_first_response = True
        events.append(
            event_row(
                escalation.id,
                escalation.org_id,
                EventType.first_response,
                actor_id=actor_id,
                now=now,
                due_at=escalation.first_response_due_at,
                met=escalation.first_response_due_at is None
                or now <= escalation.first_response_due_at,
            )
        )
    pauses = bool((escalation.sla or {}).get("pause_while_awaiting_contact"))
    running = escalation.sla_clock_started_at is not None
    if pauses and outbound and running:
        assert escalation.sla is not None and escalation.sla_clock_started_at is not None
        escalation.sla_spent_minutes += clock.minutes_between(
            escalation.sla, escalation.sla_clock_started_at, now
        )
        escalation.sla_clock_started_at, escalation.sla_paused_at = None, now
        events.append(
            event_row(
                escalation.id,
                escalation.org_id,
                EventType.sla_paused,
                actor_id=actor_id,
                now=now,
                resolution_due_at=escalation.resolution_due_at,
            )
        )
    elif not outbound and escalation.sla_paused_at is not None:
        waited = clock.minutes_between(escalation.sla or {}, escalation.sla_paused_at, now)
        escalation.sla_clock_started_at, escalation.sla_paused_at = now, None
        _apply(escalation)
        events.append(
            event_row(
                escalation.id,
                escalation.org_id,
                EventType.sla_resumed,
                actor_id=None,
                now=now,
                waited_business_minutes=round(waited, 3),
                resolution_due_at=escalation.resolution_due_at,
            )
        )
    _apply(escalation)
    await record(session, events)


def stop(escalation: Escalation) -> None:
    """A closed escalation has nothing left to check."""
    escalation.next_check_at = None


async def check_due(session: AsyncSession, *, now: datetime, limit: int = 500) -> int:
    """Act on every escalation whose next check has come; returns how many were looked at."""
    due = list(
        await session.scalars(
            select(Escalation)
            .where(Escalation.next_check_at <= now)
            .order_by(Escalation.next_check_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    events: list[dict[str, Any]] = []
    for escalation in due:
        events += await _check(session, escalation, now=now)
    # One write and one fan-out for the whole batch: recipients are looked up once, not per row.
    await record(session, events)
    await session.flush()
    return len(due)


async def _check(
    session: AsyncSession, escalation: Escalation, *, now: datetime
) -> list[dict[str, Any]]:
    if escalation.sla_stale:
        escalation.sla_stale = False
        inbox = await session.get(Inbox, escalation.inbox_id)
        assert inbox is not None
        await recompute(
            session,
            escalation=escalation,
            now=now,
            reason="policy_changed",
            actor_id=None,
            inbox=inbox,
        )
    schedule = _apply(escalation)
    if schedule is None:
        return []
    fired = list(escalation.sla_fired or ())
    events: list[dict[str, Any]] = []
    for point in schedule.pending:
        if point.at > now:
            break
        fired.append(point.key)
        events += _act(escalation, point, now=now)
    escalation.sla_fired = fired
    _apply(escalation)
    return events


def _act(escalation: Escalation, point: clock.Checkpoint, *, now: datetime) -> list[dict[str, Any]]:
    def event(type_: EventType, **data: Any) -> dict[str, Any]:
        return event_row(escalation.id, escalation.org_id, type_, actor_id=None, now=now, **data)

    if point.kind == "warning":
        return [
            event(
                EventType.sla_warning,
                target=point.target,
                minutes_before=point.minutes_before,
                due_at=point.due_at,
                level=escalation.level,
            )
        ]
    if point.target == clock.FIRST_RESPONSE:
        escalation.breached_first_response = True
    else:
        escalation.breached_resolution = True
    events = [
        event(
            EventType.sla_breached,
            target=point.target,
            due_at=point.due_at,
            level=escalation.level,
        )
    ]
    levels = (escalation.sla or {}).get("levels") or []
    if escalation.level < len(levels):
        escalation.level += 1
        events.append(
            event(
                EventType.level_raised,
                **{"from": escalation.level - 1, "to": escalation.level},
                notify=levels[escalation.level - 1]["notify"],
                reason=f"{point.target}_breached",
            )
        )
    raised = escalation.priority.raised()
    if raised is not escalation.priority:
        events.append(
            event(
                EventType.priority_changed,
                **{"from": escalation.priority.value, "to": raised.value},
                reason="sla_breach",
            )
        )
        escalation.priority = raised
    return events
