"""Slack's request signing (v0): HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's signing
secret, sent as `X-Slack-Signature: v0=<hex>` beside `X-Slack-Request-Timestamp`.

A request more than five minutes from our clock is refused, the comparison is constant-time, and a
signature seen before (within the ten minutes a timestamp can pass) is a replay: refused.
"""

import hashlib
import hmac
from datetime import datetime

from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.errors import DomainError

MAX_SKEW_SECONDS = 5 * 60


class SlackSignatureInvalid(DomainError):
    status = 401
    code = "slack-signature-invalid"
    title = "This request was not signed by the organisation's Slack app"


class SlackRequestReplayed(DomainError):
    status = 401
    code = "slack-request-replayed"
    title = "This Slack request was already received"


class SlackUnavailable(DomainError):
    status = 503
    code = "slack-actions-unavailable"
    title = "Slack actions cannot be checked just now"


def signature(secret: str, *, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def verify(
    secret: str, *, body: bytes, timestamp: str | None, sent: str | None, now: datetime
) -> None:
    if not timestamp or not sent:
        raise SlackSignatureInvalid("The request has no Slack signature or timestamp.")
    try:
        at = int(timestamp)
    except ValueError as exc:
        raise SlackSignatureInvalid("The request's timestamp is not a number.") from exc
    if abs(now.timestamp() - at) > MAX_SKEW_SECONDS:
        raise SlackSignatureInvalid("The request's timestamp is not within five minutes of ours.")
    expected = signature(secret, timestamp=timestamp, body=body).encode()
    if not hmac.compare_digest(expected, sent.encode("utf-8", "replace")):
        raise SlackSignatureInvalid("The signature does not match.")


async def refuse_replay(redis: Redis, sent: str) -> None:
    """Remember a verified signature until its timestamp cannot pass; seen before: refused."""
    key = "slack:seen:" + hashlib.sha256(sent.encode()).hexdigest()
    try:
        fresh = await redis.set(key, "1", nx=True, ex=2 * MAX_SKEW_SECONDS)
    except RedisError as exc:
        raise SlackUnavailable("Slack actions cannot be checked just now.") from exc
    if not fresh:
        raise SlackRequestReplayed()
