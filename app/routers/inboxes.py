import uuid

from fastapi import APIRouter, Response, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, OrgMember, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
from app.schemas.inboxes import ClaimBatch, ClaimRequest, InboxCreate, InboxRead, InboxUpdate
from app.services import escalations, inboxes

router = APIRouter(tags=["inboxes"], route_class=IdempotentRoute, responses=problems(401, 404, 422))


@router.post(
    "/orgs/{org_id}/inboxes",
    status_code=status.HTTP_201_CREATED,
    response_model=InboxRead,
    summary="Create an escalation inbox (admin+)",
    responses=problems(403, 409),
)
async def create_inbox(body: InboxCreate, admin: OrgAdmin, session: Session, now: Now):
    return await inboxes.create(session, actor=admin, now=now, **body.model_dump())


@router.get(
    "/orgs/{org_id}/inboxes",
    response_model=Page[InboxRead],
    responses=problems(400),
    summary="List every inbox (counts for its owners and supervisors and above)",
)
async def list_inboxes(
    member: OrgMember,
    session: Session,
    now: Now,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await inboxes.list_for_member(
        session, viewer=member, limit=limit, cursor=cursor, now=now
    )


@router.get(
    "/orgs/{org_id}/inboxes/{inbox_id}",
    response_model=InboxRead,
    summary="Get an inbox",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_inbox(
    inbox_id: uuid.UUID, member: OrgMember, session: Session, now: Now, response: Response
):
    view = await inboxes.get(session, viewer=member, inbox_id=inbox_id, now=now)
    set_etag(response, view.inbox.updated_at)
    return view


@router.patch(
    "/orgs/{org_id}/inboxes/{inbox_id}",
    response_model=InboxRead,
    summary="Edit an inbox; removed owners' claims go back to the pool (admin+)",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def update_inbox(
    inbox_id: uuid.UUID,
    body: InboxUpdate,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    view = await inboxes.update(
        session,
        actor=admin,
        inbox_id=inbox_id,
        changes=body.model_dump(exclude_unset=True),
        now=now,
        if_match=if_match,
    )
    set_etag(response, view.inbox.updated_at)
    return view


@router.delete(
    "/orgs/{org_id}/inboxes/{inbox_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an inbox, de-escalating its live escalations back to their campaigns (admin+)",
    responses=problems(403, 409),
)
async def delete_inbox(
    inbox_id: uuid.UUID, admin: OrgAdmin, session: Session, now: Now, if_match: IfMatch
) -> Response:
    returned = await inboxes.delete_inbox(
        session, actor=admin, inbox_id=inbox_id, now=now, if_match=if_match
    )
    return Response(
        status_code=status.HTTP_204_NO_CONTENT, headers={"X-De-Escalated-Count": str(returned)}
    )


@router.post(
    "/orgs/{org_id}/inboxes/{inbox_id}/claims",
    status_code=status.HTTP_201_CREATED,
    response_model=ClaimBatch,
    responses=problems(403, 409),
    summary="Claim the next batch: highest priority, then oldest (inbox owners)",
)
async def claim_batch(
    inbox_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    now: Now,
    body: ClaimRequest | None = None,
):
    return await escalations.claim(
        session, member=member, inbox_id=inbox_id, count=body.count if body else None, now=now
    )
