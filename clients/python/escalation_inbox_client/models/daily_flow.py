from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DailyFlow")


@_attrs_define
class DailyFlow:
    """
    Attributes:
        day (datetime.date):
        escalated (int):
        claimed (int):
        resolved (int):
        de_escalated (int):
        sla_breaches (int):
    """

    day: datetime.date
    escalated: int
    claimed: int
    resolved: int
    de_escalated: int
    sla_breaches: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        escalated = self.escalated

        claimed = self.claimed

        resolved = self.resolved

        de_escalated = self.de_escalated

        sla_breaches = self.sla_breaches

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "escalated": escalated,
                "claimed": claimed,
                "resolved": resolved,
                "de_escalated": de_escalated,
                "sla_breaches": sla_breaches,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        escalated = d.pop("escalated")

        claimed = d.pop("claimed")

        resolved = d.pop("resolved")

        de_escalated = d.pop("de_escalated")

        sla_breaches = d.pop("sla_breaches")

        daily_flow = cls(
            day=day,
            escalated=escalated,
            claimed=claimed,
            resolved=resolved,
            de_escalated=de_escalated,
            sla_breaches=sla_breaches,
        )

        daily_flow.additional_properties = d
        return daily_flow

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
