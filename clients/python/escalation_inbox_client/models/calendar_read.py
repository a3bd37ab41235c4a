from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.holiday import Holiday
    from ..models.interval import Interval


T = TypeVar("T", bound="CalendarRead")


@_attrs_define
class CalendarRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        name (str):
        time_zone (str):
        intervals (list[Interval]):
        holidays (list[Holiday]):
        holiday_country (None | str):
        holiday_subdivision (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    name: str
    time_zone: str
    intervals: list[Interval]
    holidays: list[Holiday]
    holiday_country: None | str
    holiday_subdivision: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        name = self.name

        time_zone = self.time_zone

        intervals = []
        for intervals_item_data in self.intervals:
            intervals_item = intervals_item_data.to_dict()
            intervals.append(intervals_item)

        holidays = []
        for holidays_item_data in self.holidays:
            holidays_item = holidays_item_data.to_dict()
            holidays.append(holidays_item)

        holiday_country: None | str
        holiday_country = self.holiday_country

        holiday_subdivision: None | str
        holiday_subdivision = self.holiday_subdivision

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "name": name,
                "time_zone": time_zone,
                "intervals": intervals,
                "holidays": holidays,
                "holiday_country": holiday_country,
                "holiday_subdivision": holiday_subdivision,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holiday import Holiday  # noqa: PLC0415
        from ..models.interval import Interval  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        name = d.pop("name")

        time_zone = d.pop("time_zone")

        intervals = []
        _intervals = d.pop("intervals")
        for intervals_item_data in _intervals:
            intervals_item = Interval.from_dict(intervals_item_data)

            intervals.append(intervals_item)

        holidays = []
        _holidays = d.pop("holidays")
        for holidays_item_data in _holidays:
            holidays_item = Holiday.from_dict(holidays_item_data)

            holidays.append(holidays_item)

        def _parse_holiday_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holiday_country = _parse_holiday_country(d.pop("holiday_country"))

        def _parse_holiday_subdivision(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holiday_subdivision = _parse_holiday_subdivision(d.pop("holiday_subdivision"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        calendar_read = cls(
            id=id,
            org_id=org_id,
            name=name,
            time_zone=time_zone,
            intervals=intervals,
            holidays=holidays,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            created_at=created_at,
            updated_at=updated_at,
        )

        calendar_read.additional_properties = d
        return calendar_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
