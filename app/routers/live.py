"""Live updates: `GET /orgs/{org_id}/events/stream` (server-sent events) and its stream token."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from app.auth import (
    STREAM_TOKEN_SECONDS,
    mint_stream_token,
    optional_active_user,
    read_stream_token,
)
from app.db import get_sessionmaker
from app.deps import OrgId, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.live import Hub
from app.models.users import User
from app.schemas.live import LiveEvent, StreamToken
from app.scopes import enforce_scope
from app.services import live, organisations

router = APIRouter(tags=["events"], route_class=IdempotentRoute, responses=problems(401, 404, 422))
# The stream has no per-request rate limit (one long request) and takes a stream token.
stream_router = APIRouter(tags=["events"], responses=problems(401, 404, 422))

PING_SECONDS = 15
REFRESH_SECONDS = 15.0  # how often a stream re-reads what its member may see


@router.post(
    "/orgs/{org_id}/events/stream-token",
    response_model=StreamToken,
    summary="A one-minute token to open the event stream with (EventSource sends no headers)",
)
async def create_stream_token(member: OrgMember):
    token = mint_stream_token(user_id=member.user_id, org_id=member.org_id)
    return StreamToken(token=token, expires_in=STREAM_TOKEN_SECONDS)


def _hub(request: Request) -> Hub:
    """The process's hub, started by the lifespan (an app run without one cannot stream)."""
    hub: Hub | None = getattr(request.app.state, "live_hub", None)
    if hub is None:
        raise HTTPException(status_code=503, detail="Live updates are not running here.")
    return hub


async def _stream_user(
    org_id: OrgId,
    request: Request,
    user: Annotated[User | None, Depends(optional_active_user)],
    token: Annotated[str | None, Query(max_length=2000, description="A stream token")] = None,
) -> uuid.UUID:
    """The caller, by access token or API key (Authorization header; a key needs the `read`
    scope) or by stream token (`?token=`)."""
    if user is not None:
        await enforce_scope(request, user)
        return user.id
    user_id = read_stream_token(token, org_id=org_id) if token else None
    if user_id is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return user_id


def _resume_from(last_event_id: str | None) -> int | None:
    return int(last_event_id) if last_event_id and last_event_id.isdigit() else None


@stream_router.get(
    "/orgs/{org_id}/events/stream",
    summary="Escalation events as they commit (text/event-stream), resumable with Last-Event-ID",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "A `ready` event, then one event per escalation event the caller "
            "may see; `data` is a LiveEvent, `id` its seq",
            "content": {"text/event-stream": {"schema": LiveEvent.model_json_schema()}},
        },
        **problems(503),
    },
)
async def stream_events(
    org_id: OrgId,
    user_id: Annotated[uuid.UUID, Depends(_stream_user)],
    session: Session,
    request: Request,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=20)] = None,
    resume_after: Annotated[
        str | None,
        Query(
            alias="last_event_id",
            max_length=20,
            description="As the Last-Event-ID header, for a new EventSource (it cannot set one)",
        ),
    ] = None,
):
    await organisations.get_membership(session, org_id=org_id, user_id=user_id)  # else 404
    hub = _hub(request)
    events = _events(
        hub, org_id=org_id, user_id=user_id, seq=_resume_from(last_event_id or resume_after)
    )
    return EventSourceResponse(events, ping=PING_SECONDS)


def _message(event: live.LiveEvent) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(event.wire()), event=event.type, id=str(event.seq))


async def _events(
    hub: Hub, *, org_id: uuid.UUID, user_id: uuid.UUID, seq: int | None
) -> AsyncIterator[ServerSentEvent]:
    queue = hub.open(org_id)  # before the backfill: nothing falls between the two
    try:
        backfilled: set[int] = set()
        async with get_sessionmaker()() as session:
            audience = await live.audience(session, org_id=org_id, user_id=user_id)
            if audience is None:
                return
            while seq is not None:
                viewer = await organisations.get_membership(session, org_id=org_id, user_id=user_id)
                rows = await live.after(session, viewer=viewer, seq=seq)
                for row in rows:
                    backfilled.add(row.seq)
                    yield _message(row)
                seq = rows[-1].seq if len(rows) == live.BACKFILL_LIMIT else None
        await hub.wait_ready(2.0)  # just after a start; a lost Redis does not block
        yield ServerSentEvent(data="{}", event="ready")
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), timeout=REFRESH_SECONDS)
            except TimeoutError:
                async with get_sessionmaker()() as session:
                    audience = await live.audience(session, org_id=org_id, user_id=user_id)
                if audience is None:
                    return
                continue
            if item is None:
                return
            if item.seq not in backfilled and audience.sees(item):
                yield _message(item)
    finally:
        hub.close(org_id, queue)
