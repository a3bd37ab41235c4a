from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_bucket import ReportBucket
    from ..models.report_figures import ReportFigures


T = TypeVar("T", bound="ReportGroup")


@_attrs_define
class ReportGroup:
    """
    Attributes:
        key (str): The inbox or campaign id, the priority or the category key
        label (str):
        current (ReportFigures):
        previous (ReportFigures):
        series (list[ReportBucket]): The current period, bucket by bucket
    """

    key: str
    label: str
    current: ReportFigures
    previous: ReportFigures
    series: list[ReportBucket]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        label = self.label

        current = self.current.to_dict()

        previous = self.previous.to_dict()

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "label": label,
                "current": current,
                "previous": previous,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_bucket import ReportBucket  # noqa: PLC0415
        from ..models.report_figures import ReportFigures  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        label = d.pop("label")

        current = ReportFigures.from_dict(d.pop("current"))

        previous = ReportFigures.from_dict(d.pop("previous"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = ReportBucket.from_dict(series_item_data)

            series.append(series_item)

        report_group = cls(
            key=key,
            label=label,
            current=current,
            previous=previous,
            series=series,
        )

        report_group.additional_properties = d
        return report_group

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
