"""Escalate, move, de-escalate, resolve, release, re-prioritise: a state change plus its event.

What follows an event (notifications, a de-escalated conversation going back to its campaign,
the live stream) reacts to it in app.services.events; the SLA clock is moved here, explicitly."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.conversations import Conversation
from app.models.escalations import (
    ACTIVE_STATUSES,
    Escalation,
    EscalationStatus,
    EventType,
    Priority,
)
from app.models.inboxes import Inbox
from app.models.organisations import Membership, Role
from app.models.rules import Approval
from app.services import conversations, escalation_policy
from app.services._inbox_access import (
    get_live,
    has_live_escalation,
    live_escalation_of,
    require_owner,
)
from app.services._loading import loaded
from app.services.escalations._common import (
    AlreadyEscalated,
    NotClaimedByYou,
    SameInbox,
    check_transition,
    event_row,
    get_visible,
    record,
    record_one,
)
from app.services.escalations._following import follow_as_escalator
from app.services.escalations.claims import expire_lapsed
from app.services.rules import approvals
from app.services.sla import engine as sla_engine

_UNCLAIMED: dict[str, Any] = {
    "claimed_by": None,
    "claimed_at": None,
    "claim_expires_at": None,
    "claim_reply_due_at": None,  # reply-or-return: a claim that ends waits for no reply
}
_SWEEP = 1000  # lapsed claims freed per statement when an inbox is deleted


async def _escalated_by(
    session: AsyncSession, actor: Membership, conversation_id: uuid.UUID
) -> bool:
    """Whether the actor escalated this conversation and it still is. They no longer see it, but
    they know it exists: escalating it again (a retry, a double click) is a conflict for them,
    not a missing conversation."""
    return bool(
        await session.scalar(
            select(
                exists().where(
                    live_escalation_of(conversation_id),
                    Escalation.org_id == actor.org_id,
                    Escalation.escalated_by == actor.user_id,
                )
            )
        )
    )


async def escalate(
    session: AsyncSession,
    *,
    actor: Membership,
    conversation_id: uuid.UUID,
    inbox_id: uuid.UUID,
    priority: Priority | None,
    category: str,
    handoff: dict[str, Any],
    now: datetime,
) -> tuple[Escalation | Approval, Conversation | None]:
    """Hand a conversation to an inbox; returns the escalation and the actor's next conversation.

    Into a restricted inbox it is a pending approval instead, and the conversation stays."""
    # The inbox first, as deleting an inbox locks it before the conversations it sends back:
    # one order, no deadlock.
    inbox = await get_live(session, org_id=actor.org_id, inbox_id=inbox_id, for_share=True)
    conversation = await conversations.lock_visible(
        session, viewer=actor, conversation_id=conversation_id
    )
    if conversation is None:
        if await _escalated_by(session, actor, conversation_id):
            raise AlreadyEscalated(conversation_id=conversation_id)
        raise conversations.ConversationNotFound()
    await escalation_policy.require_category(session, org_id=actor.org_id, key=category)
    if await approvals.is_pending(session, conversation.id):
        raise approvals.ApprovalPending(conversation_id=conversation.id)
    if inbox.restricted:  # it stays with the agent until a supervisor or admin decides
        approval = await approvals.request(
            session,
            conversation=conversation,
            inbox=inbox,
            priority=priority,
            category=category,
            handoff=handoff,
            requested_by=actor.user_id,
            rule_id=None,
            now=now,
        )
        return approval, None
    escalation = await open_escalation(
        session,
        conversation=conversation,
        inbox=inbox,
        priority=priority,
        category=category,
        handoff=handoff,
        escalated_by=actor.user_id,
        now=now,
        priority_source={"kind": "agent", "user_id": actor.user_id} if priority else None,
    )
    following = await conversations.next_to_answer(session, viewer=actor)
    return await loaded(session, escalation), following


async def open_escalation(
    session: AsyncSession,
    *,
    conversation: Conversation,
    inbox: Inbox,
    priority: Priority | None,
    category: str,
    handoff: dict[str, Any],
    escalated_by: uuid.UUID | None,
    now: datetime,
    priority_source: dict[str, Any] | None = None,
    **event_data: Any,
) -> Escalation:
    """The escalation itself, by a person or by the system; the conversation is locked.

    `priority_source` says where a given `priority` came from (a person: `{"kind": "agent"}`,
    a rule); without a priority it is the inbox's default, or the plain default."""
    if await has_live_escalation(session, conversation.id):
        raise AlreadyEscalated(conversation_id=conversation.id)
    if priority is None or priority_source is None:
        source = {"kind": "inbox_default" if inbox.default_priority else "default"}
    else:
        source = _plain_source(priority_source)
    escalation = Escalation(
        id=uuid.uuid4(),  # its clock's events name it before it is written
        org_id=conversation.org_id,
        conversation_id=conversation.id,
        inbox_id=inbox.id,
        origin_campaign_id=conversation.campaign_id,
        status=EscalationStatus.open,
        priority=priority or inbox.default_priority or Priority.normal,
        priority_source=source,
        agent_priority=priority if source["kind"] == "agent" else None,
        category=category,
        handoff=handoff,
        escalated_by=escalated_by,
        last_activity_at=now,
        created_at=now,
        updated_at=now,
    )
    # The clock is set before the row is written: one INSERT, not an INSERT and two UPDATEs.
    clock_events = await sla_engine.start(session, escalation=escalation, inbox=inbox, now=now)
    session.add(escalation)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent escalation of the same conversation won
        raise AlreadyEscalated(conversation_id=conversation.id) from exc
    await follow_as_escalator(session, escalation=escalation, now=now)
    # Out of the agent's reply queue; from now on only the inbox's owners and staff see it.
    conversation.assignee_id = None
    conversation.auto_escalate_at = None
    conversation.updated_at = now
    await record_one(
        session,
        escalation,
        EventType.created,
        actor_id=escalated_by,
        now=now,
        handoff=handoff,
        inbox_id=inbox.id,
        priority=escalation.priority.value,
        priority_source=source,
        category=category,
        campaign_id=conversation.campaign_id,
        **event_data,
    )
    await record(session, clock_events)  # after `created`: a clock that starts paused
    return escalation


