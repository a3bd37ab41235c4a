from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stream_closed_reason import StreamClosedReason

T = TypeVar("T", bound="StreamClosed")


@_attrs_define
class StreamClosed:
    """The `data` of the `closed` message, the last before the server ends the stream.

    Attributes:
        reason (StreamClosedReason):
        detail (str):
    """

    reason: StreamClosedReason
    detail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = StreamClosedReason(d.pop("reason"))

        detail = d.pop("detail")

        stream_closed = cls(
            reason=reason,
            detail=detail,
        )

        stream_closed.additional_properties = d
        return stream_closed

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
