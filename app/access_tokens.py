"""Access tokens: signed JWTs naming the user and their server-side session (`sid`).

The signature and expiry are checked here, in memory; whether the session is still open is read
with the caller (app/services/sessions.py). The same token travels in the SPA's HttpOnly cookie
and in an integration's `Authorization: Bearer` header."""

import math
import secrets
import time
import uuid
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

import jwt
from fastapi_users.jwt import decode_jwt, generate_jwt

from app.config import get_settings

AUDIENCE = "fastapi-users:auth"


class AccessClaims(NamedTuple):
    user_id: uuid.UUID
    session_id: uuid.UUID


def mint(*, user_id: uuid.UUID, session_id: uuid.UUID, expires_at: datetime) -> str:
    settings = get_settings()
    data = {
        "sub": str(user_id),
        "sid": str(session_id),
        "aud": AUDIENCE,
        "exp": math.floor(expires_at.timestamp()),
    }
    return generate_jwt(data, settings.secret_key, lifetime_seconds=None)


@lru_cache(maxsize=4096)
def _verified_claims(token: str, secret: str) -> tuple[str | None, str | None, float]:
    """A token's subject, session and expiry once its signature checked out (PyJWTError if it
    does not; errors are not cached). PyJWT's HMAC key preparation alone (it tries the secret as
    PEM, SSH, DER and JSON on every call) was a sixth of a single-escalation GET's CPU; a token
    never changes, so its verdict is kept, and the expiry is still checked on every use."""
    data = decode_jwt(token, secret, [AUDIENCE], algorithms=["HS256"])
    return data.get("sub"), data.get("sid"), float(data.get("exp", math.inf))


def read(token: str) -> AccessClaims | None:
    """The claims of a well-signed, unexpired access token that names a session, else None."""
    try:
        subject, session, expires = _verified_claims(
            token, get_settings().secret_key.get_secret_value()
        )
        if subject is None or session is None or expires <= time.time():
            return None
        return AccessClaims(uuid.UUID(subject), uuid.UUID(session))
    except (jwt.PyJWTError, ValueError):
        return None


# Between a correct password and the second factor: proof that the password step passed, for one
# user and one transport, for five minutes. It opens nothing by itself (its own audience), and it
# is used up by the sign-in it completes (its `jti`, app/routers/auth.py).
CHALLENGE_AUDIENCE = "escalations:two-factor"
CHALLENGE_SECONDS = 300


class Challenge(NamedTuple):
    user_id: uuid.UUID
    transport: str
    jti: str


def mint_challenge(*, user_id: uuid.UUID, transport: str) -> str:
    data = {
        "sub": str(user_id),
        "tr": transport,
        "jti": secrets.token_urlsafe(16),
        "aud": CHALLENGE_AUDIENCE,
    }
    return generate_jwt(data, get_settings().secret_key, lifetime_seconds=CHALLENGE_SECONDS)


def read_challenge(token: str) -> Challenge | None:
    try:
        data = decode_jwt(token, get_settings().secret_key, [CHALLENGE_AUDIENCE])
        return Challenge(uuid.UUID(data["sub"]), str(data["tr"]), str(data["jti"]))
    except (jwt.PyJWTError, KeyError, ValueError):
        return None
