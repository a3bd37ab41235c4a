"""Signing in through an organisation's OpenID Connect provider.

The authorization-code flow with PKCE, `state` and `nonce` (Authlib's OAuth 2 client); the ID token
verified with joserfc against the provider's JWKS (signature, issuer, audience, expiry, nonce). The
person is matched by their verified email, joins the organisation with the configured role on
their first sign-in, and gets the same kind of session as a password sign-in (the router opens it).
None of the protocol is written here: only what this product decides.
"""

import json
import secrets
import time
import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.integrations.base_client.errors import OAuthError
from fastapi_users.password import PasswordHelper
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from pydantic import EmailStr, TypeAdapter, ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import DomainError, Forbidden, NotFound, RuleViolation
from app.models.organisations import Membership, Role
from app.models.sso import IdentityProvider
from app.models.users import User
from app.services import _keys

with warnings.catch_warnings():
    # Authlib 1.9 prefers its httpx2 fork and warns when it runs on httpx, this stack's client.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client

SECRET_PURPOSE = b"sso-client-secret"
_EMAIL = TypeAdapter(EmailStr)
STATE_SECONDS = 600  # from "Sign in with …" to the provider's answer
DISCOVERY_SECONDS = 300  # how long a provider's discovery document and keys are kept
CLOCK_LEEWAY_SECONDS = 60
_TIMEOUT = httpx.Timeout(10.0)


class IdentityProviderNotFound(NotFound):
    code = "identity-provider-not-found"
    title = "No single sign-on here"


class SsoStateInvalid(DomainError):
    status = 400
    code = "sso-state-invalid"
    title = "This sign-in was not started here, has expired, or was already used"


class SsoProviderUnavailable(DomainError):
    status = 503
    code = "sso-provider-unavailable"
    title = "The identity provider did not answer"


class SsoProviderRefused(DomainError):
    status = 400
    code = "sso-provider-refused"
    title = "The identity provider refused this sign-in"


class SsoIdTokenInvalid(DomainError):
    status = 401
    code = "sso-id-token-invalid"
    title = "The identity provider's answer could not be trusted"


class SsoEmailNotAllowed(Forbidden):
    code = "sso-email-not-allowed"
    title = "This email may not sign in here"


class PasswordSignInDisabled(Forbidden):
    code = "password-sign-in-disabled"
    title = "Sign in through your organisation's identity provider"


class InvalidProviderSettings(RuleViolation):
    code = "invalid-identity-provider"


@dataclass(frozen=True)
class SignedInThrough:
    user_id: uuid.UUID
    org_id: uuid.UUID
    next_path: str
    joined: bool  # a membership was made on this sign-in (just in time)


# --- configuration ------------------------------------------------------------------------------


async def get_for_org(session: AsyncSession, *, org_id: uuid.UUID) -> IdentityProvider:
    found = await session.scalar(select(IdentityProvider).where(IdentityProvider.org_id == org_id))
    if found is None:
        raise IdentityProviderNotFound("This organisation has no identity provider configured.")
    return found


def _domains(values: list[str]) -> list[str]:
    domains = sorted({v.strip().lower().lstrip("@") for v in values if v.strip()})
    if not domains:
        raise InvalidProviderSettings("Name at least one email domain allowed to sign in.")
    return domains


async def configure(
    session: AsyncSession,
    *,
    actor: Membership,
    name: str,
    issuer: str,
    client_id: str,
    client_secret: str | None,
    allowed_domains: list[str],
    default_role: Role,
    passwords_allowed: bool,
) -> IdentityProvider:
    """Create or replace the organisation's provider (admins; checked by the caller). The client
    secret is kept when none is given on a change."""
    if default_role is Role.owner:
        raise InvalidProviderSettings("Nobody becomes an owner by signing in: choose another role.")
    provider = await session.scalar(
        select(IdentityProvider).where(IdentityProvider.org_id == actor.org_id).with_for_update()
    )
    if provider is None:
        if not client_secret:
            raise InvalidProviderSettings("The client secret is needed to set up a provider.")
        provider = IdentityProvider(org_id=actor.org_id)
        session.add(provider)
    if client_secret:
        provider.client_secret_encrypted = _keys.seal(SECRET_PURPOSE, client_secret)
    provider.name = name.strip()
    provider.issuer = issuer.rstrip("/")
    provider.client_id = client_id
    provider.allowed_domains = _domains(allowed_domains)
    provider.default_role = default_role
    provider.passwords_allowed = passwords_allowed
    await session.flush()
    return provider


