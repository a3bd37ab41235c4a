"""Webhook endpoints and their deliveries. Every route is admin+, reads too: endpoints carry
URLs (often with tokens in them) and deliveries show what the organisation's systems answered."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
from app.schemas.webhooks import (
    DeliveryRead,
    DeliveryStatusName,
    WebhookCreate,
    WebhookRead,
    WebhookSecret,
    WebhookSecretRotation,
    WebhookUpdate,
    WebhookWithSecret,
)
from app.services.notifications import webhooks

router = APIRouter(
    tags=["webhooks"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.post(
    "/orgs/{org_id}/webhooks",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookWithSecret,
    summary="Add a webhook endpoint; the response is the only time its secret is shown (admin+)",
)
async def create_webhook(body: WebhookCreate, admin: OrgAdmin, session: Session, now: Now):
    return await webhooks.create(
        session, org_id=admin.org_id, data=body.model_dump(mode="json"), now=now
    )


@router.get(
    "/orgs/{org_id}/webhooks",
    response_model=Page[WebhookRead],
    summary="List webhook endpoints, oldest first (admin+)",
    responses=problems(400),
)
async def list_webhooks(
    admin: OrgAdmin, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await webhooks.list_for_org(session, org_id=admin.org_id, limit=limit, cursor=cursor)


@router.get(
    "/orgs/{org_id}/webhooks/{webhook_id}",
    response_model=WebhookRead,
    summary="Get a webhook endpoint (admin+)",
    responses={200: {"headers": ETAG_HEADER}},
)
async def get_webhook(webhook_id: uuid.UUID, admin: OrgAdmin, session: Session, response: Response):
    hook = await webhooks.get(session, org_id=admin.org_id, webhook_id=webhook_id)
    set_etag(response, hook.updated_at)
    return hook


@router.patch(
    "/orgs/{org_id}/webhooks/{webhook_id}",
    response_model=WebhookRead,
    summary="Edit a webhook endpoint; `enabled: true` re-enables a disabled one (admin+)",
    responses={**problems(409), 200: {"headers": ETAG_HEADER}},
)
async def update_webhook(
    webhook_id: uuid.UUID,
    body: WebhookUpdate,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    if_match: IfMatch,
    response: Response,
):
    hook = await webhooks.update(
        session,
        org_id=admin.org_id,
        webhook_id=webhook_id,
        changes=body.model_dump(mode="json", exclude_unset=True),
        now=now,
        if_match=if_match,
    )
    set_etag(response, hook.updated_at)
    return hook


@router.delete(
    "/orgs/{org_id}/webhooks/{webhook_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a webhook endpoint and its deliveries; 409 while the escalation policy "
    "names it (admin+)",
    responses=problems(409),
)
async def delete_webhook(
    webhook_id: uuid.UUID, admin: OrgAdmin, session: Session, if_match: IfMatch
) -> Response:
    await webhooks.delete(session, org_id=admin.org_id, webhook_id=webhook_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/orgs/{org_id}/webhooks/{webhook_id}/rotate-secret",
    response_model=WebhookSecret,
    summary="Replace the signing secret; the old one still signs deliveries for `grace_minutes` "
    "(default 24 h) (admin+)",
    description="Without a body the default grace period (24 h) applies; `grace_minutes: 0` ends "
    "the old secret at once. During the grace period every delivery "
    "carries two signatures in `webhook-signature` (`v1,<new> v1,<old>`), so a receiver verifies "
    "it with either secret. Rotating again keeps only the secret being replaced as the old one.",
)
async def rotate_webhook_secret(
    webhook_id: uuid.UUID,
    admin: OrgAdmin,
    session: Session,
    now: Now,
    body: WebhookSecretRotation | None = None,
):
    grace_minutes = (body or WebhookSecretRotation()).grace_minutes
    return await webhooks.rotate_secret(
        session,
        org_id=admin.org_id,
        webhook_id=webhook_id,
        grace=timedelta(minutes=grace_minutes),
        now=now,
    )


@router.get(
    "/orgs/{org_id}/webhooks/{webhook_id}/deliveries",
    response_model=Page[DeliveryRead],
    summary="An endpoint's deliveries, newest first (admin+)",
    responses=problems(400),
)
async def list_webhook_deliveries(
    webhook_id: uuid.UUID,
    admin: OrgAdmin,
    session: Session,
    delivery_status: Annotated[
        DeliveryStatusName | None, Query(alias="status", description="Only this status")
    ] = None,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await webhooks.list_deliveries(
        session,
        org_id=admin.org_id,
        webhook_id=webhook_id,
        status=delivery_status,
        limit=limit,
        cursor=cursor,
    )


@router.post(
    "/orgs/{org_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryRead,
    summary="Send a delivery again (same id, fresh attempts); 409 if the endpoint is disabled "
    "(admin+)",
    responses=problems(409),
)
async def redeliver_webhook_delivery(
    webhook_id: uuid.UUID, delivery_id: uuid.UUID, admin: OrgAdmin, session: Session, now: Now
):
    return await webhooks.redeliver(
        session, org_id=admin.org_id, webhook_id=webhook_id, delivery_id=delivery_id, now=now
    )
