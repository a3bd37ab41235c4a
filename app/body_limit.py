"""Request bodies over `MAX_BODY_BYTES` are refused with 413, as problem+json like every error.

FastAPI's `max_body_size` (Starlette's body-limit middleware) counts the bytes as they stream in,
so an oversized body is never read into memory; but it answers 413 itself, in plain text, outside
the exception handlers. This outermost layer turns exactly that answer into our problem.
"""

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem_response
from app.security_headers import SecurityHeaders


class TooLargeAsProblem:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced = False

        async def send_or_replace(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and _plain_413(message):
                replaced = True
                response = problem_response(
                    Request(scope),
                    413,
                    "content-too-large",
                    "Content Too Large",
                    f"The request body is larger than {self.max_body_bytes} bytes.",
                    max_body_bytes=self.max_body_bytes,
                )
                await response(scope, receive, send)
            elif not replaced:  # not the plain-text body that went with it
                await send(message)

        await self.app(scope, receive, send_or_replace)


def _plain_413(message: Message) -> bool:
    headers = dict(message.get("headers") or [])
    return message["status"] == 413 and headers.get(b"content-type", b"").startswith(b"text/plain")


class EscalationApp(FastAPI):
    """FastAPI with two layers outside everything else, so that every response passes them: the
    413 translation (see the module docstring), then the security headers (app/security_headers.py).
    `https`: whether the product is reached over https (HSTS)."""

    https = False

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        if self.max_body_size is not None:
            stack = TooLargeAsProblem(stack, max_body_bytes=self.max_body_size)
        return SecurityHeaders(stack, https=self.https)
