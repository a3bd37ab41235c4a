from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.live_event_data import LiveEventData


T = TypeVar("T", bound="LiveEvent")


@_attrs_define
class LiveEvent:
    """The `data` of each event message; its SSE `id` is `position` and its `event` the type.

    Attributes:
        position (int): The event's place in the stream: the SSE id, the cursor
        seq (int): The event's place in the escalation's audit trail
        id (UUID):
        type_ (str):
        escalation_id (UUID):
        inbox_id (UUID): The escalation's inbox now
        actor_id (None | UUID):
        created_at (datetime.datetime):
        data (LiveEventData):
    """

    position: int
    seq: int
    id: UUID
    type_: str
    escalation_id: UUID
    inbox_id: UUID
    actor_id: None | UUID
    created_at: datetime.datetime
    data: LiveEventData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        position = self.position

        seq = self.seq

        id = str(self.id)

        type_ = self.type_

        escalation_id = str(self.escalation_id)

        inbox_id = str(self.inbox_id)

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "position": position,
                "seq": seq,
                "id": id,
                "type": type_,
                "escalation_id": escalation_id,
                "inbox_id": inbox_id,
                "actor_id": actor_id,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.live_event_data import LiveEventData  # noqa: PLC0415

        d = dict(src_dict)
        position = d.pop("position")

        seq = d.pop("seq")

        id = UUID(d.pop("id"))

        type_ = d.pop("type")

        escalation_id = UUID(d.pop("escalation_id"))

        inbox_id = UUID(d.pop("inbox_id"))

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = LiveEventData.from_dict(d.pop("data"))

        live_event = cls(
            position=position,
            seq=seq,
            id=id,
            type_=type_,
            escalation_id=escalation_id,
            inbox_id=inbox_id,
            actor_id=actor_id,
            created_at=created_at,
            data=data,
        )

        live_event.additional_properties = d
        return live_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
