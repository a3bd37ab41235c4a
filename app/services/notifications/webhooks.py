"""Webhook endpoints (Standard Webhooks) and their deliveries.

A delivery is the outbox row (`Notification`, channel `webhook`) that fan-out wrote for the
endpoint; its id is the `webhook-id` header, so a redelivery keeps the row and only reschedules it.
"""

import base64
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.services import escalation_policy
from app.services._pagination import Page, paginate
from app.services._tenancy import get_in_org, list_in_org
from app.services.notifications import ssrf

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24
# What the deliveries list shows; digests and deduplication do not apply to webhooks.
LISTED_STATUSES = (
    DeliveryStatus.pending,
    DeliveryStatus.succeeded,
    DeliveryStatus.failed,
    DeliveryStatus.dead,
)


class WebhookNotFound(NotFound):
    code = "webhook-not-found"
    title = "Webhook endpoint not found"


class DeliveryNotFound(NotFound):
    code = "webhook-delivery-not-found"
    title = "Webhook delivery not found"


class WebhookInUse(Conflict):
    code = "webhook-in-use"
    title = "The escalation policy names this webhook as a recipient"


class WebhookDisabled(Conflict):
    code = "webhook-disabled"
    title = "The webhook endpoint is disabled"


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and the base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


async def create(
    session: AsyncSession, *, org_id: uuid.UUID, data: dict[str, Any], now: datetime
) -> WebhookEndpoint:
    await ssrf.check_saved(data["url"])
    hook = WebhookEndpoint(
        org_id=org_id, secret=new_secret(), created_at=now, updated_at=now, **data
    )
    session.add(hook)
    await session.flush()
    return hook


async def get(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    webhook_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> WebhookEndpoint:
    return await get_in_org(
        session,
        WebhookEndpoint,
        org_id=org_id,
        row_id=webhook_id,
        missing=WebhookNotFound(webhook_id=webhook_id),
        if_match=if_match,
    )


async def list_for_org(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[WebhookEndpoint]:
    return await list_in_org(session, WebhookEndpoint, org_id=org_id, limit=limit, cursor=cursor)


async def update(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    webhook_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> WebhookEndpoint:
    hook = await get(session, org_id=org_id, webhook_id=webhook_id, if_match=if_match)
    if "url" in changes or changes.get("enabled") is True:
        # Saved or switched back on: the target must be acceptable now.
        await ssrf.check_saved(changes.get("url", hook.url))
    for field, value in changes.items():
        setattr(hook, field, value)
    if changes.get("enabled") is True:
        hook.disabled_reason = None
    if changes:  # an empty PATCH changes nothing, its version (the ETag) included
        hook.updated_at = now
    await session.flush()
    return hook


def _names(recipients: list[dict[str, Any]], webhook_id: uuid.UUID) -> bool:
    return any(
        r.get("type") == "webhook" and str(r.get("webhook_id")) == str(webhook_id)
        for r in recipients
    )


async def delete(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    webhook_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> None:
    """Delete an endpoint the escalation policy does not name (409 while it does); its
    deliveries go with it."""
    hook = await get(session, org_id=org_id, webhook_id=webhook_id, if_match=if_match)
    policy = await escalation_policy.get(session, org_id=org_id)
    lists = [c.get("recipients") or [] for c in policy.categories] + [policy.default_recipients]
    if any(_names(recipients, hook.id) for recipients in lists):
        raise WebhookInUse("Remove it from the escalation policy first.", webhook_id=hook.id)
    await session.delete(hook)
    await session.flush()


async def rotate_secret(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    webhook_id: uuid.UUID,
    grace: timedelta,
    now: datetime,
) -> WebhookEndpoint:
    """A new secret, signing every delivery from now on. For `grace` the replaced one signs them
    too, so a receiver that still checks the old secret keeps accepting them; no grace ends it
    at once.

    Only one previous secret is kept: rotating again within the grace period drops the older one
    (the receiver was told to move on from it already) and keeps the one being replaced."""
    hook = await get(session, org_id=org_id, webhook_id=webhook_id)
    if grace > timedelta(0):
        hook.previous_secret, hook.previous_secret_expires_at = hook.secret, now + grace
    else:
        hook.previous_secret, hook.previous_secret_expires_at = None, None
    hook.secret = new_secret()
    hook.updated_at = now
    await session.flush()
    return hook


async def list_deliveries(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    webhook_id: uuid.UUID,
    status: str | None,
    limit: int,
    cursor: str | None,
) -> Page[Notification]:
    hook = await get(session, org_id=org_id, webhook_id=webhook_id)
    stmt = select(Notification).where(
        Notification.webhook_id == hook.id,
        Notification.channel == Channel.webhook,
        Notification.status.in_([DeliveryStatus(status)] if status else LISTED_STATUSES),
    )
    return await paginate(
        session,
        stmt,
        keys=[Notification.created_at, Notification.id],
        descending=True,
        limit=limit,
        cursor=cursor,
    )


async def redeliver(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    webhook_id: uuid.UUID,
    delivery_id: uuid.UUID,
    now: datetime,
) -> Notification:
    """Send this delivery again, as soon as the worker gets to it, with a fresh set of attempts.

    The row (and with it the `webhook-id` header) stays the same."""
    hook = await get(session, org_id=org_id, webhook_id=webhook_id)
    delivery = await session.scalar(
        select(Notification)
        .where(
            Notification.id == delivery_id,
            Notification.webhook_id == hook.id,
            Notification.channel == Channel.webhook,
            Notification.status.in_(LISTED_STATUSES),
        )
        .with_for_update()
    )
    if delivery is None:
        raise DeliveryNotFound(delivery_id=delivery_id)
    return await resend(session, delivery, endpoint=hook, now=now)


async def resend(
    session: AsyncSession,
    delivery: Notification,
    *,
    endpoint: WebhookEndpoint | None,
    now: datetime,
) -> Notification:
    """Due again now with a fresh set of attempts, same row and id (so the same `webhook-id` /
    Message-ID); 409 if its webhook endpoint is disabled. The last status code and error stay
    until the next attempt."""
    if endpoint is not None and not endpoint.enabled:
        raise WebhookDisabled(
            "Enable the endpoint before redelivering to it.",
            webhook_id=endpoint.id,
            disabled_reason=endpoint.disabled_reason,
        )
    delivery.status = DeliveryStatus.pending
    delivery.next_attempt_at = now
    delivery.attempts = 0
    delivery.delivered_at = None
    await session.flush()
    return delivery
