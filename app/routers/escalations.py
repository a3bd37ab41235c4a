import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import JSONResponse

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgMember, ReadSession, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.idempotency import IdempotentRoute
from app.models.escalations import EscalationStatus
from app.models.rules import Approval
from app.schemas.common import Page
from app.schemas.escalations import (
    EscalationCreate,
    EscalationRead,
    EscalationResult,
    EscalationUpdate,
    EventRead,
    MoveRequest,
    NoteIn,
)
from app.schemas.inboxes import OwnerView
from app.schemas.rules import ApprovalRead
from app.services import escalations, notes
from app.services.escalations import OwnerInbox

router = APIRouter(
    tags=["escalations"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)

EscalationId = Annotated[uuid.UUID, "escalation id"]


@router.post(
    "/orgs/{org_id}/conversations/{conversation_id}/escalate",
    status_code=status.HTTP_201_CREATED,
    response_model=EscalationResult,
    summary="Escalate a conversation into an inbox with a hand-off note",
    responses={
        **problems(409),
        202: {
            "model": ApprovalRead,
            "description": "The inbox is restricted: a pending approval, the conversation stays",
        },
    },
)
async def escalate_conversation(
    conversation_id: uuid.UUID,
    body: EscalationCreate,
    member: OrgMember,
    session: Session,
    now: Now,
):
    escalation, next_conversation = await escalations.escalate(
        session,
        actor=member,
        conversation_id=conversation_id,
        inbox_id=body.inbox_id,
        priority=body.priority,
        category=body.category,
        handoff=body.handoff.model_dump(),
        now=now,
    )
    if isinstance(escalation, Approval):
        approval = ApprovalRead.model_validate(escalation).model_dump(mode="json")
        return JSONResponse(approval, status_code=status.HTTP_202_ACCEPTED)
    return {"escalation": escalation, "next_conversation": next_conversation}


@router.get(
    "/orgs/{org_id}/escalations/{escalation_id}",
    response_model=EscalationRead,
    summary="Get an escalation (its inbox's owners and supervisors and above)",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_escalation(
    escalation_id: uuid.UUID, member: OrgMember, session: ReadSession, response: Response
):
    escalation = await escalations.get_visible(session, viewer=member, escalation_id=escalation_id)
    set_etag(response, escalation.updated_at)
    return escalation


@router.patch(
    "/orgs/{org_id}/escalations/{escalation_id}",
    response_model=EscalationRead,
    summary="Change an escalation's priority or category",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def update_escalation(
    escalation_id: uuid.UUID,
    body: EscalationUpdate,
    member: OrgMember,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    escalation = await escalations.change(
        session,
        actor=member,
        escalation_id=escalation_id,
        priority=body.priority,
        category=body.category,
        now=now,
        if_match=if_match,
    )
    set_etag(response, escalation.updated_at)
    return escalation


@router.post(
    "/orgs/{org_id}/escalations/{escalation_id}/release",
    response_model=EscalationRead,
    summary="Give a claim back before it expires",
    responses={**problems(409), 200: {"headers": ETAG_HEADER}},
)
async def release_escalation(
    escalation_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    escalation = await escalations.release(
        session, actor=member, escalation_id=escalation_id, now=now, if_match=if_match
    )
    set_etag(response, escalation.updated_at)
    return escalation


@router.post(
    "/orgs/{org_id}/escalations/{escalation_id}/move",
    response_model=EscalationRead,
    summary="Move into another inbox, unclaimed",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def move_escalation(
    escalation_id: uuid.UUID,
    body: MoveRequest,
    member: OrgMember,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    escalation = await escalations.move(
        session,
        actor=member,
        escalation_id=escalation_id,
        inbox_id=body.inbox_id,
        note=body.note,
        now=now,
        if_match=if_match,
    )
    set_etag(response, escalation.updated_at)
    return escalation


@router.post(
    "/orgs/{org_id}/escalations/{escalation_id}/de-escalate",
    response_model=EscalationRead,
    summary="Send the conversation back to its campaign, unassigned",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def de_escalate_escalation(
    escalation_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
    body: NoteIn | None = None,
):
    escalation = await escalations.de_escalate(
        session,
        actor=member,
        escalation_id=escalation_id,
        note=body.note if body else None,
        now=now,
        if_match=if_match,
    )
    set_etag(response, escalation.updated_at)
    return escalation


@router.post(
    "/orgs/{org_id}/escalations/{escalation_id}/resolve",
    response_model=EscalationRead,
    summary="Resolve the escalation",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def resolve_escalation(
    escalation_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
    body: NoteIn | None = None,
):
    escalation = await escalations.resolve(
        session,
        actor=member,
        escalation_id=escalation_id,
        note=body.note if body else None,
        now=now,
        if_match=if_match,
    )
    set_etag(response, escalation.updated_at)
    return escalation


@router.get(
    "/orgs/{org_id}/escalations/{escalation_id}/events",
    response_model=Page[EventRead],
    summary="The audit trail and timeline, oldest first; a note is in its `escalation.note_added`",
    responses=problems(400),
)
async def list_escalation_events(
    escalation_id: uuid.UUID,
    member: OrgMember,
    session: ReadSession,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await notes.timeline(
        session, viewer=member, escalation_id=escalation_id, limit=limit, cursor=cursor
    )


@router.get(
    "/orgs/{org_id}/inboxes/{inbox_id}/escalations",
    response_model=Page[EscalationRead],
    summary="One inbox's escalations, newest activity first (its owners, supervisors and above)",
    responses=problems(400, 403),
)
async def list_inbox_escalations(
    inbox_id: uuid.UUID,
    member: OrgMember,
    session: ReadSession,
    now: Now,
    status: Annotated[EscalationStatus | None, Query()] = None,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await escalations.list_for_inbox(
        session,
        viewer=member,
        inbox_id=inbox_id,
        status=status,
        limit=limit,
        cursor=cursor,
        now=now,
    )


@router.get(
    "/orgs/{org_id}/me/escalations",
    response_model=OwnerView,
    summary="The owner view: my inboxes first, their escalations grouped by campaign",
)
async def get_owner_view(
    member: OrgMember,
    session: ReadSession,
    now: Now,
    per_inbox: Annotated[int, Query(ge=1, le=500, description="Most items per inbox")] = 100,
    others_claims: Annotated[
        bool,
        Query(
            description="Also the live claims others hold in these inboxes (after the "
            "unclaimed ones), each with its holder (`claimed_by`) and `claim_expires_at`"
        ),
    ] = False,
):
    inboxes: list[OwnerInbox] = await escalations.owner_view(
        session, viewer=member, per_inbox=per_inbox, now=now, others_claims=others_claims
    )
    return {"inboxes": inboxes}
