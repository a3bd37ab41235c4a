from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bucket import Bucket
from ..models.group_by import GroupBy

if TYPE_CHECKING:
    from ..models.report_group import ReportGroup


T = TypeVar("T", bound="SlaReport")


@_attrs_define
class SlaReport:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        previous_from (datetime.date):
        previous_to (datetime.date):
        time_zone (str): The organisation's: where its days begin
        group_by (GroupBy):
        bucket (Bucket):
        total (ReportGroup):
        groups (list[ReportGroup]):
    """

    from_: datetime.date
    to: datetime.date
    previous_from: datetime.date
    previous_to: datetime.date
    time_zone: str
    group_by: GroupBy
    bucket: Bucket
    total: ReportGroup
    groups: list[ReportGroup]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        previous_from = self.previous_from.isoformat()

        previous_to = self.previous_to.isoformat()

        time_zone = self.time_zone

        group_by = self.group_by.value

        bucket = self.bucket.value

        total = self.total.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "previous_from": previous_from,
                "previous_to": previous_to,
                "time_zone": time_zone,
                "group_by": group_by,
                "bucket": bucket,
                "total": total,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_group import ReportGroup  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        previous_from = datetime.date.fromisoformat(d.pop("previous_from"))

        previous_to = datetime.date.fromisoformat(d.pop("previous_to"))

        time_zone = d.pop("time_zone")

        group_by = GroupBy(d.pop("group_by"))

        bucket = Bucket(d.pop("bucket"))

        total = ReportGroup.from_dict(d.pop("total"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = ReportGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        sla_report = cls(
            from_=from_,
            to=to,
            previous_from=previous_from,
            previous_to=previous_to,
            time_zone=time_zone,
            group_by=group_by,
            bucket=bucket,
            total=total,
            groups=groups,
        )

        sla_report.additional_properties = d
        return sla_report

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
