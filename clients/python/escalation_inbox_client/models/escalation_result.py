from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversation_read import ConversationRead
    from ..models.escalation_read import EscalationRead


T = TypeVar("T", bound="EscalationResult")


@_attrs_define
class EscalationResult:
    """
    Attributes:
        escalation (EscalationRead):
        next_conversation (ConversationRead | None): The next conversation in the caller's reply queue, if any
    """

    escalation: EscalationRead
    next_conversation: ConversationRead | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_read import ConversationRead  # noqa: PLC0415

        escalation = self.escalation.to_dict()

        next_conversation: dict[str, Any] | None
        if isinstance(self.next_conversation, ConversationRead):
            next_conversation = self.next_conversation.to_dict()
        else:
            next_conversation = self.next_conversation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "escalation": escalation,
                "next_conversation": next_conversation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_read import ConversationRead  # noqa: PLC0415
        from ..models.escalation_read import EscalationRead  # noqa: PLC0415

        d = dict(src_dict)
        escalation = EscalationRead.from_dict(d.pop("escalation"))

        def _parse_next_conversation(data: object) -> ConversationRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_conversation_type_0 = ConversationRead.from_dict(data)

                return next_conversation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationRead | None, data)

        next_conversation = _parse_next_conversation(d.pop("next_conversation"))

        escalation_result = cls(
            escalation=escalation,
            next_conversation=next_conversation,
        )

        escalation_result.additional_properties = d
        return escalation_result

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
