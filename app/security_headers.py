"""Security headers on every HTTP response: the SPA's files, the API's JSON, every problem (a 413
or a 500 included), and the API docs.

Added by the outermost layer (app/edge.py) to the response start, whoever sent it.

* The SPA gets a Content-Security-Policy that allows no inline or foreign script (Vite's build
  has none: one module script from 'self'). Inline styles stay allowed: React and the charts set
  element styles. Pages may not be framed (`frame-ancestors 'none'`: clickjacking).
* API responses are data, never a document: `default-src 'none'`.
* The Swagger UI and ReDoc pages FastAPI serves load their code from jsDelivr and start with an
  inline script: that one page gets a policy that allows exactly that.
* HSTS only when the product is reached over https (`BASE_URL`), or browsers would remember a
  promise a plain-http install cannot keep.
"""

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


def kind_of(path: str) -> str:
    if path in DOCS_PATHS:
        return "docs"
    if path.startswith(API_PREFIXES):
        return "api"
    return "spa"


def raw_headers(*, https: bool) -> dict[str, list[tuple[bytes, bytes]]]:
    """Per kind of response (`kind_of`), the headers as ASGI sends them, built once: added to
    every response by app/edge.py unless the response set its own."""
    common = {**_COMMON, **({"Strict-Transport-Security": HSTS} if https else {})}
    policies = {"docs": DOCS_POLICY, "api": API_POLICY, "spa": SPA_POLICY}
    return {
        kind: [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in {**common, "Content-Security-Policy": policy}.items()
        ]
        for kind, policy in policies.items()
    }
