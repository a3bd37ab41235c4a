"""Business calendars: CRUD, and the deadline / business-minutes answers."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound, RuleViolation
from app.models.sla import Calendar, SlaPolicy
from app.services._pagination import Page
from app.services._tenancy import get_in_org, list_in_org
from app.services.business_hours import (
    MAX_HORIZON,
    BeyondSupportedRange,
    NeverOpen,
    holiday_dates,
)
from app.services.sla import clock, staleness


class CalendarNotFound(NotFound):
    code = "calendar-not-found"
    title = "Calendar not found"


class CalendarInUse(Conflict):
    code = "calendar-in-use"
    title = "An SLA policy uses this calendar"


class SpanTooLong(RuleViolation):
    code = "span-too-long"
    title = "The time span is too long"


class CalendarNeverOpens(RuleViolation):
    code = "calendar-never-opens"
    title = "The calendar has no business time in reach"


class DeadlineOutOfRange(RuleViolation):
    code = "deadline-out-of-range"
    title = "The deadline would fall after 9999-12-31"


class UnknownHolidayRegion(RuleViolation):
    code = "unknown-holiday-region"
    title = "No public holidays are known for that country and subdivision"


def _check_region(calendar: Calendar) -> None:
    """What an edit leaves must still name a known region (a subdivision needs its country)."""
    country, subdivision = calendar.holiday_country, calendar.holiday_subdivision
    if subdivision is not None and country is None:
        raise UnknownHolidayRegion("holiday_subdivision needs holiday_country")
    if country is not None:
        try:
            holiday_dates(country, subdivision, range(2026, 2027))
        except ValueError as exc:
            raise UnknownHolidayRegion(str(exc)) from exc


def snapshot(calendar: Calendar) -> dict[str, Any]:
    """The calendar frozen into plain data.

    A country's public holidays are kept as the country, not as dates: the arithmetic looks up
    each year it reaches (cached), so a deadline years away still skips that year's holidays.
    An expanded window (it was now-1 .. now+5) silently ignored them outside it.
    """
    dates: set[date] = {date.fromisoformat(str(h["date"])) for h in calendar.holidays}
    return {
        "id": str(calendar.id),
        "time_zone": calendar.time_zone,
        "intervals": calendar.intervals,
        "holidays": sorted(d.isoformat() for d in dates),
        "holiday_country": calendar.holiday_country,
        "holiday_subdivision": calendar.holiday_subdivision,
    }


async def create(
    session: AsyncSession, *, org_id: uuid.UUID, data: dict[str, Any], now: datetime
) -> Calendar:
    calendar = Calendar(org_id=org_id, created_at=now, updated_at=now, **data)
    session.add(calendar)
    await session.flush()
    return calendar


async def get(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    calendar_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> Calendar:
    return await get_in_org(
        session,
        Calendar,
        org_id=org_id,
        row_id=calendar_id,
        if_match=if_match,
        missing=CalendarNotFound(calendar_id=calendar_id),
    )


async def list_for_org(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[Calendar]:
    return await list_in_org(session, Calendar, org_id=org_id, limit=limit, cursor=cursor)


async def update(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    calendar_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Calendar:
    calendar = await get(session, org_id=org_id, calendar_id=calendar_id, if_match=if_match)
    for field, value in changes.items():
        setattr(calendar, field, value)
    # Checked on the result: the stored country may not know a newly sent subdivision (was a 500
    # on every later deadline).
    _check_region(calendar)
    calendar.updated_at = now
    await session.flush()
    # Open escalations on policies with this calendar get new due times from the worker.
    policies = select(SlaPolicy.id).where(SlaPolicy.calendar_id == calendar.id)
    await staleness.mark_policies(session, policy_ids=policies, now=now)
    return calendar


async def delete(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    calendar_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> None:
    calendar = await get(session, org_id=org_id, calendar_id=calendar_id, if_match=if_match)
    if await session.scalar(select(exists().where(SlaPolicy.calendar_id == calendar.id))):
        raise CalendarInUse(calendar_id=calendar.id)
    await session.delete(calendar)
    await session.flush()


def _as_spec(calendar: Calendar) -> dict[str, Any]:
    return {"calendar": snapshot(calendar)}


async def deadline(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    calendar_id: uuid.UUID,
    start: datetime,
    minutes: float,
) -> datetime:
    calendar = await get(session, org_id=org_id, calendar_id=calendar_id)
    try:
        return clock.add_minutes(_as_spec(calendar), start, minutes)
    except BeyondSupportedRange as exc:
        raise DeadlineOutOfRange(str(exc)) from exc
    except NeverOpen as exc:
        raise CalendarNeverOpens(str(exc)) from exc


async def business_minutes(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    calendar_id: uuid.UUID,
    start: datetime,
    end: datetime,
) -> float:
    calendar = await get(session, org_id=org_id, calendar_id=calendar_id)
    if end - start > MAX_HORIZON:
        # Walking centuries of calendar is unbounded work for one request.
        raise SpanTooLong(f"start and end may be at most {MAX_HORIZON.days} days apart.")
    return clock.minutes_between(_as_spec(calendar), start, end)
