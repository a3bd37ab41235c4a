import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator, AwareDatetime

from app.deps import OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.routers._crud import Resource, add_routes
from app.schemas.sla import (
    BusinessMinutesRead,
    CalendarCreate,
    CalendarRead,
    CalendarUpdate,
    DeadlineRead,
    SlaPolicyCreate,
    SlaPolicyRead,
    SlaPolicyUpdate,
    dump_targets,
)
from app.services.sla import calendars, policies

router = APIRouter(tags=["sla"], route_class=IdempotentRoute, responses=problems(401, 404, 422))

_EARLIEST, _LATEST = datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC)


def _in_range(value: datetime) -> datetime:
    # Calendar arithmetic needs room around an instant in every zone (it was a 500 near 0001/9999).
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not _EARLIEST <= utc <= _LATEST:
        raise ValueError("must be between 0002-01-01 and 9998-12-31 (UTC)")
    return utc  # echoed back in UTC, as every timestamp of the API


Instant = Annotated[
    AwareDatetime, Query(description="RFC 3339 with an offset"), AfterValidator(_in_range)
]


add_routes(
    router,
    Resource(
        collection="/orgs/{org_id}/calendars",
        id_name="calendar_id",
        noun="calendar",
        plural="calendars",
        read=CalendarRead,
        create=CalendarCreate,
        update=CalendarUpdate,
        fields=lambda body, partial: body.model_dump(mode="json", exclude_unset=partial),
        service=calendars,
        update_fn=calendars.update,
        summaries={
            "create": "Create a business calendar (admin+)",
            "list": "List calendars",
            "get": "Get a calendar",
            "update": "Edit a calendar; open escalations on it are recomputed (admin+)",
            "delete": "Delete a calendar no policy uses (admin+)",
        },
    ),
)


@router.get(
    "/orgs/{org_id}/calendars/{calendar_id}/deadline",
    response_model=DeadlineRead,
    summary="When `minutes` business minutes will have passed since `start`",
)
async def get_deadline(
    calendar_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    start: Instant,
    minutes: Annotated[float, Query(ge=0, le=5_256_000)],
):
    due_at = await calendars.deadline(
        session,
        org_id=member.org_id,
        calendar_id=calendar_id,
        start=start,
        minutes=minutes,
    )
    return DeadlineRead(start=start, minutes=minutes, due_at=due_at)


@router.get(
    "/orgs/{org_id}/calendars/{calendar_id}/business-minutes",
    response_model=BusinessMinutesRead,
    summary="Business minutes in [start, end)",
)
async def get_business_minutes(
    calendar_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    start: Instant,
    end: Instant,
):
    minutes = await calendars.business_minutes(
        session, org_id=member.org_id, calendar_id=calendar_id, start=start, end=end
    )
    return BusinessMinutesRead(start=start, end=end, minutes=minutes)


def _policy_fields(body: SlaPolicyCreate | SlaPolicyUpdate, partial: bool) -> dict[str, object]:
    data = body.model_dump(mode="json", exclude_unset=partial)
    if body.targets is not None:
        data["targets"] = dump_targets(body.targets)
    if "calendar_id" in data and data["calendar_id"] is not None:
        data["calendar_id"] = uuid.UUID(str(data["calendar_id"]))
    return data


add_routes(
    router,
    Resource(
        collection="/orgs/{org_id}/sla-policies",
        id_name="policy_id",
        noun="sla_policy",
        plural="sla_policies",
        read=SlaPolicyRead,
        create=SlaPolicyCreate,
        update=SlaPolicyUpdate,
        fields=_policy_fields,
        service=policies,
        update_fn=policies.update_policy,
        summaries={
            "create": "Create an SLA policy (admin+)",
            "list": "List SLA policies",
            "get": "Get an SLA policy",
            "update": "Edit an SLA policy; the worker recomputes its open escalations (admin+)",
            "delete": "Delete an SLA policy no inbox or open escalation uses (admin+)",
        },
    ),
)
