"""The SLA report: attainment and times for a period, grouped and bucketed, against the period
before it, computed in SQL over the escalations created in the period.

Times are business minutes on each escalation's own calendar, written by the SLA engine when they
become known (`first_response_minutes`, `resolution_minutes`), so medians and percentiles are plain
ordered-set aggregates and no calendar is walked at report time. Attainment counts only targets
that were decided: met (answered or closed in time) or breached; a pending one counts as neither.
"""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Date, Integer, Select, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import RuleViolation
from app.models.campaigns import Campaign
from app.models.escalations import Escalation, EscalationEvent, EscalationStatus, EventType
from app.models.inboxes import Inbox
from app.models.organisations import Organisation

MAX_BUCKETS = 400  # a year of days, eight years of weeks: more is no chart anyone reads


class GroupBy(enum.StrEnum):
    inbox = "inbox"
    priority = "priority"
    category = "category"
    campaign = "campaign"


class Bucket(enum.StrEnum):
    day = "day"
    week = "week"  # ISO weeks, from Monday
    month = "month"


class PeriodTooLong(RuleViolation):
    code = "report-period-too-long"
    title = "Too many buckets for one report"


class PeriodReversed(RuleViolation):
    code = "report-period-reversed"
    title = "The period ends before it starts"


@dataclass
class Figures:
    escalations: int = 0
    first_response_met: int = 0
    first_response_breached: int = 0
    resolution_met: int = 0
    resolution_breached: int = 0
    first_response_median_minutes: float | None = None
    first_response_p90_minutes: float | None = None
    resolution_median_minutes: float | None = None
    resolution_p90_minutes: float | None = None
    level_raises: int = 0
    de_escalations: int = 0
    moves: int = 0

    @property
    def breaches(self) -> int:
        return self.first_response_breached + self.resolution_breached

    @property
    def first_response_attainment(self) -> float | None:
        return _percent(self.first_response_met, self.first_response_breached)

    @property
    def resolution_attainment(self) -> float | None:
        return _percent(self.resolution_met, self.resolution_breached)


def _percent(met: int, breached: int) -> float | None:
    return round(100 * met / (met + breached), 2) if met + breached else None


@dataclass
class BucketFigures:
    start: date
    figures: Figures


@dataclass
class Group:
    key: str
    label: str
    current: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)
    series: list[BucketFigures] = field(default_factory=list)


@dataclass
class Report:
    start: date
    end: date  # inclusive
    previous_start: date
    previous_end: date
    time_zone: str
    group_by: GroupBy
    bucket: Bucket
    total: Group
    groups: list[Group]


@dataclass(frozen=True)
class Filters:
    inbox_id: uuid.UUID | None = None
    priority: str | None = None
    category: str | None = None
    campaign_id: uuid.UUID | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.inbox_id is not None:
            out.append(Escalation.inbox_id == self.inbox_id)
        if self.priority is not None:
            out.append(Escalation.priority == self.priority)
        if self.category is not None:
            out.append(Escalation.category == self.category)
        if self.campaign_id is not None:
            out.append(Escalation.origin_campaign_id == self.campaign_id)
        return out


_KEYS: dict[GroupBy, Any] = {
    GroupBy.inbox: Escalation.inbox_id,
    GroupBy.priority: Escalation.priority,
    GroupBy.category: Escalation.category,
    GroupBy.campaign: Escalation.origin_campaign_id,
}


def _buckets(start: date, end: date, bucket: Bucket) -> list[date]:
    first = {
        Bucket.day: start,
        Bucket.week: start - timedelta(days=start.weekday()),
        Bucket.month: start.replace(day=1),
    }[bucket]
    out: list[date] = []
    current = first
    while current <= end:
        out.append(current)
        if len(out) > MAX_BUCKETS:
            raise PeriodTooLong(
                f"At most {MAX_BUCKETS} {bucket.value}s: choose a longer bucket or a shorter "
                "period."
            )
        if bucket is Bucket.day:
            current += timedelta(days=1)
        elif bucket is Bucket.week:
            current += timedelta(weeks=1)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def _per_escalation_events(org_id: uuid.UUID, since: datetime, until: datetime) -> Any:
    """Level raises and moves of each escalation created in the window, as a subquery."""

    def count(type_: EventType) -> Any:
        return func.count().filter(EscalationEvent.type == type_.value)

    return (
        select(
            EscalationEvent.escalation_id,
            count(EventType.level_raised).label("raises"),
            count(EventType.moved).label("moves"),
        )
        .join(Escalation, Escalation.id == EscalationEvent.escalation_id)
        .where(
            Escalation.org_id == org_id,
            Escalation.created_at >= since,
            Escalation.created_at < until,
            EscalationEvent.type.in_((EventType.level_raised.value, EventType.moved.value)),
        )
        .group_by(EscalationEvent.escalation_id)
        .subquery("per_escalation")
    )


