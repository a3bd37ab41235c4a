"""Accounts: fastapi-users wired to our User model, default password hashing, and two bearer
backends: JWTs (people) and organisation API keys (integrations; app/services/api_keys.py)."""

import math
import time
import uuid
from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Annotated, Any

import jwt
from fastapi import Depends, HTTPException, Request
from fastapi_users import (
    BaseUserManager,
    FastAPIUsers,
    InvalidPasswordException,
    UUIDIDMixin,
    exceptions,
)
from fastapi_users.authentication import AuthenticationBackend, BearerTransport, JWTStrategy
from fastapi_users.authentication.strategy import StrategyDestroyNotSupportedError
from fastapi_users.jwt import decode_jwt, generate_jwt
from fastapi_users_db_sqlalchemy import SQLAlchemyUserDatabase
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from app.config import get_settings
from app.db import get_session, get_user_db_session
from app.models.api_keys import ApiKey
from app.models.base import utcnow
from app.models.organisations import Membership
from app.models.users import User
from app.schemas.users import UserCreate
from app.services import api_keys, organisations

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


class _UserDatabase(SQLAlchemyUserDatabase[User, uuid.UUID]):
    async def get(self, id: uuid.UUID) -> User | None:
        """Every authenticated request reads its caller here (token -> user): outside a
        transaction (one round trip, no BEGIN and ROLLBACK), and the connection goes straight
        back to the pool. Held until the request ended (this session's dependency teardown), it
        made each request hold two pooled connections at once; under load the requests waiting
        for their second one held all the first ones, and the pool timed out (500s)."""
        if self.session.in_transaction() or not isinstance(self.session.bind, AsyncEngine):
            return await super().get(id)  # tests bind sessions to their own open transaction
        await self.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        try:
            return await super().get(id)
        finally:
            await self.session.close()  # the user stays loaded (detached); a write re-adds it

    async def get_caller(
        self, id: uuid.UUID, org_id: uuid.UUID
    ) -> tuple[User, Membership | None] | None:
        """`get` plus the caller's membership of `org_id`, in the same statement and the same
        way: outside a transaction, on a connection handed back at once. Both come back
        detached; the request's unit of work takes the membership in (deps.py)."""
        if self.session.in_transaction() or not isinstance(self.session.bind, AsyncEngine):
            return await organisations.load_caller(self.session, user_id=id, org_id=org_id)
        await self.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        try:
            return await organisations.load_caller(self.session, user_id=id, org_id=org_id)
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


@lru_cache(maxsize=4096)
def _verified_claims(
    token: str, secret: str, audience: tuple[str, ...]
) -> tuple[str | None, float]:
    """A token's subject and expiry once its signature checked out (PyJWTError if it does not;
    errors are not cached). PyJWT's HMAC key preparation alone (it tries the secret as PEM, SSH,
    DER and JSON on every call) was a sixth of a single-escalation GET's CPU; a token never
    changes, so its verdict is kept, and the expiry is still checked on every use."""
    data = decode_jwt(token, secret, list(audience), algorithms=["HS256"])
    return data.get("sub"), float(data.get("exp", math.inf))


