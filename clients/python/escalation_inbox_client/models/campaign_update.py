from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignUpdate")


@_attrs_define
class CampaignUpdate:
    """
    Attributes:
        auto_escalate_after_minutes (int | None | Unset):
        auto_escalate_inbox_id (None | Unset | UUID):
        name (None | str | Unset):
    """

    auto_escalate_after_minutes: int | None | Unset = UNSET
    auto_escalate_inbox_id: None | Unset | UUID = UNSET
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        auto_escalate_after_minutes: int | None | Unset
        if isinstance(self.auto_escalate_after_minutes, Unset):
            auto_escalate_after_minutes = UNSET
        else:
            auto_escalate_after_minutes = self.auto_escalate_after_minutes

        auto_escalate_inbox_id: None | str | Unset
        if isinstance(self.auto_escalate_inbox_id, Unset):
            auto_escalate_inbox_id = UNSET
        elif isinstance(self.auto_escalate_inbox_id, UUID):
            auto_escalate_inbox_id = str(self.auto_escalate_inbox_id)
        else:
            auto_escalate_inbox_id = self.auto_escalate_inbox_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if auto_escalate_after_minutes is not UNSET:
            field_dict["auto_escalate_after_minutes"] = auto_escalate_after_minutes
        if auto_escalate_inbox_id is not UNSET:
            field_dict["auto_escalate_inbox_id"] = auto_escalate_inbox_id
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_auto_escalate_after_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        auto_escalate_after_minutes = _parse_auto_escalate_after_minutes(d.pop("auto_escalate_after_minutes", UNSET))

        def _parse_auto_escalate_inbox_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_escalate_inbox_id_type_0 = UUID(data)

                return auto_escalate_inbox_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        auto_escalate_inbox_id = _parse_auto_escalate_inbox_id(d.pop("auto_escalate_inbox_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        campaign_update = cls(
            auto_escalate_after_minutes=auto_escalate_after_minutes,
            auto_escalate_inbox_id=auto_escalate_inbox_id,
            name=name,
        )

        return campaign_update
