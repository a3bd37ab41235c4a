import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import ReadModel


class NotificationRead(ReadModel):
    id: uuid.UUID
    type: str = Field(validation_alias="event_type")
    escalation_id: uuid.UUID | None
    title: str
    body: str
    rule: str = Field(
        description="How you were chosen: category, default, fallback, inbox_owner, "
        "sla_level, escalator or claimant"
    )
    created_at: datetime
    read_at: datetime | None


class NotificationFeed(BaseModel):
    items: list[NotificationRead]
    next_cursor: str | None
    unread_count: int


class ReadAllResult(BaseModel):
    marked: int


class Preferences(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)
    muted_channels: list[Literal["in_app", "email"]] = Field(
        default_factory=list,
        max_length=2,
        description="Channels you do not want; the fallback (when nobody else is found) ignores it",
    )