class _JWTStrategy(JWTStrategy[User, uuid.UUID]):
    def __init__(self, *args: Any, request: Request | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    async def read_token(
        self, token: str | None, user_manager: BaseUserManager[User, uuid.UUID]
    ) -> User | None:
        if token is None:
            return None
        try:
            user_id, expires = _verified_claims(
                token, str(self.decode_key), tuple(self.token_audience)
            )
        except jwt.PyJWTError:
            return None
        if user_id is None or expires <= time.time():
            return None
        try:
            parsed = user_manager.parse_id(user_id)
            if not isinstance(user_manager.user_db, _UserDatabase):
                return await user_manager.get(parsed)
        except (exceptions.UserNotExists, exceptions.InvalidID):
            return None
        return await _load_caller(user_manager.user_db, parsed, self.request)


async def _load_caller(
    user_db: _UserDatabase, user_id: uuid.UUID, request: Request | None
) -> User | None:
    org_id = _path_org_id(request)
    if org_id is None or request is None:
        return await user_db.get(user_id)
    # An organisation's route: the caller and their membership in one statement.
    found = await user_db.get_caller(user_id, org_id)
    if found is None:
        return None
    user, membership = found
    request.state.caller_membership = membership
    return user


def _jwt_user_id(token: str) -> uuid.UUID | None:
    """The subject of a valid, unexpired access token (what `_JWTStrategy` checks)."""
    settings = get_settings()
    try:
        subject, expires = _verified_claims(
            token, settings.secret_key.get_secret_value(), ("fastapi-users:auth",)
        )
        return None if subject is None or expires <= time.time() else uuid.UUID(subject)
    except (jwt.PyJWTError, ValueError):
        return None


def get_jwt_strategy() -> JWTStrategy[User, uuid.UUID]:
    settings = get_settings()
    return _JWTStrategy(
        secret=settings.secret_key.get_secret_value(),
        lifetime_seconds=settings.access_token_lifetime_seconds,
    )


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
    """The API key the caller authenticated with, or None for a person's JWT."""
    key: ApiKey | None = getattr(request.state, "api_key", None)
    return key


def _path_org_id(request: Request | None) -> uuid.UUID | None:
    raw = request.path_params.get("org_id") if request is not None else None
    try:
        return uuid.UUID(raw) if isinstance(raw, str) else None
    except ValueError:
        return None  # the route's own validation answers 422


async def _jwt_strategy_dependency(request: Request) -> JWTStrategy[User, uuid.UUID]:
    settings = get_settings()
    return _JWTStrategy(
        secret=settings.secret_key.get_secret_value(),
        lifetime_seconds=settings.access_token_lifetime_seconds,
        request=request,
    )


def caller_membership(request: Request) -> Membership | None:
    """The membership read with the caller's user row (detached), if this request's route is an
    organisation's and the caller is in it."""
    membership: Membership | None = getattr(request.state, "caller_membership", None)
    return membership


# The strategies are dependencies of every authenticated request, and FastAPI runs a plain `def`
# dependency in its thread pool: a thread hop per request each, for a function that never blocks.
auth_backend = AuthenticationBackend(
    name="jwt", transport=bearer_transport, get_strategy=_jwt_strategy_dependency
)
api_key_backend: AuthenticationBackend[User, uuid.UUID] = AuthenticationBackend(
    name="api-key",
    transport=bearer_transport,
    get_strategy=get_api_key_strategy,
)
fastapi_users = FastAPIUsers[User, uuid.UUID](get_user_manager, [auth_backend, api_key_backend])


async def current_active_user(
    request: Request,
    token: Annotated[str | None, Depends(bearer_transport.scheme)],
    user_db_session: Annotated[AsyncSession, Depends(get_user_db_session)],
    session: Annotated[AsyncSession, Depends(get_session, scope="function")],
) -> User:
    """What `fastapi_users.current_user(active=True)` answers (the JWT backend, then the API-key
    one; 401 without an active user), as one dependency. fastapi-users' own builds a dependency
    graph per backend (strategy, user manager, user database) that every request solved again,
    a user manager with a new password hasher each time: a tenth of a GET's CPU for a lookup."""
    user: User | None = None
    if token is not None:
        if api_keys.is_key_token(token):
            user = await ApiKeyStrategy(request, session).read_token(token, None)
        elif (user_id := _jwt_user_id(token)) is not None:
            user = await _load_caller(_UserDatabase(user_db_session, User), user_id, request)
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


def mint_stream_token(*, user_id: uuid.UUID, org_id: uuid.UUID) -> str:
    secret = get_settings().secret_key
    data = {"sub": str(user_id), "org": str(org_id), "aud": STREAM_AUDIENCE}
    return generate_jwt(data, secret, lifetime_seconds=STREAM_TOKEN_SECONDS)


def read_stream_token(token: str, *, org_id: uuid.UUID) -> uuid.UUID | None:
    """The user a valid, unexpired stream token for this organisation names, else None."""
    try:
        claims = decode_jwt(token, get_settings().secret_key, [STREAM_AUDIENCE])
        if claims.get("org") != str(org_id):
            return None
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None
