"""Conversations, their messages, and each member's reply queue."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, Uuid, bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from app.errors import Conflict, NotFound, RuleViolation
from app.models.campaigns import Campaign
from app.models.conversations import Channel, Contact, Conversation, Direction, Message
from app.models.escalations import Escalation
from app.models.organisations import Membership
from app.services import campaigns, events
from app.services._inbox_access import live_escalation_of, lock_live_escalation, visibility_params
from app.services._pagination import Page, paginate
from app.services._tenancy import conversations_visible_by_params, conversations_visible_to
from app.services.sla import engine as sla_engine


class ConversationNotFound(NotFound):
    code = "conversation-not-found"
    title = "Conversation not found"


class AssigneeNotFound(NotFound):
    code = "assignee-not-found"
    title = "The assignee is not a member of this organisation"


class StaleReply(Conflict):
    code = "stale-reply"
    title = "A new message arrived since you opened this"


class SeenMessageNotFound(RuleViolation):
    code = "seen-message-not-found"
    title = "The message the reply was written after is not in this conversation"


@dataclass
class ContactData:
    name: str
    phone: str | None = None
    email: str | None = None
    attributes: dict[str, Any] | None = None


@dataclass
class ConversationFilter:
    campaign_id: uuid.UUID | None = None
    needs_response: bool | None = None
    inbox_id: uuid.UUID | None = None
    escalated: bool | None = None


@dataclass
class Counts:
    total: int
    needs_response: int


async def _ensure_member(session: AsyncSession, *, org_id: uuid.UUID, user_id: uuid.UUID) -> None:
    if await session.get(Membership, (org_id, user_id)) is None:
        raise AssigneeNotFound(assignee_id=user_id)


def _apply_message(
    conversation: Conversation, campaign: Campaign | None, direction: Direction, now: datetime
) -> None:
    """Inbound: the contact now waits for us. Outbound: we answered. The campaign is needed
    (and read) only when the contact starts waiting: see `_starts_waiting`."""
    if direction is Direction.inbound:
        if not conversation.needs_response:
            assert campaign is not None
            conversation.needs_response = True
            conversation.needs_response_since = now
            conversation.auto_escalate_at = campaigns.auto_escalate_at(campaign, since=now)
    else:
        conversation.needs_response = False
        conversation.needs_response_since = None
        conversation.auto_escalate_at = None
    conversation.last_message_at = now


def _starts_waiting(conversation: Conversation, direction: Direction) -> bool:
    return direction is Direction.inbound and not conversation.needs_response


async def create(
    session: AsyncSession,
    *,
    actor: Membership,
    campaign_id: uuid.UUID,
    contact: ContactData,
    assignee_id: uuid.UUID | None,
    channel: Channel,
    first_message: str | None,
    now: datetime,
    external_id: str | None = None,
) -> Conversation:
    # Another organisation's campaign is a 404.
    await campaigns.get(session, org_id=actor.org_id, campaign_id=campaign_id)
    if assignee_id is not None:
        await _ensure_member(session, org_id=actor.org_id, user_id=assignee_id)
    contact_row = Contact(
        org_id=actor.org_id,
        name=contact.name,
        phone=contact.phone,
        email=contact.email,
        attributes=contact.attributes or {},
    )
    session.add(contact_row)
    await session.flush()
    conversation = Conversation(
        org_id=actor.org_id,
        campaign_id=campaign_id,
        contact_id=contact_row.id,
        assignee_id=assignee_id,
        channel=channel,
        external_id=external_id,
        needs_response=False,
        created_at=now,
        updated_at=now,
    )
    session.add(conversation)
    await session.flush()
    if first_message is not None:
        await message_arrived(
            session,
            conversation=conversation,
            direction=Direction.inbound,
            body=first_message,
            actor=actor,
            now=now,
        )
    return await get(session, viewer=actor, conversation_id=conversation.id, check=False)


def _loaded(stmt: Select[tuple[Conversation]]) -> Select[tuple[Conversation]]:
    return stmt.options(
        selectinload(Conversation.contact),
        selectinload(Conversation.active_escalation),
        selectinload(Conversation.pending_approval),
    )


def _visible(viewer: Membership) -> Select[tuple[Conversation]]:
    return _loaded(select(Conversation).where(conversations_visible_to(viewer)))


async def get(
    session: AsyncSession, *, viewer: Membership, conversation_id: uuid.UUID, check: bool = True
) -> Conversation:
    stmt = (
        _visible(viewer)
        if check
        else _loaded(select(Conversation).where(Conversation.org_id == viewer.org_id))
    )
    conversation = await session.scalar(
        stmt.where(Conversation.id == conversation_id).execution_options(populate_existing=True)
    )
    if conversation is None:
        raise ConversationNotFound()
    return conversation


# Built once, one per visibility rule (building it cost more than running it).
_LOCK_VISIBLE = {
    staff: select(Conversation)
    .where(
        conversations_visible_by_params(staff=staff),
        Conversation.id == bindparam("conversation_id", type_=Uuid),
    )
    .with_for_update()
    for staff in (False, True)
}


async def lock_visible(
    session: AsyncSession, *, viewer: Membership, conversation_id: uuid.UUID
) -> Conversation | None:
    """The conversation, locked, if the viewer may see it."""
    staff, params = visibility_params(viewer)
    found: Conversation | None = await session.scalar(
        _LOCK_VISIBLE[staff], {"conversation_id": conversation_id, **params}
    )
    return found


async def add_message(
    session: AsyncSession,
    *,
    viewer: Membership,
    conversation_id: uuid.UUID,
    body: str,
    direction: Direction,
    now: datetime,
    seen_message_id: uuid.UUID | None = None,
) -> Message:
    """`seen_message_id`: the newest message the writer had on screen; a contact's message that
    came after it refuses this one (StaleReply), so no one answers a conversation they have not
    read to the end (two owners at once, or a reply drafted over a new question)."""
    conversation = await lock_visible(session, viewer=viewer, conversation_id=conversation_id)
    if conversation is None:
        raise ConversationNotFound()
    if seen_message_id is not None:
        await _refuse_if_stale(session, conversation.id, seen_message_id)
    return await message_arrived(
        session, conversation=conversation, direction=direction, body=body, actor=viewer, now=now
    )


async def _refuse_if_stale(
    session: AsyncSession, conversation_id: uuid.UUID, seen_message_id: uuid.UUID
) -> None:
    # The caller holds the conversation's row lock, so no message lands between this and the reply.
    seen = await session.scalar(
        select(Message.created_at).where(
            Message.id == seen_message_id, Message.conversation_id == conversation_id
        )
    )
    if seen is None:
        raise SeenMessageNotFound(seen_message_id=seen_message_id)
    newer = await session.scalar(
        select(Message.id)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.inbound,
            Message.created_at > seen,
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )
    if newer is not None:
        raise StaleReply("a new message arrived since you opened this", message_id=newer)


async def message_arrived(
    session: AsyncSession,
    *,
    conversation: Conversation,
    direction: Direction,
    body: str,
    actor: Membership,
    now: datetime,
    external_id: str | None = None,
) -> Message:
    """A message joins a conversation: the one place its effects follow from, whoever sent it
    (a member, an integration's API key, a helpdesk mirrored through /inbound): the reply queue,
    the campaign's auto-escalation, the live escalation's SLA clock, and for a contact's message
    the `message.received` reactions (app.services.events). The caller holds the conversation."""
    message = Message(
        org_id=conversation.org_id,
        conversation_id=conversation.id,
        direction=direction,
        body=body,
        author_id=actor.user_id if direction is Direction.outbound else None,
        external_id=external_id,
        created_at=now,
    )
    session.add(message)
    campaign = None
    if _starts_waiting(conversation, direction):  # its campaign's auto-escalation is armed
        campaign = await campaigns.get(
            session, org_id=conversation.org_id, campaign_id=conversation.campaign_id
        )
    _apply_message(conversation, campaign, direction, now)
    await _escalation_clock(
        session, conversation=conversation, direction=direction, actor=actor, now=now
    )
    await session.flush()
    if direction is Direction.inbound:
        await _received(session, conversation, message)
    return message


async def _received(session: AsyncSession, conversation: Conversation, message: Message) -> None:
    """Tell the reactions (app.services.events) that a contact wrote; nothing is stored."""
    event = {
        "id": message.id,
        "type": events.MESSAGE_RECEIVED,
        "org_id": conversation.org_id,
        "conversation_id": conversation.id,
        "campaign_id": conversation.campaign_id,
        "message_id": message.id,
        "body": message.body,  # what the rules read: not read back
        "created_at": message.created_at,
    }
    await events.react(session, events.Recorded([event]))


async def set_attributes(
    session: AsyncSession,
    *,
    viewer: Membership,
    conversation_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
) -> Contact:
    """Merge typed attributes into the contact (null removes one); rules read them."""
    conversation = await get(session, viewer=viewer, conversation_id=conversation_id)
    contact = await session.get(Contact, conversation.contact_id, with_for_update=True)
    assert contact is not None
    merged = {**contact.attributes, **changes}
    contact.attributes = {k: v for k, v in merged.items() if v is not None}
    contact.updated_at = now
    await session.flush()
    return contact


async def _escalation_clock(
    session: AsyncSession,
    *,
    conversation: Conversation,
    direction: Direction,
    actor: Membership,
    now: datetime,
) -> None:
    """Messages drive a live escalation's clock: first response, pause and resume."""
    escalation = await lock_live_escalation(session, conversation.id)
    if escalation is None:
        return
    # With an inbox already: the campaign's rule is armed again when it comes back unanswered.
    conversation.auto_escalate_at = None
    outbound = direction is Direction.outbound
    await sla_engine.on_message(
        session,
        escalation=escalation,
        outbound=outbound,
        now=now,
        actor_id=actor.user_id if outbound else None,
    )
    if outbound:
        # Reply-or-return: the contact has an answer, whoever wrote it (a reply mirrored from a
        # helpdesk through an integration counts the same), so the claim stays.
        escalation.claim_reply_due_at = None
    escalation.last_activity_at = escalation.updated_at = now


async def list_messages(
    session: AsyncSession,
    *,
    viewer: Membership,
    conversation_id: uuid.UUID,
    limit: int,
    cursor: str | None,
) -> Page[Message]:
    await get(session, viewer=viewer, conversation_id=conversation_id)
    stmt = select(Message).where(Message.conversation_id == conversation_id)
    return await paginate(
        session,
        stmt,
        keys=[Message.created_at, Message.id],
        descending=False,
        limit=limit,
        cursor=cursor,
    )


def _filters(filters: ConversationFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.campaign_id is not None:
        clauses.append(Conversation.campaign_id == filters.campaign_id)
    if filters.needs_response is not None:
        clauses.append(Conversation.needs_response.is_(filters.needs_response))
    if filters.inbox_id is not None:
        clauses.append(
            exists().where(
                live_escalation_of(Conversation.id), Escalation.inbox_id == filters.inbox_id
            )
        )
    if filters.escalated is not None:
        escalated = exists().where(live_escalation_of(Conversation.id))
        clauses.append(escalated if filters.escalated else ~escalated)
    return clauses


async def list_visible(
    session: AsyncSession,
    *,
    viewer: Membership,
    filters: ConversationFilter,
    limit: int,
    cursor: str | None,
) -> Page[Conversation]:
    stmt = _visible(viewer).where(*_filters(filters))
    return await paginate(
        session,
        stmt,
        keys=[Conversation.created_at, Conversation.id],
        descending=True,
        limit=limit,
        cursor=cursor,
    )


async def count_visible(
    session: AsyncSession, *, viewer: Membership, filters: ConversationFilter
) -> Counts:
    row = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(Conversation.needs_response),
            ).where(conversations_visible_to(viewer), *_filters(filters))
        )
    ).one()
    return Counts(total=row[0], needs_response=row[1])


