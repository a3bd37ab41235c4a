from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversation_read import ConversationRead
    from ..models.message_read import MessageRead


T = TypeVar("T", bound="InboundConversationResult")


@_attrs_define
class InboundConversationResult:
    """
    Attributes:
        conversation (ConversationRead):
        created (bool):
        messages_added (list[MessageRead]):
    """

    conversation: ConversationRead
    created: bool
    messages_added: list[MessageRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation = self.conversation.to_dict()

        created = self.created

        messages_added = []
        for messages_added_item_data in self.messages_added:
            messages_added_item = messages_added_item_data.to_dict()
            messages_added.append(messages_added_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation": conversation,
                "created": created,
                "messages_added": messages_added,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_read import ConversationRead  # noqa: PLC0415
        from ..models.message_read import MessageRead  # noqa: PLC0415

        d = dict(src_dict)
        conversation = ConversationRead.from_dict(d.pop("conversation"))

        created = d.pop("created")

        messages_added = []
        _messages_added = d.pop("messages_added")
        for messages_added_item_data in _messages_added:
            messages_added_item = MessageRead.from_dict(messages_added_item_data)

            messages_added.append(messages_added_item)

        inbound_conversation_result = cls(
            conversation=conversation,
            created=created,
            messages_added=messages_added,
        )

        inbound_conversation_result.additional_properties = d
        return inbound_conversation_result

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
