"""Errors, loading and the audit trail shared by the escalation operations."""

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from app.errors import Conflict, NotFound
from app.models.conversations import Conversation
from app.models.escalations import Escalation, EscalationEvent, EscalationStatus, EventType
from app.models.organisations import Membership
from app.services._inbox_access import escalations_visible_to
from app.services._versions import check_version
from app.services.notifications import fanout


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
        escalation.updated_at = escalation.last_activity_at = now
    if escalation.status not in ALLOWED_FROM[action]:
        raise InvalidTransition(
            f"Cannot {action} an escalation that is {escalation.status.value}.",
            # Not `status=`: that collides with the problem's own status (it was a 500).
            current_status=escalation.status.value,
            action=action,
        )


def with_conversation(stmt: Select[tuple[Escalation]]) -> Select[tuple[Escalation]]:
    # Many-to-one all the way: joined in the same query rather than two more round trips.
    return stmt.options(
        joinedload(Escalation.conversation, innerjoin=True).joinedload(
            Conversation.contact, innerjoin=True
        )
    )


async def get_visible(
    session: AsyncSession,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    for_update: bool = False,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    """`if_match` (with `for_update`): the versions the caller's change is conditional on."""
    stmt = select(Escalation).where(Escalation.id == escalation_id, escalations_visible_to(viewer))
    if for_update:
        stmt = stmt.with_for_update(of=Escalation)
    escalation = await session.scalar(
        with_conversation(stmt).execution_options(populate_existing=True)
    )
    if escalation is None:
        raise EscalationNotFound()
    check_version(escalation.updated_at, if_match)
    return escalation


# Built once: every write returns its escalations through here (see claims.py for why).
_RELOAD = with_conversation(
    select(Escalation)
    .where(Escalation.id.in_(bindparam("ids", expanding=True)))
    .order_by(Escalation.priority.desc(), Escalation.created_at, Escalation.id)
).execution_options(populate_existing=True)


async def reload(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Escalation]:
    """Escalations by id, conversation loaded, highest priority then oldest first."""
    if not ids:
        return []
    return list(await session.scalars(_RELOAD, {"ids": list(ids)}))


def event_row(
    escalation_id: uuid.UUID,
    org_id: uuid.UUID,
    type_: EventType,
    *,
    actor_id: uuid.UUID | None,
    now: datetime,
    **data: Any,
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "org_id": org_id,
        "escalation_id": escalation_id,
        "type": type_.value,
        "actor_id": actor_id,
        "created_at": now,
        "data": {k: _plain(v) for k, v in data.items()},
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


def _plain(value: Any) -> Any:
    """JSON for event data, nested values too. Timestamps as RFC 3339 in UTC, as everywhere in
    the API (str() gave "2026-11-25 19:27:54+00:00", which strict RFC 3339 parsers reject)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


async def record(session: AsyncSession, rows: Iterable[dict[str, Any]]) -> None:
    """Write audit events in the caller's transaction (the notification work reads them)."""
    batch = list(rows)
    if batch:
        await session.execute(insert(EscalationEvent), batch)
        # The outbox rows go in the same transaction: delivery can never miss an event.
        await fanout.fan_out(session, batch, now=batch[0]["created_at"])


async def record_one(
    session: AsyncSession,
    escalation: Escalation,
    type_: EventType,
    *,
    actor_id: uuid.UUID | None,
    now: datetime,
    **data: Any,
) -> None:
    await record(
        session,
        [event_row(escalation.id, escalation.org_id, type_, actor_id=actor_id, now=now, **data)],
    )
