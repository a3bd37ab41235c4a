"""Typed domain errors and the one place that renders every error as RFC 9457 problem+json."""

import logging
import traceback
from http import HTTPStatus
from typing import Any, ClassVar

from asgi_correlation_id import correlation_id
from asyncpg import PostgresError
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.config import get_settings

logger = logging.getLogger("app.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"


class DomainError(Exception):
    """A business rule said no. Subclass a kind below and give it a stable `code` and a `title`."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad request"

    def __init__(self, detail: str | None = None, **extensions: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.extensions = extensions
        self.headers: dict[str, str] = {}  # e.g. Retry-After on a refusal that ends
        # Rows written although the request fails and its unit of work rolls back (app/db.py):
        # the audit trail of a refused attempt, which the rollback must not erase.
        self.keep: list[Any] = []


class NotFound(DomainError):
    status = 404
    code = "not-found"
    title = "Not found"


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "Conflict"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    title = "Forbidden"


class RuleViolation(DomainError):
    status = 422
    code = "rule-violation"
    title = "Request breaks a rule"


class BodyTooLarge(StarletteHTTPException):
    """A request body that went over `MAX_BODY_BYTES` as it was read (app/edge.py). An HTTP
    exception, as FastAPI turns anything else raised while it reads a body into a 400."""

    def __init__(self, max_body_bytes: int) -> None:
        super().__init__(413, "Content Too Large")
        self.max_body_bytes = max_body_bytes


def too_large_response(request: Request, max_body_bytes: int) -> JSONResponse:
    return problem_response(
        request,
        413,
        "content-too-large",
        "Content Too Large",
        f"The request body is larger than {max_body_bytes} bytes.",
        max_body_bytes=max_body_bytes,
    )


async def _body_too_large(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyTooLarge)
    return too_large_response(request, exc.max_body_bytes)


class Problem(BaseModel):
    """RFC 9457 problem details, as every non-2xx response carries them."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str | None = None


class ValidationProblem(Problem):
    """A 422: request validation errors carry `errors`; a broken business rule has none."""

    errors: list[ValidationIssue] = Field(default_factory=list)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the problems a route can answer with."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        name = "ValidationProblem" if status == 422 else "Problem"
        out[status] = {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    return out


def add_problem_schemas(openapi: dict[str, Any]) -> dict[str, Any]:
    """Register the schemas that `problems()` refers to (no route returns them as a model)."""
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    for model in (Problem, ValidationProblem):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    _document_problems(openapi)
    return openapi


def _document_problems(openapi: dict[str, Any]) -> None:
    """Every 4xx is problem+json, whoever declared it (fastapi-users documents plain JSON, FastAPI
    its own 422); and a body that cannot be parsed at all (bad UTF-8) is a 400."""
    for path_item in openapi.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if "requestBody" in operation and "400" not in responses:
                responses["400"] = problems(400)[400]
            for code, response in responses.items():
                if code.startswith("4") and code.isdigit():
                    response["content"] = problems(int(code))[int(code)]["content"]


def problem_response(
    request: Request, status: int, code: str, title: str, detail: str | None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"{get_settings().problem_base}/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(jsonable_encoder(body), status_code=status, media_type=PROBLEM_MEDIA_TYPE)


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    response = problem_response(
        request, exc.status, exc.code, exc.title, exc.detail, **exc.extensions
    )
    response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type")}
        for e in exc.errors()
    ]
    return problem_response(
        request,
        422,
        "validation-error",
        "Invalid request",
        "The request does not match the expected shape; see `errors`.",
        errors=errors,
    )


_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "content-too-large",  # RFC 9110 name; the one too_large_response uses
    429: "rate-limited",  # app/ratelimit.py
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    code = _CODES.get(exc.status_code, phrase.lower().replace(" ", "-"))
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    # fastapi-users answers with upper-case codes ("LOGIN_BAD_CREDENTIALS"); keep them visible.
    extra = (
        {"error_code": exc.detail} if isinstance(exc.detail, str) and exc.detail.isupper() else {}
    )
    if isinstance(exc.detail, dict):
        extra = {"error_code": exc.detail.get("code"), "reason": exc.detail.get("reason")}
    response = problem_response(request, exc.status_code, code, phrase, detail, **extra)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


# SQLSTATEs that mean "the client sent a value PostgreSQL cannot store" (NUL bytes, bad encoding,
# out-of-range numbers): bad input, not a server fault.
_BAD_VALUE_SQLSTATES = {"22021", "22P05", "22003", "22007", "22008"}


# Connection exceptions, operator intervention (shutting down, starting up), too many connections.
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P", "53300")
RETRY_AFTER_SECONDS = 2


def _sqlstate(exc: BaseException) -> str | None:
    for candidate in (exc, getattr(exc, "orig", None), getattr(exc, "__cause__", None)):
        for layer in (candidate, getattr(candidate, "__cause__", None)):
            if isinstance(state := getattr(layer, "sqlstate", None), str):
                return state
    return None


def _from_the_database_driver(exc: BaseException) -> bool:
    """Raised inside asyncpg or SQLAlchemy (a socket error while connecting to PostgreSQL)."""
    return any(
        frame.f_globals.get("__name__", "").startswith(("asyncpg", "sqlalchemy"))
        for frame, _ in traceback.walk_tb(exc.__traceback__)
    )


def database_unavailable(exc: BaseException) -> bool:
    """PostgreSQL cannot be reached or will not take work now (down, restarting, out of
    connections, the pool exhausted): the request can be retried, so 503 rather than 500."""
    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if (state := _sqlstate(exc)) is not None:
        return state.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES)
    return isinstance(exc, OSError | TimeoutError) and _from_the_database_driver(exc)


def _unavailable(request: Request) -> JSONResponse:
    response = problem_response(
        request,
        503,
        "database-unavailable",
        "Service Unavailable",
        "The database cannot be reached just now; nothing was changed. Try again shortly.",
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if database_unavailable(exc):
        logger.warning("database unavailable", extra={"path": request.url.path}, exc_info=exc)
        return _unavailable(request)
    if not isinstance(exc, DBAPIError):
        return await _unexpected_error(request, exc)
    sqlstate = getattr(exc.orig, "sqlstate", None) or getattr(
        getattr(exc.orig, "__cause__", None), "sqlstate", None
    )
    if sqlstate in _BAD_VALUE_SQLSTATES:
        return problem_response(
            request,
            400,
            "unstorable-value",
            "Invalid value",
            "A value in the request cannot be stored (for example it contains a NUL character).",
        )
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", extra={"path": request.url.path})
    response = problem_response(
        request,
        500,
        "internal-error",
        "Internal Server Error",
        "Something went wrong on our side. Quote the request id if you contact support.",
        request_id=correlation_id.get(),
    )
    return response  # X-Request-ID: added at the edge, as to every response (app/edge.py)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(BodyTooLarge, _body_too_large)
    # Errors of the database layer: a 503 when PostgreSQL is unreachable (down, restarting), else
    # as below. Connecting raises asyncpg's and the socket's own exceptions, unwrapped.
    for kind in (DBAPIError, PoolTimeout, PostgresError, OSError, TimeoutError):
        app.add_exception_handler(kind, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)
