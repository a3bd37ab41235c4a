"""Escalation inboxes: create, edit, delete, and their per-inbox counts."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound, RuleViolation
from app.models.escalations import Priority
from app.models.inboxes import AssignmentMode, Inbox, InboxOwner
from app.models.organisations import Membership, Role
from app.services import escalations
from app.services._inbox_access import Counts, counts_for, get_live, live_inboxes, owners_of
from app.services._pagination import Page, paginate
from app.services.escalations import reply_window
from app.services.sla import policies, staleness


class InboxNameTaken(Conflict):
    code = "inbox-name-taken"
    title = "An inbox with that name exists"


class OwnerNotMember(NotFound):
    code = "owner-not-member"
    title = "An owner is not a member of this organisation"


class CapacityRequired(RuleViolation):
    code = "capacity-required"
    title = "An inbox that assigns by itself needs a per-owner capacity"


class ReplyWindowTooLong(RuleViolation):
    code = "reply-window-too-long"
    title = "The reply window must be shorter than the claim it applies to"


def _check_reply_window(reply_within: int | None, assignment_duration: int) -> None:
    # Business minutes are never fewer than wall-clock ones: a window as long as the claim would
    # always end after the claim had lapsed, and never act.
    if reply_within is not None and reply_within >= assignment_duration:
        raise ReplyWindowTooLong(
            f"reply_within_minutes ({reply_within}) must be less than "
            f"assignment_duration_minutes ({assignment_duration}).",
            reply_within_minutes=reply_within,
            assignment_duration_minutes=assignment_duration,
        )


def _check_capacity(mode: AssignmentMode, capacity: int | None) -> None:
    if mode is not AssignmentMode.pull and capacity is None:
        raise CapacityRequired(
            "Set a capacity (open claims per owner) for auto assignment.",
            assignment_mode=mode.value,
        )


@dataclass
class InboxView:
    """An inbox as the API shows it: owners beside it, counts only for those who may see them."""

    inbox: Inbox
    owner_ids: list[uuid.UUID]
    counts: Counts | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inbox, name)


async def _views(
    session: AsyncSession, inboxes: list[Inbox], *, viewer: Membership, now: datetime
) -> list[InboxView]:
    ids = [i.id for i in inboxes]
    owners = await owners_of(session, ids)
    counts = await counts_for(session, ids, now=now)
    staff = viewer.role.at_least(Role.supervisor)
    return [
        InboxView(
            inbox=i,
            owner_ids=owners.get(i.id, []),
            counts=counts.get(i.id, Counts())
            if staff or viewer.user_id in owners.get(i.id, [])
            else None,
        )
        for i in inboxes
    ]


async def _check_owners(
    session: AsyncSession, *, org_id: uuid.UUID, owner_ids: list[uuid.UUID]
) -> None:
    wanted = set(owner_ids)
    found = set(
        await session.scalars(
            select(Membership.user_id).where(
                Membership.org_id == org_id, Membership.user_id.in_(wanted)
            )
        )
    )
    if missing := wanted - found:
        raise OwnerNotMember(user_ids=sorted(str(m) for m in missing))


async def _flush_name(session: AsyncSession, name: str) -> None:
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        if "uq_inbox_org_id_lower_name" in str(exc.orig):
            raise InboxNameTaken(f"An inbox named {name!r} already exists.") from exc
        raise


async def create(
    session: AsyncSession,
    *,
    actor: Membership,
    name: str,
    description: str | None,
    owner_ids: list[uuid.UUID],
    batch_size: int,
    assignment_duration_minutes: int,
    default_priority: Priority | None,
    sla_policy_id: uuid.UUID | None,
    now: datetime,
    capacity: int | None = None,
    assignment_mode: AssignmentMode = AssignmentMode.pull,
    restricted: bool = False,
    reply_within_minutes: int | None = None,
) -> InboxView:
    _check_capacity(assignment_mode, capacity)
    _check_reply_window(reply_within_minutes, assignment_duration_minutes)
    await _check_owners(session, org_id=actor.org_id, owner_ids=owner_ids)
    if sla_policy_id is not None:
        await policies.get(session, org_id=actor.org_id, policy_id=sla_policy_id)
    inbox = Inbox(
        org_id=actor.org_id,
        name=name,
        description=description,
        batch_size=batch_size,
        assignment_duration_minutes=assignment_duration_minutes,
        default_priority=default_priority,
        sla_policy_id=sla_policy_id,
        capacity=capacity,
        assignment_mode=assignment_mode,
        restricted=restricted,
        reply_within_minutes=reply_within_minutes,
        created_at=now,
        updated_at=now,
    )
    session.add(inbox)
    await _flush_name(session, name)
    await session.execute(
        insert(InboxOwner), [{"inbox_id": inbox.id, "user_id": u} for u in set(owner_ids)]
    )
    return (await _views(session, [inbox], viewer=actor, now=now))[0]


async def list_for_member(
    session: AsyncSession, *, viewer: Membership, limit: int, cursor: str | None, now: datetime
) -> Page[InboxView]:
    """Every live inbox: agents need the names to escalate into them."""
    page = await paginate(
        session,
        live_inboxes(viewer.org_id),
        keys=[Inbox.created_at, Inbox.id],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    page.items = await _views(session, page.items, viewer=viewer, now=now)
    return page


async def get(
    session: AsyncSession, *, viewer: Membership, inbox_id: uuid.UUID, now: datetime
) -> InboxView:
    inbox = await get_live(session, org_id=viewer.org_id, inbox_id=inbox_id)
    return (await _views(session, [inbox], viewer=viewer, now=now))[0]


async def update(
    session: AsyncSession,
    *,
    actor: Membership,
    inbox_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> InboxView:
    inbox = await get_live(
        session, org_id=actor.org_id, inbox_id=inbox_id, for_update=True, if_match=if_match
    )
    owner_ids = changes.pop("owner_ids", None)
    if "sla_policy_id" in changes and changes["sla_policy_id"] != inbox.sla_policy_id:
        if changes["sla_policy_id"] is not None:
            await policies.get(session, org_id=actor.org_id, policy_id=changes["sla_policy_id"])
        # Its open escalations move to the new policy: the worker recomputes them.
        await staleness.mark_inbox(session, inbox_id=inbox.id, now=now)
    _check_capacity(
        changes.get("assignment_mode", inbox.assignment_mode),
        changes.get("capacity", inbox.capacity),
    )
    _check_reply_window(
        changes.get("reply_within_minutes", inbox.reply_within_minutes),
        changes.get("assignment_duration_minutes", inbox.assignment_duration_minutes),
    )
    if inbox.reply_within_minutes is not None and changes.get("reply_within_minutes", 0) is None:
        # Switched off: live claims stop waiting for a reply. A new window applies to new claims
        # only (a claim keeps the due time it was given).
        await reply_window.switched_off(session, inbox_id=inbox.id)
    for field, value in changes.items():
        setattr(inbox, field, value)
    if inbox.assignment_mode is AssignmentMode.pull:
        inbox.unstaffed_since = None  # nobody is told of shifts in a pull inbox
    inbox.updated_at = now
    await _flush_name(session, inbox.name)
    if owner_ids is not None:
        await _replace_owners(session, actor=actor, inbox=inbox, owner_ids=owner_ids, now=now)
    return (await _views(session, [inbox], viewer=actor, now=now))[0]


async def _replace_owners(
    session: AsyncSession,
    *,
    actor: Membership,
    inbox: Inbox,
    owner_ids: list[uuid.UUID],
    now: datetime,
) -> None:
    await _check_owners(session, org_id=actor.org_id, owner_ids=owner_ids)
    current = set((await owners_of(session, [inbox.id])).get(inbox.id, []))
    wanted = set(owner_ids)
    if removed := current - wanted:
        await session.execute(
            delete(InboxOwner).where(
                InboxOwner.inbox_id == inbox.id, InboxOwner.user_id.in_(removed)
            )
        )
        # A former owner's claims go back to the pool at once.
        await escalations.release_claims_of(
            session,
            org_id=actor.org_id,
            user_ids=removed,
            inbox_id=inbox.id,
            actor_id=actor.user_id,
            reason="owner_removed",
            now=now,
        )
    if added := wanted - current:
        await session.execute(
            insert(InboxOwner), [{"inbox_id": inbox.id, "user_id": u} for u in added]
        )


async def delete_inbox(
    session: AsyncSession,
    *,
    actor: Membership,
    inbox_id: uuid.UUID,
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> int:
    """De-escalate everything live in the inbox back to its campaign, then retire the inbox.

    Returns how many escalations went back. All in the caller's one transaction.
    """
    inbox = await get_live(
        session, org_id=actor.org_id, inbox_id=inbox_id, for_update=True, if_match=if_match
    )
    returned = await escalations.de_escalate_inbox(
        session, inbox=inbox, actor_id=actor.user_id, now=now
    )
    inbox.deleted_at = now
    inbox.updated_at = now
    await session.flush()
    return returned


async def forget_member(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    actor_id: uuid.UUID,
    now: datetime,
) -> None:
    """A member left the organisation: they own no inbox and hold no claim any more."""
    inbox_ids = select(Inbox.id).where(Inbox.org_id == org_id).scalar_subquery()
    await session.execute(
        delete(InboxOwner).where(InboxOwner.user_id == user_id, InboxOwner.inbox_id.in_(inbox_ids))
    )
    await escalations.release_claims_of(
        session,
        org_id=org_id,
        user_ids={user_id},
        inbox_id=None,
        actor_id=actor_id,
        reason="member_removed",
        now=now,
    )
