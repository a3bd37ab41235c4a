import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.models.escalations import Priority
from app.models.organisations import Availability
from app.schemas.common import ReadModel


class AvailabilityUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    availability: Availability | None = Field(
        default=None, description="online: offered auto-assigned work; busy; offline"
    )
    calendar_id: uuid.UUID | None = Field(
        default=None, description="Working hours (a business calendar); null: any time"
    )
    urgent_priorities: list[Priority] | None = Field(
        default=None,
        max_length=4,
        description="Priorities whose email and Slack notifications are never held for hours",
    )

    @field_validator("availability", "urgent_priorities")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be omitted but must not be null")
        return value


class AvailabilityRead(ReadModel):
    availability: Availability = Field(description="The status the member set")
    effective: Availability = Field(
        description="The status that counts: offline after AVAILABILITY_IDLE_MINUTES idle"
    )
    availability_changed_at: datetime | None
    last_seen_at: datetime | None = Field(description="Last activity (written once a minute)")
    calendar_id: uuid.UUID | None
    in_hours: bool = Field(description="Inside the working calendar now (always, with none)")
    hours_start_at: datetime | None = Field(
        description="When the working hours next start (now, when inside them)"
    )
    urgent_priorities: list[Priority]