async def _may_manage(session: AsyncSession, *, escalation: Escalation, actor: Membership) -> None:
    if not actor.role.at_least(Role.supervisor):
        inbox = await get_live(session, org_id=actor.org_id, inbox_id=escalation.inbox_id)
        await require_owner(session, inbox=inbox, member=actor)


def _touch(escalation: Escalation, now: datetime) -> None:
    escalation.updated_at = now
    escalation.last_activity_at = now


async def change(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    priority: Priority | None,
    category: str | None,
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    escalation = await get_visible(
        session, viewer=actor, escalation_id=escalation_id, for_update=True, if_match=if_match
    )
    await check_transition(session, escalation, "update", now)
    await _may_manage(session, escalation=escalation, actor=actor)
    events = []
    if priority is not None and priority is not escalation.priority:
        source = {"kind": "agent", "user_id": actor.user_id}
        events.append(
            await reprioritise(
                session, escalation, priority, actor_id=actor.user_id, source=source, now=now
            )
        )
        escalation.agent_priority = priority
    if category is not None and category != escalation.category:
        events.append(
            await recategorise(session, escalation, category, actor_id=actor.user_id, now=now)
        )
    if events:
        _touch(escalation, now)
        await record(session, events)
    await session.flush()
    return escalation


def _plain_source(source: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in source.items()}


async def reprioritise(
    session: AsyncSession,
    escalation: Escalation,
    priority: Priority,
    *,
    actor_id: uuid.UUID | None,
    source: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """A new priority, where it came from, and new due times; returns the event to record."""
    plain = _plain_source(source)
    event = event_row(
        escalation.id,
        escalation.org_id,
        EventType.priority_changed,
        actor_id=actor_id,
        now=now,
        source=plain,
        **{"from": escalation.priority.value, "to": priority.value},
    )
    escalation.priority = priority
    escalation.priority_source = plain
    await sla_engine.recompute(
        session,
        escalation=escalation,
        now=now,
        reason="priority_changed",
        actor_id=actor_id,
        priority=priority,
    )
    return event


async def recategorise(
    session: AsyncSession,
    escalation: Escalation,
    category: str,
    *,
    actor_id: uuid.UUID | None,
    now: datetime,
    **data: Any,
) -> dict[str, Any]:
    await escalation_policy.require_category(session, org_id=escalation.org_id, key=category)
    event = event_row(
        escalation.id,
        escalation.org_id,
        EventType.category_changed,
        actor_id=actor_id,
        now=now,
        **{"from": escalation.category, "to": category},
        **data,
    )
    escalation.category = category
    return event


async def release(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    escalation = await get_visible(
        session, viewer=actor, escalation_id=escalation_id, for_update=True, if_match=if_match
    )
    await check_transition(session, escalation, "release", now)
    if escalation.claimed_by != actor.user_id and not actor.role.at_least(Role.supervisor):
        raise NotClaimedByYou(claimed_by=escalation.claimed_by)
    former = escalation.claimed_by
    escalation.status = EscalationStatus.open
    for field, value in _UNCLAIMED.items():
        setattr(escalation, field, value)
    _touch(escalation, now)
    await record_one(
        session,
        escalation,
        EventType.released,
        actor_id=actor.user_id,
        now=now,
        claimed_by=former,
        reason="released",
    )
    await session.flush()
    return escalation


async def move(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    inbox_id: uuid.UUID,
    note: str | None,
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    # The target inbox first (see escalate): a delete of it waits for this move, or this move
    # finds it gone.
    target = await get_live(session, org_id=actor.org_id, inbox_id=inbox_id, for_share=True)
    escalation = await get_visible(
        session, viewer=actor, escalation_id=escalation_id, for_update=True, if_match=if_match
    )
    await check_transition(session, escalation, "move", now)
    await _may_manage(session, escalation=escalation, actor=actor)
    if target.id == escalation.inbox_id:
        raise SameInbox(inbox_id=target.id)
    await relocate(session, escalation, target, actor_id=actor.user_id, note=note, now=now)
    await session.flush()
    return escalation


async def relocate(
    session: AsyncSession,
    escalation: Escalation,
    target: Inbox,
    *,
    actor_id: uuid.UUID | None,
    note: str | None,
    now: datetime,
    **data: Any,
) -> None:
    """Into another inbox, unclaimed, with its event and the new inbox's SLA policy."""
    former_inbox, former_claimant = escalation.inbox_id, escalation.claimed_by
    # Unclaimed in the new inbox: it leaves the former claimant's view.
    escalation.inbox_id = target.id
    escalation.status = EscalationStatus.open
    escalation.move_count += 1
    for field, value in _UNCLAIMED.items():
        setattr(escalation, field, value)
    _touch(escalation, now)
    await record_one(
        session,
        escalation,
        EventType.moved,
        actor_id=actor_id,
        now=now,
        from_inbox_id=former_inbox,
        to_inbox_id=target.id,
        note=note,
        former_claimant=former_claimant,
        **data,
    )
    # The new inbox's policy applies, measured from the original escalation time.
    await sla_engine.recompute(
        session,
        escalation=escalation,
        now=now,
        reason="moved",
        actor_id=actor_id,
        inbox=target,
    )


async def _close(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    status: EscalationStatus,
    note: str | None,
    now: datetime,
    if_match: Sequence[str] | None,
) -> Escalation:
    action = "resolve" if status is EscalationStatus.resolved else "de-escalate"
    escalation = await get_visible(
        session, viewer=actor, escalation_id=escalation_id, for_update=True, if_match=if_match
    )
    await check_transition(session, escalation, action, now)
    await _may_manage(session, escalation=escalation, actor=actor)
    escalation.status = status
    for field, value in _UNCLAIMED.items():
        setattr(escalation, field, value)
    escalation.closed_at = now
    # A deadline passed before closing is still a breach, recorded before the closing event.
    await record(session, sla_engine.close(escalation, now=now))
    _touch(escalation, now)
    event = EventType.resolved if status is EscalationStatus.resolved else EventType.de_escalated
    await record_one(
        session,
        escalation,
        event,
        actor_id=actor.user_id,
        now=now,
        note=note,
        campaign_id=escalation.origin_campaign_id,
    )
    await session.flush()
    return escalation


async def resolve(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    note: str | None,
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    return await _close(
        session,
        actor=actor,
        escalation_id=escalation_id,
        status=EscalationStatus.resolved,
        note=note,
        now=now,
        if_match=if_match,
    )


async def de_escalate(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    note: str | None,
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Escalation:
    return await _close(
        session,
        actor=actor,
        escalation_id=escalation_id,
        status=EscalationStatus.de_escalated,
        note=note,
        now=now,
        if_match=if_match,
    )


async def de_escalate_inbox(
    session: AsyncSession, *, inbox: Inbox, actor_id: uuid.UUID, now: datetime
) -> int:
    """Every live escalation of a retiring inbox goes back to its campaign, each audit-logged."""
    # Claims that lapsed unswept say so first (see check_transition).
    while await expire_lapsed(session, now=now, inbox_id=inbox.id, limit=_SWEEP) == _SWEEP:
        pass
    # Those past a deadline the worker has not acted on yet get their breach first (see _close).
    overdue = await session.scalars(
        select(Escalation)
        .where(
            Escalation.inbox_id == inbox.id,
            Escalation.status.in_(ACTIVE_STATUSES),
            or_(
                Escalation.resolution_due_at < now,
                and_(
                    Escalation.first_responded_at.is_(None),
                    Escalation.first_response_due_at < now,
                ),
            ),
        )
        .with_for_update()
    )
    await record(session, [e for row in overdue for e in sla_engine.close(row, now=now)])
    rows = (
        await session.execute(
            update(Escalation)
            .where(Escalation.inbox_id == inbox.id, Escalation.status.in_(ACTIVE_STATUSES))
            .values(
                status=EscalationStatus.de_escalated,
                closed_at=now,
                updated_at=now,
                last_activity_at=now,
                next_check_at=None,
                **_UNCLAIMED,
            )
            .returning(Escalation.id, Escalation.origin_campaign_id)
            .execution_options(synchronize_session=False)
        )
    ).all()
    await record(
        session,
        [
            event_row(
                row.id,
                inbox.org_id,
                EventType.de_escalated,
                actor_id=actor_id,
                now=now,
                note=f"Inbox {inbox.name!r} was deleted",
                campaign_id=row.origin_campaign_id,
                reason="inbox_deleted",
            )
            for row in rows
        ],
    )
    return len(rows)


async def release_claims_of(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    user_ids: set[uuid.UUID],
    inbox_id: uuid.UUID | None,
    actor_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> int:
    """Give back the live claims of members who may no longer hold them."""
    stmt = select(Escalation.id, Escalation.claimed_by).where(
        Escalation.org_id == org_id,
        Escalation.status == EscalationStatus.claimed,
        Escalation.claimed_by.in_(user_ids),
    )
    if inbox_id is not None:
        stmt = stmt.where(Escalation.inbox_id == inbox_id)
    held = (await session.execute(stmt.with_for_update())).all()
    if not held:
        return 0
    await session.execute(
        update(Escalation)
        .where(Escalation.id.in_([h.id for h in held]))
        .values(status=EscalationStatus.open, updated_at=now, last_activity_at=now, **_UNCLAIMED)
        .execution_options(synchronize_session=False)
    )
    await record(
        session,
        [
            event_row(
                h.id,
                org_id,
                EventType.released,
                actor_id=actor_id,
                now=now,
                claimed_by=h.claimed_by,
                reason=reason,
            )
            for h in held
        ],
    )
    return len(held)
