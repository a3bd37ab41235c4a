from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EscalationSummary")


@_attrs_define
class EscalationSummary:
    """
    Attributes:
        id (UUID):
        inbox_id (UUID):
        status (str):
        priority (str):
        claimed_by (None | Unset | UUID): Who holds the live claim (null when not claimed)
        claim_expires_at (datetime.datetime | None | Unset): When the live claim lapses (null when not claimed)
    """

    id: UUID
    inbox_id: UUID
    status: str
    priority: str
    claimed_by: None | Unset | UUID = UNSET
    claim_expires_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        inbox_id = str(self.inbox_id)

        status = self.status

        priority = self.priority

        claimed_by: None | str | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        elif isinstance(self.claimed_by, UUID):
            claimed_by = str(self.claimed_by)
        else:
            claimed_by = self.claimed_by

        claim_expires_at: None | str | Unset
        if isinstance(self.claim_expires_at, Unset):
            claim_expires_at = UNSET
        elif isinstance(self.claim_expires_at, datetime.datetime):
            claim_expires_at = self.claim_expires_at.isoformat()
        else:
            claim_expires_at = self.claim_expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "inbox_id": inbox_id,
                "status": status,
                "priority": priority,
            }
        )
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by
        if claim_expires_at is not UNSET:
            field_dict["claim_expires_at"] = claim_expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        inbox_id = UUID(d.pop("inbox_id"))

        status = d.pop("status")

        priority = d.pop("priority")

        def _parse_claimed_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_by_type_0 = UUID(data)

                return claimed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by", UNSET))

        def _parse_claim_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claim_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return claim_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        claim_expires_at = _parse_claim_expires_at(d.pop("claim_expires_at", UNSET))

        escalation_summary = cls(
            id=id,
            inbox_id=inbox_id,
            status=status,
            priority=priority,
            claimed_by=claimed_by,
            claim_expires_at=claim_expires_at,
        )

        escalation_summary.additional_properties = d
        return escalation_summary

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
