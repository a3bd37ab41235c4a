from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TwoFactorRead")


@_attrs_define
class TwoFactorRead:
    """
    Attributes:
        enabled (bool):
        enabled_at (datetime.datetime | None):
        enrolment_pending (bool): An enrolment was started but not confirmed
        backup_codes_left (int):
    """

    enabled: bool
    enabled_at: datetime.datetime | None
    enrolment_pending: bool
    backup_codes_left: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        enabled_at: None | str
        if isinstance(self.enabled_at, datetime.datetime):
            enabled_at = self.enabled_at.isoformat()
        else:
            enabled_at = self.enabled_at

        enrolment_pending = self.enrolment_pending

        backup_codes_left = self.backup_codes_left

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
                "enabled_at": enabled_at,
                "enrolment_pending": enrolment_pending,
                "backup_codes_left": backup_codes_left,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        def _parse_enabled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                enabled_at_type_0 = datetime.datetime.fromisoformat(data)

                return enabled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        enabled_at = _parse_enabled_at(d.pop("enabled_at"))

        enrolment_pending = d.pop("enrolment_pending")

        backup_codes_left = d.pop("backup_codes_left")

        two_factor_read = cls(
            enabled=enabled,
            enabled_at=enabled_at,
            enrolment_pending=enrolment_pending,
            backup_codes_left=backup_codes_left,
        )

        two_factor_read.additional_properties = d
        return two_factor_read

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
