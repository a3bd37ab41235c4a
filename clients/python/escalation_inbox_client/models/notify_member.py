from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="NotifyMember")


@_attrs_define
class NotifyMember:
    """
    Attributes:
        type_ (Literal['member']):
        user_id (UUID):
    """

    type_: Literal["member"]
    user_id: UUID

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["member"], d.pop("type"))
        if type_ != "member":
            raise ValueError(f"type must match const 'member', got '{type_}'")

        user_id = UUID(d.pop("user_id"))

        notify_member = cls(
            type_=type_,
            user_id=user_id,
        )

        return notify_member
