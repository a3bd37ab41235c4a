import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import LongText, ReadModel

NOTE_BODY_HELP = (
    "Plain text, never sent to the contact. Mention a member who may see the escalation with "
    "`@` and their email address (`@tess@example.com`); at most 20 mentions"
)


class NoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: LongText = Field(description=NOTE_BODY_HELP)


class NoteUpdate(BaseModel):
    """The new text (the author's own note only)."""

    model_config = ConfigDict(extra="forbid")
    body: LongText = Field(description=NOTE_BODY_HELP)


class NoteRead(ReadModel):
    id: uuid.UUID
    escalation_id: uuid.UUID
    author_id: uuid.UUID | None
    body: str | None = Field(description="Null once deleted")
    mentions: list[uuid.UUID] = Field(description="The members it mentions (user ids)")
    created_at: datetime
    updated_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
