from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.holiday import Holiday
    from ..models.interval import Interval


T = TypeVar("T", bound="CalendarCreate")


@_attrs_define
class CalendarCreate:
    """
    Attributes:
        name (str):
        time_zone (str):
        intervals (list[Interval]):
        holidays (list[Holiday] | Unset):
        holiday_country (None | str | Unset):
        holiday_subdivision (None | str | Unset):
    """

    name: str
    time_zone: str
    intervals: list[Interval]
    holidays: list[Holiday] | Unset = UNSET
    holiday_country: None | str | Unset = UNSET
    holiday_subdivision: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        time_zone = self.time_zone

        intervals = []
        for intervals_item_data in self.intervals:
            intervals_item = intervals_item_data.to_dict()
            intervals.append(intervals_item)

        holidays: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = []
            for holidays_item_data in self.holidays:
                holidays_item = holidays_item_data.to_dict()
                holidays.append(holidays_item)

        holiday_country: None | str | Unset
        if isinstance(self.holiday_country, Unset):
            holiday_country = UNSET
        else:
            holiday_country = self.holiday_country

        holiday_subdivision: None | str | Unset
        if isinstance(self.holiday_subdivision, Unset):
            holiday_subdivision = UNSET
        else:
            holiday_subdivision = self.holiday_subdivision

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "time_zone": time_zone,
                "intervals": intervals,
            }
        )
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if holiday_country is not UNSET:
            field_dict["holiday_country"] = holiday_country
        if holiday_subdivision is not UNSET:
            field_dict["holiday_subdivision"] = holiday_subdivision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holiday import Holiday  # noqa: PLC0415
        from ..models.interval import Interval  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        time_zone = d.pop("time_zone")

        intervals = []
        _intervals = d.pop("intervals")
        for intervals_item_data in _intervals:
            intervals_item = Interval.from_dict(intervals_item_data)

            intervals.append(intervals_item)

        _holidays = d.pop("holidays", UNSET)
        holidays: list[Holiday] | Unset = UNSET
        if _holidays is not UNSET:
            holidays = []
            for holidays_item_data in _holidays:
                holidays_item = Holiday.from_dict(holidays_item_data)

                holidays.append(holidays_item)

        def _parse_holiday_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_country = _parse_holiday_country(d.pop("holiday_country", UNSET))

        def _parse_holiday_subdivision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_subdivision = _parse_holiday_subdivision(d.pop("holiday_subdivision", UNSET))

        calendar_create = cls(
            name=name,
            time_zone=time_zone,
            intervals=intervals,
            holidays=holidays,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
        )

        return calendar_create
