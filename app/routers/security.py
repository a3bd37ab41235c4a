"""The security audit trail, as an organisation's admins read it."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator, AwareDatetime

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, OrgAdmin, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.models.security import SecurityEventKind
from app.schemas.common import Page
from app.schemas.security import SecurityEventRead
from app.services import security_audit

router = APIRouter(
    tags=["security"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)

_EARLIEST, _LATEST = datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC)


def _in_range(value: datetime) -> datetime:
    # An instant PostgreSQL cannot hold once in UTC (year 1 at +14:00) is bad input, not a 500.
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not _EARLIEST <= utc <= _LATEST:
        raise ValueError("must be between 0002-01-01 and 9998-12-31 (UTC)")
    return utc


def _optional_in_range(value: datetime | None) -> datetime | None:
    return None if value is None else _in_range(value)


Instant = Annotated[AwareDatetime | None, AfterValidator(_optional_in_range)]


@router.get(
    "/orgs/{org_id}/security-events",
    response_model=Page[SecurityEventRead],
    summary="The security audit trail: the members' sign-ins, failed sign-ins, two-factor "
    "changes and ended sessions, and the organisation's API keys created and revoked, newest "
    "first (owner/admin)",
    responses=problems(400),
)
async def list_security_events(
    admin: OrgAdmin,
    session: Session,
    kind: Annotated[
        list[SecurityEventKind] | None, Query(max_length=20, description="Only these kinds")
    ] = None,
    user_id: Annotated[uuid.UUID | None, Query(description="Only this member's")] = None,
    since: Annotated[Instant, Query(description="From this instant on (RFC 3339)")] = None,
    until: Annotated[Instant, Query(description="Before this instant (RFC 3339)")] = None,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await security_audit.list_for_org(
        session,
        org_id=admin.org_id,
        kinds=kind,
        user_id=user_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )
