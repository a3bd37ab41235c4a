from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority

T = TypeVar("T", bound="OpenCount")


@_attrs_define
class OpenCount:
    """
    Attributes:
        inbox_id (UUID):
        inbox_name (str):
        priority (Priority):
        count (int):
    """

    inbox_id: UUID
    inbox_name: str
    priority: Priority
    count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inbox_id = str(self.inbox_id)

        inbox_name = self.inbox_name

        priority = self.priority.value

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inbox_id": inbox_id,
                "inbox_name": inbox_name,
                "priority": priority,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        inbox_id = UUID(d.pop("inbox_id"))

        inbox_name = d.pop("inbox_name")

        priority = Priority(d.pop("priority"))

        count = d.pop("count")

        open_count = cls(
            inbox_id=inbox_id,
            inbox_name=inbox_name,
            priority=priority,
            count=count,
        )

        open_count.additional_properties = d
        return open_count

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
