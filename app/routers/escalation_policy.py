from fastapi import APIRouter

from app.deps import Now, OrgAdmin, OrgMember, Session
from app.errors import problems
from app.schemas.escalation_policy import EscalationPolicyBody
from app.services import escalation_policy

router = APIRouter(tags=["notifications"], responses=problems(401, 404, 422))


@router.get(
    "/orgs/{org_id}/escalation-policy",
    response_model=EscalationPolicyBody,
    summary="Who hears of escalations, per category",
)
async def get_escalation_policy(member: OrgMember, session: Session):
    return await escalation_policy.get(session, org_id=member.org_id)


@router.put(
    "/orgs/{org_id}/escalation-policy",
    response_model=EscalationPolicyBody,
    summary="Replace the escalation policy; removed categories' escalations move to `other` "
    "(admin+)",
    responses=problems(403),
)
async def replace_escalation_policy(
    body: EscalationPolicyBody, admin: OrgAdmin, session: Session, now: Now
):
    data = body.model_dump(mode="json")
    return await escalation_policy.replace(
        session,
        org_id=admin.org_id,
        categories=data["categories"],
        default_recipients=data["default_recipients"],
        now=now,
    )
