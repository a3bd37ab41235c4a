from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.level import Level
    from ..models.sla_policy_update_targets_type_0 import SlaPolicyUpdateTargetsType0


T = TypeVar("T", bound="SlaPolicyUpdate")


@_attrs_define
class SlaPolicyUpdate:
    """
    Attributes:
        name (None | str | Unset):
        calendar_id (None | Unset | UUID):
        targets (None | SlaPolicyUpdateTargetsType0 | Unset):
        warnings_minutes (list[int] | None | Unset):
        pause_while_awaiting_contact (bool | None | Unset):
        levels (list[Level] | None | Unset):
        is_default (bool | None | Unset):
    """

    name: None | str | Unset = UNSET
    calendar_id: None | Unset | UUID = UNSET
    targets: None | SlaPolicyUpdateTargetsType0 | Unset = UNSET
    warnings_minutes: list[int] | None | Unset = UNSET
    pause_while_awaiting_contact: bool | None | Unset = UNSET
    levels: list[Level] | None | Unset = UNSET
    is_default: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_policy_update_targets_type_0 import SlaPolicyUpdateTargetsType0  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        calendar_id: None | str | Unset
        if isinstance(self.calendar_id, Unset):
            calendar_id = UNSET
        elif isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        targets: dict[str, Any] | None | Unset
        if isinstance(self.targets, Unset):
            targets = UNSET
        elif isinstance(self.targets, SlaPolicyUpdateTargetsType0):
            targets = self.targets.to_dict()
        else:
            targets = self.targets

        warnings_minutes: list[int] | None | Unset
        if isinstance(self.warnings_minutes, Unset):
            warnings_minutes = UNSET
        elif isinstance(self.warnings_minutes, list):
            warnings_minutes = self.warnings_minutes

        else:
            warnings_minutes = self.warnings_minutes

        pause_while_awaiting_contact: bool | None | Unset
        if isinstance(self.pause_while_awaiting_contact, Unset):
            pause_while_awaiting_contact = UNSET
        else:
            pause_while_awaiting_contact = self.pause_while_awaiting_contact

        levels: list[dict[str, Any]] | None | Unset
        if isinstance(self.levels, Unset):
            levels = UNSET
        elif isinstance(self.levels, list):
            levels = []
            for levels_type_0_item_data in self.levels:
                levels_type_0_item = levels_type_0_item_data.to_dict()
                levels.append(levels_type_0_item)

        else:
            levels = self.levels

        is_default: bool | None | Unset
        if isinstance(self.is_default, Unset):
            is_default = UNSET
        else:
            is_default = self.is_default

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if targets is not UNSET:
            field_dict["targets"] = targets
        if warnings_minutes is not UNSET:
            field_dict["warnings_minutes"] = warnings_minutes
        if pause_while_awaiting_contact is not UNSET:
            field_dict["pause_while_awaiting_contact"] = pause_while_awaiting_contact
        if levels is not UNSET:
            field_dict["levels"] = levels
        if is_default is not UNSET:
            field_dict["is_default"] = is_default

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.level import Level  # noqa: PLC0415
        from ..models.sla_policy_update_targets_type_0 import SlaPolicyUpdateTargetsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_calendar_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id", UNSET))

        def _parse_targets(data: object) -> None | SlaPolicyUpdateTargetsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                targets_type_0 = SlaPolicyUpdateTargetsType0.from_dict(data)

                return targets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SlaPolicyUpdateTargetsType0 | Unset, data)

        targets = _parse_targets(d.pop("targets", UNSET))

        def _parse_warnings_minutes(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                warnings_minutes_type_0 = cast(list[int], data)

                return warnings_minutes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        warnings_minutes = _parse_warnings_minutes(d.pop("warnings_minutes", UNSET))

        def _parse_pause_while_awaiting_contact(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        pause_while_awaiting_contact = _parse_pause_while_awaiting_contact(d.pop("pause_while_awaiting_contact", UNSET))

        def _parse_levels(data: object) -> list[Level] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                levels_type_0 = []
                _levels_type_0 = data
                for levels_type_0_item_data in _levels_type_0:
                    levels_type_0_item = Level.from_dict(levels_type_0_item_data)

                    levels_type_0.append(levels_type_0_item)

                return levels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Level] | None | Unset, data)

        levels = _parse_levels(d.pop("levels", UNSET))

        def _parse_is_default(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_default = _parse_is_default(d.pop("is_default", UNSET))

        sla_policy_update = cls(
            name=name,
            calendar_id=calendar_id,
            targets=targets,
            warnings_minutes=warnings_minutes,
            pause_while_awaiting_contact=pause_while_awaiting_contact,
            levels=levels,
            is_default=is_default,
        )

        return sla_policy_update