async def remove(session: AsyncSession, *, actor: Membership) -> None:
    provider = await get_for_org(session, org_id=actor.org_id)
    await session.delete(provider)
    await session.flush()


async def find_for_email(session: AsyncSession, *, email: str) -> IdentityProvider | None:
    """The provider that signs in people of this email's domain ("Sign in with …")."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    found = await session.scalars(
        select(IdentityProvider)
        .where(IdentityProvider.allowed_domains.any(domain))  # type: ignore[arg-type]
        .order_by(IdentityProvider.created_at)
        .limit(1)
    )
    return found.first()


async def password_sign_in_allowed(session: AsyncSession, *, user_id: uuid.UUID) -> bool:
    """False when an organisation of the user's signs its people in through its provider only."""
    blocked = await session.scalar(
        select(func.count())
        .select_from(IdentityProvider)
        .join(Membership, Membership.org_id == IdentityProvider.org_id)
        .where(Membership.user_id == user_id, IdentityProvider.passwords_allowed.is_(False))
    )
    return not blocked


# --- the provider's documents -------------------------------------------------------------------

_documents: dict[str, tuple[float, dict[str, Any]]] = {}


async def _fetch_json(http: httpx.AsyncClient, url: str) -> dict[str, Any]:
    cached = _documents.get(url)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    try:
        response = await http.get(url, timeout=_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoProviderUnavailable(
            f"The identity provider did not answer at {url} ({type(exc).__name__}): try again "
            "shortly, or ask an admin to check the organisation's sign-in settings."
        ) from exc
    if not isinstance(document, dict):
        raise SsoProviderUnavailable(f"The identity provider sent no JSON object at {url}.")
    _documents[url] = (time.monotonic() + DISCOVERY_SECONDS, document)
    return document


async def _discover(http: httpx.AsyncClient, provider: IdentityProvider) -> dict[str, Any]:
    document = await _fetch_json(http, f"{provider.issuer}/.well-known/openid-configuration")
    # OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if document.get("issuer", "").rstrip("/") != provider.issuer:
        raise SsoProviderUnavailable(
            f"The provider's discovery document names another issuer ({document.get('issuer')!r})."
        )
    return document


# --- the flow -----------------------------------------------------------------------------------


def _state_key(state: str) -> str:
    return f"sso:state:{state}"


async def begin(
    session: AsyncSession,
    redis: Redis,
    http: httpx.AsyncClient,
    *,
    provider_id: uuid.UUID,
    redirect_uri: str,
    next_path: str,
) -> tuple[str, str]:
    """Where to send the browser (the provider's authorization URL), and the `state` the
    callback must come back with. The state, nonce and PKCE verifier wait in Redis, once."""
    provider = await session.get(IdentityProvider, provider_id)
    if provider is None:
        raise IdentityProviderNotFound("No identity provider has this id.")
    document = await _discover(http, provider)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    pending = {
        "provider_id": str(provider.id),
        "nonce": nonce,
        "verifier": verifier,
        "next": next_path,
    }
    try:
        await redis.set(_state_key(state), json.dumps(pending), ex=STATE_SECONDS)
    except RedisError as exc:
        raise SsoProviderUnavailable("Single sign-on cannot start just now: try again.") from exc
    client = AsyncOAuth2Client(
        client_id=provider.client_id,
        scope="openid email",
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )
    url, _ = client.create_authorization_url(
        document["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier
    )
    return url, state


async def complete(
    session: AsyncSession,
    redis: Redis,
    http: httpx.AsyncClient,
    *,
    state: str,
    code: str,
    redirect_uri: str,
    now: datetime,
) -> SignedInThrough:
    """The provider's answer: exchange the code (with the PKCE verifier), verify the ID token,
    and find (or make) the member it names."""
    try:
        raw = await redis.getdel(_state_key(state))
    except RedisError as exc:
        raise SsoProviderUnavailable("Single sign-on cannot finish just now: try again.") from exc
    if raw is None:
        raise SsoStateInvalid("This sign-in was not started here, has expired or was already used.")
    pending = json.loads(raw)
    provider = await session.get(IdentityProvider, uuid.UUID(pending["provider_id"]))
    if provider is None:
        raise IdentityProviderNotFound("The identity provider was removed meanwhile.")
    document = await _discover(http, provider)
    id_token = await _exchange(provider, document, code, pending["verifier"], redirect_uri)
    keys = await _fetch_json(http, document["jwks_uri"])
    claims = verify_id_token(
        id_token, keys, issuer=provider.issuer, client_id=provider.client_id,
        nonce=pending["nonce"], now=now,
    )  # fmt: skip
    email = _allowed_email(provider, claims)
    user, joined = await _member(session, provider, email)
    return SignedInThrough(user.id, provider.org_id, pending["next"], joined)


async def _exchange(
    provider: IdentityProvider,
    document: dict[str, Any],
    code: str,
    verifier: str,
    redirect_uri: str,
) -> str:
    secret = _keys.unseal(SECRET_PURPOSE, provider.client_secret_encrypted)
    if secret is None:
        raise SsoProviderUnavailable(
            "The provider's client secret can no longer be read (SECRET_KEY changed): an admin "
            "must enter it again."
        )
    async with AsyncOAuth2Client(
        client_id=provider.client_id,
        client_secret=secret,
        redirect_uri=redirect_uri,
        token_endpoint_auth_method="client_secret_post",
        timeout=_TIMEOUT,
    ) as client:
        try:
            token = await client.fetch_token(
                document["token_endpoint"], code=code, code_verifier=verifier
            )
        except OAuthError as exc:  # e.g. invalid_grant: a code used before, or a wrong verifier
            raise SsoProviderRefused(
                f"The identity provider refused the sign-in: {exc.error}"
                + (f" ({exc.description})" if exc.description else "")
            ) from exc
        except httpx.HTTPError as exc:
            raise SsoProviderUnavailable("The identity provider did not answer.") from exc
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SsoIdTokenInvalid("The identity provider sent no ID token.")
    return id_token


def verify_id_token(
    id_token: str,
    keys: dict[str, Any],
    *,
    issuer: str,
    client_id: str,
    nonce: str,
    now: datetime,
) -> dict[str, Any]:
    """The ID token's claims, if its signature is the provider's (JWKS) and its issuer, audience,
    expiry and nonce are ours; else SsoIdTokenInvalid saying which."""
    try:
        token = jwt.decode(id_token, KeySet.import_key_set(keys))  # type: ignore[arg-type]
        jwt.JWTClaimsRegistry(
            now=int(now.timestamp()),
            leeway=CLOCK_LEEWAY_SECONDS,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError) as exc:
        raise SsoIdTokenInvalid(f"The ID token was refused: {exc}") from exc
    return dict(token.claims)


def _allowed_email(provider: IdentityProvider, claims: dict[str, Any]) -> str:
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise SsoEmailNotAllowed("The identity provider sent no email address.")
    if claims.get("email_verified") is not True:
        raise SsoEmailNotAllowed(f"The identity provider has not verified {email}.")
    email = email.strip().lower()
    try:
        _EMAIL.validate_python(email)  # what accounts accept everywhere else (fastapi-users)
    except ValidationError as exc:
        raise SsoEmailNotAllowed(f"{email} is not an email address accounts can have.") from exc
    if email.rpartition("@")[2] not in provider.allowed_domains:
        raise SsoEmailNotAllowed(
            f"{email} is outside the domains allowed to sign in to this organisation "
            f"({', '.join(provider.allowed_domains)})."
        )
    return email


async def _member(
    session: AsyncSession, provider: IdentityProvider, email: str
) -> tuple[User, bool]:
    user = await session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        # A password nobody knows: this person signs in through the provider.
        hashed = PasswordHelper().hash(secrets.token_urlsafe(32))
        user = User(email=email, hashed_password=hashed, is_active=True, is_verified=True)
        session.add(user)
        await session.flush()
    if not user.is_active:
        raise SsoEmailNotAllowed(f"The account {email} is deactivated.")
    membership = await session.get(Membership, (provider.org_id, user.id))
    if membership is not None:
        return user, False
    session.add(Membership(org_id=provider.org_id, user_id=user.id, role=provider.default_role))
    await session.flush()
    return user, True
