"""Escalation events: the one path from a state change to everything that reacts to it.

A service that changes an escalation builds its event rows (`event_row`) and calls
`record(session, rows)` in the same transaction. `record` writes them to `escalation_event` and
hands them to `react`, the one dispatcher. Every side effect of an event is a *reaction*
registered here with `on_event`, and runs in registration order, in the event's own transaction:

    escalation.*             fanout.react          outbox rows: in-app, email, webhook, Slack
    escalation.de_escalated  campaigns.take_back   back in its campaign, auto-escalation re-armed
    escalation.*             live.react            the SSE stream, published after the commit
    claims, SLA, closing     metrics.react         Prometheus counters, counted after the commit

Events that are not stored still go through `react`: `conversations` emits `message.received`
for every inbound message (no built-in reaction listens to it yet).

Adding a reaction: write `async def my_reaction(session, recorded) -> None` in your own module
and register it with `@events.on_event("escalation.created", ...)` (no types: every event).
A reaction may change escalations itself (through the escalation services, which record their
own events and so react again); it must not commit. This module imports only what lies below
the escalation services, so nothing needs to import back into the module that changed: a module
above them registers itself when it is imported, and must be imported by both entry points
(`app.main` and `app.workers.settings`), as every router and job module is.

SLA clock changes are not reactions: the state change that moves a clock calls
`services.sla.engine` itself (its events must sit before or after the change's own event in
the audit trail), and the engine records its events here like everyone else.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app import metrics
from app.models.escalations import Escalation, EscalationEvent, EventType
from app.services import campaigns, live
from app.services._recorded import Reaction, Recorded
from app.services.notifications import fanout

MESSAGE_RECEIVED = "message.received"
ESCALATION_EVENTS = tuple(t.value for t in EventType)


_reactions: list[tuple[frozenset[str] | None, Reaction]] = []


def on_event(*types: str) -> Callable[[Reaction], Reaction]:
    """Register a reaction to these event types (none: to every event)."""

    def register(reaction: Reaction) -> Reaction:
        _reactions.append((frozenset(types) or None, reaction))
        return reaction

    return register


async def react(session: AsyncSession, recorded: Recorded) -> None:
    """Hand the events to every reaction that listens to their types, in registration order."""
    for types, reaction in _reactions:
        rows = recorded.rows if types is None else [r for r in recorded.rows if r["type"] in types]
        if rows:
            await reaction(session, replace(recorded, rows=rows))


def event_row(
    escalation_id: uuid.UUID,
    org_id: uuid.UUID,
    type_: EventType,
    *,
    actor_id: uuid.UUID | None,
    now: datetime,
    **data: Any,
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "org_id": org_id,
        "escalation_id": escalation_id,
        "type": type_.value,
        "actor_id": actor_id,
        "created_at": now,
        "data": {k: _plain(v) for k, v in data.items()},
    }


def _plain(value: Any) -> Any:
    """JSON for event data, nested values too. Timestamps as RFC 3339 in UTC, as everywhere in
    the API (str() gave "2026-11-25 19:27:54+00:00", which strict RFC 3339 parsers reject)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


async def record(session: AsyncSession, rows: Iterable[dict[str, Any]]) -> None:
    """Write audit events in the caller's transaction, then let everything react to them."""
    batch = list(rows)
    if batch:
        await session.execute(insert(EscalationEvent), batch)
        await react(session, Recorded(batch))


async def record_one(
    session: AsyncSession,
    escalation: Escalation,
    type_: EventType,
    *,
    actor_id: uuid.UUID | None,
    now: datetime,
    **data: Any,
) -> None:
    await record(
        session,
        [event_row(escalation.id, escalation.org_id, type_, actor_id=actor_id, now=now, **data)],
    )


__all__ = ["Reaction", "Recorded", "event_row", "on_event", "react", "record", "record_one"]

# The built-in reactions, in order (see the module docstring).
on_event(*ESCALATION_EVENTS)(fanout.react)
on_event(EventType.de_escalated.value)(campaigns.take_back)
on_event(*ESCALATION_EVENTS)(live.react)
on_event(*metrics.COUNTED)(metrics.react)
