"""Presence on an escalation: a heartbeat while it is open, and who else has it open."""

import uuid

from fastapi import APIRouter, Response, status

from app.deps import Now, OrgMember, Redis, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.presence import PresenceList, PresenceUpdate
from app.services import presence

# 503: Redis does not answer (presence lives nowhere else).
router = APIRouter(
    tags=["presence"], route_class=IdempotentRoute, responses=problems(401, 404, 422, 503)
)

PRESENCE = "/orgs/{org_id}/escalations/{escalation_id}/presence"


@router.put(
    PRESENCE,
    response_model=PresenceList,
    summary="I have it open (viewing) or am writing a reply (composing): beat every ~10 s",
    description=f"Lapses {presence.TTL_SECONDS} s after the last beat. A change reaches the "
    "others' event streams as a `presence` message. Returns who is present now.",
)
async def set_presence(
    escalation_id: uuid.UUID,
    body: PresenceUpdate,
    member: OrgMember,
    session: Session,
    redis: Redis,
    now: Now,
):
    items = await presence.beat(
        session, redis, viewer=member, escalation_id=escalation_id, state=body.state, now=now
    )
    return {"items": items}


@router.get(PRESENCE, response_model=PresenceList, summary="Who has the escalation open now")
async def list_presence(
    escalation_id: uuid.UUID, member: OrgMember, session: Session, redis: Redis, now: Now
):
    items = await presence.list_for_escalation(
        session, redis, viewer=member, escalation_id=escalation_id, now=now
    )
    return {"items": items}


@router.delete(
    PRESENCE,
    status_code=status.HTTP_204_NO_CONTENT,
    summary="I closed it (best effort: a presence lapses on its own anyway)",
)
async def clear_presence(
    escalation_id: uuid.UUID, member: OrgMember, session: Session, redis: Redis, now: Now
) -> Response:
    await presence.leave(session, redis, viewer=member, escalation_id=escalation_id, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
