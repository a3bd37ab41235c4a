"""The in-app feed: a member's own notifications, and their channel preferences."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

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


async def preferences(session: AsyncSession, *, member: Membership) -> list[str]:
    row = await session.get(NotificationPreference, (member.org_id, member.user_id))
    return list(row.muted_channels) if row else []


async def set_preferences(
    session: AsyncSession, *, member: Membership, muted_channels: Sequence[str]
) -> list[str]:
    muted = sorted(set(muted_channels))
    await session.execute(
        insert(NotificationPreference)
        .values(org_id=member.org_id, user_id=member.user_id, muted_channels=muted)
        .on_conflict_do_update(index_elements=["org_id", "user_id"], set_={"muted_channels": muted})
    )
    return muted
