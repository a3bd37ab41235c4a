"""Sign-in and sign-out. A password opens a server-side session whose token travels in an
HttpOnly cookie (the SPA) or comes back as a bearer token (scripts); signing out ends it on the
server, so the token stops working everywhere at once."""

from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm
from fastapi_users.authentication.transport.bearer import BearerResponse
from fastapi_users.exceptions import UserNotExists
from fastapi_users.router.common import ErrorCode

from app import access_tokens
from app.auth import (
    SESSION_COOKIE,
    UserManager,
    cookie_transport,
    current_session_id,
    end_current_session,
    get_user_manager,
    session_lifetime,
)
from app.config import get_settings
from app.csrf import check_same_origin
from app.deps import CurrentUser, Now, Redis, RequestOrigin, Session
from app.errors import DomainError, problems
from app.models.security import SecurityEventKind
from app.models.sessions import SessionEndReason, SessionTransport
from app.models.users import User
from app.schemas.sessions import TwoFactorSignIn
from app.services import security_audit, sign_in

# Rate-limited per IP and submitted email (app/main.py); logout is limited per user.
router = APIRouter()
signed_in_router = APIRouter()


async def _same_origin(request: Request) -> None:
    """Cookie sign-in and sign-out come from our own pages only: a cross-site form could
    otherwise sign a victim in to an attacker's account (login CSRF) or out of their own."""
    check_same_origin(request, base_url=get_settings().base_url)


class BadCredentials(DomainError):
    status = 400
    code = "bad-request"  # the type sign-in has always answered with; `error_code` says which
    title = "Wrong email or password"


async def _password_holder(
    credentials: Annotated[OAuth2PasswordRequestForm, Depends()],
    user_manager: Annotated[UserManager, Depends(get_user_manager)],
    origin: RequestOrigin,
    session: Session,  # first, so that a refusal's audit event goes through its unit of work
    now: Now,
) -> User:
    user = await user_manager.authenticate(credentials)
    if user is None or not user.is_active:
        # Whose account was tried, if any: the audit trail is read per organisation's members.
        with suppress(UserNotExists):
            user = user or await user_manager.get_by_email(credentials.username)
        refused = BadCredentials(
            "The email or password is wrong, or the account is deactivated.",
            error_code=ErrorCode.LOGIN_BAD_CREDENTIALS,  # what fastapi-users' clients look for
        )
        # Written after the request's rollback: a failed sign-in is the event most worth keeping.
        refused.keep.append(
            security_audit.event(
                kind=SecurityEventKind.sign_in_failed,
                user_id=user.id if user is not None else None,
                ip=origin.ip,
                user_agent=origin.user_agent,
                detail={"email": credentials.username},
                at=now,
            )
        )
        raise refused
    return user


PasswordHolder = Annotated[User, Depends(_password_holder)]


async def _password(
    user: User, transport: SessionTransport, session: Session, origin: RequestOrigin, now: Now
) -> str:
    return await sign_in.with_password(
        session, user=user, transport=transport, origin=origin, now=now,
        lifetime=session_lifetime(),
    )  # fmt: skip


async def _second_factor(
    body: TwoFactorSignIn,
    transport: SessionTransport,
    session: Session,
    redis: Redis,
    origin: RequestOrigin,
    now: Now,
) -> str:
    return await sign_in.with_second_factor(
        session, redis, challenge=body.challenge, code=body.code, transport=transport,
        origin=origin, now=now, lifetime=session_lifetime(),
    )  # fmt: skip


@router.post(
    "/jwt/login",
    name="auth:jwt.login",
    response_model=BearerResponse,
    responses=problems(400, 401),
    summary="Sign in for a bearer access token (scripts and integrations)",
)
async def bearer_login(
    user: PasswordHolder, session: Session, origin: RequestOrigin, now: Now
) -> BearerResponse:
    token = await _password(user, SessionTransport.bearer, session, origin, now)
    return BearerResponse(access_token=token, token_type="bearer")


@router.post(
    "/jwt/two-factor",
    name="auth:jwt.two_factor",
    response_model=BearerResponse,
    responses=problems(401, 409, 422, 503),
    summary="Complete a two-factor sign-in for a bearer access token",
)
async def bearer_two_factor(
    body: TwoFactorSignIn, session: Session, redis: Redis, origin: RequestOrigin, now: Now
) -> BearerResponse:
    token = await _second_factor(body, SessionTransport.bearer, session, redis, origin, now)
    return BearerResponse(access_token=token, token_type="bearer")


@router.post(
    "/cookie/login",
    name="auth:cookie.login",
    status_code=204,
    response_class=Response,
    dependencies=[Depends(_same_origin)],
    responses=problems(400, 401, 403),
    summary="Sign in the browser: the session goes into an HttpOnly cookie",
)
async def cookie_login(
    user: PasswordHolder, session: Session, origin: RequestOrigin, now: Now
) -> Response:
    token = await _password(user, SessionTransport.cookie, session, origin, now)
    return await cookie_transport.get_login_response(token)


@router.post(
    "/cookie/two-factor",
    name="auth:cookie.two_factor",
    status_code=204,
    response_class=Response,
    dependencies=[Depends(_same_origin)],
    responses=problems(401, 403, 409, 422, 503),
    summary="Complete a two-factor sign-in of the browser (the session goes into the cookie)",
)
async def cookie_two_factor(
    body: TwoFactorSignIn, session: Session, redis: Redis, origin: RequestOrigin, now: Now
) -> Response:
    token = await _second_factor(body, SessionTransport.cookie, session, redis, origin, now)
    return await cookie_transport.get_login_response(token)


@router.post(
    "/cookie/logout",
    name="auth:cookie.logout",
    status_code=204,
    response_class=Response,
    dependencies=[Depends(_same_origin)],
    responses=problems(403),
    summary="Sign the browser out: ends its session and clears the cookie",
)
async def cookie_logout(request: Request, session: Session) -> Response:
    # No live session needed (so no authentication): a browser whose session was ended elsewhere
    # must still be able to drop a cookie that script cannot touch.
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and (claims := access_tokens.read(cookie)) is not None:
        await end_current_session(session, claims, reason=SessionEndReason.signed_out)
    return await cookie_transport.get_logout_response()


@signed_in_router.post(
    "/jwt/logout",
    name="auth:jwt.logout",
    status_code=204,
    response_class=Response,
    responses=problems(401),
    summary="End the session of this bearer token",
)
async def bearer_logout(request: Request, user: CurrentUser, session: Session) -> Response:
    session_id = current_session_id(request)
    if session_id is not None:
        claims = access_tokens.AccessClaims(user.id, session_id)
        await end_current_session(session, claims, reason=SessionEndReason.signed_out)
    return Response(status_code=204)