async def reply_queue(
    session: AsyncSession, *, viewer: Membership, limit: int, cursor: str | None
) -> Page[Conversation]:
    """The caller's own conversations waiting for an answer, longest-waiting first."""
    stmt = _loaded(
        select(Conversation).where(
            Conversation.org_id == viewer.org_id,
            Conversation.assignee_id == viewer.user_id,
            Conversation.needs_response,
        )
    )
    return await paginate(
        session,
        stmt,
        keys=[Conversation.needs_response_since, Conversation.id],
        descending=False,
        limit=limit,
        cursor=cursor,
    )


# Built once: the first of the reply queue, with what its answer shows, in one statement (its
# contact, live escalation and pending approval are at most one row each).
_NEXT_TO_ANSWER = (
    select(Conversation)
    .where(
        Conversation.org_id == bindparam("org_id"),
        Conversation.assignee_id == bindparam("user_id"),
        Conversation.needs_response,
    )
    .options(
        joinedload(Conversation.contact, innerjoin=True),
        joinedload(Conversation.active_escalation),
        joinedload(Conversation.pending_approval),
    )
    .order_by(Conversation.needs_response_since, Conversation.id)
    .limit(1)
)


async def next_to_answer(session: AsyncSession, *, viewer: Membership) -> Conversation | None:
    """The first of the viewer's reply queue (`reply_queue`'s order), or None."""
    found: Conversation | None = await session.scalar(
        _NEXT_TO_ANSWER, {"org_id": viewer.org_id, "user_id": viewer.user_id}
    )
    return found
