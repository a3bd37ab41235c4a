"""Reports for managers: SLA attainment and times for any period, grouped and compared."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import OrgSupervisor, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.models.escalations import Priority
from app.schemas.reports import SlaReport
from app.services.reports import sla

router = APIRouter(
    tags=["reports"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.get(
    "/orgs/{org_id}/reports/sla",
    response_model=SlaReport,
    response_model_by_alias=True,
    summary="SLA attainment, times to first response and resolution, breaches, level raises, "
    "de-escalations and moves, grouped and bucketed, against the period before (supervisor+)",
)
async def get_sla_report(
    supervisor: OrgSupervisor,
    session: Session,
    start: Annotated[
        date, Query(alias="from", description="First day, in the organisation's time zone")
    ],
    end: Annotated[date, Query(alias="to", description="Last day, included")],
    group_by: sla.GroupBy = sla.GroupBy.inbox,
    bucket: sla.Bucket = sla.Bucket.week,
    inbox_id: uuid.UUID | None = None,
    priority: Priority | None = None,
    category: Annotated[str | None, Query(max_length=64)] = None,
    campaign_id: uuid.UUID | None = None,
):
    filters = sla.Filters(
        inbox_id=inbox_id,
        priority=priority.value if priority else None,
        category=category,
        campaign_id=campaign_id,
    )
    return await sla.sla_report(
        session,
        org_id=supervisor.org_id,
        start=start,
        end=end,
        group_by=group_by,
        bucket=bucket,
        filters=filters,
    )
