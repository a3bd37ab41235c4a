"""Claims made for an owner by auto-assignment: the same claim, chosen by the worker.

The escalations are picked like a batch claim (`FOR UPDATE SKIP LOCKED`, so no two callers ever
get the same one) but FIFO by due time, and handed to the owners with the fewest open claims. The
claim is the same as an owner's own: the inbox's claim duration, the same lapse back to open, an
audit event (`claim.auto_assigned`, with why that owner) and a notification to the owner.

Capacity holds under concurrency because every count is taken under the owner's row lock: the
owners' `inbox_owner` rows are locked (`FOR NO KEY UPDATE SKIP LOCKED`) before their open claims are
counted, and an owner's own batch claim in the inbox takes the same lock, so no claim by or for that
owner can land between the count and the assignment. A second worker skips the locked owners.
"""

import heapq
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation, EscalationStatus, EventType
from app.models.inboxes import Inbox, InboxOwner
from app.services._inbox_access import claim_live
from app.services.escalations import reply_window
from app.services.events import event_row, record

REASON_RULE = "fewest_open_claims"


@dataclass
class Slot:
    """An on-shift owner whose row this transaction holds, and their open claims in the inbox."""

    user_id: uuid.UUID
    open_claims: int
    last_assigned_at: datetime | None


@dataclass
class Assignment:
    escalation_id: uuid.UUID
    owner_id: uuid.UUID
    reason: dict[str, Any]


async def lock_owners(
    session: AsyncSession, *, inbox_id: uuid.UUID, user_ids: list[uuid.UUID], now: datetime
) -> list[Slot]:
    """Lock these owners' rows (skipping any another worker holds) and count their open claims."""
    if not user_ids:
        return []
    held = (
        await session.execute(
            select(InboxOwner.user_id, InboxOwner.last_assigned_at)
            .where(InboxOwner.inbox_id == inbox_id, InboxOwner.user_id.in_(user_ids))
            .order_by(InboxOwner.user_id)
            .with_for_update(key_share=True, skip_locked=True)
        )
    ).all()
    if not held:
        return []
    rows = (
        await session.execute(
            select(Escalation.claimed_by, func.count())
            .where(
                Escalation.inbox_id == inbox_id,
                claim_live(now),
                Escalation.claimed_by.in_([h.user_id for h in held]),
            )
            .group_by(Escalation.claimed_by)
        )
    ).all()
    counts: dict[uuid.UUID | None, int] = {r[0]: r[1] for r in rows}
    return [Slot(h.user_id, counts.get(h.user_id, 0), h.last_assigned_at) for h in held]


@dataclass
class Waiting:
    escalation_id: uuid.UUID
    # The owner it went back from unanswered (reply-or-return): offered to someone else first.
    returned_from: uuid.UUID | None = None


def plan(slots: list[Slot], waiting: list[Waiting], *, capacity: int) -> list[Assignment]:
    """Each escalation, in the order given (FIFO), to the owner with the fewest open claims;
    among equals, the one whose last assignment here is oldest (never assigned: first). Nobody
    goes past `capacity`. An escalation that went back unanswered never goes straight back to
    the owner it left, unless they are the only owner on shift; when the others are full it
    waits for them."""
    never = datetime.min.replace(tzinfo=None)
    heap = [
        (s.open_claims, (s.last_assigned_at or never).replace(tzinfo=None), str(s.user_id), s)
        for s in slots
        if s.open_claims < capacity
    ]
    heapq.heapify(heap)
    on_shift = len(slots)
    out: list[Assignment] = []
    for item in waiting:
        if not heap:
            break
        passed_over = []  # each owner is in the heap once: only the top can be the one it left
        if on_shift > 1 and heap[0][3].user_id == item.returned_from:
            passed_over.append(heapq.heappop(heap))
        chosen = heapq.heappop(heap) if heap else None
        for entry in passed_over:
            heapq.heappush(heap, entry)
        if chosen is None:
            continue  # only the owner it left has room: it waits for the others
        open_claims, _, key, slot = chosen
        tied = sum(1 for other in heap if other[0] == open_claims)
        reason = {
            "rule": REASON_RULE,
            "open_claims": open_claims,
            "capacity": capacity,
            "on_shift_owners": on_shift,
            "tie_break": "longest_since_last_assignment" if tied else None,
        }
        if passed_over:
            reason["passed_over"] = str(item.returned_from)  # it went back from them unanswered
        out.append(Assignment(item.escalation_id, slot.user_id, reason))
        if open_claims + 1 < capacity:
            # Just assigned: behind everyone else with as few claims.
            heapq.heappush(heap, (open_claims + 1, datetime.max, key, slot))
    return out


async def next_waiting(session: AsyncSession, *, inbox_id: uuid.UUID, limit: int) -> list[Waiting]:
    """The inbox's unclaimed escalations, soonest due first, locked for this transaction."""
    if limit <= 0:
        return []
    rows = await session.execute(
        select(Escalation.id, Escalation.returned_from)
        .where(Escalation.inbox_id == inbox_id, Escalation.status == EscalationStatus.open)
        .order_by(Escalation.assign_due_at, Escalation.created_at, Escalation.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [Waiting(r.id, r.returned_from) for r in rows]


# One statement for the whole set: each (escalation, owner) pair from two parallel arrays.
_ASSIGN = text(
    """
    UPDATE escalation AS e
       SET status = 'claimed', claimed_by = a.owner, last_claimed_by = a.owner, claimed_at = :now,
           claim_expires_at = :expires_at, claim_reply_due_at = a.reply_due,
           returned_from = NULL, updated_at = :now, last_activity_at = :now
      FROM unnest(CAST(:ids AS uuid[]), CAST(:owners AS uuid[]), CAST(:dues AS timestamptz[]))
           AS a(id, owner, reply_due)
     WHERE e.id = a.id AND e.inbox_id = :inbox_id AND e.status = 'open'
    RETURNING e.id
    """
)


async def assign(
    session: AsyncSession, *, inbox: Inbox, assignments: list[Assignment], now: datetime
) -> list[uuid.UUID]:
    """Claim these (locked, open) escalations for the chosen owners, with their audit events and
    notifications; returns the escalations claimed."""
    if not assignments:
        return []
    expires_at = now + timedelta(minutes=inbox.assignment_duration_minutes)
    ids = [a.escalation_id for a in assignments]
    dues = await reply_window.dues_for(
        session,
        escalation_ids=ids,
        minutes=inbox.reply_within_minutes,
        claimed_at=now,
        expires_at=expires_at,
    )
    claimed = set(
        await session.scalars(
            _ASSIGN,
            {
                "ids": ids,
                "owners": [a.owner_id for a in assignments],
                "dues": [dues.get(i) for i in ids],
                "now": now,
                "expires_at": expires_at,
                "inbox_id": inbox.id,
            },
        )
    )
    done = [a for a in assignments if a.escalation_id in claimed]
    await session.execute(
        update(InboxOwner)
        .where(
            InboxOwner.inbox_id == inbox.id,
            InboxOwner.user_id.in_({a.owner_id for a in done}),
        )
        .values(last_assigned_at=now)
        .execution_options(synchronize_session=False)
    )
    await record(
        session,
        [
            event_row(
                a.escalation_id,
                inbox.org_id,
                EventType.auto_assigned,
                actor_id=None,
                now=now,
                claimed_by=a.owner_id,
                expires_at=expires_at,
                reason=a.reason,
            )
            for a in done
        ],
    )
    return [a.escalation_id for a in done]
