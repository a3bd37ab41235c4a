"""Refuse webhook and Slack targets in private, loopback, link-local and other special ranges.

Checked when an endpoint is saved (literal addresses and `localhost` only) and again at each
delivery, where `pinned_network` resolves the name once, judges every address it got, and connects
to one of those very addresses: checking first and letting the HTTP client resolve again would let
a DNS-rebinding name answer a public address to the check and 127.0.0.1 to the connection.
`WEBHOOK_ALLOW_PRIVATE` lifts all of it, for tests and closed networks.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from app.config import get_settings
from app.errors import RuleViolation


class UnsafeTarget(RuleViolation):
    code = "unsafe-webhook-url"
    title = "That URL points somewhere we do not deliver to"


def forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def parse(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("Only http and https URLs with a host are accepted.")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


async def lookup(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order; raises socket.gaierror."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def vetted(host: str, answers: Iterable[str], **extensions: str) -> list[str]:
    """`answers` without repeats, or UnsafeTarget if any one of them is forbidden.

    All of them, not just the one we would use: a name that mixes a public and a private address
    is an attack (or a mistake) either way.
    """
    addresses = list(dict.fromkeys(answers))
    for address in addresses:
        if forbidden(ipaddress.ip_address(address)):
            raise UnsafeTarget(f"{host} resolves to a forbidden address.", **extensions)
    return addresses


async def check_saved(url: str) -> None:
    """The check when a webhook or Slack URL is saved: literal addresses and `localhost` only (a
    public name need not resolve from here); delivery checks again, resolving, on every send."""
    await check(url, allow_private=get_settings().webhook_allow_private, resolve=False)


async def check(url: str, *, allow_private: bool, resolve: bool = True) -> None:
    """Raise UnsafeTarget if `url` is or resolves to a forbidden address.

    With `resolve=False` only literal addresses and `localhost` are judged (saving an endpoint
    must not fail because a public name does not resolve from here; deliveries judge the resolved
    addresses in `pinned_network`, at the moment they connect).
    """
    host, port = parse(url)
    if allow_private:
        return
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        raise UnsafeTarget("Loopback targets are refused.", url=url)
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        if forbidden(literal):
            raise UnsafeTarget("Private, loopback and link-local targets are refused.", url=url)
        return
    if not resolve:
        return
    try:
        answers = await lookup(host, port)
    except socket.gaierror as exc:
        raise UnsafeTarget(f"{host} does not resolve.", url=url) from exc
    vetted(host, answers, url=url)
