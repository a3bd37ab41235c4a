"""Rate limits on the API, counted in the Redis the app already uses (the `limits` library).

Two dependencies, attached where the routers are included (app/main.py):

* `limit_sign_in` on login and register: per client IP and per submitted email, both counted
  together for the two routes, so a password guesser gets the same budget either way.
* `limit_user` on every authenticated route: per user. It depends on the same `current_active_user`
  as the routes do, so FastAPI resolves the user once and a missing token is still a 401.

Over a limit is a 429 problem (`rate-limited`) with `Retry-After`. Moving windows: a client never
gets a double budget at a window boundary. If Redis does not answer (every call times out, see
app/redis_client.py), the request is served and a warning logged, and for the next
`REDIS_BACKOFF_SECONDS` requests are served unlimited without asking Redis at all, so a silent
Redis costs one timeout every few seconds rather than one per request: rate limiting must never
take the API down.
"""

import logging
import math
import time
from functools import lru_cache
from typing import Any

from arq import ArqRedis
from fastapi import HTTPException, Request
from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.exceptions import RedisError

from app.config import get_settings
from app.deps import CurrentUser, Redis

logger = logging.getLogger(__name__)

KEY_PREFIX = "ratelimit"
MAX_EMAIL_KEY_LENGTH = 320  # the longest valid address; longer input is cut, not stored whole
REDIS_BACKOFF_SECONDS = 5.0


class _Limiter:
    """One moving-window limiter over the current Redis pool (rebuilt when the pool changes, as
    it does between tests; building one only registers the Lua scripts, no round trip)."""

    def __init__(self) -> None:
        self._pool: Any = None
        self._limiter: MovingWindowRateLimiter | None = None
        self.redis_down_until = 0.0  # time.monotonic() until which this pool's Redis is not asked

    def over(self, redis: ArqRedis) -> MovingWindowRateLimiter:
        if self._limiter is None or self._pool is not redis.connection_pool:
            storage = RedisStorage(
                "async+redis://",
                implementation="redispy",
                key_prefix=KEY_PREFIX,
                wrap_exceptions=True,
                # Typed `float | str | bool` in limits, but passed to redis.asyncio.Redis as is.
                connection_pool=redis.connection_pool,  # type: ignore[arg-type]
            )
            self._pool, self._limiter = redis.connection_pool, MovingWindowRateLimiter(storage)
            self.redis_down_until = 0.0
        return self._limiter


_limiter = _Limiter()


@lru_cache
def _item(limit: str) -> RateLimitItem:
    return parse(limit)


async def _enforce(redis: ArqRedis, checks: list[tuple[str, str, str]], what: str) -> None:
    """Count one hit against each `(name, identifier, limit)`; 429 at the first one that is full."""
    limiter = _limiter.over(redis)
    if time.monotonic() < _limiter.redis_down_until:
        return
    try:
        for name, identifier, limit in checks:
            item = _item(limit)
            if not await limiter.hit(item, name, identifier):
                stats = await limiter.get_window_stats(item, name, identifier)
                retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                raise HTTPException(
                    429,
                    detail=f"Too many {what}. Try again in {retry_after} seconds.",
                    headers={"Retry-After": str(retry_after)},
                )
    except (StorageError, RedisError, OSError):
        _limiter.redis_down_until = time.monotonic() + REDIS_BACKOFF_SECONDS
        logger.warning("rate limit: redis unreachable, request served unlimited", exc_info=True)


async def _submitted_email(request: Request) -> str | None:
    """The email of a login (form `username`) or register (JSON `email`) request, if any. FastAPI
    has already read and cached the body; anything unparsable is left to the route's own 4xx."""
    try:
        if request.headers.get("content-type", "").startswith("application/json"):
            body = await request.json()
            value = body.get("email") if isinstance(body, dict) else None
        else:
            value = (await request.form()).get("username")
    except Exception:
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower()[:MAX_EMAIL_KEY_LENGTH]


async def limit_sign_in(request: Request, redis: Redis) -> None:
    settings = get_settings()
    if not settings.rate_limit_enabled:
        return
    checks = [("sign-in-ip", _client_ip(request), settings.rate_limit_sign_in_per_ip)]
    if email := await _submitted_email(request):
        checks.append(("sign-in-email", email, settings.rate_limit_sign_in_per_email))
    await _enforce(redis, checks, "sign-in attempts")


async def limit_user(user: CurrentUser, redis: Redis) -> None:
    settings = get_settings()
    if not settings.rate_limit_enabled:
        return
    await _enforce(redis, [("user", str(user.id), settings.rate_limit_per_user)], "requests")


def _client_ip(request: Request) -> str:
    # Behind a proxy, run uvicorn with --proxy-headers/--forwarded-allow-ips so this is the client.
    return request.client.host if request.client else "unknown"
