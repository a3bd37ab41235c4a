from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.level import Level
    from ..models.sla_policy_read_targets import SlaPolicyReadTargets


T = TypeVar("T", bound="SlaPolicyRead")


@_attrs_define
class SlaPolicyRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        name (str):
        calendar_id (None | UUID):
        targets (SlaPolicyReadTargets):
        warnings_minutes (list[int]):
        pause_while_awaiting_contact (bool):
        levels (list[Level]):
        is_default (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    name: str
    calendar_id: None | UUID
    targets: SlaPolicyReadTargets
    warnings_minutes: list[int]
    pause_while_awaiting_contact: bool
    levels: list[Level]
    is_default: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        name = self.name

        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        targets = self.targets.to_dict()

        warnings_minutes = self.warnings_minutes

        pause_while_awaiting_contact = self.pause_while_awaiting_contact

        levels = []
        for levels_item_data in self.levels:
            levels_item = levels_item_data.to_dict()
            levels.append(levels_item)

        is_default = self.is_default

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "name": name,
                "calendar_id": calendar_id,
                "targets": targets,
                "warnings_minutes": warnings_minutes,
                "pause_while_awaiting_contact": pause_while_awaiting_contact,
                "levels": levels,
                "is_default": is_default,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.level import Level  # noqa: PLC0415
        from ..models.sla_policy_read_targets import SlaPolicyReadTargets  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        name = d.pop("name")

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        targets = SlaPolicyReadTargets.from_dict(d.pop("targets"))

        warnings_minutes = cast(list[int], d.pop("warnings_minutes"))

        pause_while_awaiting_contact = d.pop("pause_while_awaiting_contact")

        levels = []
        _levels = d.pop("levels")
        for levels_item_data in _levels:
            levels_item = Level.from_dict(levels_item_data)

            levels.append(levels_item)

        is_default = d.pop("is_default")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        sla_policy_read = cls(
            id=id,
            org_id=org_id,
            name=name,
            calendar_id=calendar_id,
            targets=targets,
            warnings_minutes=warnings_minutes,
            pause_while_awaiting_contact=pause_while_awaiting_contact,
            levels=levels,
            is_default=is_default,
            created_at=created_at,
            updated_at=updated_at,
        )

        sla_policy_read.additional_properties = d
        return sla_policy_read

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
