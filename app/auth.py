"""Accounts: fastapi-users wired to our User model, default password hashing, and three
backends: the SPA's session cookie and bearer access tokens (people; both name a server-side
session, app/services/sessions.py), and organisation API keys (integrations;
app/services/api_keys.py)."""

import uuid
from collections.abc import AsyncIterator
from contextlib import suppress
from datetime import timedelta
from typing import Annotated, Any, NamedTuple

import jwt
from fastapi import Depends, HTTPException, Request
from fastapi_users import BaseUserManager, FastAPIUsers, InvalidPasswordException, UUIDIDMixin
from fastapi_users.authentication import AuthenticationBackend, BearerTransport, CookieTransport
from fastapi_users.authentication.strategy import StrategyDestroyNotSupportedError
from fastapi_users.jwt import decode_jwt, generate_jwt
from fastapi_users_db_sqlalchemy import SQLAlchemyUserDatabase
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from app import access_tokens
from app.config import get_settings
from app.csrf import SAFE_METHODS, check_same_origin
from app.db import get_read_session, get_session, get_user_db_session
from app.models.api_keys import ApiKey
from app.models.base import utcnow
from app.models.organisations import Membership
from app.models.security import SecurityEventKind
from app.models.sessions import SessionEndReason, SessionTransport
from app.models.users import User
from app.schemas.users import UserCreate
from app.services import api_keys, security_audit, sessions, sign_in
from app.services.security_audit import Origin

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
# NIST SP 800-63B: refuse passwords known from breaches. zxcvbn ships the 30,000 most common
# ones from breach corpora; a set of them costs about 2 MB, checked in constant time.
_COMMON_PASSWORDS = frozenset(FREQUENCY_LISTS["passwords"])


class UserManager(UUIDIDMixin, BaseUserManager[User, uuid.UUID]):
    @property
    def reset_password_token_secret(self) -> str:  # type: ignore[override]
        return get_settings().secret_key.get_secret_value()

    @property
    def verification_token_secret(self) -> str:  # type: ignore[override]
        return get_settings().secret_key.get_secret_value()

    async def validate_password(  # type: ignore[override]
        self, password: str, user: UserCreate | User
    ) -> None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise InvalidPasswordException(
                reason=f"Password must be at least {MIN_PASSWORD_LENGTH} characters"
            )
        if len(password) > MAX_PASSWORD_LENGTH:
            raise InvalidPasswordException(
                reason=f"Password must be at most {MAX_PASSWORD_LENGTH} characters"
            )
        if user.email.lower() in password.lower():
            raise InvalidPasswordException(reason="Password must not contain the email address")
        if password.lower() in _COMMON_PASSWORDS:
            raise InvalidPasswordException(
                reason="This password is one of the most common ones in breached password lists, "
                "so it is guessed first: choose another (a few unrelated words make a good one)"
            )

    async def on_after_update(
        self, user: User, update_dict: dict[str, Any], request: Request | None = None
    ) -> None:
        """A new password ends every other session of the member (the one that changed it stays
        signed in); a deactivation ends all of them. fastapi-users has committed the change on
        its own session by now, so the sessions are ended there and committed too."""
        if update_dict.get("is_active") is False:
            keep, reason = None, SessionEndReason.deactivated
        elif update_dict.get("password"):
            keep = current_session_id(request) if request is not None else None
            reason = SessionEndReason.password_changed
        else:
            return
        session = self.user_db.session  # type: ignore[attr-defined]
        origin = origin_of(request) if request is not None else None
        now = utcnow()
        if reason is SessionEndReason.password_changed:
            await security_audit.record_from(
                session, origin, kind=SecurityEventKind.password_changed, user_id=user.id, at=now
            )
        await sessions.end_all(
            session, user_id=user.id, reason=reason, now=now, keep=keep, origin=origin
        )
        await session.commit()


