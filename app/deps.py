"""Shared dependencies as Annotated aliases: the session, the caller, and their membership."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

from arq import ArqRedis
from fastapi import Depends, Path, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import caller_membership, current_active_user, origin_of, request_api_key
from app.db import get_read_session, get_session
from app.models.base import utcnow
from app.models.organisations import Membership, Role
from app.models.users import User
from app.services import availability, organisations, security_audit
from app.services._pagination import DEFAULT_LIMIT, MAX_LIMIT


async def get_redis(request: Request) -> ArqRedis:
    """The arq Redis pool opened in the lifespan (tests and schemathesis override this)."""
    redis: ArqRedis = request.app.state.redis
    return redis


# scope="function": the commit runs when the handler returns, before the response is sent.
Session = Annotated[AsyncSession, Depends(get_session, scope="function")]
# Routes that only read: no transaction around their statements (app/db.py).
ReadSession = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
CurrentUser = Annotated[User, Depends(current_active_user)]
Redis = Annotated[ArqRedis, Depends(get_redis)]
OrgId = Annotated[uuid.UUID, Path(description="The organisation's id")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")]
Cursor = Annotated[
    str | None, Query(max_length=512, description="`next_cursor` of the previous page")
]


async def _now() -> datetime:  # async: a plain `def` dependency costs a thread-pool hop
    return utcnow()


# The request's clock; tests override `_now` to move time.
Now = Annotated[datetime, Depends(_now)]


async def _origin(request: Request) -> security_audit.Origin:
    return origin_of(request)


# Where the request came from, for the security audit trail.
RequestOrigin = Annotated[security_audit.Origin, Depends(_origin)]
_READS = {"GET", "HEAD", "OPTIONS"}


async def _org_member(
    org_id: OrgId, user: CurrentUser, session: Session, request: Request, now: Now
) -> Membership:
    membership = await organisations.get_membership(
        session, org_id=org_id, user_id=user.id, known=caller_membership(request)
    )
    if request_api_key(request) is None:  # an API key is no person: it has no second factor
        organisations.require_two_factor(membership)
    if request.method not in _READS:  # a change the member makes is activity (polling is not)
        await availability.touch(session, member=membership, now=now)
    return membership


def _at_least(minimum: Role) -> Callable[..., Awaitable[Membership]]:
    async def dependency(membership: Annotated[Membership, Depends(_org_member)]) -> Membership:
        organisations.require_role(membership, minimum)
        return membership

    return dependency


OrgMember = Annotated[Membership, Depends(_org_member)]
OrgSupervisor = Annotated[Membership, Depends(_at_least(Role.supervisor))]
OrgAdmin = Annotated[Membership, Depends(_at_least(Role.admin))]
OrgOwner = Annotated[Membership, Depends(_at_least(Role.owner))]

DEFAULT_PAGE_LIMIT = DEFAULT_LIMIT
