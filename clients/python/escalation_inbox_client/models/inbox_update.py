from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.assignment_mode import AssignmentMode
from ..models.priority import Priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="InboxUpdate")


@_attrs_define
class InboxUpdate:
    """
    Attributes:
        name (None | str | Unset):
        description (None | str | Unset):
        owner_ids (list[UUID] | None | Unset):
        batch_size (int | None | Unset):
        assignment_duration_minutes (int | None | Unset):
        default_priority (None | Priority | Unset):
        sla_policy_id (None | Unset | UUID):
        capacity (int | None | Unset):
        assignment_mode (AssignmentMode | None | Unset):
        restricted (bool | None | Unset):
        reply_within_minutes (int | None | Unset): Null: off (live claims stop waiting for a reply)
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    owner_ids: list[UUID] | None | Unset = UNSET
    batch_size: int | None | Unset = UNSET
    assignment_duration_minutes: int | None | Unset = UNSET
    default_priority: None | Priority | Unset = UNSET
    sla_policy_id: None | Unset | UUID = UNSET
    capacity: int | None | Unset = UNSET
    assignment_mode: AssignmentMode | None | Unset = UNSET
    restricted: bool | None | Unset = UNSET
    reply_within_minutes: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        owner_ids: list[str] | None | Unset
        if isinstance(self.owner_ids, Unset):
            owner_ids = UNSET
        elif isinstance(self.owner_ids, list):
            owner_ids = []
            for owner_ids_type_0_item_data in self.owner_ids:
                owner_ids_type_0_item = str(owner_ids_type_0_item_data)
                owner_ids.append(owner_ids_type_0_item)

        else:
            owner_ids = self.owner_ids

        batch_size: int | None | Unset
        if isinstance(self.batch_size, Unset):
            batch_size = UNSET
        else:
            batch_size = self.batch_size

        assignment_duration_minutes: int | None | Unset
        if isinstance(self.assignment_duration_minutes, Unset):
            assignment_duration_minutes = UNSET
        else:
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

        assignment_mode: None | str | Unset
        if isinstance(self.assignment_mode, Unset):
            assignment_mode = UNSET
        elif isinstance(self.assignment_mode, AssignmentMode):
            assignment_mode = self.assignment_mode.value
        else:
            assignment_mode = self.assignment_mode

        restricted: bool | None | Unset
        if isinstance(self.restricted, Unset):
            restricted = UNSET
        else:
            restricted = self.restricted

        reply_within_minutes: int | None | Unset
        if isinstance(self.reply_within_minutes, Unset):
            reply_within_minutes = UNSET
        else:
            reply_within_minutes = self.reply_within_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if owner_ids is not UNSET:
            field_dict["owner_ids"] = owner_ids
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_owner_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                owner_ids_type_0 = []
                _owner_ids_type_0 = data
                for owner_ids_type_0_item_data in _owner_ids_type_0:
                    owner_ids_type_0_item = UUID(owner_ids_type_0_item_data)

                    owner_ids_type_0.append(owner_ids_type_0_item)

                return owner_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        owner_ids = _parse_owner_ids(d.pop("owner_ids", UNSET))

        def _parse_batch_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        batch_size = _parse_batch_size(d.pop("batch_size", UNSET))

        def _parse_assignment_duration_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        assignment_duration_minutes = _parse_assignment_duration_minutes(d.pop("assignment_duration_minutes", UNSET))

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

        def _parse_assignment_mode(data: object) -> AssignmentMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignment_mode_type_0 = AssignmentMode(data)

                return assignment_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssignmentMode | None | Unset, data)

        assignment_mode = _parse_assignment_mode(d.pop("assignment_mode", UNSET))

        def _parse_restricted(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        restricted = _parse_restricted(d.pop("restricted", UNSET))

        def _parse_reply_within_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reply_within_minutes = _parse_reply_within_minutes(d.pop("reply_within_minutes", UNSET))

        inbox_update = cls(
            name=name,
            description=description,
            owner_ids=owner_ids,
            batch_size=batch_size,
            assignment_duration_minutes=assignment_duration_minutes,
            default_priority=default_priority,
            sla_policy_id=sla_policy_id,
            capacity=capacity,
            assignment_mode=assignment_mode,
            restricted=restricted,
            reply_within_minutes=reply_within_minutes,
        )

        return inbox_update
