from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InboxCounts")


@_attrs_define
class InboxCounts:
    """
    Attributes:
        total (int):
        needs_response (int):
        unclaimed (int):
        claimed (int):
    """

    total: int
    needs_response: int
    unclaimed: int
    claimed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        needs_response = self.needs_response

        unclaimed = self.unclaimed

        claimed = self.claimed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "needs_response": needs_response,
                "unclaimed": unclaimed,
                "claimed": claimed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total")

        needs_response = d.pop("needs_response")

        unclaimed = d.pop("unclaimed")

        claimed = d.pop("claimed")

        inbox_counts = cls(
            total=total,
            needs_response=needs_response,
            unclaimed=unclaimed,
            claimed=claimed,
        )

        inbox_counts.additional_properties = d
        return inbox_counts

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
