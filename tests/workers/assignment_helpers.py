"""Setup for auto-assignment tests: an auto inbox with several owners, at a fixed clock."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Escalation, EscalationEvent, InboxOwner, Membership, Organisation, Role
from app.models.inboxes import AssignmentMode
from app.models.organisations import Availability
from app.services.sla import calendars
from app.workers import assignment as assignment_worker
from tests.factories import make_member
from tests.workers.sla_helpers import T0, Setup, escalate_at, make_setup


@dataclass
class AutoSetup:
    base: Setup
    owners: list[Membership]


async def make_auto_setup(
    session: AsyncSession, *, owners: int = 3, capacity: int = 2, online: bool = True
) -> AutoSetup:
    base = await make_setup(session)
    base.inbox.assignment_mode = AssignmentMode.auto
    base.inbox.capacity = capacity
    org = await session.get_one(Organisation, base.inbox.org_id)
    members = [base.owner]
    for _ in range(owners - 1):
        user = await make_member(session, org, Role.agent)
        session.add(InboxOwner(inbox_id=base.inbox.id, user_id=user.id))
        members.append(await session.get_one(Membership, (org.id, user.id)))
    await session.flush()
    if online:
        for m in members:
            await set_status(session, m, Availability.online, seen=T0)
    return AutoSetup(base, members)


async def set_status(
    session: AsyncSession,
    member: Membership,
    status: Availability,
    *,
    seen: datetime | None = T0,
    calendar_id: Any = None,
) -> None:
    await session.execute(
        update(Membership)
        .where(Membership.org_id == member.org_id, Membership.user_id == member.user_id)
        .values(availability=status, last_seen_at=seen, calendar_id=calendar_id)
    )


async def escalations_at(session: AsyncSession, setup: AutoSetup, n: int) -> list[Escalation]:
    return [await escalate_at(session, setup.base) for _ in range(n)]


async def tick(
    sessionmaker: async_sessionmaker[AsyncSession], at: datetime, **ctx: Any
) -> dict[str, int]:
    return await assignment_worker.tick({"sessionmaker": sessionmaker, "now": lambda: at, **ctx})


async def claimed_by(session: AsyncSession, ids: list[Any]) -> dict[Any, Any]:
    rows = await session.execute(
        select(Escalation.id, Escalation.claimed_by)
        .where(Escalation.id.in_(ids))
        .execution_options(populate_existing=True)
    )
    return dict(rows.tuples().all())


async def events_of(session: AsyncSession, type_: str) -> list[EscalationEvent]:
    return list(
        await session.scalars(
            select(EscalationEvent)
            .where(EscalationEvent.type == type_)
            .order_by(EscalationEvent.seq)
        )
    )


async def office_calendar(
    session: AsyncSession, org_id: Any, time_zone: str, *, weekdays: range = range(7)
) -> Any:
    """09:00-17:00 local on these weekdays (every day by default)."""
    return await calendars.create(
        session,
        org_id=org_id,
        now=T0,
        data={
            "name": f"Shift {time_zone}",
            "time_zone": time_zone,
            "holidays": [],
            "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in weekdays],
        },
    )


def seconds(n: float) -> timedelta:
    return timedelta(seconds=n)
