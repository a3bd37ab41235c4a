from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority
from ..models.priority_compare_op import PriorityCompareOp

T = TypeVar("T", bound="PriorityCompare")


@_attrs_define
class PriorityCompare:
    """
    Attributes:
        type_ (Literal['priority']):
        op (PriorityCompareOp):
        value (Priority):
    """

    type_: Literal["priority"]
    op: PriorityCompareOp
    value: Priority

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        op = self.op.value

        value = self.value.value

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
        type_ = cast(Literal["priority"], d.pop("type"))
        if type_ != "priority":
            raise ValueError(f"type must match const 'priority', got '{type_}'")

        op = PriorityCompareOp(d.pop("op"))

        value = Priority(d.pop("value"))

        priority_compare = cls(
            type_=type_,
            op=op,
            value=value,
        )

        return priority_compare
