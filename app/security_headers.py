"""Security headers on every HTTP response: the SPA's files, the API's JSON, every problem (a 413
or a 500 included), and the API docs.

The outermost layer, pure ASGI: it adds headers to the response start, whoever sent it.

* The SPA gets a Content-Security-Policy that allows no inline or foreign script (Vite's build
  has none: one module script from 'self'). Inline styles stay allowed: React and the charts set
  element styles. Pages may not be framed (`frame-ancestors 'none'`: clickjacking).
* API responses are data, never a document: `default-src 'none'`.
* The Swagger UI and ReDoc pages FastAPI serves load their code from jsDelivr and start with an
  inline script: that one page gets a policy that allows exactly that.
* HSTS only when the product is reached over https (`BASE_URL`), or browsers would remember a
  promise a plain-http install cannot keep.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SPA_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'"
)
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
API_PREFIXES = ("/api/", "/openapi.json", "/healthz", "/readyz", "/metrics")
HSTS = "max-age=31536000; includeSubDomains"

_COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",  # frame-ancestors' older spelling, for older browsers
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy_for(path: str) -> str:
    if path in DOCS_PATHS:
        return DOCS_POLICY
    if path.startswith(API_PREFIXES):
        return API_POLICY
    return SPA_POLICY


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.common = {**_COMMON, **({"Strict-Transport-Security": HSTS} if https else {})}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = policy_for(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.common.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", policy)
            await send(message)

        await self.app(scope, receive, with_headers)
