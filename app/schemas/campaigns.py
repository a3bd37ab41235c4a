import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.schemas.common import Name, ReadModel

AfterMinutes = Annotated[
    int,
    Field(ge=1, le=525_600, description="Business minutes a conversation may wait for an answer"),
]


class AutoEscalation(BaseModel):
    """Escalate conversations that need a response and got none for N business minutes."""

    model_config = ConfigDict(extra="forbid")
    auto_escalate_after_minutes: AfterMinutes | None = None
    auto_escalate_inbox_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> "AutoEscalation":
        given = {"auto_escalate_after_minutes", "auto_escalate_inbox_id"} & self.model_fields_set
        # Sent alone, one null would leave half a rule behind on PATCH.
        if given and (
            len(given) == 1
            or (self.auto_escalate_after_minutes is None) != (self.auto_escalate_inbox_id is None)
        ):
            raise ValueError(
                "auto_escalate_after_minutes and auto_escalate_inbox_id go together "
                "(both set, or both null to turn the rule off)"
            )
        return self


class CampaignCreate(AutoEscalation):
    name: Name


class CampaignUpdate(AutoEscalation):
    name: Name | None = None

    @field_validator("name")
    @classmethod
    def _name_not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("may be omitted but must not be null")
        return value


class CampaignRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    name: str
    auto_escalate_after_minutes: int | None
    auto_escalate_inbox_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
