"""Organisation API keys: a third-party integration's credentials, acting as a service member.

A key is shown once (`eik_<prefix>_<secret>`) and stored as the SHA-256 of the whole secret. It
acts through a service account (a `User` whose id is the key's id, with no usable password) that
is a member of the key's one organisation, so every membership check, role check, rate limit and
audit event applies to it unchanged, and names the key. Scopes narrow what it may call
(app/scopes.py). A revoked or expired key no longer authenticates.
"""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi_users.password import PasswordHelper
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound, RuleViolation
from app.models.api_keys import ApiKey, Scope
from app.models.organisations import Membership, Role
from app.models.security import SecurityEventKind
from app.models.users import User
from app.services import security_audit
from app.services._pagination import Page, paginate

TOKEN_PREFIX = "eik_"
SERVICE_EMAIL_DOMAIN = "api-keys.example"  # reserved (RFC 2606): never a real mailbox
# last_used_at is written at most this often per key: not one UPDATE per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyNotFound(NotFound):
    code = "api-key-not-found"
    title = "API key not found"


class ExpiryInPast(RuleViolation):
    code = "api-key-expiry-in-past"
    title = "The expiry date must be in the future"


class InvalidApiKey(Exception):
    """The presented key is unknown, revoked or expired (a 401; `reason` says which)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class CreatedKey:
    key: ApiKey
    secret: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def role_for(scopes: list[Scope]) -> Role:
    """The service member's role: supervisors see every conversation; `admin` configures."""
    return Role.admin if Scope.admin in scopes else Role.supervisor


def is_key_token(token: str) -> bool:
    return token.startswith(TOKEN_PREFIX)


async def create(
    session: AsyncSession,
    *,
    actor: Membership,
    name: str,
    scopes: list[Scope],
    expires_at: datetime | None,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> CreatedKey:
    if expires_at is not None and expires_at <= now:
        raise ExpiryInPast()
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    account = User(
        email=f"key-{prefix}@{SERVICE_EMAIL_DOMAIN}",
        # A random password nobody knows: the account can never sign in with a password.
        hashed_password=PasswordHelper().hash(secrets.token_urlsafe(32)),
        is_active=True,
        is_verified=True,
        display_name=f"API key: {name}"[:120],
    )
    session.add(account)
    await session.flush()
    unique = sorted(set(scopes), key=list(Scope).index)
    session.add(Membership(org_id=actor.org_id, user_id=account.id, role=role_for(unique)))
    key = ApiKey(
        id=account.id,
        org_id=actor.org_id,
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        scopes=[s.value for s in unique],
        created_by=actor.user_id,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(key)
    await session.flush()
    await security_audit.record_from(
        session,
        origin,
        kind=SecurityEventKind.api_key_created,
        user_id=actor.user_id,
        org_id=actor.org_id,
        detail={"api_key_id": str(key.id), "name": name, "scopes": key.scopes},
        at=now,
    )
    return CreatedKey(key=key, secret=secret)


async def list_for_org(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[ApiKey]:
    stmt = select(ApiKey).where(ApiKey.org_id == org_id)
    return await paginate(
        session,
        stmt,
        keys=[ApiKey.created_at, ApiKey.id],
        descending=True,
        limit=limit,
        cursor=cursor,
    )


async def get(session: AsyncSession, *, org_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey:
    key = await session.scalar(select(ApiKey).where(ApiKey.org_id == org_id, ApiKey.id == key_id))
    if key is None:
        raise ApiKeyNotFound(api_key_id=key_id)
    return key


async def revoke(
    session: AsyncSession,
    *,
    actor: Membership,
    key_id: uuid.UUID,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> ApiKey:
    """Revoke at once (idempotent). The service member stays, so the audit trail keeps its name."""
    key = await get(session, org_id=actor.org_id, key_id=key_id)
    if key.revoked_at is None:
        key.revoked_at = now
        await session.flush()
        await security_audit.record_from(
            session,
            origin,
            kind=SecurityEventKind.api_key_revoked,
            user_id=actor.user_id,
            org_id=actor.org_id,
            detail={"api_key_id": str(key.id), "name": key.name},
            at=now,
        )
    return key


async def authenticate(session: AsyncSession, *, token: str, now: datetime) -> tuple[ApiKey, User]:
    """The key and its service account for a presented secret, or InvalidApiKey."""
    parts = token.removeprefix(TOKEN_PREFIX).split("_", 1)
    row = None
    if len(parts) == 2 and len(parts[0]) <= 16:
        row = (
            await session.execute(
                select(ApiKey, User)
                .join(User, User.id == ApiKey.id)  # type: ignore[arg-type]
                .where(ApiKey.prefix == parts[0])
            )
        ).one_or_none()
    if row is None or not hmac.compare_digest(row[0].secret_hash, _hash(token)):
        raise InvalidApiKey("unknown API key")
    key, account = row
    if key.revoked_at is not None:
        raise InvalidApiKey("the API key was revoked")
    if key.expires_at is not None and key.expires_at <= now:
        raise InvalidApiKey("the API key has expired")
    if key.last_used_at is None or key.last_used_at <= now - LAST_USED_RESOLUTION:
        key.last_used_at = now  # written with the request's commit
    return key, account
