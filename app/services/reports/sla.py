"""The SLA report: attainment and times for a period, grouped and bucketed, against the period
before it, computed in SQL over the escalations created in the period.

Times are business minutes on each escalation's own calendar, written by the SLA engine when they
become known (`first_response_minutes`, `resolution_minutes`), so medians and percentiles are plain
ordered-set aggregates and no calendar is walked at report time. Attainment counts only targets
that were decided: met (answered or closed in time) or breached; a pending one counts as neither.
"""

import enum
import typing
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Date,
    Float,
    Integer,
    Table,
    cast,
    func,
    literal,
    select,
    text,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import RuleViolation
from app.models.campaigns import Campaign
from app.models.escalations import Escalation, EscalationStatus
from app.models.inboxes import Inbox
from app.models.organisations import Organisation
from app.models.users import User

MAX_BUCKETS = 400  # a year of days, eight years of weeks: more is no chart anyone reads


class GroupBy(enum.StrEnum):
    inbox = "inbox"
    priority = "priority"
    category = "category"
    campaign = "campaign"
    # Who held it when it first breached, else who claimed it last ("unclaimed": nobody did).
    owner = "owner"


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


# GROUPING(key, current, bucket): a bit set for each column a row is not grouped by.
_BY_GROUP, _TOTAL = 0b001, 0b101

_KEYS: dict[GroupBy, Any] = {
    GroupBy.inbox: Escalation.inbox_id,
    GroupBy.priority: Escalation.priority,
    GroupBy.category: Escalation.category,
    GroupBy.campaign: Escalation.origin_campaign_id,
    GroupBy.owner: func.coalesce(Escalation.breach_holder, Escalation.last_claimed_by),
}
UNCLAIMED = "unclaimed"


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


def _figures_columns() -> list[Any]:
    def quantiles(column: Any) -> Any:  # the median and p90 from one sort, not two
        return func.percentile_cont(literal([0.5, 0.9], ARRAY(Float))).within_group(column)

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
        quantiles(Escalation.first_response_minutes).label("first_response_quantiles"),
        quantiles(Escalation.resolution_minutes).label("resolution_quantiles"),
        # Levels only go up, one per raise, from 1 at escalation: the raises are level - 1.
        cast(func.coalesce(func.sum(Escalation.level - 1), 0), Integer).label("level_raises"),
        func.count()
        .filter(Escalation.status == EscalationStatus.de_escalated)
        .label("de_escalations"),
        cast(func.coalesce(func.sum(Escalation.move_count), 0), Integer).label("moves"),
    ]


def _figures(row: Any) -> Figures:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    first = row.first_response_quantiles or [None, None]
    resolution = row.resolution_quantiles or [None, None]
    return Figures(
        escalations=row.escalations,
        first_response_met=row.first_response_met,
        first_response_breached=row.first_response_breached,
        resolution_met=row.resolution_met,
        resolution_breached=row.resolution_breached,
        first_response_median_minutes=rounded(first[0]),
        first_response_p90_minutes=rounded(first[1]),
        resolution_median_minutes=rounded(resolution[0]),
        resolution_p90_minutes=rounded(resolution[1]),
        level_raises=row.level_raises,
        de_escalations=row.de_escalations,
        moves=row.moves,
    )


def _key_text(value: Any) -> str:
    if value is None:
        return UNCLAIMED  # only the owner grouping has empty keys
    return str(value.value if isinstance(value, enum.Enum) else value)


async def _labels(
    session: AsyncSession, org_id: uuid.UUID, group_by: GroupBy, keys: set[str]
) -> dict[str, str]:
    if group_by not in (GroupBy.owner, GroupBy.inbox, GroupBy.campaign):
        return {key: key for key in keys}  # priorities and categories name themselves
    ids = [uuid.UUID(k) for k in keys if k != UNCLAIMED]
    if group_by is GroupBy.owner:
        users = typing.cast(Table, User.__table__)  # fastapi-users' columns are untyped
        rows = await session.execute(
            select(users.c.id, func.coalesce(users.c.display_name, users.c.email)).where(
                users.c.id.in_(ids)
            )
        )
    else:
        model: Any = Inbox if group_by is GroupBy.inbox else Campaign
        rows = await session.execute(
            select(model.id, model.name).where(model.org_id == org_id, model.id.in_(ids))
        )
    names = {str(row_id): name for row_id, name in rows.tuples()}
    fallback = "(removed)" if group_by is GroupBy.owner else "(deleted)"
    return {key: "Never claimed" if key == UNCLAIMED else names.get(key, fallback) for key in keys}


async def org_zone(session: AsyncSession, org_id: uuid.UUID) -> ZoneInfo:
    """The organisation's time zone: where its reports' days begin."""
    org = await session.get(Organisation, org_id)
    return ZoneInfo(org.time_zone if org is not None else "UTC")


def local_midnight(zone: ZoneInfo, day: date) -> datetime:
    """The instant a day begins there (DST included)."""
    return datetime.combine(day, time(), zone)


def period_bounds(zone: ZoneInfo, start: date, end: date) -> tuple[datetime, datetime]:
    """The days `start` to `end`, both included, as instants: [first midnight, last midnight)."""
    if end < start:
        raise PeriodReversed("`to` is before `from`.")
    return local_midnight(zone, start), local_midnight(zone, end + timedelta(days=1))


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
    zone = await org_zone(session, org_id)
    middle, until = period_bounds(zone, start, end)
    bucket_starts = _buckets(start, end, bucket)
    previous_start = start - timedelta(days=(end - start).days + 1)
    since = local_midnight(zone, previous_start)
    zone_name = zone.key
    key = _KEYS[group_by].label("key")
    current = (Escalation.created_at >= middle).label("current")
    local_day = func.date_trunc(bucket.value, func.timezone(zone_name, Escalation.created_at))
    starts = cast(local_day, Date).label("bucket")
    shapes = func.grouping_sets(tuple_(key, current), tuple_(current), tuple_(key, starts))
    in_window = [
        Escalation.org_id == org_id,
        Escalation.created_at >= since,
        Escalation.created_at < until,
        *filters.clauses(),
    ]
    # One pass over both periods for the three shapes the report needs: per group and period,
    # per period (the total), per group and bucket (the series; the previous period's buckets
    # are dropped below). The percentiles sort in memory, not on disk: reports are rare and
    # a year's window is a few hundred thousand rows.
    await session.execute(text("SET LOCAL work_mem = '256MB'"))
    # Compiling this one query to machine code cost more than it saved (measured: 30-100 ms).
    await session.execute(text("SET LOCAL jit = off"))
    rows = await session.execute(
        select(key, current, starts, func.grouping(key, current, starts).label("shape"))
        .add_columns(*_figures_columns())
        .where(*in_window)
        .group_by(shapes)
    )
    groups: dict[str, Group] = {}
    total = Group(key="all", label="All")
    found: dict[tuple[str, date], Figures] = {}
    for row in rows:
        if row.shape == _BY_GROUP:
            group = groups.setdefault(_key_text(row.key), Group(key=_key_text(row.key), label=""))
            setattr(group, "current" if row.current else "previous", _figures(row))
        elif row.shape == _TOTAL:
            setattr(total, "current" if row.current else "previous", _figures(row))
        elif row.bucket >= bucket_starts[0]:
            found[_key_text(row.key), row.bucket] = _figures(row)
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
