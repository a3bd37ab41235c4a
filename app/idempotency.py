"""`Idempotency-Key` on every state-changing POST, applied by the route class the API uses.

`IdempotentRoute` adds the `idempotent` dependency to each POST route (so the header is in the
OpenAPI document and the generated clients) and, once the handler has built its response and
before the request's transaction commits, stores a 2xx answer in that same transaction. A repeat
with the same key and request answers the stored status, body and headers with
`Idempotent-Replayed: true`; the rules live in app/services/idempotency.py. Keys are scoped per
caller (a person or an API key). Errors are not stored: nothing changed, so a retry runs again.
"""

import hashlib
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import CurrentUser, Now, Session
from app.errors import DomainError, problems
from app.models.idempotency import IdempotencyRecord
from app.services import idempotency

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_STORED_HEADERS = ("content-type", "etag", "location")


class InvalidIdempotencyKey(DomainError):
    code = "invalid-idempotency-key"
    title = "Invalid Idempotency-Key"


class _Replay(Exception):
    """Answers the stored response; plain values, as the transaction is rolled back first."""

    def __init__(self, record: IdempotencyRecord) -> None:
        self.status_code, self.headers, self.body = record.status_code, record.headers, record.body


@dataclass
class _Pending:
    session: AsyncSession
    caller_id: Any
    key: str
    fingerprint: str
    now: datetime


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=HEADER,
        max_length=257,
        description="A unique key (e.g. a UUID) per logical request: a retry with the same key "
        "and body gets the first answer again without acting twice, for 24 hours.",
    ),
]


def _parse(raw: str) -> str:
    # A structured-field string ("..."); a bare token is accepted as well.
    key = raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw
    if not key or len(key) > 255 or not key.isprintable():
        raise InvalidIdempotencyKey("Send 1 to 255 printable characters, e.g. a UUID.")
    return key


async def idempotent(
    request: Request,
    session: Session,
    user: CurrentUser,
    now: Now,
    idempotency_key: IdempotencyKey = None,
) -> None:
    if idempotency_key is None:
        return
    key = _parse(idempotency_key)
    digest = hashlib.sha256(f"{request.method} {request.url.path}?{request.url.query}\n".encode())
    digest.update(await request.body())
    fingerprint = digest.hexdigest()
    record = await idempotency.begin(
        session, caller_id=user.id, key=key, fingerprint=fingerprint, now=now
    )
    if record is not None:
        raise _Replay(record)
    request.state.idempotency = _Pending(session, user.id, key, fingerprint, now)


class IdempotentRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if "POST" in (kwargs.get("methods") or ()):
            kwargs["dependencies"] = [*(kwargs.get("dependencies") or []), Depends(idempotent)]
            kwargs["responses"] = {**problems(400, 409, 422), **(kwargs.get("responses") or {})}
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if "POST" not in (self.methods or ()):
            return handler  # reads and other methods never store an answer

        async def store_then_answer(request: Request) -> Response:
            response = await handler(request)
            pending: _Pending | None = getattr(request.state, "idempotency", None)
            if pending is not None and 200 <= response.status_code < 300:
                await idempotency.save(
                    pending.session,
                    caller_id=pending.caller_id,
                    key=pending.key,
                    fingerprint=pending.fingerprint,
                    status_code=response.status_code,
                    headers={
                        h: response.headers[h] for h in _STORED_HEADERS if h in response.headers
                    },
                    body=bytes(response.body),
                    now=pending.now,
                )
            return response

        return store_then_answer


async def _replay(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, _Replay)
    return Response(
        content=exc.body,
        status_code=exc.status_code,
        headers={**exc.headers, REPLAYED_HEADER: "true"},
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(_Replay, _replay)
