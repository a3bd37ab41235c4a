from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="CampaignIn")


@_attrs_define
class CampaignIn:
    """
    Attributes:
        type_ (Literal['campaign']):
        any_of (list[UUID]):
    """

    type_: Literal["campaign"]
    any_of: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        any_of = []
        for any_of_item_data in self.any_of:
            any_of_item = str(any_of_item_data)
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
        type_ = cast(Literal["campaign"], d.pop("type"))
        if type_ != "campaign":
            raise ValueError(f"type must match const 'campaign', got '{type_}'")

        any_of = []
        _any_of = d.pop("any_of")
        for any_of_item_data in _any_of:
            any_of_item = UUID(any_of_item_data)

            any_of.append(any_of_item)

        campaign_in = cls(
            type_=type_,
            any_of=any_of,
        )

        return campaign_in
