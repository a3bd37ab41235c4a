"""The one layer every HTTP request passes first and every response passes last.

It was seven, each with its own wrapper around `send` on every request: Starlette's body limit
(three layers), the plain-text 413 turned into a problem, FastAPI's exception telemetry (an
OpenTelemetry hook this product does not configure), the request id, the metrics and the
security headers. Together they were a tenth of a single-escalation GET's CPU (issue 22). Here,
in one pure ASGI layer outside the server-error handler, so that every response (a 500 and a
413 included) is timed, counted, tagged with its request id and given its security headers:

* **Request id**: the caller's `X-Request-ID` if it is a UUID4, else a new one; set in
  asgi-correlation-id's context variable (logs and problems read it there) and sent back.
* **Body limit**: a declared `Content-Length` over `max_body_bytes` is refused before the app
  runs; a body without one is counted as it is read, and the read that goes over raises
  `BodyTooLarge` (rendered with the other problems). Either way the answer is the same 413
  problem and nothing of the body is stored.
* **Metrics**: request count and latency per route template (app/metrics.py).
* **Security headers** (app/security_headers.py), unless the response set its own.
"""

import time
from typing import Any
from uuid import uuid4

from asgi_correlation_id import correlation_id
from asgi_correlation_id.middleware import is_valid_uuid4
from fastapi import FastAPI
from fastapi.middleware.asyncexitstack import AsyncExitStackMiddleware
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import metrics, security_headers
from app.errors import BodyTooLarge, too_large_response

_REQUEST_ID = b"x-request-id"
_CONTENT_LENGTH = b"content-length"


class Edge:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        https: bool,
        api_prefix: str,
        untimed: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.headers = security_headers.raw_headers(https=https)
        self.api_prefix = api_prefix
        self.untimed = untimed  # route templates whose duration is a lifetime (a live stream)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id, declared_length = _read_headers(scope)
        token = correlation_id.set(request_id)
        added = [*self.headers[security_headers.kind_of(scope["path"])]]
        added.append((_REQUEST_ID, request_id.encode("latin-1")))
        status = 500
        responded = False
        read = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status, responded = message["status"], True
                headers = list(message.get("headers") or ())
                present = {name.lower() for name, _ in headers}
                headers += [header for header in added if header[0] not in present]
                message["headers"] = headers
            await send(message)

        async def receive_counted() -> Message:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        try:
            if declared_length is not None and declared_length > self.max_body_bytes:
                await self._too_large(scope, receive, send_with_headers)
            else:
                await self.app(scope, receive_counted, send_with_headers)
        except BodyTooLarge:
            if responded:
                raise
            await self._too_large(scope, receive, send_with_headers)
        finally:
            correlation_id.reset(token)
            route = metrics.route_template(scope, self.api_prefix)
            elapsed = None if route in self.untimed else time.perf_counter() - started
            metrics.count_request(scope.get("method", ""), route, status, elapsed)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = too_large_response(Request(scope), self.max_body_bytes)
        await response(scope, receive, send)


def _read_headers(scope: Scope) -> tuple[str, int | None]:
    request_id: str | None = None
    length: int | None = None
    for name, value in scope["headers"]:
        if name == _REQUEST_ID:
            request_id = value.decode("latin-1")
        elif name == _CONTENT_LENGTH:
            try:
                length = int(value)
            except ValueError:
                length = None
    if request_id is None or not is_valid_uuid4(request_id):
        request_id = uuid4().hex
    return request_id, length


class EscalationApp(FastAPI):
    """FastAPI with `Edge` outside everything else. The stack inside is FastAPI's own (server
    errors, then the user middleware, then the exception handlers and the exit stack) without
    the layers Edge replaces: its body limit (Edge applies `max_body_bytes`) and its exception
    telemetry. `https`: whether the product is reached over https (HSTS)."""

    https = False
    max_body_bytes = 1024 * 1024
    api_prefix = ""
    untimed: frozenset[str] = frozenset()

    def build_middleware_stack(self) -> ASGIApp:
        error_handler = None
        handlers: dict[Any, Any] = {}
        for key, handler in self.exception_handlers.items():
            if key in (500, Exception):
                error_handler = handler
            else:
                handlers[key] = handler
        app: ASGIApp = AsyncExitStackMiddleware(self.router)
        app = ExceptionMiddleware(app, handlers=handlers, debug=self.debug)
        for cls, args, kwargs in reversed(self.user_middleware):
            app = cls(app, *args, **kwargs)
        app = ServerErrorMiddleware(app, handler=error_handler, debug=self.debug)
        return Edge(
            app,
            max_body_bytes=self.max_body_bytes,
            https=self.https,
            api_prefix=self.api_prefix,
            untimed=self.untimed,
        )
