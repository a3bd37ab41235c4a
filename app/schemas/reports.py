import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from app.services.reports.sla import Bucket, GroupBy


class ReportFigures(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    escalations: int = Field(description="Escalations created in the period")
    first_response_met: int
    first_response_breached: int
    first_response_attainment: float | None = Field(
        description="Met, in % of the first-response targets decided (null: none decided yet)"
    )
    resolution_met: int
    resolution_breached: int
    resolution_attainment: float | None
    first_response_median_minutes: float | None = Field(
        description="Business minutes on the escalation's calendar, from escalation to first answer"
    )
    first_response_p90_minutes: float | None
    resolution_median_minutes: float | None = Field(
        description="Business minutes to resolution, time paused awaiting the contact left out"
    )
    resolution_p90_minutes: float | None
    breaches: int = Field(description="Targets breached (first response and resolution)")
    level_raises: int
    de_escalations: int
    moves: int


class ReportBucket(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    start: date = Field(description="The bucket's first day (a Monday for weeks)")
    figures: ReportFigures


class ReportGroup(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str = Field(description="The inbox or campaign id, the priority or the category key")
    label: str
    current: ReportFigures
    previous: ReportFigures = Field(description="The same figures for the period before")
    series: list[ReportBucket] = Field(description="The current period, bucket by bucket")


class SlaReport(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    previous_start: date = Field(serialization_alias="previous_from")
    previous_end: date = Field(serialization_alias="previous_to")
    time_zone: str = Field(description="The organisation's: where its days begin")
    group_by: GroupBy
    bucket: Bucket
    total: ReportGroup
    groups: list[ReportGroup]


class BreachRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The breach event's id")
    escalation_id: uuid.UUID
    conversation_id: uuid.UUID
    inbox_id: uuid.UUID = Field(description="The escalation's inbox now")
    inbox_name: str
    category: str
    target: str = Field(description="`first_response` or `resolution`")
    due_at: datetime | None
    breached_at: datetime
    noticed: str = Field(
        description="`worker` (at the deadline), `on_answer` or `on_close` (the target was "
        "decided before the worker came to it)"
    )
    late_minutes: float | None = Field(
        description="Business minutes past the target: final once the target was met, else "
        "from the due time until now"
    )
    still_open: bool = Field(description="The target is still unmet (the lateness grows)")
    held_by: uuid.UUID | None = Field(description="Who held the claim when it breached")
    level: int | None = Field(description="The escalation level when it breached")
    level_raised_to: int | None
    priority_from: str | None
    priority_to: str | None
