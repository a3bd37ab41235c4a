"""A member's signed-in devices: listed, and ended one by one or all but this one."""

import uuid

from fastapi import APIRouter, Request, Response

from app.auth import current_session_id
from app.deps import CurrentUser, Now, RequestOrigin, Session
from app.errors import problems
from app.models.sessions import AuthSession, SessionEndReason
from app.schemas.sessions import EndedSessions, SessionRead
from app.services import sessions

router = APIRouter(prefix="/users/me/sessions", tags=["sessions"])


def _read(row: AuthSession, current: uuid.UUID | None) -> SessionRead:
    return SessionRead(
        id=row.id,
        transport=row.transport,
        device=sessions.describe_device(row.user_agent),
        user_agent=row.user_agent,
        ip=row.ip,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        expires_at=row.expires_at,
        current=row.id == current,
    )


@router.get("", response_model=list[SessionRead], summary="Your signed-in devices")
async def list_sessions(
    request: Request, user: CurrentUser, session: Session, now: Now
) -> list[SessionRead]:
    rows = await sessions.list_open(session, user_id=user.id, now=now)
    current = current_session_id(request)
    return [_read(row, current) for row in rows]


@router.delete(
    "/{session_id}",
    status_code=204,
    response_class=Response,
    responses=problems(404),
    summary="Sign one of your devices out (this one included)",
)
async def end_session(
    session_id: uuid.UUID, user: CurrentUser, session: Session, now: Now, origin: RequestOrigin
) -> Response:
    await sessions.end(
        session,
        user_id=user.id,
        session_id=session_id,
        reason=SessionEndReason.ended_by_member,
        now=now,
        origin=origin,
    )
    return Response(status_code=204)


@router.delete(
    "",
    response_model=EndedSessions,
    summary="Sign out every device but this one",
)
async def end_other_sessions(
    request: Request, user: CurrentUser, session: Session, now: Now, origin: RequestOrigin
) -> EndedSessions:
    ended = await sessions.end_all(
        session,
        user_id=user.id,
        reason=SessionEndReason.ended_by_member,
        now=now,
        keep=current_session_id(request),
        origin=origin,
    )
    return EndedSessions(ended=len(ended))
