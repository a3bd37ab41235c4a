from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.level import Level
    from ..models.sla_policy_create_targets import SlaPolicyCreateTargets


T = TypeVar("T", bound="SlaPolicyCreate")


@_attrs_define
class SlaPolicyCreate:
    """
    Attributes:
        name (str):
        calendar_id (None | UUID): Null: around the clock
        targets (SlaPolicyCreateTargets):
        warnings_minutes (list[int] | Unset): Minutes before each deadline, e.g. [30, 5]
        pause_while_awaiting_contact (bool | Unset):  Default: False.
        levels (list[Level] | Unset):
        is_default (bool | Unset):  Default: False.
    """

    name: str
    calendar_id: None | UUID
    targets: SlaPolicyCreateTargets
    warnings_minutes: list[int] | Unset = UNSET
    pause_while_awaiting_contact: bool | Unset = False
    levels: list[Level] | Unset = UNSET
    is_default: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        targets = self.targets.to_dict()

        warnings_minutes: list[int] | Unset = UNSET
        if not isinstance(self.warnings_minutes, Unset):
            warnings_minutes = self.warnings_minutes

        pause_while_awaiting_contact = self.pause_while_awaiting_contact

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        is_default = self.is_default

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "calendar_id": calendar_id,
                "targets": targets,
            }
        )
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
        from ..models.sla_policy_create_targets import SlaPolicyCreateTargets  # noqa: PLC0415

        d = dict(src_dict)
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

        targets = SlaPolicyCreateTargets.from_dict(d.pop("targets"))

        warnings_minutes = cast(list[int], d.pop("warnings_minutes", UNSET))

        pause_while_awaiting_contact = d.pop("pause_while_awaiting_contact", UNSET)

        _levels = d.pop("levels", UNSET)
        levels: list[Level] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = Level.from_dict(levels_item_data)

                levels.append(levels_item)

        is_default = d.pop("is_default", UNSET)

        sla_policy_create = cls(
            name=name,
            calendar_id=calendar_id,
            targets=targets,
            warnings_minutes=warnings_minutes,
            pause_while_awaiting_contact=pause_while_awaiting_contact,
            levels=levels,
            is_default=is_default,
        )

        return sla_policy_create
