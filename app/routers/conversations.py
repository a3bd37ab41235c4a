import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
from app.schemas.conversations import (
    ContactAttributesUpdate,
    ContactRead,
    ConversationCounts,
    ConversationCreate,
    ConversationRead,
    InboundConversationResult,
    InboundConversationUpsert,
    MessageCreate,
    MessageRead,
)
from app.services import conversations, inbound
from app.services.conversations import ContactData, ConversationFilter
from app.services.inbound import InboundMessageData

router = APIRouter(
    tags=["conversations"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)

CampaignFilter = Annotated[uuid.UUID | None, Query(description="Only this campaign's")]
NeedsResponseFilter = Annotated[
    bool | None, Query(description="Only those (not) needing a response")
]
InboxFilter = Annotated[
    uuid.UUID | None, Query(description="Only those escalated into this inbox (open or claimed)")
]
EscalatedFilter = Annotated[bool | None, Query(description="Only those (not) escalated now")]


def _filters(
    campaign_id: CampaignFilter = None,
    needs_response: NeedsResponseFilter = None,
    inbox_id: InboxFilter = None,
    escalated: EscalatedFilter = None,
) -> ConversationFilter:
    return ConversationFilter(
        campaign_id=campaign_id,
        needs_response=needs_response,
        inbox_id=inbox_id,
        escalated=escalated,
    )


Filters = Annotated[ConversationFilter, Depends(_filters)]


@router.post(
    "/orgs/{org_id}/conversations",
    status_code=status.HTTP_201_CREATED,
    response_model=ConversationRead,
    summary="Start a conversation with a contact",
)
async def create_conversation(
    body: ConversationCreate, member: OrgMember, session: Session, now: Now
):
    return await conversations.create(
        session,
        actor=member,
        campaign_id=body.campaign_id,
        contact=ContactData(**body.contact.model_dump()),
        assignee_id=body.assignee_id,
        channel=body.channel,
        first_message=body.message.body if body.message else None,
        now=now,
    )


@router.get(
    "/orgs/{org_id}/conversations",
    response_model=Page[ConversationRead],
    summary="List visible conversations, newest first",
    responses=problems(400),
)
async def list_conversations(
    member: OrgMember,
    session: Session,
    filters: Filters,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await conversations.list_visible(
        session, viewer=member, filters=filters, limit=limit, cursor=cursor
    )


@router.get(
    "/orgs/{org_id}/conversations/counts",
    response_model=ConversationCounts,
    summary="Count visible conversations (total, needing a response) for the same filters",
)
async def count_conversations(member: OrgMember, session: Session, filters: Filters):
    return await conversations.count_visible(session, viewer=member, filters=filters)


@router.get(
    "/orgs/{org_id}/conversations/{conversation_id}",
    response_model=ConversationRead,
    summary="Get a conversation",
)
async def get_conversation(conversation_id: uuid.UUID, member: OrgMember, session: Session):
    return await conversations.get(session, viewer=member, conversation_id=conversation_id)


@router.post(
    "/orgs/{org_id}/conversations/{conversation_id}/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageRead,
    summary="Record a message (inbound: needs a response; outbound: answered)",
    responses=problems(409),
)
async def add_message(
    conversation_id: uuid.UUID, body: MessageCreate, member: OrgMember, session: Session, now: Now
):
    return await conversations.add_message(
        session,
        viewer=member,
        conversation_id=conversation_id,
        body=body.body,
        direction=body.direction,
        now=now,
        seen_message_id=body.seen_message_id,
    )


@router.get(
    "/orgs/{org_id}/conversations/{conversation_id}/messages",
    response_model=Page[MessageRead],
    summary="List a conversation's messages, oldest first",
    responses=problems(400),
)
async def list_messages(
    conversation_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await conversations.list_messages(
        session, viewer=member, conversation_id=conversation_id, limit=limit, cursor=cursor
    )


@router.get(
    "/orgs/{org_id}/queue",
    response_model=Page[ConversationRead],
    summary="The caller's reply queue: their conversations needing a response, oldest first",
    responses=problems(400),
)
async def get_reply_queue(
    member: OrgMember, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await conversations.reply_queue(session, viewer=member, limit=limit, cursor=cursor)


@router.post(
    "/orgs/{org_id}/inbound/conversations",
    response_model=InboundConversationResult,
    summary="Mirror a helpdesk's conversation and its new messages by the helpdesk's own ids",
    description="Creates the conversation the first time its `(channel, external_id)` is seen "
    "(then `campaign_id` and `contact` are needed) and appends the messages whose `external_id` "
    "is new, in order; repeats are skipped, so a redelivery changes nothing. Inbound messages "
    "start the reply clock and drive a live escalation's SLA clock like any other message.",
)
async def upsert_inbound_conversation(
    body: InboundConversationUpsert, member: OrgMember, session: Session, now: Now
):
    return await inbound.upsert(
        session,
        actor=member,
        channel=body.channel,
        external_id=body.external_id,
        campaign_id=body.campaign_id,
        contact=ContactData(**body.contact.model_dump()) if body.contact else None,
        messages=[InboundMessageData(**m.model_dump()) for m in body.messages],
        now=now,
    )


@router.patch(
    "/orgs/{org_id}/conversations/{conversation_id}/contact/attributes",
    response_model=ContactRead,
    summary="Set (or, with null, remove) typed attributes of the conversation's contact",
)
async def update_contact_attributes(
    conversation_id: uuid.UUID,
    body: ContactAttributesUpdate,
    member: OrgMember,
    session: Session,
    now: Now,
):
    return await conversations.set_attributes(
        session,
        viewer=member,
        conversation_id=conversation_id,
        changes=body.attributes,
        now=now,
    )
