from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CampaignRead")


@_attrs_define
class CampaignRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        name (str):
        auto_escalate_after_minutes (int | None):
        auto_escalate_inbox_id (None | UUID):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    name: str
    auto_escalate_after_minutes: int | None
    auto_escalate_inbox_id: None | UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        name = self.name

        auto_escalate_after_minutes: int | None
        auto_escalate_after_minutes = self.auto_escalate_after_minutes

        auto_escalate_inbox_id: None | str
        if isinstance(self.auto_escalate_inbox_id, UUID):
            auto_escalate_inbox_id = str(self.auto_escalate_inbox_id)
        else:
            auto_escalate_inbox_id = self.auto_escalate_inbox_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "name": name,
                "auto_escalate_after_minutes": auto_escalate_after_minutes,
                "auto_escalate_inbox_id": auto_escalate_inbox_id,
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

        def _parse_auto_escalate_after_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        auto_escalate_after_minutes = _parse_auto_escalate_after_minutes(d.pop("auto_escalate_after_minutes"))

        def _parse_auto_escalate_inbox_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_escalate_inbox_id_type_0 = UUID(data)

                return auto_escalate_inbox_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        auto_escalate_inbox_id = _parse_auto_escalate_inbox_id(d.pop("auto_escalate_inbox_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        campaign_read = cls(
            id=id,
            org_id=org_id,
            name=name,
            auto_escalate_after_minutes=auto_escalate_after_minutes,
            auto_escalate_inbox_id=auto_escalate_inbox_id,
            created_at=created_at,
            updated_at=updated_at,
        )

        campaign_read.additional_properties = d
        return campaign_read

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
