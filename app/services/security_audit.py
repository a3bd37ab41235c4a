"""The security audit trail: sign-ins, two-factor changes, ended sessions, API keys.

Written in the same unit of work as the change it records (flushed, never committed here), so a
change that rolls back leaves no entry and an entry never goes missing for one that stayed.
Admins read it per organisation: the events of its members' accounts and its own.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.organisations import Membership
from app.models.security import SecurityEvent, SecurityEventKind
from app.models.users import User
from app.services._pagination import Page, paginate

MAX_USER_AGENT = 512
MAX_IP = 64
# Any text in `detail` (an email tried at sign-in, a key's name) is cut to this: someone
# spraying passwords must not be able to fill the table with megabyte "emails".
MAX_DETAIL_TEXT = 320


@dataclass(frozen=True)
class Origin:
    """Where a request came from, as the audit trail records it."""

    ip: str | None = None
    user_agent: str | None = None


@dataclass
class EventView:
    id: uuid.UUID
    kind: SecurityEventKind
    user_id: uuid.UUID | None
    user_email: str | None
    org_id: uuid.UUID | None
    ip: str | None
    user_agent: str | None
    detail: dict[str, Any]
    at: datetime


def _clip(value: Any) -> Any:
    if isinstance(value, str):
        return value[:MAX_DETAIL_TEXT]
    if isinstance(value, dict):
        return {str(k)[:64]: _clip(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clip(v) for v in value[:50]]
    return value


def event(
    *,
    kind: SecurityEventKind,
    user_id: uuid.UUID | None,
    org_id: uuid.UUID | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime,
) -> SecurityEvent:
    """An event not yet added to any session: to travel on a refusal (`DomainError.keep`) and
    be written after the request's rollback."""
    return SecurityEvent(
        kind=kind,
        user_id=user_id,
        org_id=org_id,
        ip=ip[:MAX_IP] if ip else None,
        user_agent=user_agent[:MAX_USER_AGENT] if user_agent else None,
        detail=_clip(detail or {}),
        at=at,
    )


async def record(
    session: AsyncSession,
    *,
    kind: SecurityEventKind,
    user_id: uuid.UUID | None,
    org_id: uuid.UUID | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime,
) -> None:
    """Append one event (flushed with the caller's unit of work, never committed here)."""
    session.add(
        event(
            kind=kind,
            user_id=user_id,
            org_id=org_id,
            ip=ip,
            user_agent=user_agent,
            detail=detail,
            at=at,
        )
    )
    await session.flush()


async def record_from(
    session: AsyncSession,
    origin: Origin | None,
    *,
    kind: SecurityEventKind,
    user_id: uuid.UUID | None,
    org_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime,
) -> None:
    """`record` with the request's origin (None: not known, as from the CLI or a test)."""
    origin = origin or Origin()
    await record(
        session,
        kind=kind,
        user_id=user_id,
        org_id=org_id,
        ip=origin.ip,
        user_agent=origin.user_agent,
        detail=detail,
        at=at,
    )


def _visible_to(org_id: uuid.UUID) -> Select[Any]:
    members = select(Membership.user_id).where(Membership.org_id == org_id)
    return (
        # fastapi-users declares User's columns as plain attributes for type checkers.
        select(SecurityEvent, User.email)  # type: ignore[call-overload]
        .outerjoin(User, User.id == SecurityEvent.user_id)
        .where(
            or_(
                SecurityEvent.org_id == org_id,
                SecurityEvent.org_id.is_(None) & SecurityEvent.user_id.in_(members),
            )
        )
    )


async def list_for_org(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    kinds: list[SecurityEventKind] | None = None,
    user_id: uuid.UUID | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int,
    cursor: str | None,
) -> Page[EventView]:
    """The organisation's events, newest first: its own (API keys) and its current members'
    account events (sign-ins, two-factor). `since` is inclusive, `until` exclusive."""
    stmt = _visible_to(org_id)
    if kinds:
        stmt = stmt.where(SecurityEvent.kind.in_(kinds))
    if user_id is not None:
        stmt = stmt.where(SecurityEvent.user_id == user_id)
    if since is not None:
        stmt = stmt.where(SecurityEvent.at >= since)
    if until is not None:
        stmt = stmt.where(SecurityEvent.at < until)
    page = await paginate(
        session,
        stmt,
        keys=[SecurityEvent.at, SecurityEvent.id],
        descending=True,
        limit=limit,
        cursor=cursor,
        scalars=False,
    )
    page.items = [_view(event, email) for event, email in page.items]
    return page


def _view(event: SecurityEvent, email: str | None) -> EventView:
    return EventView(
        id=event.id,
        kind=event.kind,
        user_id=event.user_id,
        user_email=email,
        org_id=event.org_id,
        ip=event.ip,
        user_agent=event.user_agent,
        detail=event.detail,
        at=event.at,
    )
