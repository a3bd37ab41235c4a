import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.models.conversations import Channel
from app.models.escalations import EscalationStatus, Priority
from app.schemas.common import Name, ReadModel, RequiredText, ShortText
from app.schemas.conversations import ConversationRead
from app.schemas.notes import NoteRead


class Handoff(BaseModel):
    """What the next person needs to know; reason, steps taken and help needed are required."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)
    reason: RequiredText
    steps_taken: RequiredText
    offers_made: ShortText | None = None
    help_needed: RequiredText


class EscalationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    inbox_id: uuid.UUID
    priority: Priority | None = Field(default=None, description="Default: the inbox's, else normal")
    category: Name = "other"
    handoff: Handoff


class EscalationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    priority: Priority | None = None
    category: Name | None = None


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: ShortText | None = None


class MoveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    inbox_id: uuid.UUID
    note: ShortText | None = None


class ConversationBrief(ReadModel):
    id: uuid.UUID
    contact_name: str
    channel: Channel
    needs_response: bool
    last_message_at: datetime | None


class EscalationRead(ReadModel):
    id: uuid.UUID
    conversation: ConversationBrief
    org_id: uuid.UUID
    conversation_id: uuid.UUID
    inbox_id: uuid.UUID
    origin_campaign_id: uuid.UUID
    status: EscalationStatus
    priority: Priority
    priority_source: dict[str, Any] | None = Field(
        default=None,
        description='Where the priority came from: {"kind": "agent" | "rule" | '
        '"contact_attributes" | "sla_breach" | "inbox_default" | "default", "rule_id"?, ...}',
    )
    category: str
    handoff: Handoff
    escalated_by: uuid.UUID | None
    claimed_by: uuid.UUID | None
    claimed_at: datetime | None
    claim_expires_at: datetime | None
    claim_reply_due_at: datetime | None = Field(
        description="Reply-or-return: with no outbound reply by then, the claim goes back to the "
        "pool (or to the next owner); null when the inbox does not ask, or once answered"
    )
    first_responded_at: datetime | None
    first_response_due_at: datetime | None
    resolution_due_at: datetime | None
    sla_policy_id: uuid.UUID | None
    level: int = Field(description="1 at escalation, +1 on each SLA breach")
    sla_paused_at: datetime | None = Field(
        description="Set while the resolution clock waits on the contact"
    )
    breached_first_response: bool
    breached_resolution: bool
    closed_at: datetime | None
    last_activity_at: datetime
    created_at: datetime
    updated_at: datetime

    @model_validator(mode="after")
    def _lapsed_claim_is_open(self) -> "EscalationRead":
        # A claim past its expiry is unclaimed at once, whether or not a job has swept it yet.
        if (
            self.status is EscalationStatus.claimed
            and self.claim_expires_at is not None
            and self.claim_expires_at <= datetime.now(UTC)
        ):
            self.status = EscalationStatus.open
            self.claimed_by = self.claimed_at = self.claim_expires_at = None
            self.claim_reply_due_at = None
        return self


class EscalationResult(ReadModel):
    escalation: EscalationRead
    next_conversation: ConversationRead | None = Field(
        description="The next conversation in the caller's reply queue, if any"
    )


class EventRead(ReadModel):
    id: uuid.UUID
    type: str
    actor_id: uuid.UUID | None
    created_at: datetime
    data: dict[str, Any]
    note: NoteRead | None = Field(
        default=None,
        description="On `escalation.note_added`: the note as it is now (edited, or deleted "
        "with a null `body`), so the timeline shows each note where it was written",
    )
