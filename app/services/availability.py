"""Member availability: the status a member sets, their activity, and their working hours.

**Activity** is a change the member makes (any authenticated request that is not a read) or a
heartbeat the SPA sends while it is in use (it sends one a minute at most, and only after a key
press, click or scroll in a visible tab: polling in a forgotten tab is not activity). The last one
is written at most once a minute, so activity costs one small UPDATE a minute per member.

A member who set `online` or `busy` counts as `offline` once idle longer than
`availability_idle_minutes`, and as themselves again at their next activity (like a chat app's
"away"). A member is **on shift** when effectively `online` and inside their working calendar (no
calendar: any time). Only on-shift owners are offered auto-assigned escalations.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models.escalations import Priority
from app.models.organisations import Availability, Membership
from app.models.sla import Calendar
from app.services.business_hours import ALWAYS_OPEN, BusinessCalendar, next_opening
from app.services.sla import calendars
from app.services.sla.clock import calendar_of

ACTIVITY_WRITE_EVERY = timedelta(minutes=1)


def idle_after() -> timedelta:
    return timedelta(minutes=get_settings().availability_idle_minutes)


async def touch(session: AsyncSession, *, member: Membership, now: datetime) -> None:
    """Record activity, at most once a minute (the membership is loaded already: no read)."""
    if member.last_seen_at is not None and now - member.last_seen_at < ACTIVITY_WRITE_EVERY:
        return
    await session.execute(
        update(Membership)
        .where(
            Membership.org_id == member.org_id,
            Membership.user_id == member.user_id,
            or_(
                Membership.last_seen_at.is_(None),
                Membership.last_seen_at < now - ACTIVITY_WRITE_EVERY,
            ),
        )
        .values(last_seen_at=now)
        .execution_options(synchronize_session=False)
    )
    member.last_seen_at = now


def effective(
    status: Availability, last_seen_at: datetime | None, *, now: datetime
) -> Availability:
    """The status that counts: offline once idle too long, whatever was set."""
    if status is Availability.offline:
        return status
    if last_seen_at is None or now - last_seen_at > idle_after():
        return Availability.offline
    return status


async def working_calendars(
    session: AsyncSession, calendar_ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, BusinessCalendar]:
    ids = {i for i in calendar_ids if i is not None}
    if not ids:
        return {}
    rows = await session.scalars(select(Calendar).where(Calendar.id.in_(ids)))
    return {c.id: calendar_of({"calendar": calendars.snapshot(c)}) for c in rows}


def calendar_for(
    calendar_id: uuid.UUID | None, loaded: dict[uuid.UUID, BusinessCalendar]
) -> BusinessCalendar:
    return ALWAYS_OPEN if calendar_id is None else loaded.get(calendar_id, ALWAYS_OPEN)


def in_hours(calendar: BusinessCalendar, now: datetime) -> bool:
    return next_opening(calendar, now) == now


@dataclass
class AvailabilityView:
    member: Membership
    effective: Availability
    in_hours: bool
    hours_start_at: datetime | None  # when their hours next start (now, when inside them)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.member, name)


async def view(session: AsyncSession, *, member: Membership, now: datetime) -> AvailabilityView:
    loaded = await working_calendars(session, [member.calendar_id])
    calendar = calendar_for(member.calendar_id, loaded)
    opens = next_opening(calendar, now)
    return AvailabilityView(
        member=member,
        effective=effective(member.availability, member.last_seen_at, now=now),
        in_hours=opens == now,
        hours_start_at=opens,
    )


async def update_own(
    session: AsyncSession, *, member: Membership, changes: dict[str, Any], now: datetime
) -> AvailabilityView:
    """The member's own status, working calendar (null: none) and always-urgent priorities.

    Setting a status is activity too (an online member is online from that moment)."""
    if changes.get("calendar_id") is not None:
        await calendars.get(session, org_id=member.org_id, calendar_id=changes["calendar_id"])
    if "availability" in changes and changes["availability"] != member.availability:
        member.availability_changed_at = now
    if "urgent_priorities" in changes:
        wanted = {Priority(p) for p in changes["urgent_priorities"]}
        changes["urgent_priorities"] = [p.value for p in Priority if p in wanted]
    for field, value in changes.items():
        setattr(member, field, value)
    member.last_seen_at = now
    await session.flush()
    return await view(session, member=member, now=now)
