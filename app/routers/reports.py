"""Reports for managers: SLA attainment and times for any period, grouped and compared."""

import enum
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgSupervisor, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.models.escalations import Priority
from app.schemas.common import Page
from app.schemas.reports import BreachRead, SlaReport
from app.services.reports import breaches, exports, sla


class BreachTarget(enum.StrEnum):
    first_response = "first_response"
    resolution = "resolution"


router = APIRouter(
    tags=["reports"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


Start = Annotated[
    date, Query(alias="from", description="First day, in the organisation's time zone")
]
End = Annotated[date, Query(alias="to", description="Last day, included")]


def _filters(
    inbox_id: uuid.UUID | None = None,
    priority: Priority | None = None,
    category: Annotated[str | None, Query(max_length=64)] = None,
    campaign_id: uuid.UUID | None = None,
) -> sla.Filters:
    return sla.Filters(
        inbox_id=inbox_id,
        priority=priority.value if priority else None,
        category=category,
        campaign_id=campaign_id,
    )


def _breach_query(
    start: Start,
    end: End,
    filters: Annotated[sla.Filters, Depends(_filters)],
    target: Annotated[BreachTarget | None, Query(description="Only this target's breaches")] = None,
) -> breaches.BreachQuery:
    return breaches.BreachQuery(start, end, filters, target.value if target else None)


BreachQuery = Annotated[breaches.BreachQuery, Depends(_breach_query)]


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
    start: Start,
    end: End,
    filters: Annotated[sla.Filters, Depends(_filters)],
    group_by: sla.GroupBy = sla.GroupBy.inbox,
    bucket: sla.Bucket = sla.Bucket.week,
):
    return await sla.sla_report(
        session,
        org_id=supervisor.org_id,
        start=start,
        end=end,
        group_by=group_by,
        bucket=bucket,
        filters=filters,
    )


@router.get(
    "/orgs/{org_id}/reports/breaches",
    response_model=Page[BreachRead],
    summary="Every SLA breach of the period, newest first: how late, who held it, what it "
    "raised (supervisor+)",
    responses=problems(400),
)
async def list_breaches(
    supervisor: OrgSupervisor,
    session: Session,
    now: Now,
    query: BreachQuery,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await breaches.list_breaches(
        session, org_id=supervisor.org_id, query=query, limit=limit, cursor=cursor, now=now
    )


def _export_response(
    chunks: AsyncIterator[str], fmt: exports.Format, name: str, start: date, end: date
) -> StreamingResponse:
    filename = f"{name}-{start}-{end}.{fmt.value}"
    return StreamingResponse(
        chunks,
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


_EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Streamed: CSV with a header row (spreadsheet-safe), or JSON Lines",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}
# The export's session lives until the last row is sent (request scope): its transaction holds
# the server-side cursor the rows stream from.
StreamSession = Annotated[AsyncSession, Depends(get_session)]


@router.get(
    "/orgs/{org_id}/reports/escalations/export",
    response_class=StreamingResponse,
    summary="Every escalation created in the period, one row each, as CSV or JSON Lines "
    "(supervisor+; API keys need `reports:read`)",
    responses=_EXPORTED,
)
async def export_escalations(
    supervisor: OrgSupervisor,
    session: StreamSession,
    start: Start,
    end: End,
    filters: Annotated[sla.Filters, Depends(_filters)],
    format: exports.Format = exports.Format.csv,
):
    chunks = await exports.escalations_export(
        session, org_id=supervisor.org_id, start=start, end=end, filters=filters, fmt=format
    )
    return _export_response(chunks, format, "escalations", start, end)


@router.get(
    "/orgs/{org_id}/reports/breaches/export",
    response_class=StreamingResponse,
    summary="The period's breach list, every row of it, as CSV or JSON Lines (supervisor+; "
    "API keys need `reports:read`)",
    responses=_EXPORTED,
)
async def export_breaches(
    supervisor: OrgSupervisor,
    session: StreamSession,
    now: Now,
    query: BreachQuery,
    format: exports.Format = exports.Format.csv,
):
    chunks = await exports.breaches_export(
        session, org_id=supervisor.org_id, query=query, fmt=format, now=now
    )
    return _export_response(chunks, format, "breaches", query.start, query.end)
