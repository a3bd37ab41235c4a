"""DNS rebinding: a delivery connects to the address the SSRF check approved, and only to it.

The resolver is faked (these names do not exist) and, where a test needs to reach a server, a
recording delegate backend stands in for the network: it routes the "public" address to a real
HTTP receiver on 127.0.0.1, and notes every address it is asked for.
"""

import base64
import socket
import ssl
import uuid
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpcore
import httpx
import pytest

from app.models.notifications import Channel, Notification, WebhookEndpoint
from app.services.notifications import pinned_network, ssrf, webhook_sender
from app.services.notifications._outcome import Outcome, Result
from tests.workers.receivers import HttpReceiver

PUBLIC, OTHER_PUBLIC = "93.184.216.34", "93.184.216.35"
FORBIDDEN = ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1", "::ffff:127.0.0.1"]


class Resolver:
    """Gives its answers in turn (the last one from then on), and counts the questions."""

    def __init__(self, *answers: list[str] | Exception) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, int]] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        answer = self.answers[min(len(self.calls), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer


class TlsStop(Exception):
    pass


class Stream(httpcore.AsyncNetworkStream):
    """Records the TLS handshake httpcore asks for, then stops the request."""

    def __init__(self, network: "Network") -> None:
        self.network = network

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109
    ) -> httpcore.AsyncNetworkStream:
        self.network.tls_names.append(server_hostname)
        raise httpcore.ConnectError("stopped before the handshake")

    async def aclose(self) -> None:
        pass


class Network(httpcore.AsyncNetworkBackend):
    """The delegate backend: records each connect; `routes` maps an address to a local port."""

    def __init__(self, routes: dict[str, int] | None = None) -> None:
        self.routes = routes or {}
        self.asked: list[tuple[str, int]] = []
        self.tls_names: list[str | None] = []
        self._real = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.asked.append((host, port))
        if port == 443:
            return Stream(self)
        if host not in self.routes:
            raise httpcore.ConnectError(f"No route to {host}")
        return await self._real.connect_tcp("127.0.0.1", self.routes[host], timeout=timeout)


def pinned_client(resolver: Resolver, network: Network) -> httpx.AsyncClient:
    backend = pinned_network.PinnedBackend(resolver=resolver, delegate=network)
    limits = httpx.Limits(max_connections=4)
    transport = pinned_network.PinnedTransport(limits=limits, backend=backend)
    return httpx.AsyncClient(transport=transport, trust_env=False)


async def post(http: httpx.AsyncClient, url: str) -> Outcome:
    return await webhook_sender._post(http, url, b"{}", {}, allow_private=False)


@pytest.fixture
async def receiver() -> AsyncIterator[HttpReceiver]:
    receiver = await HttpReceiver().start()
    yield receiver
    await receiver.stop()


class TestPinning:
    async def test_a_rebinding_name_is_resolved_once_and_connected_to_as_checked(
        self, receiver: HttpReceiver
    ) -> None:
        # The classic attack: public for the check, loopback for whoever asks next.
        resolver = Resolver([PUBLIC], ["127.0.0.1"])
        network = Network({PUBLIC: receiver.port})
        url = f"http://hooks.example:{receiver.port}/hook"
        async with pinned_client(resolver, network) as http:
            assert await post(http, url) == Outcome.sent(200)
        assert resolver.calls == [("hooks.example", receiver.port)]
        assert network.asked == [(PUBLIC, receiver.port)]
        [request] = receiver.requests
        assert request.headers["host"] == f"hooks.example:{receiver.port}"

        # A new connection asks again, and this time the answer is refused.
        async with pinned_client(resolver, network) as http:
            outcome = await post(http, url)
        assert outcome.result is Result.dead
        assert (
            outcome.error == "Refused target (SSRF): hooks.example resolves to a forbidden address."
        )
        assert len(resolver.calls) == 2 and network.asked == [(PUBLIC, receiver.port)]
        assert len(receiver.requests) == 1

    async def test_the_next_checked_address_is_tried_when_one_does_not_connect(
        self, receiver: HttpReceiver
    ) -> None:
        network = Network({OTHER_PUBLIC: receiver.port})
        async with pinned_client(Resolver([PUBLIC, OTHER_PUBLIC]), network) as http:
            assert await post(http, f"http://hooks.example:{receiver.port}/") == Outcome.sent(200)
        assert network.asked == [(PUBLIC, receiver.port), (OTHER_PUBLIC, receiver.port)]

    async def test_tls_is_still_checked_against_the_name(self) -> None:
        network = Network()
        async with pinned_client(Resolver([PUBLIC]), network) as http:
            outcome = await post(http, "https://hooks.example/hook")
        assert outcome.result is Result.retry
        assert network.asked == [(PUBLIC, 443)] and network.tls_names == ["hooks.example"]

    async def test_a_name_that_does_not_resolve_is_retried_not_refused(self) -> None:
        network = Network()
        resolver = Resolver(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"))
        async with pinned_client(resolver, network) as http:
            outcome = await post(http, "http://hooks.example/hook")
        assert outcome.result is Result.retry and "does not resolve" in (outcome.error or "")
        assert network.asked == []


class TestRefusal:
    @pytest.mark.parametrize(
        "answer", [[address] for address in FORBIDDEN] + [[PUBLIC, "10.0.0.5"]], ids=str
    )
    async def test_any_forbidden_answer_refuses_without_connecting(self, answer: list[str]) -> None:
        network = Network({PUBLIC: 1})
        backend = pinned_network.PinnedBackend(resolver=Resolver(answer), delegate=network)
        with pytest.raises(ssrf.UnsafeTarget, match=r"hooks\.example resolves to a forbidden"):
            await backend.connect_tcp("hooks.example", 80, timeout=5)
        assert network.asked == []

    @pytest.mark.parametrize("address", FORBIDDEN)
    async def test_send_webhook_makes_it_a_dead_outcome(
        self, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch, address: str
    ) -> None:
        # Through new_client, with only the system resolver replaced; a receiver listens on
        # 127.0.0.1 at that port, and an unpinned client would reach it for the loopback answers.
        monkeypatch.setattr(ssrf, "lookup", Resolver([address]))
        endpoint = _endpoint(f"http://rebind.example:{receiver.port}/hook")
        async with webhook_sender.new_client(2, allow_private=False) as http:
            outcome = await webhook_sender.send_webhook(
                http, _notification(endpoint), endpoint, allow_private=False
            )
        assert outcome == Outcome.dead(
            "Refused target (SSRF): rebind.example resolves to a forbidden address."
        )
        assert receiver.requests == []

    async def test_allow_private_neither_pins_nor_refuses(
        self, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        resolver = Resolver([PUBLIC])
        monkeypatch.setattr(ssrf, "lookup", resolver)
        endpoint = _endpoint(f"{receiver.url}/hook")
        async with webhook_sender.new_client(2, allow_private=True) as http:
            outcome = await webhook_sender.send_webhook(
                http, _notification(endpoint), endpoint, allow_private=True
            )
        assert outcome == Outcome.sent(200)
        assert resolver.calls == [] and len(receiver.requests) == 1


def _endpoint(url: str) -> WebhookEndpoint:
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    return WebhookEndpoint(id=uuid.uuid4(), url=url, secret=secret)


def _notification(endpoint: WebhookEndpoint) -> Notification:
    return Notification(
        id=uuid.uuid4(),
        channel=Channel.webhook,
        recipient=f"webhook:{endpoint.id}",
        webhook_id=endpoint.id,
        payload={"type": "x"},
    )