class _UserDatabase(SQLAlchemyUserDatabase[User, uuid.UUID]):
    async def get_caller(
        self, *, session_id: uuid.UUID, user_id: uuid.UUID, org_id: uuid.UUID | None
    ) -> tuple[User, Membership | None] | None:
        """Every authenticated request reads its caller here: the user row, if the token's
        session is still open, and their membership of `org_id`, in one statement. On the
        request's read session (app/db.py: outside a transaction, one round trip), whose
        connection goes straight back to the pool: held until the request ended, it made a
        writing request hold two pooled connections at once, and under load the requests waiting
        for their second one held all the first ones (pool timeouts, 500s). A route that reads
        through the same session takes a connection again. Both rows come back detached; the
        request's unit of work takes the membership in (deps.py)."""
        if self.session.in_transaction() or not isinstance(self.session.bind, AsyncEngine):
            # Tests bind sessions to their own open transaction.
            return await sessions.load_caller(
                self.session, session_id=session_id, user_id=user_id, org_id=org_id
            )
        try:
            return await sessions.load_caller(
                self.session, session_id=session_id, user_id=user_id, org_id=org_id
            )
        finally:
            await self.session.close()


async def get_user_db(
    session: AsyncSession = Depends(get_user_db_session),
) -> AsyncIterator[SQLAlchemyUserDatabase[User, uuid.UUID]]:
    yield _UserDatabase(session, User)


async def get_user_manager(
    user_db: SQLAlchemyUserDatabase[User, uuid.UUID] = Depends(get_user_db),
) -> AsyncIterator[UserManager]:
    yield UserManager(user_db)


bearer_transport = BearerTransport(tokenUrl="/api/v1/auth/jwt/login")
SESSION_COOKIE = "escalations_session"


class _SessionCookie(CookieTransport):
    """fastapi-users' cookie transport: HttpOnly, SameSite=Lax, for the token's lifetime, and
    Secure whenever the application is served over https (read from BASE_URL on each sign-in,
    so the settings in force decide, not those at import)."""

    def __init__(self) -> None:
        super().__init__(cookie_name=SESSION_COOKIE, cookie_httponly=True, cookie_samesite="lax")

    @property
    def cookie_secure(self) -> bool:
        return get_settings().base_url.startswith("https://")

    @cookie_secure.setter
    def cookie_secure(self, value: bool) -> None:
        pass  # decided by BASE_URL

    @property
    def cookie_max_age(self) -> int:
        return get_settings().access_token_lifetime_seconds

    @cookie_max_age.setter
    def cookie_max_age(self, value: int | None) -> None:
        pass  # the session's lifetime


cookie_transport = _SessionCookie()


def origin_of(request: Request) -> Origin:
    """Where the request came from, for a session and the security audit trail. Behind a proxy,
    uvicorn's --proxy-headers makes `client` the real client (see ratelimit.py)."""
    return Origin(
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
    )


def session_lifetime() -> timedelta:
    return timedelta(seconds=get_settings().access_token_lifetime_seconds)


async def open_session_token(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    transport: SessionTransport,
    user_agent: str | None = None,
    ip: str | None = None,
) -> str:
    """Open a session for the user and mint its access token (sign-in; tests and benchmarks)."""
    opened = await sessions.open_session(
        session,
        user_id=user_id,
        transport=transport,
        user_agent=user_agent,
        ip=ip,
        now=utcnow(),
        lifetime=session_lifetime(),
    )
    return access_tokens.mint(user_id=user_id, session_id=opened.id, expires_at=opened.expires_at)


