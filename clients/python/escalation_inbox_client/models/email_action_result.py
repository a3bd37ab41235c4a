from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.escalation_read import EscalationRead


T = TypeVar("T", bound="EmailActionResult")


@_attrs_define
class EmailActionResult:
    """
    Attributes:
        action (Literal['claim']):
        escalation (EscalationRead):
    """

    action: Literal["claim"]
    escalation: EscalationRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        escalation = self.escalation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "escalation": escalation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.escalation_read import EscalationRead  # noqa: PLC0415

        d = dict(src_dict)
        action = cast(Literal["claim"], d.pop("action"))
        if action != "claim":
            raise ValueError(f"action must match const 'claim', got '{action}'")

        escalation = EscalationRead.from_dict(d.pop("escalation"))

        email_action_result = cls(
            action=action,
            escalation=escalation,
        )

        email_action_result.additional_properties = d
        return email_action_result

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
