"""Every API route is reachable at its own path: FastAPI tries routes in the order they were
included (app/main.py puts the busiest first), so a route whose pattern also matches another's
path would take its requests. Each route is asked for with a concrete path and its own method,
and must be the one that handles it."""

import re
import uuid
from typing import Any

import pytest
from fastapi.routing import APIRoute
from httpx import AsyncClient

from app.main import app


def _api_routes() -> list[tuple[str, APIRoute]]:
    found = []
    for entry in app.router.routes:
        included = getattr(entry, "original_router", None)
        routes = included.routes if included is not None else [entry]
        prefix = getattr(getattr(entry, "include_context", None), "prefix", "") or ""
        for route in routes:
            if isinstance(route, APIRoute) and route.include_in_schema:
                path = route.path if route.path.startswith(prefix) else prefix + route.path
                found.append((path, route))
    return found


def _concrete(path: str) -> str:
    def value(match: re.Match[str]) -> str:
        return str(uuid.uuid4()) if match.group(1).endswith("id") else "sample-value"

    return re.sub(r"\{([^}:]+)(?::[^}]*)?\}", value, path)


ROUTES = _api_routes()


def test_every_documented_operation_is_here() -> None:
    documented = {
        (path, method.upper())
        for path, item in app.openapi()["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    here = {(path, method) for path, route in ROUTES for method in route.methods - {"HEAD"}}
    assert documented <= here


@pytest.mark.parametrize(
    ("path", "method", "route"),
    [(path, m, route) for path, route in ROUTES for m in sorted(route.methods - {"HEAD"})],
    ids=lambda v: v if isinstance(v, str) else "",
)
async def test_a_request_reaches_its_own_route(
    path: str, method: str, route: APIRoute, client: AsyncClient
) -> None:
    """`client`: the app's sessions and Redis for the test (the routes that need no caller reach
    the database)."""
    concrete = _concrete(path)
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": concrete,
        "raw_path": concrete.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"test")],
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: dict[str, Any]) -> None:
        return None

    await app(scope, receive, send)  # no caller: most answer 401 or 422; the route was chosen
    assert scope.get("route") is route, (concrete, getattr(scope.get("route"), "path", None))
