from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Keywords")


@_attrs_define
class Keywords:
    """The message text contains any of these (case-insensitive, whole words or phrases).

    Attributes:
        type_ (Literal['keywords']):
        any_of (list[str]):
    """

    type_: Literal["keywords"]
    any_of: list[str]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        any_of = self.any_of

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
        type_ = cast(Literal["keywords"], d.pop("type"))
        if type_ != "keywords":
            raise ValueError(f"type must match const 'keywords', got '{type_}'")

        any_of = cast(list[str], d.pop("any_of"))

        keywords = cls(
            type_=type_,
            any_of=any_of,
        )

        return keywords
