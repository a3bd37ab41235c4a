from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="OrganisationRead")


@_attrs_define
class OrganisationRead:
    """
    Attributes:
        id (UUID):
        name (str):
        time_zone (str):
        require_two_factor (bool):
        role (Role):
        created_at (datetime.datetime):
    """

    id: UUID
    name: str
    time_zone: str
    require_two_factor: bool
    role: Role
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        time_zone = self.time_zone

        require_two_factor = self.require_two_factor

        role = self.role.value

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "time_zone": time_zone,
                "require_two_factor": require_two_factor,
                "role": role,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        time_zone = d.pop("time_zone")

        require_two_factor = d.pop("require_two_factor")

        role = Role(d.pop("role"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        organisation_read = cls(
            id=id,
            name=name,
            time_zone=time_zone,
            require_two_factor=require_two_factor,
            role=role,
            created_at=created_at,
        )

        organisation_read.additional_properties = d
        return organisation_read

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
