"""Sign-in and sign-out. A password opens a server-side session whose token travels in an
HttpOnly cookie (the SPA) or comes back as a bearer token (scripts); signing out ends it on the
server, so the token stops working everywhere at once."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.security import OAuth2PasswordRequestForm
from fastapi_users.authentication.transport.bearer import BearerResponse
from fastapi_users.router.common import ErrorCode

from app import access_tokens
from app.auth import (
    SESSION_COOKIE,
    UserManager,
    cookie_transport,
    current_session_id,
    end_current_session,
    get_user_manager,
    sign_in,
)
from app.config import get_settings
from app.csrf import check_same_origin
from app.deps import CurrentUser, Session
from app.errors import problems
from app.models.sessions import SessionEndReason, SessionTransport
from app.models.users import User

# Rate-limited per IP and submitted email (app/main.py); logout is limited per user.
router = APIRouter()
signed_in_router = APIRouter()


async def _same_origin(request: Request) -> None:
    """Cookie sign-in and sign-out come from our own pages only: a cross-site form could
    otherwise sign a victim in to an attacker's account (login CSRF) or out of their own."""
    check_same_origin(request, base_url=get_settings().base_url)


async def _password_holder(
    credentials: Annotated[OAuth2PasswordRequestForm, Depends()],
    user_manager: Annotated[UserManager, Depends(get_user_manager)],
) -> User:
    user = await user_manager.authenticate(credentials)
    if user is None or not user.is_active:
        raise HTTPException(status_code=400, detail=ErrorCode.LOGIN_BAD_CREDENTIALS)
    return user


PasswordHolder = Annotated[User, Depends(_password_holder)]


@router.post(
    "/jwt/login",
    name="auth:jwt.login",
    response_model=BearerResponse,
    responses=problems(400),
    summary="Sign in for a bearer access token (scripts and integrations)",
)
async def bearer_login(request: Request, user: PasswordHolder, session: Session) -> BearerResponse:
    token = await sign_in(session, request, user, SessionTransport.bearer)
    return BearerResponse(access_token=token, token_type="bearer")


@router.post(
    "/cookie/login",
    name="auth:cookie.login",
    status_code=204,
    response_class=Response,
    dependencies=[Depends(_same_origin)],
    responses=problems(400, 403),
    summary="Sign in the browser: the session goes into an HttpOnly cookie",
)
async def cookie_login(request: Request, user: PasswordHolder, session: Session) -> Response:
    token = await sign_in(session, request, user, SessionTransport.cookie)
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
