from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel

T = TypeVar("T", bound="ConversationBrief")


@_attrs_define
class ConversationBrief:
    """
    Attributes:
        id (UUID):
        contact_name (str):
        channel (Channel):
        needs_response (bool):
        last_message_at (datetime.datetime | None):
    """

    id: UUID
    contact_name: str
    channel: Channel
    needs_response: bool
    last_message_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        contact_name = self.contact_name

        channel = self.channel.value

        needs_response = self.needs_response

        last_message_at: None | str
        if isinstance(self.last_message_at, datetime.datetime):
            last_message_at = self.last_message_at.isoformat()
        else:
            last_message_at = self.last_message_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "contact_name": contact_name,
                "channel": channel,
                "needs_response": needs_response,
                "last_message_at": last_message_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        contact_name = d.pop("contact_name")

        channel = Channel(d.pop("channel"))

        needs_response = d.pop("needs_response")

        def _parse_last_message_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_message_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_message_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_message_at = _parse_last_message_at(d.pop("last_message_at"))

        conversation_brief = cls(
            id=id,
            contact_name=contact_name,
            channel=channel,
            needs_response=needs_response,
            last_message_at=last_message_at,
        )

        conversation_brief.additional_properties = d
        return conversation_brief

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
