"""Every outbox delivery by email, Slack or webhook, and redelivery. Admin+ only: deliveries show
who hears of what and what their systems answered."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.deliveries import (
    DeliveryChannel,
    DeliveryEventType,
    NotificationDeliveryPage,
    NotificationDeliveryRead,
    NotificationDeliveryStatus,
)
from app.services.notifications import deliveries

router = APIRouter(
    tags=["notifications"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.get(
    "/orgs/{org_id}/notification-deliveries",
    response_model=NotificationDeliveryPage,
    summary="Email, Slack and webhook deliveries, newest first, with the recent dead count "
    "(admin+)",
    responses=problems(400),
)
async def list_notification_deliveries(
    admin: OrgAdmin,
    session: Session,
    now: Now,
    channel: Annotated[DeliveryChannel | None, Query(description="Only this channel")] = None,
    delivery_status: Annotated[
        NotificationDeliveryStatus | None, Query(alias="status", description="Only this status")
    ] = None,
    event_type: Annotated[
        DeliveryEventType | None, Query(description="Only this event `type`")
    ] = None,
    escalation_id: Annotated[uuid.UUID | None, Query(description="Only this escalation's")] = None,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await deliveries.list_for_org(
        session,
        org_id=admin.org_id,
        channel=channel,
        status=delivery_status,
        event_type=event_type,
        escalation_id=escalation_id,
        limit=limit,
        cursor=cursor,
        now=now,
    )


@router.post(
    "/orgs/{org_id}/notification-deliveries/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=NotificationDeliveryRead,
    summary="Send a delivery again (same id, fresh attempts); 409 if a digest carried it or its "
    "webhook endpoint is disabled (admin+)",
    responses=problems(409),
)
async def redeliver_notification_delivery(
    delivery_id: uuid.UUID, admin: OrgAdmin, session: Session, now: Now
):
    return await deliveries.redeliver(
        session, org_id=admin.org_id, delivery_id=delivery_id, now=now
    )
