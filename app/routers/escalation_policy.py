from fastapi import APIRouter, Response

from app.deps import Now, OrgAdmin, OrgMember, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.idempotency import IdempotentRoute
from app.schemas.escalation_policy import EscalationPolicyBody
from app.services import escalation_policy

router = APIRouter(
    tags=["notifications"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)


@router.get(
    "/orgs/{org_id}/escalation-policy",
    response_model=EscalationPolicyBody,
    summary="Who hears of escalations, per category",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_escalation_policy(member: OrgMember, session: Session, response: Response):
    policy = await escalation_policy.get(session, org_id=member.org_id)
    set_etag(response, policy.updated_at)
    return policy


@router.put(
    "/orgs/{org_id}/escalation-policy",
    response_model=EscalationPolicyBody,
    summary="Replace the escalation policy; removed categories' escalations move to `other` "
    "(admin+)",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def replace_escalation_policy(
    body: EscalationPolicyBody,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    data = body.model_dump(mode="json")
    policy = await escalation_policy.replace(
        session,
        org_id=admin.org_id,
        categories=data["categories"],
        default_recipients=data["default_recipients"],
        now=now,
        if_match=if_match,
    )
    set_etag(response, policy.updated_at)
    return policy
