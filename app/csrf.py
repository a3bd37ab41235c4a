"""Cross-site request forgery: a request that a cookie authenticates must come from our own pages.

A browser attaches the session cookie to any request to this site, whoever's page sent it, so an
unsafe request (anything but GET, HEAD, OPTIONS) authenticated by the cookie is refused unless the
browser says it came from this origin: `Sec-Fetch-Site: same-origin` (every current browser sends
Fetch Metadata), else an `Origin` equal to ours. A request with neither header did not come from a
current browser's page and is refused too: nothing but a browser holds the cookie. This is OWASP's
"verifying origin with standard headers" defence, on top of `SameSite=Lax`; requests with a bearer
token or an API key carry no ambient credentials and are not checked.
"""

from urllib.parse import urlsplit

from starlette.requests import Request

from app.errors import Forbidden

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CrossSiteRequest(Forbidden):
    code = "cross-site-request"
    title = "Request from another site refused"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _our_origins(request: Request, base_url: str) -> set[str]:
    # The configured public address, and the address this request was sent to (the Vite dev
    # server forwards the browser's Host unchanged, so both name the page's origin).
    return {_origin(base_url), _origin(str(request.base_url))}


def check_same_origin(request: Request, *, base_url: str) -> None:
    """Raise `CrossSiteRequest` unless the browser says this request came from our own pages."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):  # "none": typed in the address bar, a bookmark
            return
        raise CrossSiteRequest(
            f"This request was sent by another site's page (Sec-Fetch-Site: {site}); "
            "a signed-in browser session only accepts changes from this application's pages."
        )
    origin = request.headers.get("origin")
    if origin is not None and origin.lower() in _our_origins(request, base_url):
        return  # ("null", an opaque origin, never matches)
    raise CrossSiteRequest(
        "This request does not say it came from this application's pages (no matching Origin or "
        "Sec-Fetch-Site header), so the session cookie cannot authorise it; scripts and "
        "integrations use a bearer token or an API key instead."
    )
