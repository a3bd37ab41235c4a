"""Quiet hours: a member's email outside their working calendar waits for their hours.

At a row's first attempt (in the delivery claim, before storm control), an email to a member who
has a working calendar and is outside it is folded into that member's digest, which is due when
their hours next start (storm.py's digest: one row, sent once, listing everything folded into it).
Priorities the member marks always-urgent (default: critical) pass straight through, and so does
anything whose member's calendar never opens again. In-app notifications are never held (they
are not sent at all), and webhooks and Slack channels belong to no member's hours.

No notification goes out twice: a held row is `digested` (never sent on its own) and the digest
has its own unique key; an open storm digest the row joins is moved to the hours start too, so
nothing non-urgent for that member goes out during the night.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.notifications import Channel, DeliveryStatus, Notification
from app.models.organisations import Membership
from app.services import availability
from app.services.business_hours import next_opening
from app.services.notifications import storm


def _priority(row: Notification) -> str | None:
    context = (row.payload or {}).get("context") or {}
    value = context.get("priority")
    return str(value) if value is not None else None


async def _hours_start(
    session: AsyncSession, rows: list[Notification], *, now: datetime
) -> dict[uuid.UUID, datetime]:
    """Per row to hold: when its member's hours start (rows not to hold are left out)."""
    people = {(r.org_id, r.user_id) for r in rows}
    members: dict[tuple[uuid.UUID, uuid.UUID | None], Membership] = {
        (m.org_id, m.user_id): m
        for m in await session.scalars(
            select(Membership).where(
                Membership.user_id.in_({u for _, u in people if u is not None}),
                Membership.calendar_id.is_not(None),
            )
        )
        if (m.org_id, m.user_id) in people
    }
    calendars = await availability.working_calendars(
        session, [m.calendar_id for m in members.values()]
    )
    held: dict[uuid.UUID, datetime] = {}
    for row in rows:
        member = members.get((row.org_id, row.user_id))
        if member is None or _priority(row) in member.urgent_priorities:
            continue
        opens = next_opening(availability.calendar_for(member.calendar_id, calendars), now)
        if opens is not None and opens > now:
            held[row.id] = opens
    return held


async def hold(
    session: AsyncSession, rows: list[Notification], *, now: datetime, window: timedelta
) -> list[Notification]:
    """Fold the rows of members outside their hours into digests; returns the rest."""
    fresh = [
        r
        for r in rows
        if storm.undecided(r) and r.channel is Channel.email and r.user_id is not None
    ]
    if not fresh:
        return rows
    held = await _hours_start(session, fresh, now=now)
    if not held:
        return rows
    to_hold = [r for r in fresh if r.id in held]
    digests = await storm.open_digests(session, {storm.key_of(r) for r in to_hold})
    for row in sorted(to_hold, key=lambda r: (r.created_at, str(r.id))):
        key = storm.key_of(row)
        opens = held[row.id]
        digest = digests.get(key)
        if digest is None:
            digest = digests[key] = await storm.new_digest(session, row, now=now, window=window)
            digest.next_attempt_at = opens  # when the hours start, not a storm window later
        elif digest.next_attempt_at is None or digest.next_attempt_at < opens:
            digest.next_attempt_at = opens
        row.status, row.next_attempt_at, row.digest_id = DeliveryStatus.digested, None, digest.id
    return [r for r in rows if r.id not in held]
