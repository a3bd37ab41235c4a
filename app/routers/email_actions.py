"""One-click actions from notification emails: GET describes a link, POST performs it.

For people only (a link is bound to the member it was mailed to; API keys cannot call these).
The SPA's /actions/:token page calls them with the session cookie, so the POST falls under the
same-origin check of every cookie-authenticated change (app/csrf.py)."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.deps import CurrentUser, Now, Redis, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.email_actions import EmailActionRead, EmailActionResult
from app.services import email_actions

router = APIRouter(
    tags=["email_actions"],
    route_class=IdempotentRoute,
    responses=problems(401, 403, 404, 422, 503),
)

Token = Annotated[
    str,
    Path(max_length=2048, pattern=r"^[A-Za-z0-9_\-.]+$", description="The link's signed token"),
]


@router.get(
    "/actions/{token}",
    response_model=EmailActionRead,
    summary="What an emailed action link would do, for the member it was sent to (changes nothing)",
)
async def describe_email_action(
    token: Token, user: CurrentUser, session: Session, redis: Redis, now: Now
):
    return await email_actions.describe(session, redis, token=token, user=user, now=now)


@router.post(
    "/actions/{token}",
    response_model=EmailActionResult,
    summary="Perform an emailed action link, once: claim the escalation as its inbox's owner",
    responses=problems(409, 503),
)
async def perform_email_action(
    token: Token, user: CurrentUser, session: Session, redis: Redis, now: Now
):
    return await email_actions.perform(session, redis, token=token, user=user, now=now)
