import uuid

from fastapi import APIRouter, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgAdmin, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
from app.schemas.rules import (
    RuleCreate,
    RuleOrder,
    RuleRead,
    RuleRunRead,
    RuleTestRequest,
    RuleTestResult,
    RuleUpdate,
)
from app.services.rules import dry_run, history, manage

router = APIRouter(
    tags=["rules"], route_class=IdempotentRoute, responses=problems(401, 403, 404, 422)
)


@router.post(
    "/orgs/{org_id}/rules",
    status_code=status.HTTP_201_CREATED,
    response_model=RuleRead,
    summary="Create a rule (admin+); placed last unless `position` says otherwise",
)
async def create_rule(body: RuleCreate, admin: OrgAdmin, session: Session, now: Now):
    return await manage.create(
        session, org_id=admin.org_id, now=now, **body.model_dump(mode="json")
    )


@router.get(
    "/orgs/{org_id}/rules",
    response_model=Page[RuleRead],
    summary="List rules in evaluation order (admin+)",
    responses=problems(400),
)
async def list_rules(
    admin: OrgAdmin, session: Session, limit: Limit = DEFAULT_PAGE_LIMIT, cursor: Cursor = None
):
    return await manage.list_for_org(session, org_id=admin.org_id, limit=limit, cursor=cursor)


@router.put(
    "/orgs/{org_id}/rules/order",
    response_model=list[RuleRead],
    summary="Reorder every rule of the organisation (admin+)",
)
async def reorder_rules(body: RuleOrder, admin: OrgAdmin, session: Session):
    return await manage.reorder(session, org_id=admin.org_id, rule_ids=body.rule_ids)


@router.post(
    "/orgs/{org_id}/rules/test",
    response_model=RuleTestResult,
    summary="Dry run: which rules would fire on a sample or a conversation, changing nothing",
)
async def test_rules(body: RuleTestRequest, admin: OrgAdmin, session: Session, now: Now):
    return await dry_run.run(session, org_id=admin.org_id, request=body, now=now)


@router.get(
    "/orgs/{org_id}/rules/runs",
    response_model=Page[RuleRunRead],
    summary="What rules did, newest first (admin+); filter by rule or conversation",
    responses=problems(400),
)
async def list_rule_runs(
    admin: OrgAdmin,
    session: Session,
    rule_id: uuid.UUID | None = None,
    conversation_id: uuid.UUID | None = None,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await history.list_runs(
        session,
        org_id=admin.org_id,
        rule_id=rule_id,
        conversation_id=conversation_id,
        limit=limit,
        cursor=cursor,
    )


@router.get("/orgs/{org_id}/rules/{rule_id}", response_model=RuleRead, summary="Get a rule")
async def get_rule(rule_id: uuid.UUID, admin: OrgAdmin, session: Session):
    return await manage.get(session, org_id=admin.org_id, rule_id=rule_id)


@router.patch(
    "/orgs/{org_id}/rules/{rule_id}",
    response_model=RuleRead,
    summary="Edit a rule (admin+); any change bumps its version",
)
async def update_rule(
    rule_id: uuid.UUID, body: RuleUpdate, admin: OrgAdmin, session: Session, now: Now
):
    return await manage.update_rule(
        session,
        org_id=admin.org_id,
        rule_id=rule_id,
        now=now,
        changes=body.model_dump(mode="json", exclude_unset=True),
    )


@router.delete(
    "/orgs/{org_id}/rules/{rule_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a rule (admin+)",
)
async def delete_rule(rule_id: uuid.UUID, admin: OrgAdmin, session: Session) -> None:
    await manage.delete(session, org_id=admin.org_id, rule_id=rule_id)
