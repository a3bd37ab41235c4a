"""Rules: conditions (combinable with all/any/not), actions, and the dry run's answer."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.models.conversations import Channel
from app.models.escalations import Priority
from app.models.organisations import Role
from app.models.rules import ApprovalStatus, Trigger
from app.schemas.common import LongText, Name, ReadModel, ShortText

Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00]+$")]
Scalar = str | int | float | bool
Op = Literal["eq", "ne", "gt", "gte", "lt", "lte"]
AttributeOp = Literal["eq", "ne", "gt", "gte", "lt", "lte", "in", "exists", "missing"]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AllOf(_Node):
    type: Literal["all"]
    conditions: list["Condition"] = Field(max_length=50, description="Empty: always true")


class AnyOf(_Node):
    type: Literal["any"]
    conditions: list["Condition"] = Field(min_length=1, max_length=50)


class NotOf(_Node):
    type: Literal["not"]
    condition: "Condition"


class Keywords(_Node):
    """The message text contains any of these (case-insensitive, whole words or phrases)."""

    type: Literal["keywords"]
    any_of: list[Keyword] = Field(min_length=1, max_length=200)


class Pattern(_Node):
    """The message text matches this regular expression (size- and time-bounded)."""

    type: Literal["regex"]
    pattern: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    ignore_case: bool = True


class ChannelIn(_Node):
    type: Literal["channel"]
    any_of: list[Channel] = Field(min_length=1)


class CampaignIn(_Node):
    type: Literal["campaign"]
    any_of: list[uuid.UUID] = Field(min_length=1, max_length=200)


class ContactAttribute(_Node):
    """A contact attribute compares: `tier eq "vip"`, `rma_count gte 2`, `vip exists`."""

    type: Literal["contact_attribute"]
    key: Key
    op: AttributeOp
    value: Scalar | list[Scalar] | None = None


class PriorityCompare(_Node):
    type: Literal["priority"]
    op: Op
    value: Priority


class CategoryIn(_Node):
    type: Literal["category"]
    any_of: list[Name] = Field(min_length=1, max_length=100)


class LevelCompare(_Node):
    type: Literal["escalation_level"]
    op: Op
    value: int = Field(ge=1, le=100)


class BusinessHours(_Node):
    """Now is within (or outside) the opening hours of one of the organisation's calendars."""

    type: Literal["business_hours"]
    calendar_id: uuid.UUID
    within: bool = True


Condition = Annotated[
    AllOf
    | AnyOf
    | NotOf
    | Keywords
    | Pattern
    | ChannelIn
    | CampaignIn
    | ContactAttribute
    | PriorityCompare
    | CategoryIn
    | LevelCompare
    | BusinessHours,
    Field(discriminator="type"),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


class Escalate(_Node):
    """Escalate into an inbox, with a system hand-off note naming the rule."""

    type: Literal["escalate"]
    inbox_id: uuid.UUID
    priority: Priority | None = None
    category: Name | None = None
    note: ShortText | None = None


class SetPriority(_Node):
    type: Literal["set_priority"]
    priority: Priority
    allow_lower: bool = Field(
        default=False, description="Also below what a person set (otherwise never lower)"
    )


class SetCategory(_Node):
    type: Literal["set_category"]
    category: Name


class AddTag(_Node):
    type: Literal["add_tag"]
    tag: Tag


class MoveToInbox(_Node):
    type: Literal["move_to_inbox"]
    inbox_id: uuid.UUID


class NotifyMember(_Node):
    type: Literal["member"]
    user_id: uuid.UUID


class NotifyRole(_Node):
    type: Literal["role"]
    role: Role


class NotifySlack(_Node):
    type: Literal["slack"]
    url: Annotated[str, StringConstraints(min_length=8, max_length=2000, pattern=r"^https?://")]


class Notify(_Node):
    type: Literal["notify"]
    target: Annotated[NotifyMember | NotifyRole | NotifySlack, Field(discriminator="type")]
    message: ShortText | None = None


class RequireApproval(_Node):
    """This rule's escalation waits for a supervisor's or admin's approval."""

    type: Literal["require_approval"]


class StopProcessing(_Node):
    type: Literal["stop"]


Action = Annotated[
    Escalate
    | SetPriority
    | SetCategory
    | AddTag
    | MoveToInbox
    | Notify
    | RequireApproval
    | StopProcessing,
    Field(discriminator="type"),
]
Actions = Annotated[list[Action], Field(min_length=1, max_length=20)]


class RuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    enabled: bool = True
    trigger: Trigger
    conditions: Condition = Field(description='`{"type": "all", "conditions": []}`: always')
    actions: Actions
    position: int | None = Field(default=None, ge=0, description="Default: last")


class RuleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    enabled: bool | None = None
    trigger: Trigger | None = None
    conditions: Condition | None = None
    actions: Actions | None = None


class RuleRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    name: str
    enabled: bool
    trigger: Trigger
    position: int
    version: int
    conditions: dict[str, Any]
    actions: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime


class RuleOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule_ids: list[uuid.UUID] = Field(
        min_length=1, max_length=1000, description="Every rule of the organisation, in order"
    )


class SampleContact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attributes: dict[str, Scalar] = Field(default_factory=dict, max_length=50)


class RuleTestRequest(BaseModel):
    """Either an existing conversation, or a sample; sample fields override the conversation's."""

    model_config = ConfigDict(extra="forbid")
    trigger: Trigger = Trigger.message_received
    conversation_id: uuid.UUID | None = None
    message: LongText | None = None
    channel: Channel | None = None
    campaign_id: uuid.UUID | None = None
    contact: SampleContact | None = None
    priority: Priority | None = None
    category: Name | None = None
    escalation_level: int | None = Field(default=None, ge=1, le=100)
    at: datetime | None = Field(default=None, description="Evaluate as of this instant")


class RuleTestMatch(BaseModel):
    rule_id: uuid.UUID
    name: str
    version: int
    actions: list[dict[str, Any]]
    stopped: bool = Field(description="This rule stops the ones after it")


class RuleTestResult(BaseModel):
    trigger: Trigger
    matched: list[RuleTestMatch]
    evaluated: int = Field(description="How many enabled rules of the trigger were looked at")
    timed_out: list[uuid.UUID] = Field(
        default_factory=list, description="Rules whose regex ran out of time (treated as no match)"
    )


class RuleRunRead(ReadModel):
    id: uuid.UUID
    rule_id: uuid.UUID | None
    rule_version: int
    trigger: str
    outcome: str
    conversation_id: uuid.UUID
    escalation_id: uuid.UUID | None
    actions: list[dict[str, Any]]
    created_at: datetime


class ApprovalRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    conversation_id: uuid.UUID
    inbox_id: uuid.UUID
    status: ApprovalStatus
    priority: Priority | None
    category: str
    handoff: dict[str, Any]
    requested_by: uuid.UUID | None = Field(description="Null: a rule asked (see `rule_id`)")
    rule_id: uuid.UUID | None
    agent_id: uuid.UUID | None = Field(description="Who the conversation stays with meanwhile")
    decided_by: uuid.UUID | None
    decided_at: datetime | None
    reason: str | None
    escalation_id: uuid.UUID | None = Field(description="The escalation an approval opened")
    created_at: datetime
    updated_at: datetime


class ApprovalSummary(ReadModel):
    id: uuid.UUID
    inbox_id: uuid.UUID
    status: ApprovalStatus
    created_at: datetime


class ApproveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: ShortText | None = None


class RejectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
    ] = Field(description="Why: the agent is told")
