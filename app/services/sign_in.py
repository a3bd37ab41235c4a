"""Signing in: a password, then a second factor when the account has one, opens a session.

The password step of an account with two-factor sign-in opens nothing: it answers with a
challenge (app/access_tokens.py), which the code step turns into a session within five minutes,
once."""

import uuid
from datetime import datetime, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from app import access_tokens
from app.errors import DomainError
from app.models.sessions import SessionTransport
from app.models.users import User
from app.services import sessions, sso, two_factor
from app.services.security_audit import Origin


class TwoFactorRequired(DomainError):
    status = 401
    code = "two-factor-required"
    title = "Enter your two-factor code"


class ChallengeInvalid(DomainError):
    status = 401
    code = "two-factor-challenge-invalid"
    title = "Sign in again"


async def session_token(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    transport: SessionTransport,
    origin: Origin,
    now: datetime,
    lifetime: timedelta,
) -> str:
    """Whoever this is has proven it (a password, a second factor, or the identity provider):
    open their session on this device (audited) and mint its access token."""
    opened = await sessions.sign_in(
        session, user_id=user_id, transport=transport, origin=origin, now=now, lifetime=lifetime
    )
    return access_tokens.mint(user_id=user_id, session_id=opened.id, expires_at=opened.expires_at)


async def with_password(
    session: AsyncSession,
    *,
    user: User,
    transport: SessionTransport,
    origin: Origin,
    now: datetime,
    lifetime: timedelta,
) -> str:
    """The password was right (checked by fastapi-users): the new session's access token, or
    TwoFactorRequired carrying the challenge for the code step. PasswordSignInDisabled when an
    organisation of theirs signs its people in through its identity provider only."""
    if not await sso.password_sign_in_allowed(session, user_id=user.id):
        raise sso.PasswordSignInDisabled(
            "Your organisation signs you in through its identity provider: use "
            '"Sign in with …" on the sign-in page.'
        )
    if await two_factor.is_enabled(session, user.id):
        minutes = access_tokens.CHALLENGE_SECONDS // 60
        raise TwoFactorRequired(
            "This account has two-factor sign-in: send a code from the authenticator app (or a "
            f"backup code) with this challenge to /auth/{transport}/two-factor within "
            f"{minutes} minutes.",
            challenge=access_tokens.mint_challenge(user_id=user.id, transport=str(transport)),
            expires_in=access_tokens.CHALLENGE_SECONDS,
        )
    return await session_token(
        session, user_id=user.id, transport=transport, origin=origin, now=now, lifetime=lifetime
    )


async def with_second_factor(
    session: AsyncSession,
    redis: Redis,
    *,
    challenge: str,
    code: str,
    transport: SessionTransport,
    origin: Origin,
    now: datetime,
    lifetime: timedelta,
) -> str:
    """The code step: the new session's access token. A challenge is bound to the transport it
    was issued for and completes one sign-in only."""
    claims = access_tokens.read_challenge(challenge)
    if claims is None or claims.transport != transport:
        raise ChallengeInvalid("This sign-in has expired or is not valid here: sign in again.")
    await two_factor.verify_sign_in_code(
        session, redis, user_id=claims.user_id, code=code, now=now, origin=origin
    )
    try:
        first_use = await redis.set(
            f"two-factor-challenge:{claims.jti}", 1, nx=True, ex=access_tokens.CHALLENGE_SECONDS
        )
    except RedisError as exc:
        raise two_factor.TwoFactorUnavailable() from exc
    if not first_use:
        raise ChallengeInvalid("This sign-in was already completed: sign in again.")
    user = await session.get(User, claims.user_id)
    if user is None or not user.is_active:
        raise ChallengeInvalid("This account cannot sign in.")
    return await session_token(
        session, user_id=user.id, transport=transport, origin=origin, now=now, lifetime=lifetime
    )
