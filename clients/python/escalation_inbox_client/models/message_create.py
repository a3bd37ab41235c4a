from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.direction import Direction
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageCreate")


@_attrs_define
class MessageCreate:
    """
    Attributes:
        body (str):
        direction (Direction):
        seen_message_id (None | Unset | UUID): The newest message the writer had seen. If the contact wrote since, the
            message is refused: 409 `stale-reply` with the newest one's `message_id`
    """

    body: str
    direction: Direction
    seen_message_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        direction = self.direction.value

        seen_message_id: None | str | Unset
        if isinstance(self.seen_message_id, Unset):
            seen_message_id = UNSET
        elif isinstance(self.seen_message_id, UUID):
            seen_message_id = str(self.seen_message_id)
        else:
            seen_message_id = self.seen_message_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
                "direction": direction,
            }
        )
        if seen_message_id is not UNSET:
            field_dict["seen_message_id"] = seen_message_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        direction = Direction(d.pop("direction"))

        def _parse_seen_message_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                seen_message_id_type_0 = UUID(data)

                return seen_message_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        seen_message_id = _parse_seen_message_id(d.pop("seen_message_id", UNSET))

        message_create = cls(
            body=body,
            direction=direction,
            seen_message_id=seen_message_id,
        )

        return message_create
