"""Real receivers for delivery tests and benchmarks: an SMTP server and an HTTP server, on loopback.

* `SmtpReceiver`: aiosmtpd's Controller (its own thread and event loop) on a free port, keeping
  every message it accepted (counted as it is accepted, before the sender hears the 250); `reply`
  makes it answer DATA with an error instead.
* `HttpReceiver`: a small HTTP/1.1 server (keep-alive, Content-Length bodies) on the caller's event
  loop, keeping every request; `statuses` queues the status codes to answer (200 when empty).

Both count what arrived by the sender's idempotency key (Message-ID / webhook-id), so a test can
tell "arrived at least once" from "arrived more than once". `python -m tests.workers.receivers`
runs both in a process of their own (for the benchmark), reporting those counts at GET /_ids.
"""

import argparse
import asyncio
import json
import re
import socket
import threading
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http import HTTPStatus
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

_MESSAGE_ID = re.compile(rb"^Message-ID: *(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpReceiver:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.raw: list[bytes] = []  # as received; parsed on demand (parsing is the slow part)
        self._parsed: list[EmailMessage] = []
        self.reply: str | None = None  # e.g. "451 4.3.0 try later": refuse instead of accepting
        self.delay = 0.0  # seconds before answering DATA
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.reply:
            return self.reply
        with self._lock:
            self.raw.append(envelope.content)
        return "250 Message accepted for delivery"

    def start(self) -> "SmtpReceiver":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            raw = list(self.raw)
        for content in raw[len(self._parsed) :]:
            message = message_from_bytes(content, policy=policy.default)
            assert isinstance(message, EmailMessage)
            self._parsed.append(message)
        return self._parsed[: len(raw)]

    def clear(self) -> None:
        with self._lock:
            self.raw.clear()
            self._parsed.clear()

    def ids(self) -> Counter[str]:
        """How often each Message-ID arrived."""
        with self._lock:
            raw = list(self.raw)
        return Counter(m.group(1).decode() for c in raw if (m := _MESSAGE_ID.search(c)))

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if str(m["To"]) == address]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class HttpReceiver:
    port: int = field(default_factory=free_port)
    requests: list[Request] = field(default_factory=list)
    statuses: deque[int] = field(default_factory=deque)
    delay: float = 0.0  # seconds before answering
    # Answers GET /_ids with this (JSON) when set: how a separate receiver process reports.
    report: Callable[[], dict[str, Any]] | None = None
    _server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> "HttpReceiver":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def ids(self, *, ok_only: bool = True) -> Counter[str]:
        """How often each webhook-id arrived (answered 2xx, unless ok_only is false)."""
        return Counter(
            r.headers.get("webhook-id", "")
            for r in self.requests
            if not ok_only or 200 <= r.status < 300
        )

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line.strip():
                    break
                method, path, _ = line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (h := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, value = h.decode("latin-1").split(":", 1)
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                if self.report is not None and (method, path) == ("GET", "/_ids"):
                    answer = json.dumps(self.report()).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n")
                    writer.write(b"content-length: %d\r\n\r\n%s" % (len(answer), answer))
                    await writer.drain()
                    continue
                status = self.statuses.popleft() if self.statuses else 200
                self.requests.append(Request(method, path, headers, body, status))
                if self.delay:
                    await asyncio.sleep(self.delay)
                reason = HTTPStatus(status).phrase
                writer.write(
                    f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain\r\n"
                    f"content-length: {len(reason)}\r\n\r\n{reason}".encode()
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def _serve_both(smtp_port: int, http_port: int) -> None:
    """Both receivers on this process's one event loop, until killed; GET /_ids reports."""
    smtp = SmtpReceiver(smtp_port)
    http = HttpReceiver(port=http_port)
    http.report = lambda: {"emails": smtp.ids(), "webhooks": http.ids()}
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(smtp), "127.0.0.1", smtp_port)
    await http.start()
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    # A receiver process of its own (bench/notify.py), so receiving does not compete with sending
    # for this interpreter's GIL: python -m tests.workers.receivers --smtp-port N --http-port M
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(_serve_both(args.smtp_port, args.http_port))
