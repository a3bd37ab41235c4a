from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.assignment_mode import AssignmentMode
from ..models.priority import Priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="InboxCreate")


@_attrs_define
class InboxCreate:
    """
    Attributes:
        name (str):
        owner_ids (list[UUID]): Members who own the inbox
        description (None | str | Unset):
        batch_size (int | Unset): Most escalations one claim hands out Default: 10.
        assignment_duration_minutes (int | Unset): How long a claim holds, in minutes Default: 60.
        default_priority (None | Priority | Unset):
        sla_policy_id (None | Unset | UUID): Null: the organisation's default SLA policy
        capacity (int | None | Unset): Null: no limit (pull only)
        assignment_mode (AssignmentMode | Unset):
        restricted (bool | Unset): Escalations into it wait for a supervisor's approval Default: False.
        reply_within_minutes (int | None | Unset): Null: off
    """

    name: str
    owner_ids: list[UUID]
    description: None | str | Unset = UNSET
    batch_size: int | Unset = 10
    assignment_duration_minutes: int | Unset = 60
    default_priority: None | Priority | Unset = UNSET
    sla_policy_id: None | Unset | UUID = UNSET
    capacity: int | None | Unset = UNSET
    assignment_mode: AssignmentMode | Unset = UNSET
    restricted: bool | Unset = False
    reply_within_minutes: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        owner_ids = []
        for owner_ids_item_data in self.owner_ids:
            owner_ids_item = str(owner_ids_item_data)
            owner_ids.append(owner_ids_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        batch_size = self.batch_size

        assignment_duration_minutes = self.assignment_duration_minutes

        default_priority: None | str | Unset
        if isinstance(self.default_priority, Unset):
            default_priority = UNSET
        elif isinstance(self.default_priority, Priority):
            default_priority = self.default_priority.value
        else:
            default_priority = self.default_priority

        sla_policy_id: None | str | Unset
        if isinstance(self.sla_policy_id, Unset):
            sla_policy_id = UNSET
        elif isinstance(self.sla_policy_id, UUID):
            sla_policy_id = str(self.sla_policy_id)
        else:
            sla_policy_id = self.sla_policy_id

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        assignment_mode: str | Unset = UNSET
        if not isinstance(self.assignment_mode, Unset):
            assignment_mode = self.assignment_mode.value

        restricted = self.restricted

        reply_within_minutes: int | None | Unset
        if isinstance(self.reply_within_minutes, Unset):
            reply_within_minutes = UNSET
        else:
            reply_within_minutes = self.reply_within_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "owner_ids": owner_ids,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if assignment_duration_minutes is not UNSET:
            field_dict["assignment_duration_minutes"] = assignment_duration_minutes
        if default_priority is not UNSET:
            field_dict["default_priority"] = default_priority
        if sla_policy_id is not UNSET:
            field_dict["sla_policy_id"] = sla_policy_id
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if assignment_mode is not UNSET:
            field_dict["assignment_mode"] = assignment_mode
        if restricted is not UNSET:
            field_dict["restricted"] = restricted
        if reply_within_minutes is not UNSET:
            field_dict["reply_within_minutes"] = reply_within_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        owner_ids = []
        _owner_ids = d.pop("owner_ids")
        for owner_ids_item_data in _owner_ids:
            owner_ids_item = UUID(owner_ids_item_data)

            owner_ids.append(owner_ids_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        batch_size = d.pop("batch_size", UNSET)

        assignment_duration_minutes = d.pop("assignment_duration_minutes", UNSET)

        def _parse_default_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                default_priority_type_0 = Priority(data)

                return default_priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        default_priority = _parse_default_priority(d.pop("default_priority", UNSET))

        def _parse_sla_policy_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sla_policy_id_type_0 = UUID(data)

                return sla_policy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        sla_policy_id = _parse_sla_policy_id(d.pop("sla_policy_id", UNSET))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        _assignment_mode = d.pop("assignment_mode", UNSET)
        assignment_mode: AssignmentMode | Unset
        if isinstance(_assignment_mode, Unset):
            assignment_mode = UNSET
        else:
            assignment_mode = AssignmentMode(_assignment_mode)

        restricted = d.pop("restricted", UNSET)

        def _parse_reply_within_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reply_within_minutes = _parse_reply_within_minutes(d.pop("reply_within_minutes", UNSET))

        inbox_create = cls(
            name=name,
            owner_ids=owner_ids,
            description=description,
            batch_size=batch_size,
            assignment_duration_minutes=assignment_duration_minutes,
            default_priority=default_priority,
            sla_policy_id=sla_policy_id,
            capacity=capacity,
            assignment_mode=assignment_mode,
            restricted=restricted,
            reply_within_minutes=reply_within_minutes,
        )

        return inbox_create
