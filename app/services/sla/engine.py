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

from app.models.conversations import Conversation
from app.models.escalations import ACTIVE_STATUSES, Escalation, EventType, Priority
from app.models.inboxes import Inbox
from app.models.sla import SlaPolicy
from app.services.events import event_row, record
from app.services.sla import clock, policies, staleness


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
        paused_at=escalation.sla_paused_at,
    )


def _apply(escalation: Escalation) -> clock.Schedule | None:
    if escalation.sla is None or escalation.status not in ACTIVE_STATUSES:
        escalation.next_check_at = None
        return None
    schedule = clock.schedule(escalation.sla, _state(escalation))
    escalation.first_response_due_at = schedule.first_response_due_at
    # While paused this is the due time were the clock to restart from the pause, so a priority
    # change or a policy edit during a pause moves it too (it used to keep the old one).
    escalation.resolution_due_at = schedule.resolution_due_at
    escalation.next_check_at = schedule.next_check_at
    return schedule


async def _fresh_snapshot(
    session: AsyncSession, *, escalation: Escalation, policy: SlaPolicy | None
) -> dict[str, Any] | None:
    if policy is None:
        return None
    fresh = await policies.snapshot(session, policy=policy)
    previous = escalation.sla or {}
    # The escalation chain in force at escalation time stays: an edit never strands a level.
    fresh["levels"] = previous.get("levels", fresh["levels"])
    fresh["priority"] = previous.get("priority", escalation.priority.value)
    return fresh


def _adopt(escalation: Escalation, policy: SlaPolicy | None, fresh: dict[str, Any] | None) -> None:
    escalation.sla_policy_id, escalation.sla = (policy.id if policy else None), fresh
    if fresh is None:
        escalation.first_response_due_at = escalation.resolution_due_at = None


def _awaits_contact(conversation: Conversation | None) -> bool:
    """The last message was ours: inbound sets `needs_response`, only outbound clears it."""
    return (
        conversation is not None
        and not conversation.needs_response
        and conversation.last_message_at is not None
    )


async def start(
    session: AsyncSession, *, escalation: Escalation, inbox: Inbox, now: datetime
) -> list[dict[str, Any]]:
    """Set the clock at escalation; returns its events, for the caller to record after
    `escalation.created` (the audit trail stays in the order things happened)."""
    escalation.level = 1
    escalation.sla_spent_minutes = 0.0
    escalation.sla_clock_started_at = now
    escalation.sla_paused_at = None
    escalation.sla_fired = []
    policy = await policies.in_force(session, inbox=inbox)
    fresh = await _fresh_snapshot(session, escalation=escalation, policy=policy)
    _adopt(escalation, policy, fresh)
    conversation = await session.get(Conversation, escalation.conversation_id)
    paused = bool((fresh or {}).get("pause_while_awaiting_contact")) and _awaits_contact(
        conversation
    )
    if paused:
        # Escalated while the contact owes us a reply: the resolution clock starts paused, as it
        # would have been paused by our last message; their next message starts it.
        escalation.sla_clock_started_at, escalation.sla_paused_at = None, now
    _apply(escalation)
    if not paused:
        return []
    return [
        event_row(
            escalation.id,
            escalation.org_id,
            EventType.sla_paused,
            actor_id=None,
            now=now,
            resolution_due_at=escalation.resolution_due_at,
            reason="awaiting_contact_at_escalation",
        )
    ]


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
    policy_before = escalation.sla_policy_id
    if inbox is not None:
        policy = await policies.in_force(session, inbox=inbox)
        fresh = await _fresh_snapshot(session, escalation=escalation, policy=policy)
        _adopt(escalation, policy, fresh)
    if priority is not None and escalation.sla is not None:
        escalation.sla = {**escalation.sla, "priority": priority.value}
    _apply(escalation)
    await record(
        session,
        _recomputed(escalation, before, policy_before, now=now, reason=reason, actor_id=actor_id),
    )


def _recomputed(
    escalation: Escalation,
    before: tuple[datetime | None, datetime | None],
    policy_before: uuid.UUID | None,
    *,
    now: datetime,
    reason: str,
    actor_id: uuid.UUID | None,
) -> list[dict[str, Any]]:
    """The audit event for new due times, or for a move to another policy (even one with the
    same targets: which policy an escalation runs on is part of its trail). Either is a change
    to the escalation, so its version moves too (see services/_versions.py)."""
    after = (escalation.first_response_due_at, escalation.resolution_due_at)
    if after == before and escalation.sla_policy_id == policy_before:
        return []
    escalation.updated_at = now
    return [
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
    ]


async def _refresh(
    session: AsyncSession, escalation: Escalation, *, now: datetime
) -> list[dict[str, Any]]:
    """A stale escalation is recomputed against the policy it is on, re-snapshotted (an edit of
    a policy or of its calendar), unless its inbox switched policy: then the inbox's policy in
    force. A switch of the org default has already pointed the escalations of the inboxes that
    follow it at the new default (staleness.follow_default)."""
    escalation.sla_stale = False
    old = escalation.sla
    before = (escalation.first_response_due_at, escalation.resolution_due_at)
    # The policy it ran on is the snapshot's: a default switch has already repointed the column.
    snapshot_policy = (old or {}).get("policy_id")
    policy_before = uuid.UUID(snapshot_policy) if snapshot_policy else None
    policy: SlaPolicy | None
    if old is None or staleness.inbox_switched(old):
        inbox = await session.get(Inbox, escalation.inbox_id)
        assert inbox is not None
        policy = await policies.in_force(session, inbox=inbox)
        followed = inbox.sla_policy_id is None and old is None
        reason = "default_policy_changed" if followed else "inbox_policy_changed"
    else:
        policy_id = escalation.sla_policy_id
        policy = await session.get(SlaPolicy, policy_id) if policy_id is not None else None
        reason = "policy_changed"
        if old.get("policy_id") != (str(policy_id) if policy_id else None):
            reason = "default_policy_changed"
    fresh = await _fresh_snapshot(session, escalation=escalation, policy=policy)
    if (
        reason == "policy_changed"
        and fresh is not None
        and _only_calendar_differs(old or {}, fresh)
    ):
        reason = "calendar_changed"
    _adopt(escalation, policy, fresh)
    _apply(escalation)
    return _recomputed(escalation, before, policy_before, now=now, reason=reason, actor_id=None)


