from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rule_test_match_actions_item import RuleTestMatchActionsItem


T = TypeVar("T", bound="RuleTestMatch")


@_attrs_define
class RuleTestMatch:
    """
    Attributes:
        rule_id (UUID):
        name (str):
        version (int):
        actions (list[RuleTestMatchActionsItem]):
        stopped (bool): This rule stops the ones after it
    """

    rule_id: UUID
    name: str
    version: int
    actions: list[RuleTestMatchActionsItem]
    stopped: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rule_id = str(self.rule_id)

        name = self.name

        version = self.version

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        stopped = self.stopped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rule_id": rule_id,
                "name": name,
                "version": version,
                "actions": actions,
                "stopped": stopped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_test_match_actions_item import RuleTestMatchActionsItem  # noqa: PLC0415

        d = dict(src_dict)
        rule_id = UUID(d.pop("rule_id"))

        name = d.pop("name")

        version = d.pop("version")

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = RuleTestMatchActionsItem.from_dict(actions_item_data)

            actions.append(actions_item)

        stopped = d.pop("stopped")

        rule_test_match = cls(
            rule_id=rule_id,
            name=name,
            version=version,
            actions=actions,
            stopped=stopped,
        )

        rule_test_match.additional_properties = d
        return rule_test_match

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
