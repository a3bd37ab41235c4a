from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Pattern")


@_attrs_define
class Pattern:
    """The message text matches this regular expression (size- and time-bounded).

    Attributes:
        type_ (Literal['regex']):
        pattern (str):
        ignore_case (bool | Unset):  Default: True.
    """

    type_: Literal["regex"]
    pattern: str
    ignore_case: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        pattern = self.pattern

        ignore_case = self.ignore_case

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "pattern": pattern,
            }
        )
        if ignore_case is not UNSET:
            field_dict["ignore_case"] = ignore_case

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["regex"], d.pop("type"))
        if type_ != "regex":
            raise ValueError(f"type must match const 'regex', got '{type_}'")

        pattern = d.pop("pattern")

        ignore_case = d.pop("ignore_case", UNSET)

        pattern = cls(
            type_=type_,
            pattern=pattern,
            ignore_case=ignore_case,
        )

        return pattern
