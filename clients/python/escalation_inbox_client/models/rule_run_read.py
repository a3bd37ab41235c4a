from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rule_run_read_actions_item import RuleRunReadActionsItem


T = TypeVar("T", bound="RuleRunRead")


@_attrs_define
class RuleRunRead:
    """
    Attributes:
        id (UUID):
        rule_id (None | UUID):
        rule_version (int):
        trigger (str):
        outcome (str):
        conversation_id (UUID):
        escalation_id (None | UUID):
        actions (list[RuleRunReadActionsItem]):
        created_at (datetime.datetime):
    """

    id: UUID
    rule_id: None | UUID
    rule_version: int
    trigger: str
    outcome: str
    conversation_id: UUID
    escalation_id: None | UUID
    actions: list[RuleRunReadActionsItem]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        rule_id: None | str
        if isinstance(self.rule_id, UUID):
            rule_id = str(self.rule_id)
        else:
            rule_id = self.rule_id

        rule_version = self.rule_version

        trigger = self.trigger

        outcome = self.outcome

        conversation_id = str(self.conversation_id)

        escalation_id: None | str
        if isinstance(self.escalation_id, UUID):
            escalation_id = str(self.escalation_id)
        else:
            escalation_id = self.escalation_id

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "rule_id": rule_id,
                "rule_version": rule_version,
                "trigger": trigger,
                "outcome": outcome,
                "conversation_id": conversation_id,
                "escalation_id": escalation_id,
                "actions": actions,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_run_read_actions_item import RuleRunReadActionsItem  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_rule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_id_type_0 = UUID(data)

                return rule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        rule_version = d.pop("rule_version")

        trigger = d.pop("trigger")

        outcome = d.pop("outcome")

        conversation_id = UUID(d.pop("conversation_id"))

        def _parse_escalation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalation_id_type_0 = UUID(data)

                return escalation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        escalation_id = _parse_escalation_id(d.pop("escalation_id"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = RuleRunReadActionsItem.from_dict(actions_item_data)

            actions.append(actions_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        rule_run_read = cls(
            id=id,
            rule_id=rule_id,
            rule_version=rule_version,
            trigger=trigger,
            outcome=outcome,
            conversation_id=conversation_id,
            escalation_id=escalation_id,
            actions=actions,
            created_at=created_at,
        )

        rule_run_read.additional_properties = d
        return rule_run_read

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
