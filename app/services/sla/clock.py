"""An escalation's deadlines and pending checkpoints, from its policy snapshot and clock state.

Pure: no database. The snapshot is what app/services/sla/policies.py froze onto the escalation:
{"calendar": {...} | null, "targets": {priority: {first_response_minutes, resolution_minutes}},
 "warnings_minutes": [30, 5], "pause_while_awaiting_contact": bool, "levels": [...]}.

The resolution clock runs in segments (it pauses while the contact owes us an answer): the
business minutes spent in finished segments, plus the running segment's start.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from app.services.business_hours import (
    ALWAYS_OPEN,
    BusinessCalendar,
    NeverOpen,
    OpeningInterval,
    add_business_minutes,
    business_minutes_between,
)

FIRST_RESPONSE = "first_response"
RESOLUTION = "resolution"


@dataclass(frozen=True)
class ClockState:
    priority: str
    escalated_at: datetime
    first_responded_at: datetime | None
    spent_minutes: float
    clock_started_at: datetime | None  # None while paused
    fired: frozenset[str]
    paused_at: datetime | None = None


@dataclass(frozen=True)
class Checkpoint:
    at: datetime
    key: str
    target: str
    kind: str  # "warning" | "breach"
    due_at: datetime
    minutes_before: int | None = None


@dataclass(frozen=True)
class Schedule:
    first_response_due_at: datetime | None
    # While paused: when it would fall were the clock to run again from the pause (so it moves
    # with a priority change or a policy edit); nothing is pending then.
    resolution_due_at: datetime | None
    pending: tuple[Checkpoint, ...]  # not yet fired, earliest first

    @property
    def next_check_at(self) -> datetime | None:
        return self.pending[0].at if self.pending else None


@lru_cache(maxsize=512)
def _calendar(spec: str) -> BusinessCalendar:
    data = json.loads(spec)
    return BusinessCalendar(
        time_zone=data["time_zone"],
        intervals=tuple(
            OpeningInterval.parse(i["weekday"], i["start"], i["end"]) for i in data["intervals"]
        ),
        holidays=frozenset(datetime.fromisoformat(d).date() for d in data["holidays"]),
        # Snapshots taken before country holidays were looked up lazily hold them expanded in
        # "holidays" and name no country.
        holiday_country=data.get("holiday_country"),
        holiday_subdivision=data.get("holiday_subdivision"),
    )


def calendar_of(snapshot: dict[str, Any]) -> BusinessCalendar:
    spec = snapshot.get("calendar")
    return ALWAYS_OPEN if spec is None else _calendar(json.dumps(spec, sort_keys=True))


def _add(calendar: BusinessCalendar, start: datetime, minutes: float) -> datetime | None:
    try:
        return add_business_minutes(calendar, start, max(minutes, 0.0))
    except NeverOpen:
        return None  # a calendar that never opens sets no deadline rather than a false one


def _target_checkpoints(
    calendar: BusinessCalendar,
    target: str,
    start: datetime,
    budget: float,
    full: int,
    warnings: list[int],
    fired: frozenset[str],
) -> tuple[datetime | None, list[Checkpoint]]:
    due = _add(calendar, start, budget)
    if due is None:
        return None, []
    points = []
    for before in warnings:
        key = f"{target}:warning:{before}"
        # A warning as long as the whole target would fire at once; it is not a warning then.
        if before < full and key not in fired:
            at = _add(calendar, start, budget - before) or due
            points.append(Checkpoint(at, key, target, "warning", due, before))
    if f"{target}:breach" not in fired:
        points.append(Checkpoint(due, f"{target}:breach", target, "breach", due))
    return due, points


def schedule(snapshot: dict[str, Any], state: ClockState) -> Schedule:
    calendar = calendar_of(snapshot)
    targets = snapshot["targets"].get(state.priority) or {}
    warnings = sorted(snapshot.get("warnings_minutes") or [], reverse=True)
    pending: list[Checkpoint] = []

    first_due = None
    first = targets.get("first_response_minutes")
    if first is not None:
        first_due, points = _target_checkpoints(
            calendar, FIRST_RESPONSE, state.escalated_at, first, first, warnings, state.fired
        )
        if state.first_responded_at is None:
            pending += points

    resolution_due = None
    resolution = targets.get("resolution_minutes")
    if resolution is not None and state.clock_started_at is not None:
        resolution_due, points = _target_checkpoints(
            calendar,
            RESOLUTION,
            state.clock_started_at,
            resolution - state.spent_minutes,
            resolution,
            warnings,
            state.fired,
        )
        pending += points
    elif resolution is not None and state.paused_at is not None:
        resolution_due = _add(calendar, state.paused_at, resolution - state.spent_minutes)
    return Schedule(first_due, resolution_due, tuple(sorted(pending, key=lambda c: (c.at, c.key))))


def minutes_between(snapshot: dict[str, Any], start: datetime, end: datetime) -> float:
    return business_minutes_between(calendar_of(snapshot), start, end)


def add_minutes(snapshot: dict[str, Any], start: datetime, minutes: float) -> datetime:
    return add_business_minutes(calendar_of(snapshot), start, minutes)
