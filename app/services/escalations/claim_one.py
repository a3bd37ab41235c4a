"""Claiming one named escalation (from an emailed link or a Slack button), by the batch's rules.

The batch claim picks the next escalations of an inbox; these callers name one. The rules are the
batch's: only an owner of the live inbox claims, never in an inbox that assigns by itself, within
its capacity, for the inbox's assignment duration. The row is held FOR UPDATE, so of two people
claiming it at once the second waits, then finds it claimed and is told who won.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict
from app.models.escalations import Escalation, EscalationStatus, EventType
from app.models.inboxes import AssignmentMode, InboxOwner
from app.models.organisations import Membership
from app.models.users import User
from app.services._inbox_access import NotInboxOwner, get_live
from app.services.escalations import reply_window
from app.services.escalations._common import (
    check_transition,
    claim_lapsed,
    get_visible,
    record_one,
)
from app.services.escalations.claims import AssignedAutomatically, _room


class AlreadyClaimed(Conflict):
    code = "escalation-already-claimed"
    title = "Someone else holds the claim on this escalation"


async def _refuse_held_by_another(
    session: AsyncSession, escalation: Escalation, member: Membership, now: datetime
) -> None:
    holder = escalation.claimed_by
    if escalation.status is not EscalationStatus.claimed or claim_lapsed(escalation, now):
        return
    if holder is None or holder == member.user_id:
        return
    user = await session.get(User, holder)
    name = (user.display_name or user.email) if user is not None else None
    raise AlreadyClaimed(
        f"{name or 'Another owner'} claimed it first.",
        escalation_id=escalation.id,
        claimed_by=holder,
        claimed_by_name=name,
        claim_expires_at=escalation.claim_expires_at,
    )


async def claim_one(
    session: AsyncSession, *, member: Membership, escalation_id: uuid.UUID, now: datetime
) -> Escalation:
    """Claim this escalation for `member`; their own live claim is returned unchanged.

    Raises EscalationNotFound, NotInboxOwner, AssignedAutomatically, AtCapacity, AlreadyClaimed
    (naming the holder) or InvalidTransition (resolved, de-escalated)."""
    escalation = await get_visible(
        session, viewer=member, escalation_id=escalation_id, for_update=True
    )
    owner = await session.scalar(
        select(InboxOwner)
        .where(InboxOwner.inbox_id == escalation.inbox_id, InboxOwner.user_id == member.user_id)
        .with_for_update(key_share=True)  # as the batch claim holds it while counting capacity
    )
    if owner is None:
        raise NotInboxOwner(inbox_id=escalation.inbox_id)
    inbox = await get_live(session, org_id=member.org_id, inbox_id=escalation.inbox_id)
    if inbox.assignment_mode is AssignmentMode.auto:
        raise AssignedAutomatically(inbox_id=inbox.id)
    await _refuse_held_by_another(session, escalation, member, now)
    if escalation.status is EscalationStatus.claimed and not claim_lapsed(escalation, now):
        return escalation  # already theirs: a second click changes nothing
    await check_transition(session, escalation, "claim", now)
    if inbox.capacity is not None:
        await _room(session, inbox_id=inbox.id, member=member, capacity=inbox.capacity, now=now)
    expires_at = now + timedelta(minutes=inbox.assignment_duration_minutes)
    escalation.status = EscalationStatus.claimed
    escalation.claimed_by = escalation.last_claimed_by = member.user_id
    escalation.claimed_at = now
    escalation.claim_expires_at = expires_at
    escalation.claim_reply_due_at = reply_window.due_at(
        escalation.sla,
        claimed_at=now,
        minutes=inbox.reply_within_minutes,
        expires_at=expires_at,
    )
    escalation.returned_from = None
    escalation.updated_at = escalation.last_activity_at = now
    await record_one(
        session,
        escalation,
        EventType.claimed,
        actor_id=member.user_id,
        now=now,
        claimed_by=str(member.user_id),
        expires_at=expires_at.isoformat(),
    )
    await session.flush()
    return escalation
