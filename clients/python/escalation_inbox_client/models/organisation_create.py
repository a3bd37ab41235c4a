from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationCreate")


@_attrs_define
class OrganisationCreate:
    """
    Attributes:
        name (str):
        time_zone (str | Unset): Where its days, weeks and months begin in reports Default: 'UTC'.
    """

    name: str
    time_zone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        time_zone = d.pop("time_zone", UNSET)

        organisation_create = cls(
            name=name,
            time_zone=time_zone,
        )

        return organisation_create
