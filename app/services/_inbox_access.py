"""Who owns which inbox, and loading a live inbox: shared by the inbox and escalation services."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Select,
    Uuid,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Forbidden, NotFound
from app.models.conversations import Conversation
from app.models.escalations import ACTIVE_STATUSES, Escalation, EscalationStatus
from app.models.inboxes import Inbox, InboxOwner
from app.models.organisations import Membership, Role
from app.services._versions import check_version


class InboxNotFound(NotFound):
    code = "inbox-not-found"
    title = "Inbox not found"


class NotInboxOwner(Forbidden):
    code = "not-inbox-owner"
    title = "Only the inbox's owners can do this"


def live_inboxes(org_id: uuid.UUID) -> Select[tuple[Inbox]]:
    return select(Inbox).where(Inbox.org_id == org_id, Inbox.deleted_at.is_(None))


def owned_by(inbox_id: Any, user_id: Any) -> ColumnElement[bool]:
    """`user_id` owns the inbox `inbox_id` (each a column, a value or a bound parameter)."""
    return exists().where(InboxOwner.inbox_id == inbox_id, InboxOwner.user_id == user_id)


def _live_inbox(lock: str | None) -> Select[tuple[Inbox]]:
    stmt = select(Inbox).where(
        Inbox.org_id == bindparam("org_id", type_=Uuid),
        Inbox.deleted_at.is_(None),
        Inbox.id == bindparam("inbox_id", type_=Uuid),
    )
    return stmt.with_for_update(read=lock == "share") if lock else stmt


# Built once: every escalation, move and claim asks (see live_inboxes for the rule).
_LIVE_INBOX = {lock: _live_inbox(lock) for lock in (None, "update", "share")}


async def get_live(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    inbox_id: uuid.UUID,
    for_update: bool = False,
    for_share: bool = False,
    if_match: Sequence[str] | None = None,
) -> Inbox:
    """The live inbox, or InboxNotFound.

    `for_share` is for whatever puts an escalation into the inbox: it waits for a delete in
    progress (which holds the row FOR UPDATE) and then finds the inbox gone, and a delete waits
    for it, so no escalation can land in an inbox after its escalations were sent back.
    `if_match` (with `for_update`): the versions the caller's change is conditional on."""
    lock = "update" if for_update else "share" if for_share else None
    inbox = await session.scalar(_LIVE_INBOX[lock], {"org_id": org_id, "inbox_id": inbox_id})
    if inbox is None:
        raise InboxNotFound(inbox_id=inbox_id)
    check_version(inbox.updated_at, if_match)
    return inbox


