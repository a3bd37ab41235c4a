from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in import ContactIn
    from ..models.inbound_message import InboundMessage


T = TypeVar("T", bound="InboundConversationUpsert")


@_attrs_define
class InboundConversationUpsert:
    """
    Attributes:
        channel (Channel):
        external_id (str): The helpdesk's id, unique per channel
        campaign_id (None | Unset | UUID): Needed the first time the conversation is seen
        contact (ContactIn | None | Unset): Needed the first time the conversation is seen
        messages (list[InboundMessage] | Unset): Appended in order; any whose external_id is already there is skipped
    """

    channel: Channel
    external_id: str
    campaign_id: None | Unset | UUID = UNSET
    contact: ContactIn | None | Unset = UNSET
    messages: list[InboundMessage] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn  # noqa: PLC0415

        channel = self.channel.value

        external_id = self.external_id

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        elif isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactIn):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "external_id": external_id,
            }
        )
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if contact is not UNSET:
            field_dict["contact"] = contact
        if messages is not UNSET:
            field_dict["messages"] = messages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_in import ContactIn  # noqa: PLC0415
        from ..models.inbound_message import InboundMessage  # noqa: PLC0415

        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        external_id = d.pop("external_id")

        def _parse_campaign_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))

        def _parse_contact(data: object) -> ContactIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactIn.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactIn | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        _messages = d.pop("messages", UNSET)
        messages: list[InboundMessage] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = InboundMessage.from_dict(messages_item_data)

                messages.append(messages_item)

        inbound_conversation_upsert = cls(
            channel=channel,
            external_id=external_id,
            campaign_id=campaign_id,
            contact=contact,
            messages=messages,
        )

        return inbound_conversation_upsert
