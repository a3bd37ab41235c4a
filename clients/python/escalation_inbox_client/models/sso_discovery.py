from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sso_provider_link import SsoProviderLink


T = TypeVar("T", bound="SsoDiscovery")


@_attrs_define
class SsoDiscovery:
    """The provider that signs in people of an email's domain; null when none does (the
    password sign-in then applies).

        Attributes:
            provider (None | SsoProviderLink):
    """

    provider: None | SsoProviderLink
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sso_provider_link import SsoProviderLink  # noqa: PLC0415

        provider: dict[str, Any] | None
        if isinstance(self.provider, SsoProviderLink):
            provider = self.provider.to_dict()
        else:
            provider = self.provider

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider": provider,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sso_provider_link import SsoProviderLink  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_provider(data: object) -> None | SsoProviderLink:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                provider_type_0 = SsoProviderLink.from_dict(data)

                return provider_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SsoProviderLink, data)

        provider = _parse_provider(d.pop("provider"))

        sso_discovery = cls(
            provider=provider,
        )

        sso_discovery.additional_properties = d
        return sso_discovery

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
