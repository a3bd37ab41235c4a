from datetime import date

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
