import uuid

from fastapi import APIRouter, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, RequestOrigin, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from app.schemas.common import Page
from app.services import api_keys

router = APIRouter(
    tags=["api_keys"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.post(
    "/orgs/{org_id}/api-keys",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    summary="Create an API key for an integration (owner/admin; the secret is shown once)",
)
async def create_api_key(
    body: ApiKeyCreate, admin: OrgAdmin, session: Session, now: Now, origin: RequestOrigin
):
    created = await api_keys.create(
        session,
        actor=admin,
        name=body.name,
        scopes=body.scopes,
        expires_at=body.expires_at,
        now=now,
        origin=origin,
    )
    return {**ApiKeyRead.model_validate(created.key).model_dump(), "secret": created.secret}


@router.get(
    "/orgs/{org_id}/api-keys",
    response_model=Page[ApiKeyRead],
    summary="List the organisation's API keys, newest first (owner/admin)",
    responses=problems(400),
)
async def list_api_keys(
    admin: OrgAdmin, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await api_keys.list_for_org(session, org_id=admin.org_id, limit=limit, cursor=cursor)


@router.get(
    "/orgs/{org_id}/api-keys/{api_key_id}",
    response_model=ApiKeyRead,
    summary="Get an API key (owner/admin)",
)
async def get_api_key(api_key_id: uuid.UUID, admin: OrgAdmin, session: Session):
    return await api_keys.get(session, org_id=admin.org_id, key_id=api_key_id)


@router.post(
    "/orgs/{org_id}/api-keys/{api_key_id}/revoke",
    response_model=ApiKeyRead,
    summary="Revoke an API key at once (owner/admin)",
)
async def revoke_api_key(
    api_key_id: uuid.UUID, admin: OrgAdmin, session: Session, now: Now, origin: RequestOrigin
):
    return await api_keys.revoke(session, actor=admin, key_id=api_key_id, now=now, origin=origin)
