import math
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    model_validator,
)

from app.models.conversations import Channel, Direction
from app.schemas.common import LongText, Name, ReadModel, no_nul

Phone = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=3, max_length=32, pattern=r"^\+?[0-9 ().-]+$"
    ),
]

ExternalId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=255),
    AfterValidator(no_nul),
]
MAX_INBOUND_MESSAGES = 100

MAX_ATTRIBUTE_DEPTH = 8


def _storable(node: Any, depth: int = 0) -> None:
    if depth > MAX_ATTRIBUTE_DEPTH:
        raise ValueError(f"must not nest deeper than {MAX_ATTRIBUTE_DEPTH} levels")
    if isinstance(node, float) and not math.isfinite(node):
        raise ValueError("numbers must be finite")
    if isinstance(node, str) and "\x00" in node:
        raise ValueError("must not contain NUL characters")
    if isinstance(node, dict):
        for key, value in node.items():
            _storable(key, depth)
            _storable(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            _storable(value, depth + 1)


def _storable_json(value: dict[str, Any]) -> dict[str, Any]:
    # JSONB refuses NaN/Infinity and NUL, and deep nesting cannot be serialised back: a 422 here.
    _storable(value)
    return value


Attributes = Annotated[dict[str, Any], AfterValidator(_storable_json)]


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    phone: Phone | None = None
    email: EmailStr | None = None
    attributes: Attributes = Field(default_factory=dict, max_length=50)


AttributeValue = Annotated[
    str | int | float | bool | None,
    Field(description="A string, number or boolean; null removes the attribute"),
]
AttributeKey = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class ContactAttributesUpdate(BaseModel):
    """Merged into the contact's attributes: typed values rules compare (`tier`, `rma_count`)."""

    model_config = ConfigDict(extra="forbid")
    attributes: Annotated[dict[AttributeKey, AttributeValue], AfterValidator(_storable_json)] = (
        Field(min_length=1, max_length=50)
    )


class ContactRead(ReadModel):
    id: uuid.UUID
    name: str
    phone: str | None
    email: str | None
    attributes: dict[str, Any]


class FirstMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: LongText


class ConversationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    campaign_id: uuid.UUID
    contact: ContactIn
    assignee_id: uuid.UUID | None = None
    channel: Channel = Channel.sms
    message: FirstMessage | None = Field(
        default=None,
        description="An initial inbound message; the conversation then needs a response",
    )


class EscalationSummary(ReadModel):
    id: uuid.UUID
    inbox_id: uuid.UUID
    status: str
    priority: str
    claimed_by: uuid.UUID | None = Field(
        default=None, description="Who holds the live claim (null when not claimed)"
    )
    claim_expires_at: datetime | None = Field(
        default=None, description="When the live claim lapses (null when not claimed)"
    )

    @model_validator(mode="before")
    @classmethod
    def _lapsed_claim_is_open(cls, data: Any) -> Any:
        # As on EscalationRead: a claim past its expiry reads as open at once, swept or not.
        expires = getattr(data, "claim_expires_at", None)
        if (
            str(getattr(data, "status", "")) == "claimed"
            and expires
            and expires <= datetime.now(UTC)
        ):
            return {
                "id": data.id,
                "inbox_id": data.inbox_id,
                "status": "open",
                "priority": str(data.priority),
            }
        return data

    @model_validator(mode="after")
    def _holder_only_while_claimed(self) -> "EscalationSummary":
        # The row keeps its last holder after a release or a close; the summary names a live one.
        if self.status != "claimed":
            self.claimed_by = None
            self.claim_expires_at = None
        return self


class PendingApproval(ReadModel):
    id: uuid.UUID
    inbox_id: uuid.UUID
    created_at: datetime


class ConversationRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    campaign_id: uuid.UUID
    contact: ContactRead
    assignee_id: uuid.UUID | None
    channel: Channel
    external_id: str | None = Field(description="The helpdesk's own id (set by /inbound)")
    needs_response: bool
    needs_response_since: datetime | None
    last_message_at: datetime | None
    escalation: EscalationSummary | None = Field(
        default=None,
        validation_alias="active_escalation",
        description="The open or claimed escalation of this conversation, if any",
    )
    pending_approval: PendingApproval | None = Field(
        default=None,
        description="An escalation into a restricted inbox waiting for approval, if any",
    )
    tags: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime


class ConversationCounts(BaseModel):
    total: int
    needs_response: int


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: LongText
    direction: Direction
    seen_message_id: uuid.UUID | None = Field(
        default=None,
        description="The newest message the writer had seen. If the contact wrote since, the "
        "message is refused: 409 `stale-reply` with the newest one's `message_id`",
    )


class MessageRead(ReadModel):
    id: uuid.UUID
    conversation_id: uuid.UUID
    direction: Direction
    body: str
    author_id: uuid.UUID | None
    external_id: str | None
    created_at: datetime


class InboundMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    external_id: ExternalId
    direction: Direction = Direction.inbound
    body: LongText


class InboundConversationUpsert(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Channel
    external_id: ExternalId = Field(description="The helpdesk's id, unique per channel")
    campaign_id: uuid.UUID | None = Field(
        default=None, description="Needed the first time the conversation is seen"
    )
    contact: ContactIn | None = Field(
        default=None, description="Needed the first time the conversation is seen"
    )
    messages: list[InboundMessage] = Field(
        default_factory=list,
        max_length=MAX_INBOUND_MESSAGES,
        description="Appended in order; any whose external_id is already there is skipped",
    )


class InboundConversationResult(BaseModel):
    conversation: ConversationRead
    created: bool
    messages_added: list[MessageRead]
