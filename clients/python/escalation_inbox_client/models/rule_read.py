from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger import Trigger

if TYPE_CHECKING:
    from ..models.rule_read_actions_item import RuleReadActionsItem
    from ..models.rule_read_conditions import RuleReadConditions


T = TypeVar("T", bound="RuleRead")


@_attrs_define
class RuleRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        name (str):
        enabled (bool):
        trigger (Trigger):
        position (int):
        version (int):
        conditions (RuleReadConditions):
        actions (list[RuleReadActionsItem]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    name: str
    enabled: bool
    trigger: Trigger
    position: int
    version: int
    conditions: RuleReadConditions
    actions: list[RuleReadActionsItem]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        name = self.name

        enabled = self.enabled

        trigger = self.trigger.value

        position = self.position

        version = self.version

        conditions = self.conditions.to_dict()

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "name": name,
                "enabled": enabled,
                "trigger": trigger,
                "position": position,
                "version": version,
                "conditions": conditions,
                "actions": actions,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_read_actions_item import RuleReadActionsItem  # noqa: PLC0415
        from ..models.rule_read_conditions import RuleReadConditions  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        name = d.pop("name")

        enabled = d.pop("enabled")

        trigger = Trigger(d.pop("trigger"))

        position = d.pop("position")

        version = d.pop("version")

        conditions = RuleReadConditions.from_dict(d.pop("conditions"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = RuleReadActionsItem.from_dict(actions_item_data)

            actions.append(actions_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        rule_read = cls(
            id=id,
            org_id=org_id,
            name=name,
            enabled=enabled,
            trigger=trigger,
            position=position,
            version=version,
            conditions=conditions,
            actions=actions,
            created_at=created_at,
            updated_at=updated_at,
        )

        rule_read.additional_properties = d
        return rule_read

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
