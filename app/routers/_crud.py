"""One shape for an organisation's configuration resources (calendars, SLA policies): members
read, admins create, edit (If-Match, ETag) and delete. Each resource names its handlers and
summaries, so operation ids and the OpenAPI document stay those of hand-written routes."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, OrgMember, Session
from app.errors import problems
from app.etags import ETAG_HEADER, IfMatch, set_etag
from app.schemas.common import Page

Fields = Callable[[Any, bool], dict[str, object]]  # (body, partial) -> the service's data


@dataclass(frozen=True)
class Resource:
    collection: str  # "/orgs/{org_id}/calendars"
    id_name: str  # "calendar_id": the path parameter and the service's keyword
    noun: str  # "calendar" in handler names: create_calendar, list_calendars, ...
    plural: str
    read: type[BaseModel]
    create: type[BaseModel]
    update: type[BaseModel]
    fields: Fields
    service: Any  # a module with create, list_for_org, get, delete
    update_fn: Callable[..., Awaitable[Any]]
    summaries: dict[str, str]  # create, list, get, update, delete


def add_routes(router: APIRouter, res: Resource) -> None:
    item = f"{res.collection}/{{{res.id_name}}}"
    ItemIdParam = Annotated[uuid.UUID, Path(alias=res.id_name)]  # noqa: N806 (a type alias)
    svc = res.service

    def named(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def rename(handler: Callable[..., Any]) -> Callable[..., Any]:
            handler.__name__ = handler.__qualname__ = name
            return handler

        return rename

    @named(f"create_{res.noun}")
    async def create(body: res.create, admin: OrgAdmin, session: Session, now: Now):  # type: ignore[name-defined]
        data = res.fields(body, False)
        return await svc.create(session, org_id=admin.org_id, data=data, now=now)

    @named(f"list_{res.plural}")
    async def list_all(
        member: OrgMember,
        session: Session,
        limit: Limit = DEFAULT_PAGE_LIMIT,
        cursor: Cursor = None,
    ):
        return await svc.list_for_org(session, org_id=member.org_id, limit=limit, cursor=cursor)

    @named(f"get_{res.noun}")
    async def get(item_id: ItemIdParam, member: OrgMember, session: Session, response: Response):
        found = await svc.get(session, org_id=member.org_id, **{res.id_name: item_id})
        set_etag(response, found.updated_at)
        return found

    @named(f"update_{res.noun}")
    async def update(
        item_id: ItemIdParam,
        body: res.update,  # type: ignore[name-defined]
        admin: OrgAdmin,
        session: Session,
        now: Now,
        if_match: IfMatch,
        response: Response,
    ):
        changed = await res.update_fn(
            session,
            org_id=admin.org_id,
            changes=res.fields(body, True),
            now=now,
            if_match=if_match,
            **{res.id_name: item_id},
        )
        set_etag(response, changed.updated_at)
        return changed

    @named(f"delete_{res.noun}")
    async def delete(
        item_id: ItemIdParam, admin: OrgAdmin, session: Session, if_match: IfMatch
    ) -> Response:
        await svc.delete(session, org_id=admin.org_id, if_match=if_match, **{res.id_name: item_id})
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    s = res.summaries
    router.post(
        res.collection,
        status_code=status.HTTP_201_CREATED,
        response_model=res.read,
        summary=s["create"],
        responses=problems(403),
    )(create)
    router.get(
        res.collection,
        response_model=Page[res.read],  # type: ignore[name-defined]
        summary=s["list"],
        responses=problems(400),
    )(list_all)
    router.get(
        item, response_model=res.read, summary=s["get"], responses={200: {"headers": ETAG_HEADER}}
    )(get)
    router.patch(
        item,
        response_model=res.read,
        summary=s["update"],
        responses={**problems(403, 409), 200: {"headers": ETAG_HEADER}},
    )(update)
    router.delete(
        item,
        status_code=status.HTTP_204_NO_CONTENT,
        summary=s["delete"],
        responses=problems(403, 409),
    )(delete)
