"""Errors, loading and transition checks shared by the escalation operations.

Events are written through `app.services.events` (re-exported here for the operations)."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from app.models.escalations import Escalation, EscalationStatus, EventType
from app.models.organisations import Membership
from app.services._inbox_access import escalations_visible_by_params, visibility_params
from app.services._loading import reload, with_conversation
from app.services._versions import check_version
from app.services.events import event_row, record, record_one


class EscalationNotFound(NotFound):
    code = "escalation-not-found"
    title = "Escalation not found"


class AlreadyEscalated(Conflict):
    code = "already-escalated"
    title = "The conversation is already escalated"


class InvalidTransition(Conflict):
    code = "invalid-transition"
    title = "The escalation cannot make that change in its current state"


class NotClaimedByYou(Conflict):
    code = "not-claimed-by-you"
    title = "The escalation is not claimed by you"


class SameInbox(Conflict):
    code = "same-inbox"
    title = "The escalation is already in that inbox"


# Which status each action may start from; anything else is a 409 naming both.
ALLOWED_FROM: dict[str, tuple[EscalationStatus, ...]] = {
    "claim": (EscalationStatus.open,),
    "release": (EscalationStatus.claimed,),
    "move": (EscalationStatus.open, EscalationStatus.claimed),
    "de-escalate": (EscalationStatus.open, EscalationStatus.claimed),
    "resolve": (EscalationStatus.open, EscalationStatus.claimed),
    "update": (EscalationStatus.open, EscalationStatus.claimed),
}


def claim_lapsed(escalation: Escalation, now: datetime) -> bool:
    """A claim past its expiry counts as unclaimed, whether or not a job has swept it yet."""
    return (
        escalation.status is EscalationStatus.claimed
        and escalation.claim_expires_at is not None
        and escalation.claim_expires_at <= now
    )


async def check_transition(
    session: AsyncSession, escalation: Escalation, action: str, now: datetime
) -> None:
    """Raise InvalidTransition unless `action` is allowed from the escalation's status.

    A claim that lapsed unswept is first turned back into an open escalation with its
    `claim_expired` event, so the audit trail says the claim lapsed before whatever comes next
    (and the caller holds the row, FOR UPDATE)."""
    if claim_lapsed(escalation, now):
        await record(
            session,
            [
                claim_expired_row(
                    escalation.id,
                    escalation.org_id,
                    claimed_by=escalation.claimed_by,
                    expired_at=escalation.claim_expires_at,
                    now=now,
                )
            ],
        )
        escalation.status = EscalationStatus.open
        escalation.claimed_by = escalation.claimed_at = escalation.claim_expires_at = None
        escalation.claim_reply_due_at = None
        escalation.updated_at = escalation.last_activity_at = now
    if escalation.status not in ALLOWED_FROM[action]:
        raise InvalidTransition(
            f"Cannot {action} an escalation that is {escalation.status.value}.",
            # Not `status=`: that collides with the problem's own status (it was a 500).
            current_status=escalation.status.value,
            action=action,
        )


def _visible_statement(*, staff: bool, for_update: bool) -> Select[tuple[Escalation]]:
    stmt = select(Escalation).where(
        Escalation.id == bindparam("escalation_id"), escalations_visible_by_params(staff=staff)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Escalation)
    return with_conversation(stmt).execution_options(populate_existing=True)


# Built once, as every read and change of one escalation starts here: building the statement
# and its cache key on each request cost more than running it.
_VISIBLE = {
    (staff, for_update): _visible_statement(staff=staff, for_update=for_update)
    for staff in (False, True)
    for for_update in (False, True)
}


async def get_visible(
    session: AsyncSession,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    for_update: bool = False,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    """`if_match` (with `for_update`): the versions the caller's change is conditional on."""
    staff, params = visibility_params(viewer)
    escalation = await session.scalar(
        _VISIBLE[staff, for_update], {"escalation_id": escalation_id, **params}
    )
    if escalation is None:
        raise EscalationNotFound()
    check_version(escalation.updated_at, if_match)
    return escalation


def unclaimed(now: datetime) -> dict[str, Any]:
    """The values that turn a claimed escalation back into an open one (a lapse, a return)."""
    return {
        "status": EscalationStatus.open,
        "claimed_by": None,
        "claimed_at": None,
        "claim_expires_at": None,
        "claim_reply_due_at": None,
        "updated_at": now,
        "last_activity_at": now,
    }


def claim_expired_row(
    escalation_id: uuid.UUID,
    org_id: uuid.UUID,
    *,
    claimed_by: uuid.UUID | None,
    expired_at: datetime | None,
    now: datetime,
) -> dict[str, Any]:
    """The event of a lapsed claim turned back into an open escalation (no actor: time did it)."""
    return event_row(
        escalation_id,
        org_id,
        EventType.claim_expired,
        actor_id=None,
        now=now,
        claimed_by=claimed_by,
        expired_at=expired_at,
    )


__all__ = [
    "ALLOWED_FROM",
    "AlreadyEscalated",
    "EscalationNotFound",
    "InvalidTransition",
    "NotClaimedByYou",
    "SameInbox",
    "check_transition",
    "claim_expired_row",
    "claim_lapsed",
    "event_row",
    "get_visible",
    "record",
    "record_one",
    "reload",
    "with_conversation",
]
