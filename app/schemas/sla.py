import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from app.models.escalations import Priority
from app.schemas.common import Name, ReadModel
from app.services.business_hours import holiday_dates, iana_zone_names, parse_clock

Clock = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", examples=["09:00", "24:00"])]


def _zone(value: str) -> str:
    # Only names of the tz database: ZoneInfo also opens "localtime", "Factory", "posixrules"
    # and "right/..." files, which are no IANA zones (and "localtime" differs per host).
    if value not in iana_zone_names():
        raise ValueError(f"unknown IANA time zone {value!r}")
    return value


TimeZone = Annotated[str, Field(max_length=64, examples=["Europe/London"]), AfterValidator(_zone)]


class Interval(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start: Clock
    end: Clock = Field(description="Not after `start`: runs past midnight; `24:00` is allowed")

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        parse_clock(value)
        return value

    @model_validator(mode="after")
    def _start_is_a_time_of_day(self) -> "Interval":
        if self.start == "24:00":
            raise ValueError("start must be before 24:00")
        return self


class Holiday(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: date
    name: Name | None = None


Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", examples=["US", "GB"])]
Subdivision = Annotated[str, Field(pattern=r"^[A-Z0-9]{1,5}$", examples=["CA", "ENG"])]


def _check_holiday_region(country: str | None, subdivision: str | None) -> None:
    if subdivision is not None and country is None:
        raise ValueError("holiday_subdivision needs holiday_country")
    if country is not None:
        holiday_dates(country, subdivision, range(2026, 2027))


class CalendarCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    time_zone: TimeZone
    intervals: list[Interval] = Field(min_length=1, max_length=200)
    holidays: list[Holiday] = Field(default_factory=list, max_length=1000)
    holiday_country: Country | None = None
    holiday_subdivision: Subdivision | None = None

    @model_validator(mode="after")
    def _region(self) -> "CalendarCreate":
        _check_holiday_region(self.holiday_country, self.holiday_subdivision)
        return self


class CalendarUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    time_zone: TimeZone | None = None
    intervals: list[Interval] | None = Field(default=None, min_length=1, max_length=200)
    holidays: list[Holiday] | None = Field(default=None, max_length=1000)
    holiday_country: Country | None = None
    holiday_subdivision: Subdivision | None = None

    @field_validator("name", "time_zone", "intervals", "holidays")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # These may be left out, but an explicit null cannot be stored (it was a 500).
        if value is None:
            raise ValueError("may be omitted but must not be null")
        return value

    @model_validator(mode="after")
    def _region(self) -> "CalendarUpdate":
        if self.holiday_country is not None:
            _check_holiday_region(self.holiday_country, self.holiday_subdivision)
        return self


class CalendarRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    name: str
    time_zone: str
    intervals: list[Interval]
    holidays: list[Holiday]
    holiday_country: str | None
    holiday_subdivision: str | None
    created_at: datetime
    updated_at: datetime


class DeadlineRead(BaseModel):
    start: datetime
    minutes: float
    due_at: datetime


class BusinessMinutesRead(BaseModel):
    start: datetime
    end: datetime
    minutes: float


TargetMinutes = Annotated[int, Field(ge=1, le=525_600)]


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first_response_minutes: TargetMinutes | None = None
    resolution_minutes: TargetMinutes | None = None


Audience = Literal["inbox_owners", "supervisors", "admins", "owners"]


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: int = Field(ge=1, le=10)
    notify: list[Audience] = Field(min_length=1, max_length=4)


DEFAULT_LEVELS = [
    Level(level=1, notify=["inbox_owners"]),
    Level(level=2, notify=["supervisors", "admins"]),
    Level(level=3, notify=["owners"]),
]
Warnings = Annotated[
    list[Annotated[int, Field(ge=1, le=10_080)]],
    Field(max_length=10, description="Minutes before each deadline, e.g. [30, 5]"),
]


def _levels_in_order(levels: list[Level]) -> list[Level]:
    if [lv.level for lv in levels] != list(range(1, len(levels) + 1)):
        raise ValueError("levels must be numbered 1, 2, 3, … in order")
    return levels


Levels = Annotated[
    list[Level], Field(min_length=1, max_length=10), AfterValidator(_levels_in_order)
]


class SlaPolicyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    calendar_id: uuid.UUID | None = Field(description="Null: around the clock")
    targets: dict[Priority, Target]
    warnings_minutes: Warnings = Field(default_factory=list)
    pause_while_awaiting_contact: bool = False
    levels: Levels = Field(default_factory=lambda: list(DEFAULT_LEVELS))
    is_default: bool = False

    @field_validator("warnings_minutes")
    @classmethod
    def _unique(cls, value: list[int]) -> list[int]:
        return sorted(set(value), reverse=True)


class SlaPolicyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    calendar_id: uuid.UUID | None = None
    targets: dict[Priority, Target] | None = None
    warnings_minutes: Warnings | None = None
    pause_while_awaiting_contact: bool | None = None
    levels: Levels | None = None
    is_default: bool | None = None

    @field_validator(
        "name",
        "targets",
        "warnings_minutes",
        "pause_while_awaiting_contact",
        "levels",
        "is_default",
    )
    @classmethod
    def _not_null(cls, value: object) -> object:
        # These may be left out, but an explicit null cannot be stored (it was a 500).
        if value is None:
            raise ValueError("may be omitted but must not be null")
        return value

    @field_validator("warnings_minutes")
    @classmethod
    def _unique(cls, value: list[int]) -> list[int]:
        # As on create: duplicates would fire the same warning twice.
        return sorted(set(value), reverse=True)


class SlaPolicyRead(ReadModel):
    id: uuid.UUID
    org_id: uuid.UUID
    name: str
    calendar_id: uuid.UUID | None
    targets: dict[str, Target]
    warnings_minutes: list[int]
    pause_while_awaiting_contact: bool
    levels: list[Level]
    is_default: bool
    created_at: datetime
    updated_at: datetime


def dump_targets(targets: dict[Priority, Target]) -> dict[str, Any]:
    return {p.value: t.model_dump() for p, t in targets.items()}
