from fastapi import APIRouter, Response, status

from app.deps import Now, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.availability import AvailabilityRead, AvailabilityUpdate
from app.services import availability

router = APIRouter(
    tags=["availability"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)


@router.get(
    "/orgs/{org_id}/me/availability",
    response_model=AvailabilityRead,
    summary="My status, working hours and always-urgent priorities",
)
async def get_availability(member: OrgMember, session: Session, now: Now):
    return await availability.view(session, member=member, now=now)


@router.patch(
    "/orgs/{org_id}/me/availability",
    response_model=AvailabilityRead,
    summary="Set my status (online, busy, offline), working calendar or always-urgent priorities",
)
async def update_availability(
    body: AvailabilityUpdate, member: OrgMember, session: Session, now: Now
):
    return await availability.update_own(
        session, member=member, changes=body.model_dump(exclude_unset=True), now=now
    )


@router.post(
    "/orgs/{org_id}/me/heartbeat",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="I am here: the SPA sends this while in use (at most once a minute counts)",
)
async def heartbeat(member: OrgMember) -> Response:
    # The membership dependency records the activity of every request that is not a read.
    return Response(status_code=status.HTTP_204_NO_CONTENT)
