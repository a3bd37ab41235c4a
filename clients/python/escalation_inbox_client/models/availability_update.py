from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.availability import Availability
from ..models.priority import Priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="AvailabilityUpdate")


@_attrs_define
class AvailabilityUpdate:
    """
    Attributes:
        availability (Availability | None | Unset): online: offered auto-assigned work; busy; offline
        calendar_id (None | Unset | UUID): Working hours (a business calendar); null: any time
        urgent_priorities (list[Priority] | None | Unset): Priorities whose email and Slack notifications are never held
            for hours
    """

    availability: Availability | None | Unset = UNSET
    calendar_id: None | Unset | UUID = UNSET
    urgent_priorities: list[Priority] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        availability: None | str | Unset
        if isinstance(self.availability, Unset):
            availability = UNSET
        elif isinstance(self.availability, Availability):
            availability = self.availability.value
        else:
            availability = self.availability

        calendar_id: None | str | Unset
        if isinstance(self.calendar_id, Unset):
            calendar_id = UNSET
        elif isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        urgent_priorities: list[str] | None | Unset
        if isinstance(self.urgent_priorities, Unset):
            urgent_priorities = UNSET
        elif isinstance(self.urgent_priorities, list):
            urgent_priorities = []
            for urgent_priorities_type_0_item_data in self.urgent_priorities:
                urgent_priorities_type_0_item = urgent_priorities_type_0_item_data.value
                urgent_priorities.append(urgent_priorities_type_0_item)

        else:
            urgent_priorities = self.urgent_priorities

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if availability is not UNSET:
            field_dict["availability"] = availability
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if urgent_priorities is not UNSET:
            field_dict["urgent_priorities"] = urgent_priorities

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_availability(data: object) -> Availability | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                availability_type_0 = Availability(data)

                return availability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Availability | None | Unset, data)

        availability = _parse_availability(d.pop("availability", UNSET))

        def _parse_calendar_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id", UNSET))

        def _parse_urgent_priorities(data: object) -> list[Priority] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                urgent_priorities_type_0 = []
                _urgent_priorities_type_0 = data
                for urgent_priorities_type_0_item_data in _urgent_priorities_type_0:
                    urgent_priorities_type_0_item = Priority(urgent_priorities_type_0_item_data)

                    urgent_priorities_type_0.append(urgent_priorities_type_0_item)

                return urgent_priorities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Priority] | None | Unset, data)

        urgent_priorities = _parse_urgent_priorities(d.pop("urgent_priorities", UNSET))

        availability_update = cls(
            availability=availability,
            calendar_id=calendar_id,
            urgent_priorities=urgent_priorities,
        )

        return availability_update
