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
    weekly_digest: bool = Field(
        default=False,
        description="Monday 09:00 (your working calendar's time zone, else the organisation's): "
        "an email with last week's SLA figures of your inboxes (admins: every inbox), against "
        "the week before",
    )


class PreferencesUpdate(Preferences):
    weekly_digest: bool | None = Field(  # type: ignore[assignment]
        default=None, description="Leave out to keep the current choice"
    )
