"""Conversations mirrored from a helpdesk by its own ids (POST /inbound/conversations).

`external_id` is unique per organisation and channel (a partial unique index), and a message's
per conversation, so a redelivery changes nothing. Each new message goes through
`conversations.message_arrived`, like one added in the app: the same reply queue, SLA clock and
reactions.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import RuleViolation
from app.models.conversations import Channel, Conversation, Direction, Message
from app.models.organisations import Membership
from app.services import conversations


class UnknownExternalConversation(RuleViolation):
    code = "unknown-external-conversation"
    title = "A conversation seen for the first time needs a campaign and a contact"


@dataclass
class InboundMessageData:
    external_id: str
    direction: Direction
    body: str


@dataclass
class InboundResult:
    conversation: Conversation
    created: bool
    messages_added: list[Message]


async def upsert(
    session: AsyncSession,
    *,
    actor: Membership,
    channel: Channel,
    external_id: str,
    campaign_id: uuid.UUID | None,
    contact: conversations.ContactData | None,
    messages: list[InboundMessageData],
    now: datetime,
) -> InboundResult:
    """Mirror a helpdesk's conversation by its own ids: create it the first time it is seen, then
    append only the messages whose external ids are new, each through `message_arrived`."""
    # Two deliveries of one new conversation at once must not both create it: serialise them.
    lock = func.hashtextextended(f"inbound:{actor.org_id}:{channel}:{external_id}", 0)
    await session.execute(select(func.pg_advisory_xact_lock(lock)))
    conversation = await session.scalar(
        select(Conversation)
        .where(
            Conversation.org_id == actor.org_id,
            Conversation.channel == channel,
            Conversation.external_id == external_id,
        )
        .with_for_update()
    )
    created = conversation is None
    if conversation is None:
        if campaign_id is None or contact is None:
            raise UnknownExternalConversation(external_id=external_id)
        conversation = await conversations.create(
            session,
            actor=actor,
            campaign_id=campaign_id,
            contact=contact,
            assignee_id=None,
            channel=channel,
            first_message=None,
            now=now,
            external_id=external_id,
        )
    else:
        await conversations.get(
            session, viewer=actor, conversation_id=conversation.id
        )  # visible, or 404
    ids = [m.external_id for m in messages]
    seen = set(
        await session.scalars(
            select(Message.external_id).where(
                Message.conversation_id == conversation.id, Message.external_id.in_(ids)
            )
        )
    )
    added: list[Message] = []
    for message in messages:
        if message.external_id in seen:
            continue
        seen.add(message.external_id)
        # One microsecond apart, so the messages of one delivery keep their order.
        at = now + timedelta(microseconds=len(added))
        added.append(
            await conversations.message_arrived(
                session,
                conversation=conversation,
                direction=message.direction,
                body=message.body,
                actor=actor,
                now=at,
                external_id=message.external_id,
            )
        )
    loaded = await conversations.get(
        session, viewer=actor, conversation_id=conversation.id, check=False
    )
    return InboundResult(conversation=loaded, created=created, messages_added=added)
