from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import Now, OrgSupervisor, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.stats import EscalationStats
from app.services import stats

router = APIRouter(
    tags=["stats"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.get(
    "/orgs/{org_id}/stats/escalations",
    response_model=EscalationStats,
    summary="Dashboard figures: open escalations by inbox and priority, daily flow, SLA "
    "attainment (supervisor+)",
)
async def get_escalation_stats(
    supervisor: OrgSupervisor,
    session: Session,
    now: Now,
    days: Annotated[int, Query(ge=1, le=90, description="How many days back, today included")] = 14,
):
    return await stats.escalation_stats(session, org_id=supervisor.org_id, days=days, now=now)
