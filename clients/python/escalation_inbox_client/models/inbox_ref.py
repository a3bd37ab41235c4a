from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InboxRef")


@_attrs_define
class InboxRef:
    """
    Attributes:
        id (UUID):
        name (str):
        batch_size (int):
        assignment_duration_minutes (int):
    """

    id: UUID
    name: str
    batch_size: int
    assignment_duration_minutes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        batch_size = self.batch_size

        assignment_duration_minutes = self.assignment_duration_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "batch_size": batch_size,
                "assignment_duration_minutes": assignment_duration_minutes,
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

        inbox_ref = cls(
            id=id,
            name=name,
            batch_size=batch_size,
            assignment_duration_minutes=assignment_duration_minutes,
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
