"""Auto-assignment: inboxes in `auto` or `auto+pull` mode hand out their waiting escalations.

The worker (app/workers/assignment.py) calls `assign_inbox` for each such inbox with escalations
waiting, each in its own transaction. It is state-driven: whatever is open in the inbox is waiting,
so new escalations and returning ones (released, lapsed, moved in) are offered alike, with no
event to miss. Escalations go FIFO by due time to on-shift owners (see availability.py), the one
with the fewest open claims first, never past the inbox's capacity (auto_claims.py says how).

**Nobody on shift**: escalations wait and no owner is on shift (online, active, within hours). The
inbox's `unstaffed_since` is set, by one conditional UPDATE so that only one worker wins, and an
`escalation.nobody_on_shift` event on the escalation due soonest tells the escalation policy's next
tier (its category's recipients, else the default recipients, else the admins). It is told once:
again only after someone was on shift, or nothing waited, in between.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation, EscalationStatus, EventType
from app.models.inboxes import AssignmentMode, Inbox, InboxOwner
from app.models.organisations import Availability, Membership
from app.models.users import User
from app.services import availability
from app.services.escalations import auto_claims, expire_lapsed
from app.services.events import event_row, record

# Most escalations one inbox hands out in one transaction (the worker comes back for more).
BATCH = 500


@dataclass
class InboxResult:
    assigned: int = 0
    raised: bool = False  # nobody on shift, and the next tier was told now


def _waiting(now: datetime) -> ColumnElement[bool]:
    """Open escalations, or claims that lapsed (they come back as open at the next pass)."""
    return or_(
        exists().where(Escalation.inbox_id == Inbox.id, Escalation.status == EscalationStatus.open),
        exists().where(
            Escalation.inbox_id == Inbox.id,
            Escalation.status == EscalationStatus.claimed,
            Escalation.claim_expires_at <= now,
        ),
    )


async def due_inboxes(session: AsyncSession, *, now: datetime) -> list[uuid.UUID]:
    """Auto inboxes with escalations waiting, or marked unstaffed (to clear the mark)."""
    return list(
        await session.scalars(
            select(Inbox.id).where(
                Inbox.assignment_mode != AssignmentMode.pull,
                Inbox.deleted_at.is_(None),
                _waiting(now) | Inbox.unstaffed_since.is_not(None),
            )
        )
    )


async def on_shift_owners(session: AsyncSession, *, inbox: Inbox, now: datetime) -> list[uuid.UUID]:
    """The inbox's owners who are current, active members, online, not idle, within hours."""
    rows = (
        await session.execute(
            select(Membership.user_id, Membership.last_seen_at, Membership.calendar_id)
            .join(InboxOwner, InboxOwner.user_id == Membership.user_id)
            .join(User, User.__table__.c.id == Membership.user_id)
            .where(
                InboxOwner.inbox_id == inbox.id,
                Membership.org_id == inbox.org_id,
                Membership.availability == Availability.online,
                Membership.last_seen_at > now - availability.idle_after(),
                User.__table__.c.is_active,
            )
        )
    ).all()
    calendars = await availability.working_calendars(session, [r.calendar_id for r in rows])
    return [
        r.user_id
        for r in rows
        if availability.in_hours(availability.calendar_for(r.calendar_id, calendars), now)
    ]


async def _raise_unstaffed(session: AsyncSession, *, inbox: Inbox, now: datetime) -> bool:
    marked = await session.scalar(
        update(Inbox)
        .where(Inbox.id == inbox.id, Inbox.unstaffed_since.is_(None))
        .values(unstaffed_since=now)
        .returning(Inbox.id)
        .execution_options(synchronize_session=False)
    )
    if marked is None:
        return False  # told already (or another worker is telling now)
    first = (
        await session.execute(
            select(Escalation.id, func.count().over())
            .where(Escalation.inbox_id == inbox.id, Escalation.status == EscalationStatus.open)
            .order_by(Escalation.assign_due_at, Escalation.created_at, Escalation.id)
            .limit(1)
        )
    ).one()
    await record(
        session,
        [
            event_row(
                first[0],
                inbox.org_id,
                EventType.nobody_on_shift,
                actor_id=None,
                now=now,
                inbox_id=inbox.id,
                waiting=first[1],
            )
        ],
    )
    return True


async def _clear_unstaffed(session: AsyncSession, *, inbox: Inbox) -> None:
    if inbox.unstaffed_since is not None:
        await session.execute(
            update(Inbox)
            .where(Inbox.id == inbox.id, Inbox.unstaffed_since.is_not(None))
            .values(unstaffed_since=None)
            .execution_options(synchronize_session=False)
        )


async def assign_inbox(
    session: AsyncSession, *, inbox_id: uuid.UUID, now: datetime, limit: int = BATCH
) -> InboxResult:
    inbox = await session.get(Inbox, inbox_id, populate_existing=True)
    if inbox is None or inbox.deleted_at is not None:
        return InboxResult()
    if inbox.assignment_mode is AssignmentMode.pull:
        return InboxResult()
    await expire_lapsed(session, now=now, inbox_id=inbox.id, limit=limit)  # they return now
    waiting = await session.scalar(
        select(
            exists().where(
                Escalation.inbox_id == inbox.id, Escalation.status == EscalationStatus.open
            )
        )
    )
    owners = await on_shift_owners(session, inbox=inbox, now=now) if waiting else []
    if waiting and not owners:
        return InboxResult(raised=await _raise_unstaffed(session, inbox=inbox, now=now))
    await _clear_unstaffed(session, inbox=inbox)
    if not waiting or inbox.capacity is None:
        return InboxResult()
    slots = await auto_claims.lock_owners(session, inbox_id=inbox.id, user_ids=owners, now=now)
    room = sum(max(0, inbox.capacity - s.open_claims) for s in slots)
    picked = await auto_claims.next_waiting(session, inbox_id=inbox.id, limit=min(room, limit))
    planned = auto_claims.plan(slots, picked, capacity=inbox.capacity)
    done = await auto_claims.assign(session, inbox=inbox, assignments=planned, now=now)
    return InboxResult(assigned=len(done))
