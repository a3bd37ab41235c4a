"""The API's Redis client: every call bounded in time, so a silent Redis cannot hang a request."""

from arq import ArqRedis


def redis_client(url: str, *, timeout: float) -> ArqRedis:
    """An arq Redis client for `url` (redis://… or unix://…) whose connects and command answers
    each give up after `timeout` seconds (redis.exceptions.TimeoutError, a RedisError).

    arq's `create_pool` sets only a connect timeout and pings at start-up: a Redis that accepts
    connections but never answers hung the API's start and then every rate-limited request.
    Connections are made on first use, so the API starts while Redis is down."""
    return ArqRedis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
