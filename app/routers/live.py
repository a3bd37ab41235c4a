"""Live updates: `GET /orgs/{org_id}/events/stream` (server-sent events) and its stream token."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from app.auth import (
    STREAM_TOKEN_SECONDS,
    StreamCaller,
    current_session_id,
    mint_stream_token,
    optional_active_user,
    read_stream_token,
)
from app.db import get_sessionmaker
from app.deps import OrgId, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.live import Stream, Tailer, closed_message, encode
from app.models.organisations import Membership
from app.models.users import User
from app.schemas.live import StreamReady, StreamToken
from app.scopes import enforce_scope
from app.services import live, organisations, sessions

router = APIRouter(tags=["events"], route_class=IdempotentRoute, responses=problems(401, 404, 422))
# The stream has no per-request rate limit (one long request) and takes a stream token.
stream_router = APIRouter(tags=["events"], responses=problems(401, 404, 422))

PING_SECONDS = 15


@router.post(
    "/orgs/{org_id}/events/stream-token",
    response_model=StreamToken,
    summary="A one-minute token to open the event stream with (EventSource sends no headers)",
)
async def create_stream_token(member: OrgMember, request: Request):
    token = mint_stream_token(
        user_id=member.user_id, org_id=member.org_id, session_id=current_session_id(request)
    )
    return StreamToken(token=token, expires_in=STREAM_TOKEN_SECONDS)


def _tailer(request: Request) -> Tailer:
    """The process's tailer, started by the lifespan (an app run without one cannot stream)."""
    tailer: Tailer | None = getattr(request.app.state, "live_tailer", None)
    if tailer is None:
        raise HTTPException(status_code=503, detail="Live updates are not running here.")
    return tailer


async def _stream_user(
    org_id: OrgId,
    request: Request,
    user: Annotated[User | None, Depends(optional_active_user)],
    session: Session,
    token: Annotated[str | None, Query(max_length=2000, description="A stream token")] = None,
) -> StreamCaller:
    """The caller, by access token or API key (Authorization header; a key needs the `read`
    scope) or by stream token (`?token=`)."""
    if user is not None:
        await enforce_scope(request, user)
        return StreamCaller(user.id, current_session_id(request))
    caller = read_stream_token(token, org_id=org_id) if token else None
    if caller is None or not await _session_open(session, caller):
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return caller


async def _session_open(session: Session, caller: StreamCaller) -> bool:
    # A stream token outlives nothing: minted in a session ended since, it opens no stream.
    if caller.session_id is None:
        return True
    return bool(await sessions.open_among(session, [caller.session_id]))


def _resume_from(last_event_id: str | None) -> int | None:
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses (a 500).
    if last_event_id and last_event_id.isascii() and last_event_id.isdigit():
        return int(last_event_id)
    return None


STREAM_DESCRIPTION = """Server-sent events, one per escalation event the caller may see, in order.

Every message is one of:
- `event: ready`, `id: <position>`, `data`: a `StreamReady`. Sent once, after the backfill of a
  resumed stream; everything up to its position has been sent (or was not the caller's to see).
- `event: <escalation event type>` (`escalation.created`, `escalation.claimed`, …),
  `id: <position>`, `data`: a `LiveEvent`.
- `event: presence`, no id, `data`: a `PresenceChanged`: who has an escalation the caller may
  see open now (viewing, or composing a reply), after any change. Not an event: never replayed on
  a resume and no cursor; after (re)connecting, read `GET …/escalations/{id}/presence`.
- `event: closed`, no id, `data`: a `StreamClosed`, the last message before the server ends the
  stream (`behind`: the client read too slowly; `shutdown`; `membership_ended`; `session_ended`:
  signed out, here or elsewhere). Reconnect with `Last-Event-ID`.
- `: ping`, a comment every 15 s, to keep proxies from closing an idle stream.

The `id` is the event's position in the stream, the one cursor: reconnect with the last one seen
as the `Last-Event-ID` header (or `?last_event_id=` from a new EventSource) and the stream resumes
right after it, losing nothing and repeating nothing."""
STREAM_SCHEMA = {"$ref": "#/components/schemas/StreamMessage"}


@stream_router.get(
    "/orgs/{org_id}/events/stream",
    summary="Escalation events as they commit (text/event-stream), resumable with Last-Event-ID",
    description=STREAM_DESCRIPTION,
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "`ready`, then events; `closed` before the server ends it",
            "content": {"text/event-stream": {"schema": STREAM_SCHEMA}},
        },
        **problems(503),
    },
)
async def stream_events(
    org_id: OrgId,
    caller: Annotated[StreamCaller, Depends(_stream_user)],
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
    viewer = await organisations.get_membership(
        session, org_id=org_id, user_id=caller.user_id
    )  # or 404
    tailer = _tailer(request)
    # Everything committed before this request is then on the tailer's side of the start: a
    # fresh stream begins after it, a resumed one gets it in its backfill. (The tailer reads on a
    # connection of its own, so requests waiting here never starve it of one.)
    if not await tailer.caught_up(5.0):
        raise HTTPException(status_code=503, detail="Live updates are delayed: retry shortly.")
    stream = tailer.open(
        org_id, await live.audience(session, member=viewer), session_id=caller.session_id
    )
    events = _events(
        tailer, stream, viewer=viewer, resume=_resume_from(last_event_id or resume_after)
    )
    return EventSourceResponse(events, ping=PING_SECONDS)


async def _events(
    tailer: Tailer, stream: Stream, *, viewer: Membership, resume: int | None
) -> AsyncIterator[bytes]:
    try:
        if resume is not None:
            async with get_sessionmaker()() as session:
                # A made-up id beyond the stream would silence it until the stream got there.
                resume = min(resume, await live.head(session))
                after = resume
                while after < stream.start:  # the backfill: the table, up to where the tail began
                    rows = await live.between(
                        session, viewer=viewer, after=after, upto=stream.start
                    )
                    for row in rows:
                        yield encode(row)
                    after = rows[-1].position if len(rows) == live.BATCH else stream.start
            # A client coming from a process further ahead has seen past this one's tail.
            stream.floor = max(stream.start, resume)
        ready = StreamReady(position=stream.floor)
        yield ServerSentEvent(
            data=ready.model_dump_json(), event="ready", id=str(stream.floor)
        ).encode()
        while True:
            await stream.wake.wait()
            # One write for everything waiting: with hundreds of streams, a send per message
            # per stream was most of the process's time in a burst.
            waiting = stream.drain()
            if waiting:
                yield b"".join(waiting)
            if stream.end_reason is not None:
                reason, detail = stream.end_reason
                yield closed_message(reason, detail)
                return
    finally:
        tailer.close(stream)
