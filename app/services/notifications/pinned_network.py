"""Connections that go to the address the SSRF check approved, not to whatever DNS says next.

httpx resolves a name itself when it connects. Checking the name beforehand leaves a gap a
DNS-rebinding name slips through: a public address for the check, 127.0.0.1 (or the cloud metadata
address) a moment later for the connection. `PinnedBackend` closes it by doing both in one place:
it resolves once, refuses if any answer is forbidden, and connects to one of those answers.

TLS is unaffected: httpcore connects with `connect_tcp` and then calls `start_tls` with the URL's
host name as `server_hostname` (httpcore/_async/connection.py), so certificates and SNI are still
checked against the name, not the address.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import httpcore
import httpx

from app.services.notifications import ssrf

# host, port -> addresses (IP literals), best first; `ssrf.lookup` is `loop.getaddrinfo`.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """TCP only: this backend is never given a Unix socket (the transport sets no `uds`)."""

    def __init__(
        self,
        *,
        resolver: Resolver | None = None,
        delegate: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        # Looked up here rather than as a default argument, so a test can replace `ssrf.lookup`.
        self._resolve = resolver or ssrf.lookup
        self._delegate = delegate or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        # One connect timeout covers the lookup and every attempt, as it does in AnyIOBackend.
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        try:
            async with asyncio.timeout(timeout):
                answers = await self._resolve(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"Looking up {host} took too long") from exc
        except OSError as exc:
            # A retry, not a refusal: a resolver having a bad minute must not kill deliveries.
            raise httpcore.ConnectError(f"{host} does not resolve: {exc}") from exc
        addresses = ssrf.vetted(host, answers)
        last: httpcore.ConnectError | None = None
        for address in addresses:
            remaining = None if deadline is None else max(deadline - loop.time(), 0.0)
            try:
                return await self._delegate.connect_tcp(
                    address,
                    port,
                    timeout=remaining,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:  # refused or unreachable: try the next address
                last = exc
        raise last or httpcore.ConnectError(f"{host} resolves to no address")

    async def sleep(self, seconds: float) -> None:
        await self._delegate.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, over a connection pool that connects through `PinnedBackend`.

    httpx 0.28 cannot be handed a network backend, so this swaps the pool it builds for an equal
    one that has ours. `_pool` is private, but it is the one thing every method of the transport
    goes through; writing an `AsyncBaseTransport` from scratch would instead copy httpx's request
    conversion and its private httpcore-to-httpx exception mapping. Had the swap stopped taking
    effect, tests/services/test_ssrf_pinning.py would fail.
    """

    def __init__(self, *, limits: httpx.Limits, backend: PinnedBackend | None = None) -> None:
        # Made once, for the pool httpx builds and ours alike: loading the CA bundle takes ~150 ms.
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend or PinnedBackend(),
        )
