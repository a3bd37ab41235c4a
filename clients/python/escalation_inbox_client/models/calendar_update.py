from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.holiday import Holiday
    from ..models.interval import Interval


T = TypeVar("T", bound="CalendarUpdate")


@_attrs_define
class CalendarUpdate:
    """
    Attributes:
        name (None | str | Unset):
        time_zone (None | str | Unset):
        intervals (list[Interval] | None | Unset):
        holidays (list[Holiday] | None | Unset):
        holiday_country (None | str | Unset):
        holiday_subdivision (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    intervals: list[Interval] | None | Unset = UNSET
    holidays: list[Holiday] | None | Unset = UNSET
    holiday_country: None | str | Unset = UNSET
    holiday_subdivision: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        intervals: list[dict[str, Any]] | None | Unset
        if isinstance(self.intervals, Unset):
            intervals = UNSET
        elif isinstance(self.intervals, list):
            intervals = []
            for intervals_type_0_item_data in self.intervals:
                intervals_type_0_item = intervals_type_0_item_data.to_dict()
                intervals.append(intervals_type_0_item)

        else:
            intervals = self.intervals

        holidays: list[dict[str, Any]] | None | Unset
        if isinstance(self.holidays, Unset):
            holidays = UNSET
        elif isinstance(self.holidays, list):
            holidays = []
            for holidays_type_0_item_data in self.holidays:
                holidays_type_0_item = holidays_type_0_item_data.to_dict()
                holidays.append(holidays_type_0_item)

        else:
            holidays = self.holidays

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

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if intervals is not UNSET:
            field_dict["intervals"] = intervals
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        def _parse_intervals(data: object) -> list[Interval] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                intervals_type_0 = []
                _intervals_type_0 = data
                for intervals_type_0_item_data in _intervals_type_0:
                    intervals_type_0_item = Interval.from_dict(intervals_type_0_item_data)

                    intervals_type_0.append(intervals_type_0_item)

                return intervals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Interval] | None | Unset, data)

        intervals = _parse_intervals(d.pop("intervals", UNSET))

        def _parse_holidays(data: object) -> list[Holiday] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                holidays_type_0 = []
                _holidays_type_0 = data
                for holidays_type_0_item_data in _holidays_type_0:
                    holidays_type_0_item = Holiday.from_dict(holidays_type_0_item_data)

                    holidays_type_0.append(holidays_type_0_item)

                return holidays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Holiday] | None | Unset, data)

        holidays = _parse_holidays(d.pop("holidays", UNSET))

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

        calendar_update = cls(
            name=name,
            time_zone=time_zone,
            intervals=intervals,
            holidays=holidays,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
        )

        return calendar_update
