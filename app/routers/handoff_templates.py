"""Hand-off templates: admins keep them; the escalate dialog asks for those that fit."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.deps import OrgAdmin, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.common import Name
from app.schemas.handoff_templates import (
    HandoffSuggestionList,
    HandoffTemplateCreate,
    HandoffTemplateList,
    HandoffTemplateRead,
    HandoffTemplateUpdate,
)
from app.services import handoff_templates

router = APIRouter(
    tags=["handoff_templates"], route_class=IdempotentRoute, responses=problems(401, 404, 422)
)

TEMPLATES = "/orgs/{org_id}/handoff-templates"


@router.post(
    TEMPLATES,
    status_code=status.HTTP_201_CREATED,
    response_model=HandoffTemplateRead,
    summary="Add a hand-off template (admin)",
    responses=problems(403),
)
async def create_handoff_template(body: HandoffTemplateCreate, actor: OrgAdmin, session: Session):
    return await handoff_templates.create(session, actor=actor, values=body.model_dump())


@router.get(
    TEMPLATES,
    response_model=HandoffTemplateList,
    summary="Every hand-off template (admin)",
    responses=problems(403),
)
async def list_handoff_templates(actor: OrgAdmin, session: Session):
    return {"items": await handoff_templates.list_all(session, org_id=actor.org_id)}


@router.patch(
    TEMPLATES + "/{template_id}",
    response_model=HandoffTemplateRead,
    summary="Change a hand-off template (admin)",
    responses=problems(403),
)
async def update_handoff_template(
    template_id: uuid.UUID, body: HandoffTemplateUpdate, actor: OrgAdmin, session: Session
):
    changes = body.model_dump(exclude_unset=True)
    return await handoff_templates.update(
        session, actor=actor, template_id=template_id, changes=changes
    )


@router.delete(
    TEMPLATES + "/{template_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a hand-off template (admin)",
    responses=problems(403),
)
async def delete_handoff_template(
    template_id: uuid.UUID, actor: OrgAdmin, session: Session
) -> Response:
    await handoff_templates.delete(session, actor=actor, template_id=template_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/orgs/{org_id}/conversations/{conversation_id}/handoff-templates",
    response_model=HandoffSuggestionList,
    summary="The hand-off templates for escalating this conversation, filled in for its contact",
)
async def suggest_handoff_templates(
    conversation_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    inbox_id: Annotated[uuid.UUID | None, Query(description="The inbox it goes to")] = None,
    category: Annotated[Name | None, Query(description="The escalation's category")] = None,
):
    items = await handoff_templates.offered(
        session,
        viewer=member,
        conversation_id=conversation_id,
        inbox_id=inbox_id,
        category=category,
    )
    return {"items": items}
