"""Reply-or-return: a claim that sends the contact no reply in time goes back.

An inbox's `reply_within_minutes` (null: off) gives every claim made in it a reply due time,
`claim_reply_due_at`: that many business minutes after the claim, on the escalation's SLA
calendar (the one its SLA deadlines are measured on, its inbox's policy's; with no policy,
wall-clock minutes), and only when that falls before the claim lapses (otherwise the lapse
comes first and says so itself). An outbound reply on the conversation clears it, and so does
anything that ends the claim (release, lapse, move, resolve, de-escalate).

The worker (`return_unanswered`, a pass of the SLA tick) turns claims whose reply is overdue back
into open escalations, exactly as a lapse does, with `escalation.claim_returned_no_reply`; it
remembers the owner in `returned_from`, so that auto-assignment offers the escalation to somebody
else (app/services/escalations/auto_claims.py) and it does not come straight back.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from app.models.escalations import Escalation, EscalationStatus, EventType
from app.models.inboxes import Inbox
from app.services.business_hours import NeverOpen
from app.services.escalations._common import unclaimed
from app.services.events import event_row, record
from app.services.sla import clock


def due_at(
    snapshot: dict[str, Any] | None,
    *,
    claimed_at: datetime,
    minutes: int | None,
    expires_at: datetime,
) -> datetime | None:
    """When a claim made at `claimed_at` must have replied by; None when the setting is off, the
    calendar never opens, or the claim lapses first."""
    if minutes is None:
        return None
    try:
        due = clock.add_minutes(snapshot or {}, claimed_at, minutes)
    except NeverOpen:
        return None
    return due if due < expires_at else None


# One statement for a whole batch: each escalation's due time from two parallel arrays (only live
# claims: the check constraint allows a due time on nothing else).
_SET_DUE = text(
    """
    UPDATE escalation AS e SET claim_reply_due_at = d.due
      FROM unnest(CAST(:ids AS uuid[]), CAST(:dues AS timestamptz[])) AS d(id, due)
     WHERE e.id = d.id AND e.status = 'claimed'
    """
)


async def set_due(
    session: AsyncSession,
    *,
    claimed: Sequence[Escalation],
    minutes: int | None,
    claimed_at: datetime,
    expires_at: datetime,
) -> None:
    """Give the escalations of a batch claim, just claimed, their reply due times."""
    dues = {
        e.id: due_at(e.sla, claimed_at=claimed_at, minutes=minutes, expires_at=expires_at)
        for e in claimed
    }
    wanted = {i: d for i, d in dues.items() if d is not None}
    if wanted:
        await session.execute(_SET_DUE, {"ids": list(wanted), "dues": list(wanted.values())})
    for escalation in claimed:
        # Written by the statement above: loaded as it is, not as a change to flush again.
        set_committed_value(escalation, "claim_reply_due_at", dues[escalation.id])


async def dues_for(
    session: AsyncSession,
    *,
    escalation_ids: Sequence[uuid.UUID],
    minutes: int | None,
    claimed_at: datetime,
    expires_at: datetime,
) -> dict[uuid.UUID, datetime | None]:
    """The reply due times of escalations about to be claimed together (auto-assignment)."""
    if minutes is None or not escalation_ids:
        return {}
    rows = await session.execute(
        select(Escalation.id, Escalation.sla).where(Escalation.id.in_(escalation_ids))
    )
    return {
        i: due_at(sla, claimed_at=claimed_at, minutes=minutes, expires_at=expires_at)
        for i, sla in rows
    }


async def return_unanswered(session: AsyncSession, *, now: datetime, limit: int = 1000) -> int:
    """Claims whose reply is overdue go back, open (to the pool, or to auto-assignment, which
    offers them to another owner first), each with its `claim_returned_no_reply` event; the
    holder and the followers hear of it. Returns how many.

    Safe to run twice and on two workers at once: the rows are taken FOR UPDATE SKIP LOCKED, and
    a row returned is no longer claimed."""
    overdue = (
        select(
            Escalation.id,
            Escalation.claimed_by,
            Escalation.claim_reply_due_at,
            Inbox.reply_within_minutes,
        )
        .join(Inbox, Inbox.id == Escalation.inbox_id)
        .where(
            Escalation.claim_reply_due_at <= now,
            Escalation.status == EscalationStatus.claimed,
        )
        .order_by(Escalation.claim_reply_due_at)
        .limit(limit)
        .with_for_update(of=Escalation, skip_locked=True)
        .cte("overdue")
        .prefix_with("MATERIALIZED")
    )
    rows = (
        await session.execute(
            update(Escalation)
            .where(Escalation.id == overdue.c.id)
            .values({**unclaimed(now), "returned_from": overdue.c.claimed_by})
            .returning(
                Escalation.id,
                Escalation.org_id,
                overdue.c.claimed_by,
                overdue.c.claim_reply_due_at,
                overdue.c.reply_within_minutes,
            )
            .execution_options(synchronize_session=False)
        )
    ).all()
    await record(
        session,
        [
            event_row(
                r.id,
                r.org_id,
                EventType.claim_returned_no_reply,
                actor_id=None,  # time did it, as with a lapse
                now=now,
                claimed_by=r.claimed_by,
                due_at=r.claim_reply_due_at,
                reply_within_minutes=r.reply_within_minutes,
            )
            for r in rows
        ],
    )
    return len(rows)


async def switched_off(session: AsyncSession, *, inbox_id: uuid.UUID) -> None:
    """The inbox no longer returns unanswered claims: its live claims stop waiting for a reply."""
    await session.execute(
        update(Escalation)
        .where(Escalation.inbox_id == inbox_id, Escalation.claim_reply_due_at.is_not(None))
        .values(claim_reply_due_at=None)
        .execution_options(synchronize_session=False)
    )
