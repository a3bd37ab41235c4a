from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.direction import Direction

T = TypeVar("T", bound="MessageCreate")


@_attrs_define
class MessageCreate:
    """
    Attributes:
        body (str):
        direction (Direction):
    """

    body: str
    direction: Direction

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        direction = self.direction.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
                "direction": direction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        direction = Direction(d.pop("direction"))

        message_create = cls(
            body=body,
            direction=direction,
        )

        return message_create
