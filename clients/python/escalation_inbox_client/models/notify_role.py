from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role

T = TypeVar("T", bound="NotifyRole")


@_attrs_define
class NotifyRole:
    """
    Attributes:
        type_ (Literal['role']):
        role (Role):
    """

    type_: Literal["role"]
    role: Role

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["role"], d.pop("type"))
        if type_ != "role":
            raise ValueError(f"type must match const 'role', got '{type_}'")

        role = Role(d.pop("role"))

        notify_role = cls(
            type_=type_,
            role=role,
        )

        return notify_role