class SessionStrategy:
    """fastapi-users' strategy for our access tokens (cookie or bearer): reading one loads the
    caller through their open session; writing one opens a session in the request's unit of
    work; destroying one ends its session."""

    def __init__(
        self, request: Request, session: AsyncSession, transport: SessionTransport
    ) -> None:
        self.request, self.session, self.transport = request, session, transport

    async def read_token(
        self, token: str | None, user_manager: BaseUserManager[User, uuid.UUID]
    ) -> User | None:
        if token is None:
            return None
        if self.transport is SessionTransport.cookie and self.request.method not in SAFE_METHODS:
            check_same_origin(self.request, base_url=get_settings().base_url)
        user_db = user_manager.user_db
        if not isinstance(user_db, _UserDatabase):
            return None
        return await _load_caller(user_db, token, self.request)

    async def write_token(self, user: User) -> str:
        return await sign_in.with_password(
            self.session,
            user=user,
            transport=self.transport,
            origin=origin_of(self.request),
            now=utcnow(),
            lifetime=session_lifetime(),
        )

    async def destroy_token(self, token: str, user: User) -> None:
        if (claims := access_tokens.read(token)) is not None:
            await end_current_session(self.session, claims, reason=SessionEndReason.signed_out)


async def end_current_session(
    session: AsyncSession, claims: access_tokens.AccessClaims, *, reason: SessionEndReason
) -> None:
    with suppress(sessions.SessionNotFound):  # already over: signing out again changes nothing
        await sessions.end(
            session,
            user_id=claims.user_id,
            session_id=claims.session_id,
            reason=reason,
            now=utcnow(),
        )


async def _load_caller(user_db: _UserDatabase, token: str, request: Request) -> User | None:
    claims = access_tokens.read(token)
    if claims is None:
        return None
    found = await user_db.get_caller(
        session_id=claims.session_id, user_id=claims.user_id, org_id=_path_org_id(request)
    )
    if found is None:
        return None
    user, membership = found
    request.state.auth_session_id = claims.session_id
    request.state.caller_membership = membership
    return user


def current_session_id(request: Request) -> uuid.UUID | None:
    """The session this request's access token names (None for an API key)."""
    session_id: uuid.UUID | None = getattr(request.state, "auth_session_id", None)
    return session_id


async def _bearer_session_strategy(
    request: Request, session: AsyncSession = Depends(get_session, scope="function")
) -> SessionStrategy:
    return SessionStrategy(request, session, SessionTransport.bearer)


async def _cookie_session_strategy(
    request: Request, session: AsyncSession = Depends(get_session, scope="function")
) -> SessionStrategy:
    return SessionStrategy(request, session, SessionTransport.cookie)


class ApiKeyStrategy:
    """`Authorization: Bearer eik_...`: the key's service account. The key itself is kept on
    `request.state.api_key` for the scope check (app/scopes.py). Read inside the request's own
    unit of work, so `last_used_at` is written with its commit."""

    def __init__(self, request: Request, session: AsyncSession) -> None:
        self.request, self.session = request, session

    async def read_token(self, token: str | None, user_manager: object) -> User | None:
        if token is None or not api_keys.is_key_token(token):
            return None
        try:
            key, account = await api_keys.authenticate(self.session, token=token, now=utcnow())
        except api_keys.InvalidApiKey as exc:
            raise HTTPException(
                401, detail=f"Unauthorized: {exc.reason}.", headers={"WWW-Authenticate": "Bearer"}
            ) from exc
        self.request.state.api_key = key
        return account

    async def write_token(self, user: User) -> str:
        raise StrategyDestroyNotSupportedError("API keys are created under /orgs/{org_id}/api-keys")

    async def destroy_token(self, token: str, user: User) -> None:
        raise StrategyDestroyNotSupportedError("revoke an API key instead")


async def get_api_key_strategy(
    request: Request, session: AsyncSession = Depends(get_session, scope="function")
) -> ApiKeyStrategy:
    return ApiKeyStrategy(request, session)


def request_api_key(request: Request) -> ApiKey | None:
    """The API key the caller authenticated with, or None for a person's session."""
    key: ApiKey | None = getattr(request.state, "api_key", None)
    return key


def _path_org_id(request: Request | None) -> uuid.UUID | None:
    raw = request.path_params.get("org_id") if request is not None else None
    try:
        return uuid.UUID(raw) if isinstance(raw, str) else None
    except ValueError:
        return None  # the route's own validation answers 422


