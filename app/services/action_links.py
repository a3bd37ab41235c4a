"""Signed action links for notification emails: minted by the mailer, read by email_actions.

A link carries a JWT of its own audience, signed with a key derived from SECRET_KEY for this
purpose only: who it was sent to (`sub`), the organisation and escalation, the action, the
notification it came in (`jti`, one per email) and when it expires. Kept apart from
email_actions so the mailer needs none of the escalation services to write one.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from app.errors import NotFound
from app.services._keys import derived_key

AUDIENCE = "escalations:email-action"
ACTIONS = ("claim",)
# How long a Claim link works: an email read the next day is no longer an invitation to claim
# (and a claim lasts the inbox's assignment duration, at most a day).
LIFETIME = timedelta(hours=24)
_ALGORITHM = "HS256"


class ActionLinkInvalid(NotFound):
    code = "action-link-invalid"
    title = "This action link is not valid"


@dataclass(frozen=True)
class Link:
    token_id: uuid.UUID
    user_id: uuid.UUID
    org_id: uuid.UUID
    escalation_id: uuid.UUID
    action: str
    expires_at: datetime


def _key() -> bytes:
    return derived_key(b"email-action-link")


def mint(
    *,
    token_id: uuid.UUID,
    user_id: uuid.UUID,
    org_id: uuid.UUID,
    escalation_id: uuid.UUID,
    action: str,
    issued_at: datetime,
) -> str:
    claims = {
        "aud": AUDIENCE,
        "jti": str(token_id),
        "sub": str(user_id),
        "org": str(org_id),
        "esc": str(escalation_id),
        "act": action,
        "iat": int(issued_at.timestamp()),
        "exp": int((issued_at + LIFETIME).timestamp()),
    }
    return jwt.encode(claims, _key(), algorithm=_ALGORITHM)


def read(token: str) -> Link:
    """The link's claims if its signature and audience hold (expiry is judged by the caller's
    clock, in email_actions); anything else is ActionLinkInvalid."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            _key(),
            algorithms=[_ALGORITHM],
            audience=AUDIENCE,
            options={"verify_exp": False, "require": ["jti", "sub", "exp", "aud"]},
        )
        link = Link(
            token_id=uuid.UUID(str(claims["jti"])),
            user_id=uuid.UUID(str(claims["sub"])),
            org_id=uuid.UUID(str(claims["org"])),
            escalation_id=uuid.UUID(str(claims["esc"])),
            action=str(claims["act"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=UTC),
        )
    except (jwt.PyJWTError, KeyError, ValueError, TypeError) as exc:
        raise ActionLinkInvalid() from exc
    if link.action not in ACTIONS:
        raise ActionLinkInvalid()
    return link


def url(base_url: str, token: str) -> str:
    """The SPA page that shows what the link does and asks to confirm it."""
    return f"{base_url.rstrip('/')}/actions/{token}"
