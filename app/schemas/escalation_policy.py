import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl, model_validator

from app.schemas.common import Name


class MemberRecipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["member"]
    user_id: uuid.UUID


class EmailRecipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["email"]
    address: EmailStr


class WebhookRecipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["webhook"]
    webhook_id: uuid.UUID


class SlackRecipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["slack"]
    url: HttpUrl = Field(description="A Slack incoming-webhook URL")


Recipient = Annotated[
    MemberRecipient | EmailRecipient | WebhookRecipient | SlackRecipient,
    Field(discriminator="type"),
]
Recipients = Annotated[list[Recipient], Field(max_length=50)]
CategoryKey = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$", examples=["billing_disputes"])
]


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: CategoryKey
    name: Name
    recipients: Recipients = Field(default_factory=list)


class EscalationPolicyBody(BaseModel):
    """Who hears of an escalation: the category's recipients, else the defaults, else the
    organisation's admins and owners."""

    model_config = ConfigDict(extra="forbid")
    categories: list[Category] = Field(min_length=1, max_length=100)
    default_recipients: Recipients = Field(default_factory=list)

    @model_validator(mode="after")
    def _keys(self) -> "EscalationPolicyBody":
        keys = [c.key for c in self.categories]
        if len(set(keys)) != len(keys):
            raise ValueError("category keys must be unique")
        if "other" not in keys:
            raise ValueError("the `other` category cannot be removed")
        return self
