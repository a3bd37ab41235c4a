"""Slack actions: the organisation's Slack app (admin+), Slack's interactivity requests, and the
one-time link by which a member confirms a Slack user as theirs."""

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response, status

from app.config import get_settings
from app.deps import CurrentUser, Now, OrgAdmin, Redis, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.slack import SlackIntegrationRead, SlackIntegrationSet, SlackLinkRead
from app.services import slack

router = APIRouter(
    tags=["slack"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)
# Slack's own requests: authenticated by their signature, not by a member (app/main.py).
interactions_router = APIRouter(tags=["slack"], responses=problems(401, 422, 503))

LinkToken = Annotated[str, Path(max_length=2048, pattern=r"^[A-Za-z0-9_\-.]+$")]


@router.put(
    "/orgs/{org_id}/integrations/slack",
    response_model=SlackIntegrationRead,
    summary="Connect (or reconnect) the organisation's Slack app: workspace and signing secret "
    "(admin+)",
    responses=problems(409),
)
async def set_slack_integration(
    body: SlackIntegrationSet, admin: OrgAdmin, session: Session, now: Now
):
    return await slack.configure(
        session,
        org_id=admin.org_id,
        team_id=body.team_id,
        signing_secret=body.signing_secret,
        now=now,
    )


@router.get(
    "/orgs/{org_id}/integrations/slack",
    response_model=SlackIntegrationRead,
    summary="The organisation's Slack app (the secret is never shown) (admin+)",
)
async def get_slack_integration(admin: OrgAdmin, session: Session):
    return await slack.get(session, org_id=admin.org_id)


@router.delete(
    "/orgs/{org_id}/integrations/slack",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Disconnect the organisation's Slack app; its buttons stop working (admin+)",
)
async def delete_slack_integration(admin: OrgAdmin, session: Session) -> Response:
    await slack.remove(session, org_id=admin.org_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/slack/links/{token}",
    response_model=SlackLinkRead,
    summary="Which Slack user a one-time link from Slack would link to me (changes nothing)",
    responses=problems(409),
)
async def describe_slack_link(token: LinkToken, user: CurrentUser, session: Session, now: Now):
    return await slack.describe_link(session, token=token, user=user, now=now)


@router.post(
    "/slack/links/{token}",
    response_model=SlackLinkRead,
    summary="Confirm that this Slack user is me: its button presses then act as me",
    responses=problems(409),
)
async def confirm_slack_link(token: LinkToken, user: CurrentUser, session: Session, now: Now):
    return await slack.confirm_link(session, token=token, user=user, now=now)


@interactions_router.post(
    "/integrations/slack/interactions",
    status_code=status.HTTP_200_OK,
    response_class=Response,
    summary="Slack's interactivity requests (form-encoded `payload`), signed with the app's "
    "signing secret; answered at once, the outcome goes to the message's response_url",
    responses={200: {"description": "Received; Slack shows nothing more from this answer"}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"payload": {"type": "string"}},
                        "required": ["payload"],
                    }
                }
            },
        }
    },
)
async def receive_slack_interaction(
    request: Request,
    session: Session,
    redis: Redis,
    now: Now,
    x_slack_request_timestamp: Annotated[str | None, Header(max_length=20)] = None,
    x_slack_signature: Annotated[str | None, Header(max_length=100)] = None,
) -> Response:
    settings = get_settings()
    await slack.handle(
        session,
        redis,
        body=await request.body(),
        timestamp=x_slack_request_timestamp,
        sent=x_slack_signature,
        now=now,
        base_url=settings.base_url,
        allow_private=settings.webhook_allow_private,
    )
    return Response(status_code=status.HTTP_200_OK)
