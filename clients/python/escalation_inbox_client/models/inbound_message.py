from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.direction import Direction
from ..types import UNSET, Unset

T = TypeVar("T", bound="InboundMessage")


@_attrs_define
class InboundMessage:
    """
    Attributes:
        external_id (str):
        body (str):
        direction (Direction | Unset):
    """

    external_id: str
    body: str
    direction: Direction | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        body = self.body

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "external_id": external_id,
                "body": body,
            }
        )
        if direction is not UNSET:
            field_dict["direction"] = direction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        external_id = d.pop("external_id")

        body = d.pop("body")

        _direction = d.pop("direction", UNSET)
        direction: Direction | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = Direction(_direction)

        inbound_message = cls(
            external_id=external_id,
            body=body,
            direction=direction,
        )

        return inbound_message
