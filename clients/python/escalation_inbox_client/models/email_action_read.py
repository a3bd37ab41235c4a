from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.email_action_read_state import EmailActionReadState

if TYPE_CHECKING:
    from ..models.escalation_read import EscalationRead


T = TypeVar("T", bound="EmailActionRead")


@_attrs_define
class EmailActionRead:
    """What an emailed action link would do; reading it changes nothing.

    Attributes:
        action (Literal['claim']):
        state (EmailActionReadState): valid: it can be performed (once); used: it was; expired: too late
        expires_at (datetime.datetime):
        used_at (datetime.datetime | None):
        escalation (EscalationRead):
    """

    action: Literal["claim"]
    state: EmailActionReadState
    expires_at: datetime.datetime
    used_at: datetime.datetime | None
    escalation: EscalationRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        state = self.state.value

        expires_at = self.expires_at.isoformat()

        used_at: None | str
        if isinstance(self.used_at, datetime.datetime):
            used_at = self.used_at.isoformat()
        else:
            used_at = self.used_at

        escalation = self.escalation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "state": state,
                "expires_at": expires_at,
                "used_at": used_at,
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

        state = EmailActionReadState(d.pop("state"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                used_at_type_0 = datetime.datetime.fromisoformat(data)

                return used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        used_at = _parse_used_at(d.pop("used_at"))

        escalation = EscalationRead.from_dict(d.pop("escalation"))

        email_action_read = cls(
            action=action,
            state=state,
            expires_at=expires_at,
            used_at=used_at,
            escalation=escalation,
        )

        email_action_read.additional_properties = d
        return email_action_read

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
