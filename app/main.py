"""The ASGI app: routers, the problem+json handlers, and the lifespan that opens connections."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.routing import Match
from starlette.types import Scope

from app import idempotency
from app.auth import fastapi_users
from app.config import get_settings
from app.db import dispose_engine, init_engine
from app.deps import CurrentUser, Redis
from app.edge import EscalationApp
from app.embedded import resolve_urls
from app.errors import add_problem_schemas, install_problem_handlers, problems
from app.live import Tailer, disable_publishing, enable_publishing
from app.logging import configure_logging
from app.ratelimit import limit_sign_in, limit_user
from app.redis_client import redis_client
from app.routers import (
    api_keys,
    approvals,
    auth,
    availability,
    campaigns,
    conversations,
    deliveries,
    email_actions,
    escalation_policy,
    escalations,
    followers,
    handoff_templates,
    health,
    inboxes,
    live,
    metrics,
    notes,
    notifications,
    organisations,
    presence,
    reports,
    rules,
    security,
    sessions,
    sla,
    slack,
    sso,
    stats,
    two_factor,
    webhooks,
)
from app.schemas.live import add_stream_schemas
from app.schemas.users import UserCreate, UserRead, UserUpdate
from app.scopes import apply_scopes, enforce_scope, operation_id
from app.services.rules import reactions as rule_reactions  # noqa: F401  (registers them)

API_PREFIX = "/api/v1"


def _operation_id(route: APIRoute) -> str:
    return operation_id(route)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = resolve_urls(get_settings())
    assert settings.database_url and settings.redis_url
    init_engine(settings.database_url)
    # No ping here: the API starts and serves while Redis is down or silent (/readyz says so).
    app.state.redis = redis_client(settings.redis_url, timeout=settings.redis_timeout_seconds)
    enable_publishing(settings.redis_url)
    app.state.live_tailer = Tailer(settings.redis_url, settings.database_url)
    app.state.live_tailer.start()  # in the background: a silent Redis must not stop the API
    try:
        yield
    finally:
        await app.state.live_tailer.aclose()
        await disable_publishing()
        await app.state.redis.aclose()
        await dispose_engine()


async def _per_user(request: Request, user: CurrentUser, redis: Redis) -> None:
    """The rate limit, then the API key's scope: one dependency where two cost FastAPI two solves
    on every request. Rate limits count per user, and an API key is its own (service) user."""
    await limit_user(user, redis)
    await enforce_scope(request, user)


def _include_api(api: FastAPI) -> None:
    """The API's routers straight into the app under API_PREFIX: one level of routers to match a
    request against, where an `/api/v1` router of routers made FastAPI match twice."""
    sign_in = [Depends(limit_sign_in)]
    per_user = [Depends(_per_user)]
    # FastAPI tries routes in order until one matches: the routers every screen refreshes come
    # first (a GET of one escalation was the 55th route tried; each try costs a few
    # microseconds). tests/test_routing.py holds every route reachable at its own path.
    for module in (
        escalations,
        inboxes,
        conversations,
        notes,
        followers,
        presence,
        organisations,
        availability,
        campaigns,
        handoff_templates,
        sla,
        escalation_policy,
        notifications,
        deliveries,
        webhooks,
        stats,
        reports,
        api_keys,
        live,
        rules,
        approvals,
        security,
        sessions,
        two_factor,
        email_actions,
        sso,
        slack,
    ):
        apply_scopes(module.router)
        api.include_router(
            module.router, prefix=API_PREFIX, dependencies=per_user, responses=problems(429)
        )
    apply_scopes(auth.router, tag="auth")
    api.include_router(
        auth.router,
        prefix=API_PREFIX + "/auth",
        tags=["auth"],
        dependencies=sign_in,
        responses=problems(422, 429),
    )
    # Single sign-on's browser steps: no session yet, so limited like the password sign-in.
    api.include_router(
        sso.sign_in_router,
        prefix=API_PREFIX + "/auth",
        dependencies=sign_in,
        responses=problems(422, 429),
    )
    # Signing out a bearer token is limited per user, as every authenticated request is.
    apply_scopes(auth.signed_in_router, tag="auth")
    api.include_router(
        auth.signed_in_router,
        prefix=API_PREFIX + "/auth",
        tags=["auth"],
        dependencies=per_user,
        responses=problems(422, 429),
    )
    api.include_router(
        fastapi_users.get_register_router(UserRead, UserCreate),
        prefix=API_PREFIX + "/auth",
        tags=["auth"],
        dependencies=sign_in,
        responses=problems(422, 429),
    )
    users = fastapi_users.get_users_router(UserRead, UserUpdate)
    apply_scopes(users, tag="users")
    api.include_router(
        users,
        prefix=API_PREFIX + "/users",
        tags=["users"],
        dependencies=per_user,
        responses=problems(401, 422, 429),
    )
    apply_scopes(live.stream_router)
    # Authenticates itself (see app/routers/live.py).
    api.include_router(live.stream_router, prefix=API_PREFIX)
    # Slack's requests carry no user: their signature is checked (app/services/slack/signing.py).
    api.include_router(slack.interactions_router, prefix=API_PREFIX)


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA; unknown non-API paths get index.html so client routes deep-link."""
    if not (dist / "index.html").is_file():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    def spa(path: str) -> FileResponse:  # sync: file-system checks run in the threadpool
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        return FileResponse(dist / "index.html")

    app.router.add_api_route(
        "/{path:path}",
        spa,
        methods=["GET"],
        include_in_schema=False,
        route_class_override=_SpaRoute,
    )


class _SpaRoute(APIRoute):
    """The SPA catch-all never claims an API path: an unknown one is 404 for any method."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = str(scope.get("path", ""))
        if path == "/api" or path.startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    app = EscalationApp(
        title="Escalation Inbox API",
        version="1.0.0",
        description="Escalation inboxes: hand-offs, race-free timed claims, SLA deadlines and "
        "notifications. Errors are RFC 9457 problem+json.",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.https = settings.base_url.startswith("https://")
    app.max_body_bytes = settings.max_body_bytes
    app.api_prefix = API_PREFIX
    # A live stream's duration is its lifetime, not a latency.
    app.untimed = frozenset({f"{API_PREFIX}/orgs/{{org_id}}/events/stream"})
    install_problem_handlers(app)
    idempotency.install(app)
    app.include_router(health.router)
    app.include_router(metrics.router)
    _include_api(app)
    _mount_spa(app, settings.frontend_dist)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_stream_schemas(add_problem_schemas(FastAPI.openapi(app)))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


app = create_app()
