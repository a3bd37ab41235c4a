import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import AfterValidator, AwareDatetime

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, OrgMember, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
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


def _plain(body: CalendarCreate | CalendarUpdate, *, partial: bool) -> dict[str, object]:
    return body.model_dump(mode="json", exclude_unset=partial)


@router.post(
    "/orgs/{org_id}/calendars",
    status_code=status.HTTP_201_CREATED,
    response_model=CalendarRead,
    summary="Create a business calendar (admin+)",
    responses=problems(403),
)
async def create_calendar(body: CalendarCreate, admin: OrgAdmin, session: Session, now: Now):
    return await calendars.create(
        session, org_id=admin.org_id, data=_plain(body, partial=False), now=now
    )


@router.get(
    "/orgs/{org_id}/calendars",
    response_model=Page[CalendarRead],
    summary="List calendars",
    responses=problems(400),
)
async def list_calendars(
    member: OrgMember, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await calendars.list_for_org(session, org_id=member.org_id, limit=limit, cursor=cursor)


@router.get(
    "/orgs/{org_id}/calendars/{calendar_id}",
    response_model=CalendarRead,
    summary="Get a calendar",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_calendar(
    calendar_id: uuid.UUID, member: OrgMember, session: Session, response: Response
):
    calendar = await calendars.get(session, org_id=member.org_id, calendar_id=calendar_id)
    set_etag(response, calendar.updated_at)
    return calendar


@router.patch(
    "/orgs/{org_id}/calendars/{calendar_id}",
    response_model=CalendarRead,
    summary="Edit a calendar; open escalations on it are recomputed (admin+)",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def update_calendar(
    calendar_id: uuid.UUID,
    body: CalendarUpdate,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    calendar = await calendars.update(
        session,
        org_id=admin.org_id,
        calendar_id=calendar_id,
        changes=_plain(body, partial=True),
        now=now,
        if_match=if_match,
    )
    set_etag(response, calendar.updated_at)
    return calendar


@router.delete(
    "/orgs/{org_id}/calendars/{calendar_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a calendar no policy uses (admin+)",
    responses=problems(403, 409),
)
async def delete_calendar(
    calendar_id: uuid.UUID, admin: OrgAdmin, session: Session, if_match: IfMatch
) -> Response:
    await calendars.delete(session, org_id=admin.org_id, calendar_id=calendar_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


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


def _policy_fields(body: SlaPolicyCreate | SlaPolicyUpdate, *, partial: bool) -> dict[str, object]:
    data = body.model_dump(mode="json", exclude_unset=partial)
    if body.targets is not None:
        data["targets"] = dump_targets(body.targets)
    if "calendar_id" in data and data["calendar_id"] is not None:
        data["calendar_id"] = uuid.UUID(str(data["calendar_id"]))
    return data


@router.post(
    "/orgs/{org_id}/sla-policies",
    status_code=status.HTTP_201_CREATED,
    response_model=SlaPolicyRead,
    summary="Create an SLA policy (admin+)",
    responses=problems(403),
)
async def create_sla_policy(body: SlaPolicyCreate, admin: OrgAdmin, session: Session, now: Now):
    return await policies.create(
        session, org_id=admin.org_id, data=_policy_fields(body, partial=False), now=now
    )


@router.get(
    "/orgs/{org_id}/sla-policies",
    response_model=Page[SlaPolicyRead],
    summary="List SLA policies",
    responses=problems(400),
)
async def list_sla_policies(
    member: OrgMember, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await policies.list_for_org(session, org_id=member.org_id, limit=limit, cursor=cursor)


@router.get(
    "/orgs/{org_id}/sla-policies/{policy_id}",
    response_model=SlaPolicyRead,
    summary="Get an SLA policy",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_sla_policy(
    policy_id: uuid.UUID, member: OrgMember, session: Session, response: Response
):
    policy = await policies.get(session, org_id=member.org_id, policy_id=policy_id)
    set_etag(response, policy.updated_at)
    return policy


@router.patch(
    "/orgs/{org_id}/sla-policies/{policy_id}",
    response_model=SlaPolicyRead,
    summary="Edit an SLA policy; the worker recomputes its open escalations (admin+)",
    responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
)
async def update_sla_policy(
    policy_id: uuid.UUID,
    body: SlaPolicyUpdate,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    policy = await policies.update_policy(
        session,
        org_id=admin.org_id,
        policy_id=policy_id,
        changes=_policy_fields(body, partial=True),
        now=now,
        if_match=if_match,
    )
    set_etag(response, policy.updated_at)
    return policy


@router.delete(
    "/orgs/{org_id}/sla-policies/{policy_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an SLA policy no inbox or open escalation uses (admin+)",
    responses=problems(403, 409),
)
async def delete_sla_policy(
    policy_id: uuid.UUID, admin: OrgAdmin, session: Session, if_match: IfMatch
) -> Response:
    await policies.delete(session, org_id=admin.org_id, policy_id=policy_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
