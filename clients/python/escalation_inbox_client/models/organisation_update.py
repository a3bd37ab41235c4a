from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationUpdate")


@_attrs_define
class OrganisationUpdate:
    """
    Attributes:
        name (None | str | Unset):
        time_zone (None | str | Unset):
        require_two_factor (bool | None | Unset): Owners, admins and supervisors must enable two-factor sign-in to act
            in it
    """

    name: None | str | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    require_two_factor: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        require_two_factor: bool | None | Unset
        if isinstance(self.require_two_factor, Unset):
            require_two_factor = UNSET
        else:
            require_two_factor = self.require_two_factor

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if require_two_factor is not UNSET:
            field_dict["require_two_factor"] = require_two_factor

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

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        def _parse_require_two_factor(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        require_two_factor = _parse_require_two_factor(d.pop("require_two_factor", UNSET))

        organisation_update = cls(
            name=name,
            time_zone=time_zone,
            require_two_factor=require_two_factor,
        )

        return organisation_update
