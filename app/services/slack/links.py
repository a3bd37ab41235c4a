"""Linking a Slack user to a member: the first time an unknown Slack user presses a button, they
get (ephemerally) a one-time link to /slack/link/{token}; the member opens it signed in and
confirms, and from then on that Slack user acts as that member.

The token is a JWT of its own audience (key derived from SECRET_KEY) naming the workspace, the
Slack user and the organisation, valid 15 minutes. Confirming stores the mapping; a Slack user
already linked to someone else is refused, so a link works for one member only.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from app.models.slack import SlackUserLink
from app.models.users import User
from app.services import organisations
from app.services._keys import derived_key

AUDIENCE = "escalations:slack-link"
LIFETIME = timedelta(minutes=15)
_ALGORITHM = "HS256"


class SlackLinkInvalid(NotFound):
    code = "slack-link-invalid"
    title = "This Slack link is not valid"


class SlackLinkExpired(Conflict):
    code = "slack-link-expired"
    title = "This Slack link has expired: press the button in Slack again for a new one"


class SlackUserLinkedElsewhere(Conflict):
    code = "slack-user-already-linked"
    title = "This Slack user is already linked to another member"


@dataclass(frozen=True)
class Pending:
    team_id: str
    slack_user_id: str
    slack_user_name: str
    org_id: uuid.UUID
    expires_at: datetime


@dataclass
class Described:
    team_id: str
    slack_user_id: str
    slack_user_name: str
    org_id: uuid.UUID
    expires_at: datetime
    state: str  # valid | linked (to you already) | expired


def _key() -> bytes:
    return derived_key(b"slack-user-link")


def mint(
    *, team_id: str, slack_user_id: str, slack_user_name: str, org_id: uuid.UUID, now: datetime
) -> str:
    claims = {
        "aud": AUDIENCE,
        "team": team_id,
        "sub": slack_user_id,
        "name": slack_user_name[:80],
        "org": str(org_id),
        "exp": int((now + LIFETIME).timestamp()),
    }
    return jwt.encode(claims, _key(), algorithm=_ALGORITHM)


def url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/slack/link/{token}"


def read(token: str) -> Pending:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            _key(),
            algorithms=[_ALGORITHM],
            audience=AUDIENCE,
            options={"verify_exp": False, "require": ["sub", "exp", "aud"]},
        )
        return Pending(
            team_id=str(claims["team"]),
            slack_user_id=str(claims["sub"]),
            slack_user_name=str(claims.get("name") or ""),
            org_id=uuid.UUID(str(claims["org"])),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=UTC),
        )
    except (jwt.PyJWTError, KeyError, ValueError, TypeError) as exc:
        raise SlackLinkInvalid() from exc


async def _open(
    session: AsyncSession, token: str, user: User
) -> tuple[Pending, SlackUserLink | None]:
    pending = read(token)
    # Only a member of the organisation whose Slack app sent it (others: it does not exist).
    await organisations.get_membership(session, org_id=pending.org_id, user_id=user.id)
    existing = await session.get(
        SlackUserLink, (pending.team_id, pending.slack_user_id), with_for_update=True
    )
    if existing is not None and existing.user_id != user.id:
        raise SlackUserLinkedElsewhere()
    return pending, existing


async def describe_link(
    session: AsyncSession, *, token: str, user: User, now: datetime
) -> Described:
    pending, existing = await _open(session, token, user)
    state = "linked" if existing else "expired" if pending.expires_at <= now else "valid"
    return Described(
        pending.team_id,
        pending.slack_user_id,
        pending.slack_user_name,
        pending.org_id,
        pending.expires_at,
        state,
    )


async def confirm_link(
    session: AsyncSession, *, token: str, user: User, now: datetime
) -> Described:
    pending, existing = await _open(session, token, user)
    if existing is None:
        if pending.expires_at <= now:
            raise SlackLinkExpired(expired_at=pending.expires_at)
        # Two members confirming at once: the key lets one in; the other is told it is taken.
        added = await session.scalar(
            insert(SlackUserLink)
            .values(
                team_id=pending.team_id,
                slack_user_id=pending.slack_user_id,
                org_id=pending.org_id,
                user_id=user.id,
                created_at=now,
            )
            .on_conflict_do_nothing()
            .returning(SlackUserLink.user_id)
        )
        if added is None:
            raise SlackUserLinkedElsewhere()
    return await describe_link(session, token=token, user=user, now=now)
