import uuid

from fastapi import APIRouter, Response, status

from app.deps import Now, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.followers import FollowerList, FollowerRead
from app.services import followers

router = APIRouter(
    tags=["followers"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)

ESCALATION = "/orgs/{org_id}/escalations/{escalation_id}"


@router.get(
    ESCALATION + "/followers",
    response_model=FollowerList,
    summary="Who follows the escalation (hears of its claim, move, close, notes and SLA alarms)",
)
async def list_followers(escalation_id: uuid.UUID, member: OrgMember, session: Session):
    items = await followers.list_for_escalation(session, viewer=member, escalation_id=escalation_id)
    return {"items": items}


@router.post(
    ESCALATION + "/follow",
    response_model=FollowerRead,
    summary="Follow the escalation (following already changes nothing)",
)
async def follow_escalation(
    escalation_id: uuid.UUID, member: OrgMember, session: Session, now: Now
):
    return await followers.follow(session, actor=member, escalation_id=escalation_id, now=now)


@router.post(
    ESCALATION + "/unfollow",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Stop following (also the agent who escalated it, who no longer sees it)",
)
async def unfollow_escalation(
    escalation_id: uuid.UUID, member: OrgMember, session: Session
) -> Response:
    await followers.unfollow(session, actor=member, escalation_id=escalation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
