"""One-click actions from a notification email: opening one changes nothing, performing it
works once, for the member it was sent to, by the same rules as the API.

The use is recorded in Redis (`SET NX`, kept until the link has expired anyway) after the action
succeeded and before its transaction commits: a refused action (not an owner, a lost race) leaves
the link usable, and a second use finds the key and rolls its own action back. Two clicks at
once are ordered by the escalation's row lock: the second finds the claim already made, then the
key taken.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, DomainError, Forbidden
from app.models.escalations import Escalation
from app.models.organisations import Membership
from app.models.users import User
from app.services import escalations, organisations
from app.services.action_links import ActionLinkInvalid, Link, read

__all__ = ["ActionLinkInvalid", "describe", "perform"]
_KEPT_AFTER_EXPIRY = timedelta(hours=1)  # past any clock skew between API processes


class ActionLinkNotYours(Forbidden):
    code = "action-link-not-yours"
    title = "This action link was sent to someone else"


class ActionLinkExpired(Conflict):
    code = "action-link-expired"
    title = "This action link has expired"


class ActionLinkUsed(Conflict):
    code = "action-link-used"
    title = "This action link was already used"


class ActionLinksUnavailable(DomainError):
    status = 503
    code = "action-links-unavailable"
    title = "Action links cannot be checked just now"


@dataclass
class Described:
    action: str
    state: str  # valid | used | expired
    expires_at: datetime
    used_at: datetime | None
    escalation: Escalation


@dataclass
class Performed:
    action: str
    escalation: Escalation


def _used_key(link: Link) -> str:
    return f"email-action:used:{link.token_id}"


async def _used_at(redis: Redis, link: Link) -> datetime | None:
    try:
        raw = await redis.get(_used_key(link))
    except RedisError as exc:
        raise ActionLinksUnavailable("Try the link again in a moment.") from exc
    return None if raw is None else datetime.fromisoformat(json.loads(raw)["used_at"])


async def _open(
    session: AsyncSession, *, token: str, user: User
) -> tuple[Link, Membership, Escalation]:
    link = read(token)
    if link.user_id != user.id:
        raise ActionLinkNotYours()
    member = await organisations.get_membership(session, org_id=link.org_id, user_id=user.id)
    organisations.require_two_factor(member)
    escalation = await escalations.get_visible(
        session, viewer=member, escalation_id=link.escalation_id
    )
    return link, member, escalation


async def describe(
    session: AsyncSession, redis: Redis, *, token: str, user: User, now: datetime
) -> Described:
    """What the link would do, for the member it was sent to; reads only."""
    link, _, escalation = await _open(session, token=token, user=user)
    used_at = await _used_at(redis, link)
    state = "used" if used_at is not None else "expired" if link.expires_at <= now else "valid"
    return Described(link.action, state, link.expires_at, used_at, escalation)


async def perform(
    session: AsyncSession, redis: Redis, *, token: str, user: User, now: datetime
) -> Performed:
    """Do what the link says, once, by the same rules as the API (see escalations.claim_one)."""
    link, member, _ = await _open(session, token=token, user=user)
    if link.expires_at <= now:
        raise ActionLinkExpired(expired_at=link.expires_at)
    used_at = await _used_at(redis, link)
    if used_at is not None:  # refused before any work; the SET NX below is what decides
        raise ActionLinkUsed(used_at=used_at)
    claimed = await escalations.claim_one(
        session, member=member, escalation_id=link.escalation_id, now=now
    )
    record = json.dumps({"used_at": now.isoformat(), "user_id": str(user.id)})
    try:
        fresh = await redis.set(
            _used_key(link), record, nx=True, exat=link.expires_at + _KEPT_AFTER_EXPIRY
        )
    except RedisError as exc:
        raise ActionLinksUnavailable("Try the link again in a moment.") from exc
    if not fresh:
        raise ActionLinkUsed(used_at=await _used_at(redis, link))
    return Performed(link.action, claimed)