def _figures_columns(events: Any) -> list[Any]:
    def median(column: Any, fraction: float) -> Any:
        return func.percentile_cont(fraction).within_group(column)

    return [
        func.count().label("escalations"),
        func.count()
        .filter(
            Escalation.first_responded_at.is_not(None),
            Escalation.first_response_due_at.is_not(None),
            ~Escalation.breached_first_response,
        )
        .label("first_response_met"),
        func.count().filter(Escalation.breached_first_response).label("first_response_breached"),
        func.count()
        .filter(
            Escalation.closed_at.is_not(None),
            Escalation.resolution_due_at.is_not(None),
            ~Escalation.breached_resolution,
        )
        .label("resolution_met"),
        func.count().filter(Escalation.breached_resolution).label("resolution_breached"),
        median(Escalation.first_response_minutes, 0.5).label("first_response_median_minutes"),
        median(Escalation.first_response_minutes, 0.9).label("first_response_p90_minutes"),
        median(Escalation.resolution_minutes, 0.5).label("resolution_median_minutes"),
        median(Escalation.resolution_minutes, 0.9).label("resolution_p90_minutes"),
        cast(func.coalesce(func.sum(events.c.raises), 0), Integer).label("level_raises"),
        func.count()
        .filter(Escalation.status == EscalationStatus.de_escalated)
        .label("de_escalations"),
        cast(func.coalesce(func.sum(events.c.moves), 0), Integer).label("moves"),
    ]


def _figures(row: Any) -> Figures:
    values = {name: getattr(row, name) for name in Figures.__dataclass_fields__}
    for name, value in values.items():
        if isinstance(value, float):
            values[name] = round(value, 2)
    return Figures(**values)


def _key_text(value: Any) -> str:
    return str(value.value if isinstance(value, enum.Enum) else value)


async def _labels(
    session: AsyncSession, org_id: uuid.UUID, group_by: GroupBy, keys: set[str]
) -> dict[str, str]:
    model: Any = {GroupBy.inbox: Inbox, GroupBy.campaign: Campaign}.get(group_by)
    if model is None or not keys:
        return {key: key for key in keys}
    rows = await session.execute(
        select(model.id, model.name).where(
            model.org_id == org_id, model.id.in_([uuid.UUID(k) for k in keys])
        )
    )
    names = {str(row_id): name for row_id, name in rows.tuples()}
    return {key: names.get(key, "(deleted)") for key in keys}


async def sla_report(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    start: date,
    end: date,
    group_by: GroupBy,
    bucket: Bucket,
    filters: Filters,
) -> Report:
    """`start` and `end` are days in the organisation's time zone, both included."""
    if end < start:
        raise PeriodReversed("`to` is before `from`.")
    days = (end - start).days + 1
    bucket_starts = _buckets(start, end, bucket)
    org = await session.get(Organisation, org_id)
    zone_name = org.time_zone if org is not None else "UTC"
    zone = ZoneInfo(zone_name)

    def instant(day: date) -> datetime:  # local midnight, DST included, as an instant
        return datetime.combine(day, time(), zone)

    previous_start = start - timedelta(days=days)
    since, middle, until = instant(previous_start), instant(start), instant(end + timedelta(1))
    events = _per_escalation_events(org_id, since, until)
    key = _KEYS[group_by]
    base: Select[Any] = (
        select()
        .select_from(Escalation)
        .outerjoin(events, events.c.escalation_id == Escalation.id)
        .where(Escalation.org_id == org_id, *filters.clauses())
    )
    current = (Escalation.created_at >= middle).label("current")
    totals = await session.execute(
        base.add_columns(key.label("key"), current, *_figures_columns(events))
        .where(Escalation.created_at >= since, Escalation.created_at < until)
        .group_by(key, current)
    )
    overall = await session.execute(
        base.add_columns(literal("all").label("key"), current, *_figures_columns(events))
        .where(Escalation.created_at >= since, Escalation.created_at < until)
        .group_by(current)
    )
    local_day = func.date_trunc(bucket.value, func.timezone(zone_name, Escalation.created_at))
    starts = cast(local_day, Date).label("bucket")
    series = await session.execute(
        base.add_columns(key.label("key"), starts, *_figures_columns(events))
        .where(Escalation.created_at >= middle, Escalation.created_at < until)
        .group_by(key, starts)
    )

    groups: dict[str, Group] = {}
    for row in totals:
        group = groups.setdefault(_key_text(row.key), Group(key=_key_text(row.key), label=""))
        setattr(group, "current" if row.current else "previous", _figures(row))
    total = Group(key="all", label="All")
    for row in overall:
        setattr(total, "current" if row.current else "previous", _figures(row))
    found: dict[tuple[str, date], Figures] = {
        (_key_text(r.key), r.bucket): _figures(r) for r in series
    }
    for group in groups.values():
        group.series = [
            BucketFigures(start=b, figures=found.get((group.key, b), Figures()))
            for b in bucket_starts
        ]
    labels = await _labels(session, org_id, group_by, set(groups))
    for group in groups.values():
        group.label = labels[group.key]
    return Report(
        start=start,
        end=end,
        previous_start=previous_start,
        previous_end=start - timedelta(days=1),
        time_zone=zone_name,
        group_by=group_by,
        bucket=bucket,
        total=total,
        groups=sorted(groups.values(), key=lambda g: g.label.lower()),
    )
