import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import Name, ReadModel, ShortText

PLACEHOLDERS = (
    "May use `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and "
    "`{{contact.attributes.<key>}}`"
)


class HandoffTemplateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    inbox_id: uuid.UUID | None = Field(default=None, description="Offered for this inbox only")
    category: Name | None = Field(default=None, description="Offered for this category only")
    reason: ShortText | None = Field(default=None, description=PLACEHOLDERS)
    steps_taken: ShortText | None = Field(default=None, description=PLACEHOLDERS)
    offers_made: ShortText | None = Field(default=None, description=PLACEHOLDERS)
    help_needed: ShortText | None = Field(default=None, description=PLACEHOLDERS)


class HandoffTemplateUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    inbox_id: uuid.UUID | None = None
    category: Name | None = None
    reason: ShortText | None = None
    steps_taken: ShortText | None = None
    offers_made: ShortText | None = None
    help_needed: ShortText | None = None


class HandoffTemplateRead(ReadModel):
    id: uuid.UUID
    name: str
    inbox_id: uuid.UUID | None
    category: str | None
    reason: str | None
    steps_taken: str | None
    offers_made: str | None
    help_needed: str | None
    created_at: datetime
    updated_at: datetime


class HandoffTemplateList(ReadModel):
    """Every template, by name (not paged: at most 200)."""

    items: list[HandoffTemplateRead]


class HandoffPrefill(ReadModel):
    reason: str | None
    steps_taken: str | None
    offers_made: str | None
    help_needed: str | None


class HandoffSuggestion(ReadModel):
    template_id: uuid.UUID
    name: str
    inbox_id: uuid.UUID | None
    category: str | None
    handoff: HandoffPrefill = Field(description="The template filled in for the contact")


class HandoffSuggestionList(ReadModel):
    """Made for the inbox and the category first, then for either, then for any."""

    items: list[HandoffSuggestion]
