"""Acknowledging an SLA breach: someone has it in hand (Slack's Acknowledge button).

It changes no deadline and no claim: it is an `escalation.breach_acknowledged` event on the
escalation's record (and for its webhooks), once per breach: a second acknowledgement of the same
breach is refused, naming who acknowledged it first. An owner of the inbox, or a supervisor and
above, may acknowledge, while the escalation is open or claimed.
"""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict
from app.models.escalations import ACTIVE_STATUSES, Escalation, EscalationEvent, EventType
from app.models.organisations import Membership, Role
from app.models.users import User
from app.services._inbox_access import NotInboxOwner, is_owner
from app.services.escalations._common import InvalidTransition, get_visible, record_one


class NoBreachToAcknowledge(Conflict):
    code = "no-breach-to-acknowledge"
    title = "This escalation has not breached its SLA"


class BreachAlreadyAcknowledged(Conflict):
    code = "breach-already-acknowledged"
    title = "Someone already acknowledged this breach"


async def _latest(
    session: AsyncSession, escalation_id: uuid.UUID, type_: EventType
) -> EscalationEvent | None:
    return await session.scalar(
        select(EscalationEvent)
        .where(EscalationEvent.escalation_id == escalation_id, EscalationEvent.type == type_.value)
        .order_by(EscalationEvent.created_at.desc(), EscalationEvent.seq.desc())
        .limit(1)
    )


async def _refuse_if_acknowledged(session: AsyncSession, escalation: Escalation) -> str | None:
    """The breached target, after refusing if its breach was acknowledged already."""
    breach = await _latest(session, escalation.id, EventType.sla_breached)
    ack = await _latest(session, escalation.id, EventType.breach_acknowledged)
    if ack is not None and (breach is None or ack.created_at >= breach.created_at):
        user = await session.get(User, ack.actor_id) if ack.actor_id else None
        name = (user.display_name or user.email) if user is not None else None
        raise BreachAlreadyAcknowledged(
            f"{name or 'Someone'} acknowledged it already.",
            acknowledged_by=ack.actor_id,
            acknowledged_by_name=name,
        )
    return None if breach is None else (breach.data or {}).get("target")


async def acknowledge_breach(
    session: AsyncSession, *, member: Membership, escalation_id: uuid.UUID, now: datetime
) -> Escalation:
    escalation = await get_visible(
        session, viewer=member, escalation_id=escalation_id, for_update=True
    )
    if not member.role.at_least(Role.supervisor) and not await is_owner(
        session, inbox_id=escalation.inbox_id, user_id=member.user_id
    ):
        raise NotInboxOwner(inbox_id=escalation.inbox_id)
    if escalation.status not in ACTIVE_STATUSES:
        raise InvalidTransition(
            f"Cannot acknowledge an escalation that is {escalation.status.value}.",
            current_status=escalation.status.value,
            action="acknowledge",
        )
    if not (escalation.breached_first_response or escalation.breached_resolution):
        raise NoBreachToAcknowledge(escalation_id=escalation.id)
    target = await _refuse_if_acknowledged(session, escalation)
    await record_one(
        session,
        escalation,
        EventType.breach_acknowledged,
        actor_id=member.user_id,
        now=now,
        target=target,
    )
    await session.flush()
    return escalation
