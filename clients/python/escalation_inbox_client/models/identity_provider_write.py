from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="IdentityProviderWrite")


@_attrs_define
class IdentityProviderWrite:
    """An organisation's OpenID Connect provider, as an admin sets it up.

    Attributes:
        name (str): Shown as "Sign in with <name>"
        issuer (str): The issuer URL; its /.well-known/openid-configuration is read (https; http only on loopback, for
            development)
        client_id (str):
        allowed_domains (list[str]): Email domains whose people may sign in
        client_secret (None | str | Unset): Needed to create; left out on a change, the stored one is kept. Never shown.
        default_role (Role | Unset):
        passwords_allowed (bool | Unset): False: the organisation's members sign in through the provider only Default:
            True.
    """

    name: str
    issuer: str
    client_id: str
    allowed_domains: list[str]
    client_secret: None | str | Unset = UNSET
    default_role: Role | Unset = UNSET
    passwords_allowed: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        issuer = self.issuer

        client_id = self.client_id

        allowed_domains = self.allowed_domains

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        default_role: str | Unset = UNSET
        if not isinstance(self.default_role, Unset):
            default_role = self.default_role.value

        passwords_allowed = self.passwords_allowed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "issuer": issuer,
                "client_id": client_id,
                "allowed_domains": allowed_domains,
            }
        )
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if default_role is not UNSET:
            field_dict["default_role"] = default_role
        if passwords_allowed is not UNSET:
            field_dict["passwords_allowed"] = passwords_allowed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        issuer = d.pop("issuer")

        client_id = d.pop("client_id")

        allowed_domains = cast(list[str], d.pop("allowed_domains"))

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))

        _default_role = d.pop("default_role", UNSET)
        default_role: Role | Unset
        if isinstance(_default_role, Unset):
            default_role = UNSET
        else:
            default_role = Role(_default_role)

        passwords_allowed = d.pop("passwords_allowed", UNSET)

        identity_provider_write = cls(
            name=name,
            issuer=issuer,
            client_id=client_id,
            allowed_domains=allowed_domains,
            client_secret=client_secret,
            default_role=default_role,
            passwords_allowed=passwords_allowed,
        )

        identity_provider_write.additional_properties = d
        return identity_provider_write

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
