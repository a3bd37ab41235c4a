import uuid

from fastapi import APIRouter, Response, status

from app.deps import (
    DEFAULT_PAGE_LIMIT,
    CurrentUser,
    Cursor,
    Limit,
    Now,
    OrgAdmin,
    OrgMember,
    RequestOrigin,
    Session,
)
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
from app.schemas.organisations import (
    MemberCreate,
    MemberRead,
    MemberUpdate,
    OrganisationCreate,
    OrganisationRead,
    OrganisationUpdate,
)
from app.services import organisations

router = APIRouter(tags=["organisations"], route_class=IdempotentRoute, responses=problems(401))


@router.post(
    "/orgs",
    status_code=status.HTTP_201_CREATED,
    response_model=OrganisationRead,
    summary="Create an organisation (the caller becomes its owner)",
    responses=problems(422),
)
async def create_organisation(body: OrganisationCreate, user: CurrentUser, session: Session):
    return await organisations.create(
        session, user_id=user.id, name=body.name, time_zone=body.time_zone
    )


@router.patch(
    "/orgs/{org_id}",
    response_model=OrganisationRead,
    summary="Rename the organisation, set its time zone, or require two-factor sign-in of its "
    "owners, admins and supervisors (admin+; only once you have it yourself)",
    responses=problems(403, 404, 409, 422),
)
async def update_organisation(
    body: OrganisationUpdate, admin: OrgAdmin, session: Session, now: Now, origin: RequestOrigin
):
    return await organisations.update(
        session,
        actor=admin,
        name=body.name,
        time_zone=body.time_zone,
        require_two_factor=body.require_two_factor,
        now=now,
        origin=origin,
    )


@router.get(
    "/orgs",
    response_model=Page[OrganisationRead],
    summary="List the organisations the caller belongs to",
    responses=problems(400, 422),
)
async def list_organisations(
    user: CurrentUser, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await organisations.list_for_user(session, user_id=user.id, limit=limit, cursor=cursor)


@router.get(
    "/orgs/{org_id}/members",
    response_model=Page[MemberRead],
    summary="List the organisation's members",
    responses=problems(400, 404, 422),
)
async def list_members(
    member: OrgMember, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await organisations.list_members(
        session, org_id=member.org_id, limit=limit, cursor=cursor
    )


@router.post(
    "/orgs/{org_id}/members",
    status_code=status.HTTP_201_CREATED,
    response_model=MemberRead,
    summary="Add a registered user as a member (owner/admin)",
    responses=problems(403, 404, 409, 422),
)
async def add_member(body: MemberCreate, admin: OrgAdmin, session: Session):
    return await organisations.add_member(session, actor=admin, email=body.email, role=body.role)


@router.patch(
    "/orgs/{org_id}/members/{user_id}",
    response_model=MemberRead,
    summary="Change a member's role (owner/admin)",
    responses=problems(403, 404, 409, 422),
)
async def change_member_role(
    user_id: uuid.UUID, body: MemberUpdate, admin: OrgAdmin, session: Session
):
    return await organisations.change_role(session, actor=admin, user_id=user_id, role=body.role)


@router.delete(
    "/orgs/{org_id}/members/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a member (owner/admin; never the last owner)",
    responses=problems(403, 404, 409, 422),
)
async def remove_member(
    user_id: uuid.UUID, admin: OrgAdmin, session: Session, now: Now
) -> Response:
    await organisations.remove_member(session, actor=admin, user_id=user_id, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
