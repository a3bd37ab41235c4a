from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="MoveToInbox")


@_attrs_define
class MoveToInbox:
    """
    Attributes:
        type_ (Literal['move_to_inbox']):
        inbox_id (UUID):
    """

    type_: Literal["move_to_inbox"]
    inbox_id: UUID

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        inbox_id = str(self.inbox_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "inbox_id": inbox_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["move_to_inbox"], d.pop("type"))
        if type_ != "move_to_inbox":
            raise ValueError(f"type must match const 'move_to_inbox', got '{type_}'")

        inbox_id = UUID(d.pop("inbox_id"))

        move_to_inbox = cls(
            type_=type_,
            inbox_id=inbox_id,
        )

        return move_to_inbox
