from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attainment import Attainment
    from ..models.daily_flow import DailyFlow
    from ..models.open_count import OpenCount


T = TypeVar("T", bound="EscalationStats")


@_attrs_define
class EscalationStats:
    """
    Attributes:
        days (int):
        open_by_inbox (list[OpenCount]):
        daily (list[DailyFlow]):
        first_response (Attainment):
        resolution (Attainment):
    """

    days: int
    open_by_inbox: list[OpenCount]
    daily: list[DailyFlow]
    first_response: Attainment
    resolution: Attainment
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        open_by_inbox = []
        for open_by_inbox_item_data in self.open_by_inbox:
            open_by_inbox_item = open_by_inbox_item_data.to_dict()
            open_by_inbox.append(open_by_inbox_item)

        daily = []
        for daily_item_data in self.daily:
            daily_item = daily_item_data.to_dict()
            daily.append(daily_item)

        first_response = self.first_response.to_dict()

        resolution = self.resolution.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "open_by_inbox": open_by_inbox,
                "daily": daily,
                "first_response": first_response,
                "resolution": resolution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attainment import Attainment  # noqa: PLC0415
        from ..models.daily_flow import DailyFlow  # noqa: PLC0415
        from ..models.open_count import OpenCount  # noqa: PLC0415

        d = dict(src_dict)
        days = d.pop("days")

        open_by_inbox = []
        _open_by_inbox = d.pop("open_by_inbox")
        for open_by_inbox_item_data in _open_by_inbox:
            open_by_inbox_item = OpenCount.from_dict(open_by_inbox_item_data)

            open_by_inbox.append(open_by_inbox_item)

        daily = []
        _daily = d.pop("daily")
        for daily_item_data in _daily:
            daily_item = DailyFlow.from_dict(daily_item_data)

            daily.append(daily_item)

        first_response = Attainment.from_dict(d.pop("first_response"))

        resolution = Attainment.from_dict(d.pop("resolution"))

        escalation_stats = cls(
            days=days,
            open_by_inbox=open_by_inbox,
            daily=daily,
            first_response=first_response,
            resolution=resolution,
        )

        escalation_stats.additional_properties = d
        return escalation_stats

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