def caller_membership(request: Request) -> Membership | None:
    """The membership read with the caller's user row (detached), if this request's route is an
    organisation's and the caller is in it."""
    membership: Membership | None = getattr(request.state, "caller_membership", None)
    return membership


# The strategies are dependencies of every authenticated request, and FastAPI runs a plain `def`
# dependency in its thread pool: a thread hop per request each, for a function that never blocks.
auth_backend: AuthenticationBackend[User, uuid.UUID] = AuthenticationBackend(
    name="jwt",
    transport=bearer_transport,
    get_strategy=_bearer_session_strategy,
)
cookie_backend: AuthenticationBackend[User, uuid.UUID] = AuthenticationBackend(
    name="cookie",
    transport=cookie_transport,
    get_strategy=_cookie_session_strategy,
)
api_key_backend: AuthenticationBackend[User, uuid.UUID] = AuthenticationBackend(
    name="api-key",
    transport=bearer_transport,
    get_strategy=get_api_key_strategy,
)
fastapi_users = FastAPIUsers[User, uuid.UUID](
    get_user_manager, [auth_backend, cookie_backend, api_key_backend]
)


async def current_active_user(
    request: Request,
    token: Annotated[str | None, Depends(bearer_transport.scheme)],
    cookie: Annotated[str | None, Depends(cookie_transport.scheme)],
    read_session: Annotated[AsyncSession, Depends(get_read_session, scope="function")],
    session: Annotated[AsyncSession, Depends(get_session, scope="function")],
) -> User:
    """What `fastapi_users.current_user(active=True)` answers (a bearer token or API key, else the
    session cookie; 401 without an active user), as one dependency. fastapi-users' own builds a
    dependency graph per backend (strategy, user manager, user database) that every request
    solved again, a user manager with a new password hasher each time: a tenth of a GET's CPU
    for a lookup."""
    user: User | None = None
    if token is not None:
        if api_keys.is_key_token(token):
            user = await ApiKeyStrategy(request, session).read_token(token, None)
        else:
            user = await _load_caller(_UserDatabase(read_session, User), token, request)
    elif cookie is not None:
        if request.method not in SAFE_METHODS:
            check_same_origin(request, base_url=get_settings().base_url)
        user = await _load_caller(_UserDatabase(read_session, User), cookie, request)
    if user is None or not user.is_active:
        raise HTTPException(status_code=401)
    return user


optional_active_user = fastapi_users.current_user(active=True, optional=True)


# Browsers' EventSource cannot send an Authorization header, and the long-lived access token
# must never travel in a URL (logs, history, Referer). A stream token is a separate JWT with its
# own audience, for one organisation, valid for a minute: long enough to open the stream, useless
# for anything else (an access-token check rejects its audience, and it cannot be renewed).
STREAM_AUDIENCE = "escalations:events-stream"
STREAM_TOKEN_SECONDS = 60


class StreamCaller(NamedTuple):
    user_id: uuid.UUID
    # The session the stream lives on (None for an API key): the stream ends with it.
    session_id: uuid.UUID | None


def mint_stream_token(
    *, user_id: uuid.UUID, org_id: uuid.UUID, session_id: uuid.UUID | None
) -> str:
    secret = get_settings().secret_key
    data = {"sub": str(user_id), "org": str(org_id), "aud": STREAM_AUDIENCE}
    if session_id is not None:
        data["sid"] = str(session_id)
    return generate_jwt(data, secret, lifetime_seconds=STREAM_TOKEN_SECONDS)


def read_stream_token(token: str, *, org_id: uuid.UUID) -> StreamCaller | None:
    """Who a valid, unexpired stream token for this organisation names, else None."""
    try:
        claims = decode_jwt(token, get_settings().secret_key, [STREAM_AUDIENCE])
        if claims.get("org") != str(org_id):
            return None
        sid = claims.get("sid")
        return StreamCaller(uuid.UUID(claims["sub"]), uuid.UUID(sid) if sid else None)
    except (jwt.PyJWTError, KeyError, ValueError):
        return None
