from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel

T = TypeVar("T", bound="ChannelIn")


@_attrs_define
class ChannelIn:
    """
    Attributes:
        type_ (Literal['channel']):
        any_of (list[Channel]):
    """

    type_: Literal["channel"]
    any_of: list[Channel]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        any_of = []
        for any_of_item_data in self.any_of:
            any_of_item = any_of_item_data.value
            any_of.append(any_of_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "any_of": any_of,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["channel"], d.pop("type"))
        if type_ != "channel":
            raise ValueError(f"type must match const 'channel', got '{type_}'")

        any_of = []
        _any_of = d.pop("any_of")
        for any_of_item_data in _any_of:
            any_of_item = Channel(any_of_item_data)

            any_of.append(any_of_item)

        channel_in = cls(
            type_=type_,
            any_of=any_of,
        )

        return channel_in
