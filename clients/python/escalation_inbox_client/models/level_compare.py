from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.level_compare_op import LevelCompareOp

T = TypeVar("T", bound="LevelCompare")


@_attrs_define
class LevelCompare:
    """
    Attributes:
        type_ (Literal['escalation_level']):
        op (LevelCompareOp):
        value (int):
    """

    type_: Literal["escalation_level"]
    op: LevelCompareOp
    value: int

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        op = self.op.value

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "op": op,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["escalation_level"], d.pop("type"))
        if type_ != "escalation_level":
            raise ValueError(f"type must match const 'escalation_level', got '{type_}'")

        op = LevelCompareOp(d.pop("op"))

        value = d.pop("value")

        level_compare = cls(
            type_=type_,
            op=op,
            value=value,
        )

        return level_compare
