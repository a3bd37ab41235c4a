from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="IdentityProviderRead")


@_attrs_define
class IdentityProviderRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        name (str):
        issuer (str):
        client_id (str):
        allowed_domains (list[str]):
        default_role (Role):
        passwords_allowed (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    name: str
    issuer: str
    client_id: str
    allowed_domains: list[str]
    default_role: Role
    passwords_allowed: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        name = self.name

        issuer = self.issuer

        client_id = self.client_id

        allowed_domains = self.allowed_domains

        default_role = self.default_role.value

        passwords_allowed = self.passwords_allowed

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "name": name,
                "issuer": issuer,
                "client_id": client_id,
                "allowed_domains": allowed_domains,
                "default_role": default_role,
                "passwords_allowed": passwords_allowed,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        name = d.pop("name")

        issuer = d.pop("issuer")

        client_id = d.pop("client_id")

        allowed_domains = cast(list[str], d.pop("allowed_domains"))

        default_role = Role(d.pop("default_role"))

        passwords_allowed = d.pop("passwords_allowed")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        identity_provider_read = cls(
            id=id,
            org_id=org_id,
            name=name,
            issuer=issuer,
            client_id=client_id,
            allowed_domains=allowed_domains,
            default_role=default_role,
            passwords_allowed=passwords_allowed,
            created_at=created_at,
            updated_at=updated_at,
        )

        identity_provider_read.additional_properties = d
        return identity_provider_read

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
