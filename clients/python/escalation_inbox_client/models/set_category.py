from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetCategory")


@_attrs_define
class SetCategory:
    """
    Attributes:
        type_ (Literal['set_category']):
        category (str):
    """

    type_: Literal["set_category"]
    category: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        category = self.category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "category": category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["set_category"], d.pop("type"))
        if type_ != "set_category":
            raise ValueError(f"type must match const 'set_category', got '{type_}'")

        category = d.pop("category")

        set_category = cls(
            type_=type_,
            category=category,
        )

        return set_category
