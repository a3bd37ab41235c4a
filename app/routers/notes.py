import uuid

from fastapi import APIRouter, Response, status

from app.deps import DEFAULT_PAGE_LIMIT, Cursor, Limit, Now, OrgMember, Session
from app.errors import problems
from app.idempotency import IdempotentRoute
from app.schemas.common import Page
from app.schemas.notes import NoteCreate, NoteRead, NoteUpdate
from app.services import notes

router = APIRouter(tags=["notes"], route_class=IdempotentRoute, responses=problems(401, 404, 422))

NOTES = "/orgs/{org_id}/escalations/{escalation_id}/notes"


@router.post(
    NOTES,
    status_code=status.HTTP_201_CREATED,
    response_model=NoteRead,
    summary="Add an internal note, notifying the members it @mentions and the followers",
    description="A mention is `@` and the email address of a member who may see the "
    "escalation; one who is not a member is 422 `unknown-mention`, one who may not see it 422 "
    "`mention-not-allowed`, each naming the `mention`.",
)
async def create_note(
    escalation_id: uuid.UUID, body: NoteCreate, member: OrgMember, session: Session, now: Now
):
    return await notes.add(
        session, actor=member, escalation_id=escalation_id, body=body.body, now=now
    )


@router.get(
    NOTES,
    response_model=Page[NoteRead],
    summary="The escalation's notes, oldest first (the timeline is its events list)",
    responses=problems(400),
)
async def list_notes(
    escalation_id: uuid.UUID,
    member: OrgMember,
    session: Session,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    cursor: Cursor = None,
):
    return await notes.list_for_escalation(
        session, viewer=member, escalation_id=escalation_id, limit=limit, cursor=cursor
    )


@router.patch(
    NOTES + "/{note_id}",
    response_model=NoteRead,
    summary="Edit your own note; members it newly mentions are notified",
    responses=problems(403),
)
async def update_note(
    escalation_id: uuid.UUID,
    note_id: uuid.UUID,
    body: NoteUpdate,
    member: OrgMember,
    session: Session,
    now: Now,
):
    return await notes.edit(
        session,
        actor=member,
        escalation_id=escalation_id,
        note_id=note_id,
        body=body.body,
        now=now,
    )


@router.delete(
    NOTES + "/{note_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete your own note (its text goes; the timeline says it was deleted)",
    responses=problems(403),
)
async def delete_note(
    escalation_id: uuid.UUID, note_id: uuid.UUID, member: OrgMember, session: Session, now: Now
) -> Response:
    await notes.delete(session, actor=member, escalation_id=escalation_id, note_id=note_id, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
