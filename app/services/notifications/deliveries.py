"""Every outbox delivery of an organisation (email, Slack, webhook), listed and retried by admins.

In-app rows are not deliveries: nothing is sent for them. Redelivery works like the webhook one
(webhooks.redeliver): the row keeps its id, and with it the idempotency key its receiver sees
(`Message-ID` for email, `webhook-id` for webhooks), gets a fresh set of attempts and is due now.
Storm control does not decide it again (storm.attempted): it was let through once already.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.services._pagination import paginate
from app.services.notifications import webhooks

SENT_CHANNELS = (Channel.email, Channel.slack, Channel.webhook)
# The window of `dead_count`: dead rows created this recently need someone's attention.
DEAD_WINDOW = timedelta(days=7)
# Covered by another message: there is nothing to send again.
_COVERED = (DeliveryStatus.digested, DeliveryStatus.deduplicated)


class DeliveryNotFound(NotFound):
    code = "notification-delivery-not-found"
    title = "Notification delivery not found"


class DeliveryCovered(Conflict):
    code = "notification-delivery-covered"
    title = "Another message carried this notification"


@dataclass
class Deliveries:
    items: list[Notification]
    next_cursor: str | None
    dead_count: int


def _of_org(org_id: uuid.UUID) -> list[object]:
    return [Notification.org_id == org_id, Notification.channel.in_(SENT_CHANNELS)]


async def list_for_org(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    channel: str | None,
    status: str | None,
    event_type: str | None,
    escalation_id: uuid.UUID | None,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> Deliveries:
    """Newest first, filtered; `dead_count` ignores the filters."""
    stmt = select(Notification).where(*_of_org(org_id))  # type: ignore[arg-type]
    if channel is not None:
        stmt = stmt.where(Notification.channel == Channel(channel))
    if status is not None:
        stmt = stmt.where(Notification.status == DeliveryStatus(status))
    if event_type is not None:
        stmt = stmt.where(Notification.event_type == event_type)
    if escalation_id is not None:
        stmt = stmt.where(Notification.escalation_id == escalation_id)
    page = await paginate(
        session,
        stmt,
        keys=[Notification.created_at, Notification.id],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    dead = await session.scalar(
        select(func.count()).where(
            *_of_org(org_id),  # type: ignore[arg-type]
            Notification.status == DeliveryStatus.dead,
            Notification.created_at >= now - DEAD_WINDOW,
        )
    )
    return Deliveries(page.items, page.next_cursor, int(dead or 0))


async def redeliver(
    session: AsyncSession, *, org_id: uuid.UUID, delivery_id: uuid.UUID, now: datetime
) -> Notification:
    """Send it again as soon as the worker gets to it, with a fresh set of attempts, same id.

    404 for in-app rows and other organisations'; 409 for one a digest or an identical message
    carried (send that one again instead) and for a webhook whose endpoint is disabled."""
    delivery = await session.scalar(
        select(Notification)
        .where(Notification.id == delivery_id, *_of_org(org_id))  # type: ignore[arg-type]
        .with_for_update()
    )
    if delivery is None:
        raise DeliveryNotFound(delivery_id=delivery_id)
    if delivery.status in _COVERED:
        raise DeliveryCovered(
            "Nothing was sent for it on its own; redeliver the message that carried it.",
            delivery_id=delivery.id,
            digest_id=delivery.digest_id,
        )
    endpoint = None
    if delivery.channel is Channel.webhook:
        endpoint = await session.get(WebhookEndpoint, delivery.webhook_id)
    return await webhooks.resend(session, delivery, endpoint=endpoint, now=now)
