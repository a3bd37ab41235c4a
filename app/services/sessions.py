"""Server-side sessions: opened at sign-in, checked on every request, ended from anywhere.

An access token (cookie or bearer) is a signed JWT naming its session (`sid`). The signature is
checked in memory; whether the session is still open is read with the caller's user row and
membership in the statement every request already runs, so ending a session costs no extra
statement per request and takes effect on the very next one, on every process.
"""

import uuid
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import ColumnElement, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from ua_parser import parse as parse_user_agent

from app.errors import NotFound
from app.models.organisations import Membership
from app.models.security import SecurityEventKind
from app.models.sessions import AuthSession, SessionEndReason, SessionTransport
from app.models.users import User
from app.services import security_audit
from app.services.security_audit import Origin

# How stale `last_seen_at` may get: "last seen" is shown to the minute, and a write per request
# would cost more than the request it records.
LAST_SEEN_GRANULARITY = timedelta(minutes=1)
_USER_AGENT_LIMIT = 400


class SessionNotFound(NotFound):
    code = "session-not-found"
    title = "Session not found"


async def open_session(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    transport: SessionTransport,
    user_agent: str | None,
    ip: str | None,
    now: datetime,
    lifetime: timedelta,
) -> AuthSession:
    opened = AuthSession(
        user_id=user_id,
        transport=transport,
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime,
        user_agent=(user_agent or None) and user_agent[:_USER_AGENT_LIMIT],
        ip=ip,
    )
    session.add(opened)
    await session.flush()
    return opened


async def sign_in(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    transport: SessionTransport,
    origin: Origin,
    now: datetime,
    lifetime: timedelta,
) -> AuthSession:
    """A password (and, when enrolled, a second factor) checked out: open the device's session
    and say so in the security audit trail."""
    opened = await open_session(
        session,
        user_id=user_id,
        transport=transport,
        user_agent=origin.user_agent,
        ip=origin.ip,
        now=now,
        lifetime=lifetime,
    )
    await security_audit.record_from(
        session,
        origin,
        kind=SecurityEventKind.sign_in,
        user_id=user_id,
        detail={"session_id": str(opened.id), "transport": str(transport)},
        at=now,
    )
    return opened


async def _record_ended(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    ended: list[uuid.UUID],
    reason: SessionEndReason,
    origin: Origin | None,
    now: datetime,
) -> None:
    for session_id in ended:
        await security_audit.record_from(
            session,
            origin,
            kind=SecurityEventKind.session_ended,
            user_id=user_id,
            detail={"session_id": str(session_id), "reason": str(reason)},
            at=now,
        )


def _open_session_of_caller() -> ColumnElement[bool]:
    # (Bind names that are no column's: in an UPDATE, SQLAlchemy takes a bind named like a
    # column for a value to SET.)
    return (
        (AuthSession.id == bindparam("caller_session"))
        & (AuthSession.user_id == bindparam("caller"))
        & AuthSession.ended_at.is_(None)
        & (AuthSession.expires_at > func.now())
    )


# Statements built once: every authenticated request runs one of them. The data-modifying CTE
# moves `last_seen_at` at most once a minute; PostgreSQL runs it whether or not the query reads it.
_SEEN = (
    update(AuthSession)
    .where(
        _open_session_of_caller(),
        AuthSession.last_seen_at < func.now() - LAST_SEEN_GRANULARITY,
    )
    .values(last_seen_at=func.now())
    .returning(AuthSession.id)
    .cte("seen")
)
_CALLER = (
    select(User)
    .join(AuthSession, _open_session_of_caller())
    .where(User.id == bindparam("caller"))  # type: ignore[arg-type]
    .add_cte(_SEEN)
)
_CALLER_IN_ORG = (
    select(User, Membership)
    .join_from(User, AuthSession, _open_session_of_caller())
    .outerjoin_from(
        User,
        Membership,
        (Membership.user_id == User.id) & (Membership.org_id == bindparam("caller_org")),
    )
    .where(User.id == bindparam("caller"))  # type: ignore[arg-type]
    .add_cte(_SEEN)
)


async def load_caller(
    session: AsyncSession,
    *,
    session_id: uuid.UUID,
    user_id: uuid.UUID,
    org_id: uuid.UUID | None,
) -> tuple[User, Membership | None] | None:
    """The caller's user row, if their session is open, and their membership of `org_id` (None
    when they are not in it, or for a route outside organisations). Never cached, so an ended
    session, a role change, a removal or a deactivation applies to the very next request."""
    params = {"caller_session": session_id, "caller": user_id}
    if org_id is None:
        user = (await session.execute(_CALLER, params)).scalar_one_or_none()
        return None if user is None else (user, None)
    row = (await session.execute(_CALLER_IN_ORG, {**params, "caller_org": org_id})).first()
    return None if row is None else (row[0], row[1])


async def open_among(session: AsyncSession, session_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these sessions are still open (live streams check theirs every few seconds)."""
    if not session_ids:
        return set()
    rows = await session.scalars(
        select(AuthSession.id).where(
            AuthSession.id.in_(session_ids),
            AuthSession.ended_at.is_(None),
            AuthSession.expires_at > func.now(),
        )
    )
    return set(rows)


async def list_open(
    session: AsyncSession, *, user_id: uuid.UUID, now: datetime
) -> list[AuthSession]:
    """The member's open sessions, the most recently used first."""
    rows = await session.scalars(
        select(AuthSession)
        .where(
            AuthSession.user_id == user_id,
            AuthSession.ended_at.is_(None),
            AuthSession.expires_at > now,
        )
        .order_by(AuthSession.last_seen_at.desc(), AuthSession.id)
    )
    return list(rows)


async def end(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    session_id: uuid.UUID,
    reason: SessionEndReason,
    now: datetime,
    origin: Origin | None = None,
) -> AuthSession:
    """End one of the member's own sessions; anyone else's, or one already over, is not found."""
    ended = await session.scalar(
        update(AuthSession)
        .where(
            AuthSession.id == session_id,
            AuthSession.user_id == user_id,
            AuthSession.ended_at.is_(None),
            AuthSession.expires_at > now,
        )
        .values(ended_at=now, end_reason=reason)
        .returning(AuthSession)
    )
    if ended is None:
        raise SessionNotFound("No open session of yours has this id.")
    await _record_ended(
        session, user_id=user_id, ended=[ended.id], reason=reason, origin=origin, now=now
    )
    return ended


async def end_all(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    reason: SessionEndReason,
    now: datetime,
    keep: uuid.UUID | None = None,
    origin: Origin | None = None,
) -> list[uuid.UUID]:
    """End every open session of the user but `keep`; the ids of those ended."""
    stmt = update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))
    if keep is not None:
        stmt = stmt.where(AuthSession.id != keep)
    ended = list(
        await session.scalars(
            stmt.values(ended_at=now, end_reason=reason).returning(AuthSession.id)
        )
    )
    await _record_ended(
        session, user_id=user_id, ended=ended, reason=reason, origin=origin, now=now
    )
    return ended


@lru_cache(maxsize=1024)
def describe_device(user_agent: str | None) -> str:
    """ "Firefox 132 on Windows": what a member recognises their devices by."""
    if not user_agent:
        return "Unknown device"
    parsed = parse_user_agent(user_agent)
    browser = parsed.user_agent
    system = parsed.os
    if browser is None and system is None:
        return user_agent[:80]
    name = "Unknown browser"
    if browser is not None:
        name = " ".join(part for part in (browser.family, browser.major) if part)
    if system is None or system.family == "Other":
        return name
    return f"{name} on {system.family}"