async def is_owner(session: AsyncSession, *, inbox_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    return await session.get(InboxOwner, (inbox_id, user_id)) is not None


async def require_owner(session: AsyncSession, *, inbox: Inbox, member: Membership) -> None:
    if not await is_owner(session, inbox_id=inbox.id, user_id=member.user_id):
        raise NotInboxOwner(inbox_id=inbox.id)


# Built once: an inbox's page asks it on every refresh.
_LIVE_AND_OWNED = select(Inbox.id, owned_by(Inbox.id, bindparam("user_id"))).where(
    Inbox.id == bindparam("inbox_id"),
    Inbox.org_id == bindparam("org_id"),
    Inbox.deleted_at.is_(None),
)


async def require_readable(
    session: AsyncSession, *, viewer: Membership, inbox_id: uuid.UUID
) -> None:
    """`viewer` may read the live inbox's escalations (an owner, or a supervisor and above),
    else InboxNotFound or NotInboxOwner: what `get_live` and `require_owner` say, in one
    statement."""
    row = (
        await session.execute(
            _LIVE_AND_OWNED,
            {"inbox_id": inbox_id, "org_id": viewer.org_id, "user_id": viewer.user_id},
        )
    ).first()
    if row is None:
        raise InboxNotFound(inbox_id=inbox_id)
    if not row[1] and not viewer.role.at_least(Role.supervisor):
        raise NotInboxOwner(inbox_id=inbox_id)


async def owners_of(
    session: AsyncSession, inbox_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    rows = await session.execute(
        select(InboxOwner.inbox_id, InboxOwner.user_id).where(InboxOwner.inbox_id.in_(inbox_ids))
    )
    owners: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for inbox_id, user_id in rows:
        owners[inbox_id].append(user_id)
    return owners


def _visible(staff: bool, org_id: Any, user_id: Any) -> ColumnElement[bool]:
    in_org = Escalation.org_id == org_id
    if staff:
        return in_org
    return in_org & owned_by(Escalation.inbox_id, user_id)


def escalations_visible_to(viewer: Membership) -> ColumnElement[bool]:
    """Supervisors and above see every escalation; others only those in inboxes they own."""
    return _visible(viewer.role.at_least(Role.supervisor), viewer.org_id, viewer.user_id)


def escalations_visible_by_params(*, staff: bool) -> ColumnElement[bool]:
    """The same rule for statements built once: the viewer comes in as the parameters
    `viewer_org_id` and `viewer_user_id` (see `visibility_params`); `staff` picks the rule."""
    return _visible(staff, bindparam("viewer_org_id"), bindparam("viewer_user_id"))


def visibility_params(viewer: Membership) -> tuple[bool, dict[str, uuid.UUID]]:
    """Which of the two built rules applies to `viewer`, and its parameters."""
    staff = viewer.role.at_least(Role.supervisor)
    return staff, {"viewer_org_id": viewer.org_id, "viewer_user_id": viewer.user_id}


def live_escalation_of(conversation_id: Any) -> ColumnElement[bool]:
    return (Escalation.conversation_id == conversation_id) & Escalation.status.in_(ACTIVE_STATUSES)


# Built once: every message and every escalation asks.
_LIVE_FOR_UPDATE = (
    select(Escalation)
    .where(live_escalation_of(bindparam("conversation_id", type_=Uuid)))
    .with_for_update()
)
_ANY_LIVE = select(exists().where(live_escalation_of(bindparam("conversation_id", type_=Uuid))))


async def lock_live_escalation(
    session: AsyncSession, conversation_id: uuid.UUID
) -> Escalation | None:
    """The conversation's open or claimed escalation, locked, if it has one. Loaded objects are
    not overwritten (no populate_existing): the caller's loaded relationships stay."""
    found: Escalation | None = await session.scalar(
        _LIVE_FOR_UPDATE, {"conversation_id": conversation_id}
    )
    return found


async def has_live_escalation(session: AsyncSession, conversation_id: uuid.UUID) -> bool:
    return bool(await session.scalar(_ANY_LIVE, {"conversation_id": conversation_id}))


@dataclass
class Counts:
    total: int = 0
    needs_response: int = 0
    unclaimed: int = 0
    claimed: int = 0
    mine: int = 0  # the live claims of the viewer `counts_for` was asked for (else 0)


def status_in(*statuses: EscalationStatus) -> ColumnElement[bool]:
    """The escalation's status is one of `statuses`, written into the statement as constants
    rather than bound: a plan PostgreSQL keeps for a prepared statement (the read pool's, see
    app/db.py) can then use the partial indexes on status, which a bound value hides from it."""
    constants: list[ColumnElement[Any]] = [
        literal_column(f"'{status.value}'") for status in statuses
    ]
    if len(constants) == 1:
        return Escalation.status == constants[0]
    return Escalation.status.in_(constants)


def claim_live(now: datetime | ColumnElement[datetime]) -> ColumnElement[bool]:
    """Claimed and not yet expired: a lapsed claim counts as open at once, job or no job."""
    return and_(status_in(EscalationStatus.claimed), Escalation.claim_expires_at > now)


def _counts() -> Select[Any]:
    claimed = claim_live(bindparam("now", type_=DateTime(timezone=True)))
    return (
        select(
            Escalation.inbox_id,
            func.count(),
            func.count().filter(Conversation.needs_response),
            func.count().filter(~claimed),
            func.count().filter(claimed),
            func.count().filter(claimed, Escalation.claimed_by == bindparam("viewer_id")),
        )
        .join(Conversation, Conversation.id == Escalation.conversation_id)
        .where(
            Escalation.inbox_id.in_(bindparam("inbox_ids", expanding=True)),
            status_in(*ACTIVE_STATUSES),
        )
        .group_by(Escalation.inbox_id)
    )


# Built once: every owner's screen asks on every refresh.
_COUNTS = _counts()


async def counts_for(
    session: AsyncSession,
    inbox_ids: list[uuid.UUID],
    *,
    now: datetime,
    viewer_id: uuid.UUID | None = None,
) -> dict[uuid.UUID, Counts]:
    """Live-escalation counts per inbox, in one grouped query; with `viewer_id`, also that
    member's own live claims (`mine`)."""
    rows = await session.execute(
        _COUNTS, {"inbox_ids": inbox_ids, "now": now, "viewer_id": viewer_id}
    )
    return {row[0]: Counts(*row[1:]) for row in rows}
