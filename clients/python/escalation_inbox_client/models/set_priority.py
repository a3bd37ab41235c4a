from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="SetPriority")


@_attrs_define
class SetPriority:
    """
    Attributes:
        type_ (Literal['set_priority']):
        priority (Priority):
        allow_lower (bool | Unset): Also below what a person set (otherwise never lower) Default: False.
    """

    type_: Literal["set_priority"]
    priority: Priority
    allow_lower: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        priority = self.priority.value

        allow_lower = self.allow_lower

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "priority": priority,
            }
        )
        if allow_lower is not UNSET:
            field_dict["allow_lower"] = allow_lower

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["set_priority"], d.pop("type"))
        if type_ != "set_priority":
            raise ValueError(f"type must match const 'set_priority', got '{type_}'")

        priority = Priority(d.pop("priority"))

        allow_lower = d.pop("allow_lower", UNSET)

        set_priority = cls(
            type_=type_,
            priority=priority,
            allow_lower=allow_lower,
        )

        return set_priority
