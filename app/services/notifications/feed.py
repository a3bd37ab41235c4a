"""The in-app feed: a member's own notifications, and their channel preferences."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from app.models.notifications import Channel, Notification, NotificationPreference
from app.models.organisations import Membership
from app.services._pagination import paginate


class NotificationNotFound(NotFound):
    code = "notification-not-found"
    title = "Notification not found"


@dataclass
class Feed:
    items: list[Notification]
    next_cursor: str | None
    unread_count: int


def _mine(member: Membership) -> list[object]:
    return [
        Notification.org_id == member.org_id,
        Notification.user_id == member.user_id,
        Notification.channel == Channel.in_app,
    ]


async def list_feed(
    session: AsyncSession,
    *,
    member: Membership,
    unread: bool | None,
    limit: int,
    cursor: str | None,
) -> Feed:
    stmt = select(Notification).where(*_mine(member))  # type: ignore[arg-type]
    if unread is not None:
        stmt = stmt.where(
            Notification.read_at.is_(None) if unread else Notification.read_at.isnot(None)
        )
    page = await paginate(
        session,
        stmt,
        keys=[Notification.created_at, Notification.id],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    unread_count = await session.scalar(
        select(func.count()).where(*_mine(member), Notification.read_at.is_(None))  # type: ignore[arg-type]
    )
    return Feed(items=page.items, next_cursor=page.next_cursor, unread_count=unread_count or 0)


async def mark_read(
    session: AsyncSession, *, member: Membership, notification_id: uuid.UUID, now: datetime
) -> Notification:
    notification = await session.scalar(
        select(Notification).where(*_mine(member), Notification.id == notification_id)  # type: ignore[arg-type]
    )
    if notification is None:
        raise NotificationNotFound()
    if notification.read_at is None:
        notification.read_at = now
        await session.flush()
    return notification


async def mark_all_read(session: AsyncSession, *, member: Membership, now: datetime) -> int:
    result = await session.execute(
        update(Notification)
        .where(*_mine(member), Notification.read_at.is_(None))  # type: ignore[arg-type]
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PreferencesView:
    muted_channels: list[str]
    weekly_digest: bool


async def preferences(session: AsyncSession, *, member: Membership) -> PreferencesView:
    row = await session.get(NotificationPreference, (member.org_id, member.user_id))
    if row is None:
        return PreferencesView(muted_channels=[], weekly_digest=False)
    return PreferencesView(list(row.muted_channels), row.weekly_digest)


async def set_preferences(
    session: AsyncSession,
    *,
    member: Membership,
    muted_channels: Sequence[str],
    weekly_digest: bool | None = None,
) -> PreferencesView:
    """Replace the muted channels; the digest choice only when given (None keeps it)."""
    muted = sorted(set(muted_channels))
    values: dict[str, Any] = {"muted_channels": muted}
    if weekly_digest is not None:
        values["weekly_digest"] = weekly_digest
    row = await session.scalar(
        insert(NotificationPreference)
        .values(org_id=member.org_id, user_id=member.user_id, **values)
        .on_conflict_do_update(index_elements=["org_id", "user_id"], set_=values)
        .returning(NotificationPreference.weekly_digest)
    )
    return PreferencesView(muted, bool(row))
