import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import ReadModel
from app.services.presence import PresenceState


class PresenceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: PresenceState = Field(
        description="`viewing`: the escalation or its conversation is open on screen; "
        "`composing`: a reply to the contact is being written"
    )


class PresenceRead(ReadModel):
    user_id: uuid.UUID
    display_name: str | None
    email: str
    state: PresenceState
    since: datetime = Field(description="When the member entered this state")
    expires_at: datetime = Field(description="When it lapses unless the member beats again")


class PresenceList(ReadModel):
    """Who has the escalation open now, longest first (not paged: at most the members)."""

    items: list[PresenceRead]


class PresenceChanged(BaseModel):
    """The `data` of a `presence` stream message: the escalation's whole list after a change
    (someone arrived, changed state, left or lapsed). Not an event: it has no id, is never
    replayed on a resume, and moves no cursor; fetch `GET …/presence` after (re)connecting."""

    escalation_id: uuid.UUID
    inbox_id: uuid.UUID
    members: list[PresenceRead]