def _only_calendar_differs(old: dict[str, Any], fresh: dict[str, Any]) -> bool:
    same_policy = all(
        old.get(key) == fresh.get(key)
        for key in ("targets", "warnings_minutes", "pause_while_awaiting_contact")
    )
    old_calendar, new_calendar = old.get("calendar"), fresh.get("calendar")
    return (
        same_policy
        and old_calendar is not None
        and new_calendar is not None
        and old_calendar.get("id") == new_calendar.get("id")
        and old_calendar != new_calendar
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
        if escalation.sla is not None:
            escalation.first_response_minutes = clock.minutes_between(
                escalation.sla, escalation.created_at, now
            )
        if escalation.first_response_due_at and now > escalation.first_response_due_at:
            events += _breach_noticed_late(
                escalation,
                target=clock.FIRST_RESPONSE,
                due_at=escalation.first_response_due_at,
                now=now,
                noticed="on_answer",
            )
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
        assert escalation.sla is not None
        # What fell due before the pause is acted on first, as the worker would have: a pause
        # after an unnoticed breach (the worker was down) must not hide it.
        events += _fire_due(escalation, now=now)
        assert escalation.sla_clock_started_at is not None
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


def close(escalation: Escalation, *, now: datetime) -> list[dict[str, Any]]:
    """Resolving or de-escalating stops the clock; returns the events to record before the
    closing event.

    A deadline the escalation passed before it was closed is a breach even if the worker never
    got to it (it was down, or its next tick had not come): the flag is set and `sla_breached`
    written, once (its key goes into `sla_fired`, which the worker also honours). Closing at the
    due instant itself is in time, as a first answer at the due instant is. Warnings that were
    missed are not sent: they would warn of something already over. Nor does the level or the
    priority rise: they exist to pull more people into an open escalation, and this one needs
    nobody any more; the breach is on the record and its event reaches the usual people.
    """
    escalation.next_check_at = None
    if escalation.sla is None:
        return []
    escalation.resolution_minutes = escalation.sla_spent_minutes + (
        clock.minutes_between(escalation.sla, escalation.sla_clock_started_at, now)
        if escalation.sla_clock_started_at is not None
        else 0.0  # paused: the contact owed us an answer, and that time is not ours
    )
    schedule = clock.schedule(escalation.sla, _state(escalation))
    events: list[dict[str, Any]] = []
    for point in schedule.pending:
        if point.at >= now:
            break
        if point.kind == "breach":
            events += _breach_noticed_late(
                escalation, target=point.target, due_at=point.due_at, now=now, noticed="on_close"
            )
    return events


def _breach_noticed_late(
    escalation: Escalation, *, target: str, due_at: datetime, now: datetime, noticed: str
) -> list[dict[str, Any]]:
    """A deadline passed that the worker had not acted on yet (it was down, or its tick had not
    come) when an answer or a close decides the target: the breach is flagged, and recorded once
    (its key goes into `sla_fired`, which the worker honours too), so the breach list holds
    every breach the figures count."""
    _flag_breach(escalation, target)
    key = f"{target}:breach"
    if key in (escalation.sla_fired or ()):
        return []
    escalation.sla_fired = [*(escalation.sla_fired or ()), key]
    return [
        event_row(
            escalation.id,
            escalation.org_id,
            EventType.sla_breached,
            actor_id=None,
            now=now,
            target=target,
            due_at=due_at,
            level=escalation.level,
            noticed=noticed,
        )
    ]


def _flag_breach(escalation: Escalation, target: str) -> None:
    _note_holder(escalation)
    if target == clock.FIRST_RESPONSE:
        escalation.breached_first_response = True
    else:
        escalation.breached_resolution = True


def _note_holder(escalation: Escalation) -> None:
    """Who held it at its first breach (the reports group breaches by owner)."""
    if not (escalation.breached_first_response or escalation.breached_resolution):
        escalation.breach_holder = escalation.claimed_by or escalation.last_claimed_by


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
    events: list[dict[str, Any]] = []
    if escalation.sla_stale and escalation.status in ACTIVE_STATUSES:
        events += await _refresh(session, escalation, now=now)
    return events + _fire_due(escalation, now=now)


def _fire_due(escalation: Escalation, *, now: datetime) -> list[dict[str, Any]]:
    """Act on every checkpoint that has come, earliest first, each once."""
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
    _flag_breach(escalation, point.target)
    escalation.updated_at = now  # a breach changes its flags, level and priority
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
                source={"kind": "sla_breach", "target": point.target},
            )
        )
        escalation.priority = raised
        escalation.priority_source = {"kind": "sla_breach", "target": point.target}
    return events
