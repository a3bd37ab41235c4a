from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SsoProviderLink")


@_attrs_define
class SsoProviderLink:
    """
    Attributes:
        provider_id (UUID):
        name (str):
        start_url (str): Send the browser here to sign in through the provider
    """

    provider_id: UUID
    name: str
    start_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_id = str(self.provider_id)

        name = self.name

        start_url = self.start_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider_id": provider_id,
                "name": name,
                "start_url": start_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider_id = UUID(d.pop("provider_id"))

        name = d.pop("name")

        start_url = d.pop("start_url")

        sso_provider_link = cls(
            provider_id=provider_id,
            name=name,
            start_url=start_url,
        )

        sso_provider_link.additional_properties = d
        return sso_provider_link

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
