from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.availability import Availability
from ..models.priority import Priority

T = TypeVar("T", bound="AvailabilityRead")


@_attrs_define
class AvailabilityRead:
    """
    Attributes:
        availability (Availability): What a member says about themselves; `online` members are offered auto-assigned
            work.
        effective (Availability): What a member says about themselves; `online` members are offered auto-assigned work.
        availability_changed_at (datetime.datetime | None):
        last_seen_at (datetime.datetime | None): Last activity (written once a minute)
        calendar_id (None | UUID):
        in_hours (bool): Inside the working calendar now (always, with none)
        hours_start_at (datetime.datetime | None): When the working hours next start (now, when inside them)
        urgent_priorities (list[Priority]):
    """

    availability: Availability
    effective: Availability
    availability_changed_at: datetime.datetime | None
    last_seen_at: datetime.datetime | None
    calendar_id: None | UUID
    in_hours: bool
    hours_start_at: datetime.datetime | None
    urgent_priorities: list[Priority]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        availability = self.availability.value

        effective = self.effective.value

        availability_changed_at: None | str
        if isinstance(self.availability_changed_at, datetime.datetime):
            availability_changed_at = self.availability_changed_at.isoformat()
        else:
            availability_changed_at = self.availability_changed_at

        last_seen_at: None | str
        if isinstance(self.last_seen_at, datetime.datetime):
            last_seen_at = self.last_seen_at.isoformat()
        else:
            last_seen_at = self.last_seen_at

        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        in_hours = self.in_hours

        hours_start_at: None | str
        if isinstance(self.hours_start_at, datetime.datetime):
            hours_start_at = self.hours_start_at.isoformat()
        else:
            hours_start_at = self.hours_start_at

        urgent_priorities = []
        for urgent_priorities_item_data in self.urgent_priorities:
            urgent_priorities_item = urgent_priorities_item_data.value
            urgent_priorities.append(urgent_priorities_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "availability": availability,
                "effective": effective,
                "availability_changed_at": availability_changed_at,
                "last_seen_at": last_seen_at,
                "calendar_id": calendar_id,
                "in_hours": in_hours,
                "hours_start_at": hours_start_at,
                "urgent_priorities": urgent_priorities,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        availability = Availability(d.pop("availability"))

        effective = Availability(d.pop("effective"))

        def _parse_availability_changed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                availability_changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return availability_changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        availability_changed_at = _parse_availability_changed_at(d.pop("availability_changed_at"))

        def _parse_last_seen_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_seen_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_seen_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_seen_at = _parse_last_seen_at(d.pop("last_seen_at"))

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        in_hours = d.pop("in_hours")

        def _parse_hours_start_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hours_start_at_type_0 = datetime.datetime.fromisoformat(data)

                return hours_start_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        hours_start_at = _parse_hours_start_at(d.pop("hours_start_at"))

        urgent_priorities = []
        _urgent_priorities = d.pop("urgent_priorities")
        for urgent_priorities_item_data in _urgent_priorities:
            urgent_priorities_item = Priority(urgent_priorities_item_data)

            urgent_priorities.append(urgent_priorities_item)

        availability_read = cls(
            availability=availability,
            effective=effective,
            availability_changed_at=availability_changed_at,
            last_seen_at=last_seen_at,
            calendar_id=calendar_id,
            in_hours=in_hours,
            hours_start_at=hours_start_at,
            urgent_priorities=urgent_priorities,
        )

        availability_read.additional_properties = d
        return availability_read

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
