import uuid

from fastapi import APIRouter, Response, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, OrgMember, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.idempotency import IdempotentRoute
from app.schemas.campaigns import CampaignCreate, CampaignRead, CampaignUpdate
from app.schemas.common import Page
from app.services import campaigns

router = APIRouter(
    tags=["campaigns"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)


@router.post(
    "/orgs/{org_id}/campaigns",
    status_code=status.HTTP_201_CREATED,
    response_model=CampaignRead,
    summary="Create a campaign (admin+)",
    responses=problems(403),
)
async def create_campaign(body: CampaignCreate, admin: OrgAdmin, session: Session):
    return await campaigns.create(session, org_id=admin.org_id, **body.model_dump())


@router.get(
    "/orgs/{org_id}/campaigns",
    response_model=Page[CampaignRead],
    summary="List campaigns, newest first",
    responses=problems(400),
)
async def list_campaigns(
    member: OrgMember, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await campaigns.list_for_org(session, org_id=member.org_id, limit=limit, cursor=cursor)


@router.get(
    "/orgs/{org_id}/campaigns/{campaign_id}",
    response_model=CampaignRead,
    summary="Get a campaign",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_campaign(
    campaign_id: uuid.UUID, member: OrgMember, session: Session, response: Response
):
    campaign = await campaigns.get(session, org_id=member.org_id, campaign_id=campaign_id)
    set_etag(response, campaign.updated_at)
    return campaign


@router.patch(
    "/orgs/{org_id}/campaigns/{campaign_id}",
    response_model=CampaignRead,
    summary="Edit a campaign, including its auto-escalation rule (admin+)",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def update_campaign(
    campaign_id: uuid.UUID,
    body: CampaignUpdate,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    campaign = await campaigns.update(
        session,
        org_id=admin.org_id,
        campaign_id=campaign_id,
        changes=body.model_dump(exclude_unset=True),
        now=now,
        if_match=if_match,
    )
    set_etag(response, campaign.updated_at)
    return campaign
