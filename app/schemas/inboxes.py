import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.models.escalations import Priority
from app.models.inboxes import AssignmentMode
from app.schemas.common import Name, ReadModel, ShortText
from app.schemas.escalations import EscalationRead

# Strict: `true` is not a batch size of 1, nor "5" a number.
BatchSize = Annotated[
    int, Field(ge=1, le=100, strict=True, description="Most escalations one claim hands out")
]
AssignmentMinutes = Annotated[
    int, Field(ge=1, le=1440, strict=True, description="How long a claim holds, in minutes")
]
Capacity = Annotated[
    int,
    Field(
        ge=1,
        le=1000,
        strict=True,
        description="Open claimed escalations one owner may hold here at once",
    ),
]
ReplyWithin = Annotated[
    int,
    Field(
        ge=1,
        le=1439,
        strict=True,
        description="Reply-or-return: a claim with no outbound reply within this many business "
        "minutes (on the escalation's SLA calendar) goes back to the pool, or to the next owner "
        "in the auto modes. Less than assignment_duration_minutes, else 422 "
        "`reply-window-too-long`",
    ),
]
Mode = Annotated[
    AssignmentMode,
    Field(
        description="pull: owners claim batches; auto: the worker assigns to available owners "
        "within capacity; auto+pull: both"
    ),
]
OwnerIds = Annotated[
    list[uuid.UUID], Field(min_length=1, max_length=200, description="Members who own the inbox")
]


class InboxCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    description: ShortText | None = None
    owner_ids: OwnerIds
    batch_size: BatchSize = 10
    assignment_duration_minutes: AssignmentMinutes = 60
    default_priority: Priority | None = None
    sla_policy_id: uuid.UUID | None = Field(
        default=None, description="Null: the organisation's default SLA policy"
    )
    capacity: Capacity | None = Field(default=None, description="Null: no limit (pull only)")
    assignment_mode: Mode = AssignmentMode.pull
    restricted: bool = Field(
        default=False, description="Escalations into it wait for a supervisor's approval"
    )
    reply_within_minutes: ReplyWithin | None = Field(default=None, description="Null: off")


class InboxUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    description: ShortText | None = None
    owner_ids: OwnerIds | None = None
    batch_size: BatchSize | None = None
    assignment_duration_minutes: AssignmentMinutes | None = None
    default_priority: Priority | None = None
    sla_policy_id: uuid.UUID | None = None
    capacity: Capacity | None = None
    assignment_mode: Mode | None = None
    restricted: bool | None = None
    reply_within_minutes: ReplyWithin | None = Field(
        default=None, description="Null: off (live claims stop waiting for a reply)"
    )

    @field_validator(
        "name",
        "owner_ids",
        "batch_size",
        "assignment_duration_minutes",
        "assignment_mode",
        "restricted",
    )
    @classmethod
    def _not_null(cls, value: object) -> object:
        # These may be left out, but an explicit null cannot be stored (it was a 500).
        if value is None:
            raise ValueError("may be omitted but must not be null")
        return value


class InboxCounts(BaseModel):
    total: int
    needs_response: int
    unclaimed: int
    claimed: int


class InboxRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    name: str
    description: str | None
    owner_ids: list[uuid.UUID]
    batch_size: int
    assignment_duration_minutes: int
    default_priority: Priority | None
    sla_policy_id: uuid.UUID | None
    capacity: int | None
    assignment_mode: AssignmentMode
    unstaffed_since: datetime | None = Field(
        description="Since when escalations wait here with no owner on shift (auto modes)"
    )
    restricted: bool = Field(description="Escalations into it wait for an approval")
    reply_within_minutes: int | None = Field(
        description="Reply-or-return: business minutes a claim has to send an outbound reply "
        "before it goes back (null: off)"
    )
    counts: InboxCounts | None = Field(
        description="Live escalations; shown to the inbox's owners and supervisors and above"
    )
    created_at: datetime
    updated_at: datetime


class ClaimRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int | None = Field(
        default=None,
        ge=1,
        le=100,
        strict=True,
        description="How many; at most the inbox's batch size",
    )


class ClaimBatch(ReadModel):
    items: list[EscalationRead]
    expires_at: datetime | None = Field(description="When these claims lapse (null: none claimed)")


class CampaignRef(ReadModel):
    id: uuid.UUID
    name: str


class CampaignGroup(ReadModel):
    campaign: CampaignRef
    items: list[EscalationRead]


class InboxRef(ReadModel):
    id: uuid.UUID
    name: str
    batch_size: int
    assignment_duration_minutes: int
    reply_within_minutes: int | None = Field(
        description="Reply-or-return: business minutes to reply before a claim goes back "
        "(null: off)"
    )
    capacity: int | None
    assignment_mode: AssignmentMode
    unstaffed_since: datetime | None = Field(
        description="Since when escalations wait here with no owner on shift (auto modes)"
    )


class OwnerInbox(ReadModel):
    inbox: InboxRef
    is_owner: bool
    counts: InboxCounts
    groups: list[CampaignGroup]
    my_open_claims: int = Field(description="Your live claims here, against the inbox's capacity")


class OwnerView(ReadModel):
    inboxes: list[OwnerInbox]
