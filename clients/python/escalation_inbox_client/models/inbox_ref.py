from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_mode import AssignmentMode

T = TypeVar("T", bound="InboxRef")


@_attrs_define
class InboxRef:
    """
    Attributes:
        id (UUID):
        name (str):
        batch_size (int):
        assignment_duration_minutes (int):
        reply_within_minutes (int | None): Reply-or-return: business minutes to reply before a claim goes back (null:
            off)
        capacity (int | None):
        assignment_mode (AssignmentMode):
        unstaffed_since (datetime.datetime | None): Since when escalations wait here with no owner on shift (auto modes)
    """

    id: UUID
    name: str
    batch_size: int
    assignment_duration_minutes: int
    reply_within_minutes: int | None
    capacity: int | None
    assignment_mode: AssignmentMode
    unstaffed_since: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        batch_size = self.batch_size

        assignment_duration_minutes = self.assignment_duration_minutes

        reply_within_minutes: int | None
        reply_within_minutes = self.reply_within_minutes

        capacity: int | None
        capacity = self.capacity

        assignment_mode = self.assignment_mode.value

        unstaffed_since: None | str
        if isinstance(self.unstaffed_since, datetime.datetime):
            unstaffed_since = self.unstaffed_since.isoformat()
        else:
            unstaffed_since = self.unstaffed_since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "batch_size": batch_size,
                "assignment_duration_minutes": assignment_duration_minutes,
                "reply_within_minutes": reply_within_minutes,
                "capacity": capacity,
                "assignment_mode": assignment_mode,
                "unstaffed_since": unstaffed_since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        batch_size = d.pop("batch_size")

        assignment_duration_minutes = d.pop("assignment_duration_minutes")

        def _parse_reply_within_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reply_within_minutes = _parse_reply_within_minutes(d.pop("reply_within_minutes"))

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        assignment_mode = AssignmentMode(d.pop("assignment_mode"))

        def _parse_unstaffed_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unstaffed_since_type_0 = datetime.datetime.fromisoformat(data)

                return unstaffed_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        unstaffed_since = _parse_unstaffed_since(d.pop("unstaffed_since"))

        inbox_ref = cls(
            id=id,
            name=name,
            batch_size=batch_size,
            assignment_duration_minutes=assignment_duration_minutes,
            reply_within_minutes=reply_within_minutes,
            capacity=capacity,
            assignment_mode=assignment_mode,
            unstaffed_since=unstaffed_since,
        )

        inbox_ref.additional_properties = d
        return inbox_ref

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
