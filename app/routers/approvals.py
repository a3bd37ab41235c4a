import uuid

from fastapi import APIRouter

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgSupervisor, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.models.rules import ApprovalStatus
from app.schemas.common import Page
from app.schemas.rules import ApprovalRead, ApproveRequest, RejectRequest
from app.services.rules import approvals, decisions

router = APIRouter(
    tags=["approvals"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.get(
    "/orgs/{org_id}/approvals",
    response_model=Page[ApprovalRead],
    summary="Escalations into restricted inboxes, oldest first (supervisor+)",
    responses=problems(400),
)
async def list_approvals(
    member: OrgSupervisor,
    session: Session,
    status: ApprovalStatus | None = ApprovalStatus.pending,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await approvals.list_for_org(
        session, org_id=member.org_id, status=status, limit=limit, cursor=cursor
    )


@router.get(
    "/orgs/{org_id}/approvals/{approval_id}",
    response_model=ApprovalRead,
    summary="Get an approval (supervisor+)",
)
async def get_approval(approval_id: uuid.UUID, member: OrgSupervisor, session: Session):
    return await approvals.get(session, org_id=member.org_id, approval_id=approval_id)


@router.post(
    "/orgs/{org_id}/approvals/{approval_id}/approve",
    response_model=ApprovalRead,
    summary="Approve: the conversation is escalated as requested (supervisor+)",
    responses=problems(409),
)
async def approve(
    approval_id: uuid.UUID, body: ApproveRequest, member: OrgSupervisor, session: Session, now: Now
):
    return await decisions.decide(
        session,
        decider=member,
        approval_id=approval_id,
        approved=True,
        reason=body.reason,
        now=now,
    )


@router.post(
    "/orgs/{org_id}/approvals/{approval_id}/reject",
    response_model=ApprovalRead,
    summary="Reject with a reason: the conversation stays with its agent (supervisor+)",
    responses=problems(409),
)
async def reject(
    approval_id: uuid.UUID, body: RejectRequest, member: OrgSupervisor, session: Session, now: Now
):
    return await decisions.decide(
        session,
        decider=member,
        approval_id=approval_id,
        approved=False,
        reason=body.reason,
        now=now,
    )
