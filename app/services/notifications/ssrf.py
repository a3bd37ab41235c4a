"""Refuse webhook and Slack targets in private, loopback, link-local and other special ranges.

Checked when an endpoint is saved and again before each delivery (a name can start resolving
somewhere else later). `WEBHOOK_ALLOW_PRIVATE` lifts it, for tests and closed networks.
"""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from app.errors import RuleViolation


class UnsafeTarget(RuleViolation):
    code = "unsafe-webhook-url"
    title = "That URL points somewhere we do not deliver to"


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
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


async def check(url: str, *, allow_private: bool, resolve: bool = True) -> None:
    """Raise UnsafeTarget if `url` is or resolves to a forbidden address.

    With `resolve=False` only literal addresses and `localhost` are judged (saving an endpoint
    must not fail because a public name does not resolve from here).
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
        if _forbidden(literal):
            raise UnsafeTarget("Private, loopback and link-local targets are refused.", url=url)
        return
    if not resolve:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeTarget(f"{host} does not resolve.", url=url) from exc
    for info in infos:
        if _forbidden(ipaddress.ip_address(info[4][0])):
            raise UnsafeTarget(f"{host} resolves to a forbidden address.", url=url)
