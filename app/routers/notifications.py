import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.notifications import (
    NotificationFeed,
    NotificationRead,
    Preferences,
    PreferencesUpdate,
    ReadAllResult,
)
from app.services.notifications import feed

router = APIRouter(
    tags=["notifications"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)


@router.get(
    "/orgs/{org_id}/notifications",
    response_model=NotificationFeed,
    summary="My in-app notifications, newest first, with the unread count",
    responses=problems(400),
)
async def list_notifications(
    member: OrgMember,
    session: Session,
    unread: Annotated[bool | None, Query(description="Only unread (true) or read (false)")] = None,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await feed.list_feed(session, member=member, unread=unread, limit=limit, cursor=cursor)


@router.post(
    "/orgs/{org_id}/notifications/read-all",
    response_model=ReadAllResult,
    summary="Mark all my notifications read",
)
async def read_all_notifications(member: OrgMember, session: Session, now: Now):
    return ReadAllResult(marked=await feed.mark_all_read(session, member=member, now=now))


@router.post(
    "/orgs/{org_id}/notifications/{notification_id}/read",
    response_model=NotificationRead,
    summary="Mark one of my notifications read",
)
async def read_notification(
    notification_id: uuid.UUID, member: OrgMember, session: Session, now: Now
):
    return await feed.mark_read(session, member=member, notification_id=notification_id, now=now)


@router.get(
    "/orgs/{org_id}/me/notification-preferences",
    response_model=Preferences,
    summary="My notification preferences in this organisation",
)
async def get_notification_preferences(member: OrgMember, session: Session):
    return await feed.preferences(session, member=member)


@router.put(
    "/orgs/{org_id}/me/notification-preferences",
    response_model=Preferences,
    summary="Mute channels for myself (never the fallback); opt into the weekly digest",
)
async def set_notification_preferences(
    body: PreferencesUpdate, member: OrgMember, session: Session
):
    return await feed.set_preferences(
        session,
        member=member,
        muted_channels=body.muted_channels,
        weekly_digest=body.weekly_digest,
    )
