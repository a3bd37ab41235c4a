"""Single sign-on through an organisation's OpenID Connect provider: its settings (admins), and
the browser's way through it (discover, start, callback), which ends in the same HttpOnly
session cookie a password sign-in gives."""

import uuid
from collections.abc import AsyncIterator
from typing import Annotated
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from app.auth import cookie_transport, session_lifetime
from app.config import get_settings
from app.deps import Now, OrgAdmin, Redis, RequestOrigin, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.models.sessions import SessionTransport
from app.schemas.sso import (
    IdentityProviderRead,
    IdentityProviderWrite,
    SsoDiscovery,
    SsoProviderLink,
)
from app.services import sign_in, sso

router = APIRouter(tags=["sso"], route_class=IdempotentRoute)
# Signing in: no session yet (rate-limited per IP like the password sign-in, app/main.py).
sign_in_router = APIRouter(tags=["sso"])

# Binds a started sign-in to the browser that started it: a callback URL sent to someone else
# (login CSRF) finds no matching cookie there.
STATE_COOKIE = "escalations_sso_state"
CALLBACK_PATH = "/api/v1/auth/sso/callback"


async def _http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(follow_redirects=False) as client:
        yield client


Http = Annotated[httpx.AsyncClient, Depends(_http)]


def safe_next(next_path: str | None) -> str:
    """Only a path of this site: a crafted ?next= must not send anyone elsewhere after sign-in."""
    if next_path and next_path.startswith("/") and not next_path.startswith(("//", "/\\")):
        return next_path
    return "/"


def _redirect_uri() -> str:
    return get_settings().base_url.rstrip("/") + CALLBACK_PATH


@router.get(
    "/orgs/{org_id}/sso",
    response_model=IdentityProviderRead,
    responses=problems(403, 404),
    summary="The organisation's OpenID Connect provider (admins)",
)
async def get_identity_provider(admin: OrgAdmin, session: Session):
    return await sso.get_for_org(session, org_id=admin.org_id)


@router.put(
    "/orgs/{org_id}/sso",
    response_model=IdentityProviderRead,
    responses=problems(403, 404, 422),
    summary="Set up or change the organisation's OpenID Connect provider (admins)",
)
async def put_identity_provider(body: IdentityProviderWrite, admin: OrgAdmin, session: Session):
    return await sso.configure(
        session,
        actor=admin,
        name=body.name,
        issuer=body.issuer,
        client_id=body.client_id,
        client_secret=body.client_secret,
        allowed_domains=body.allowed_domains,
        default_role=body.default_role,
        passwords_allowed=body.passwords_allowed,
    )


@router.delete(
    "/orgs/{org_id}/sso",
    status_code=204,
    response_class=Response,
    responses=problems(403, 404),
    summary="Remove the organisation's provider (its members sign in with passwords again)",
)
async def delete_identity_provider(admin: OrgAdmin, session: Session) -> Response:
    await sso.remove(session, actor=admin)
    return Response(status_code=204)


@sign_in_router.get(
    "/sso/discover",
    response_model=SsoDiscovery,
    responses=problems(422),
    summary="The provider that signs in people of this email's domain, if any",
)
async def discover(
    session: Session, email: Annotated[str, Query(min_length=3, max_length=320)]
) -> SsoDiscovery:
    provider = await sso.find_for_email(session, email=email)
    if provider is None:
        return SsoDiscovery(provider=None)
    return SsoDiscovery(
        provider=SsoProviderLink(
            provider_id=provider.id,
            name=provider.name,
            start_url=f"/api/v1/auth/sso/{provider.id}/start",
        )
    )


@sign_in_router.get(
    "/sso/{provider_id}/start",
    status_code=302,
    response_class=RedirectResponse,
    responses=problems(404, 503),
    summary="Send the browser to the provider to sign in (authorization code, PKCE)",
)
async def start(
    provider_id: uuid.UUID,
    session: Session,
    redis: Redis,
    http: Http,
    next_path: Annotated[str | None, Query(alias="next", max_length=2000)] = None,
) -> RedirectResponse:
    url, state = await sso.begin(
        session,
        redis,
        http,
        provider_id=provider_id,
        redirect_uri=_redirect_uri(),
        next_path=safe_next(next_path),
    )
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(
        STATE_COOKIE,
        state,
        max_age=sso.STATE_SECONDS,
        path="/api/v1/auth/sso",
        httponly=True,
        samesite="lax",  # sent on the provider's top-level redirect back
        secure=get_settings().base_url.startswith("https://"),
    )
    return response


@sign_in_router.get(
    "/sso/callback",
    status_code=302,
    response_class=RedirectResponse,
    responses=problems(400, 401, 403, 404, 503),
    summary="The provider's answer: verified, it opens a session and goes back to the app",
)
async def callback(
    request: Request,
    session: Session,
    redis: Redis,
    http: Http,
    origin: RequestOrigin,
    now: Now,
    state: Annotated[str, Query(min_length=1, max_length=200)],
    code: Annotated[str | None, Query(max_length=2000)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
    error_description: Annotated[str | None, Query(max_length=1000)] = None,
) -> RedirectResponse:
    if request.cookies.get(STATE_COOKIE) != state:
        raise sso.SsoStateInvalid("This sign-in was started in another browser, or has expired.")
    if error is not None or code is None:
        raise sso.SsoProviderRefused(
            f"The identity provider refused the sign-in: {error or 'no code'}"
            + (f" ({error_description})" if error_description else "")
        )
    through = await sso.complete(
        session, redis, http, state=state, code=code, redirect_uri=_redirect_uri(), now=now
    )
    token = await sign_in.session_token(
        session,
        user_id=through.user_id,
        transport=SessionTransport.cookie,
        origin=origin,
        now=now,
        lifetime=session_lifetime(),
    )
    # To the SPA's landing for a sign-in made elsewhere: it cannot see the HttpOnly cookie, so it
    # learns here that it is signed in, then goes on to where the person was headed.
    landing = f"/signed-in?{urlencode({'next': through.next_path})}"
    response = RedirectResponse(landing, status_code=302)
    signed_in = await cookie_transport.get_login_response(token)
    response.headers.append("set-cookie", signed_in.headers["set-cookie"])
    response.delete_cookie(STATE_COOKIE, path="/api/v1/auth/sso")
    return response
