from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReportFigures")


@_attrs_define
class ReportFigures:
    """
    Attributes:
        escalations (int): Escalations created in the period
        first_response_met (int):
        first_response_breached (int):
        first_response_attainment (float | None): Met, in % of the first-response targets decided (null: none decided
            yet)
        resolution_met (int):
        resolution_breached (int):
        resolution_attainment (float | None):
        first_response_median_minutes (float | None): Business minutes on the escalation's calendar, from escalation to
            first answer
        first_response_p90_minutes (float | None):
        resolution_median_minutes (float | None): Business minutes to resolution, time paused awaiting the contact left
            out
        resolution_p90_minutes (float | None):
        breaches (int): Targets breached (first response and resolution)
        level_raises (int):
        de_escalations (int):
        moves (int):
    """

    escalations: int
    first_response_met: int
    first_response_breached: int
    first_response_attainment: float | None
    resolution_met: int
    resolution_breached: int
    resolution_attainment: float | None
    first_response_median_minutes: float | None
    first_response_p90_minutes: float | None
    resolution_median_minutes: float | None
    resolution_p90_minutes: float | None
    breaches: int
    level_raises: int
    de_escalations: int
    moves: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        escalations = self.escalations

        first_response_met = self.first_response_met

        first_response_breached = self.first_response_breached

        first_response_attainment: float | None
        first_response_attainment = self.first_response_attainment

        resolution_met = self.resolution_met

        resolution_breached = self.resolution_breached

        resolution_attainment: float | None
        resolution_attainment = self.resolution_attainment

        first_response_median_minutes: float | None
        first_response_median_minutes = self.first_response_median_minutes

        first_response_p90_minutes: float | None
        first_response_p90_minutes = self.first_response_p90_minutes

        resolution_median_minutes: float | None
        resolution_median_minutes = self.resolution_median_minutes

        resolution_p90_minutes: float | None
        resolution_p90_minutes = self.resolution_p90_minutes

        breaches = self.breaches

        level_raises = self.level_raises

        de_escalations = self.de_escalations

        moves = self.moves

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "escalations": escalations,
                "first_response_met": first_response_met,
                "first_response_breached": first_response_breached,
                "first_response_attainment": first_response_attainment,
                "resolution_met": resolution_met,
                "resolution_breached": resolution_breached,
                "resolution_attainment": resolution_attainment,
                "first_response_median_minutes": first_response_median_minutes,
                "first_response_p90_minutes": first_response_p90_minutes,
                "resolution_median_minutes": resolution_median_minutes,
                "resolution_p90_minutes": resolution_p90_minutes,
                "breaches": breaches,
                "level_raises": level_raises,
                "de_escalations": de_escalations,
                "moves": moves,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        escalations = d.pop("escalations")

        first_response_met = d.pop("first_response_met")

        first_response_breached = d.pop("first_response_breached")

        def _parse_first_response_attainment(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_response_attainment = _parse_first_response_attainment(d.pop("first_response_attainment"))

        resolution_met = d.pop("resolution_met")

        resolution_breached = d.pop("resolution_breached")

        def _parse_resolution_attainment(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_attainment = _parse_resolution_attainment(d.pop("resolution_attainment"))

        def _parse_first_response_median_minutes(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_response_median_minutes = _parse_first_response_median_minutes(d.pop("first_response_median_minutes"))

        def _parse_first_response_p90_minutes(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_response_p90_minutes = _parse_first_response_p90_minutes(d.pop("first_response_p90_minutes"))

        def _parse_resolution_median_minutes(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_median_minutes = _parse_resolution_median_minutes(d.pop("resolution_median_minutes"))

        def _parse_resolution_p90_minutes(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_p90_minutes = _parse_resolution_p90_minutes(d.pop("resolution_p90_minutes"))

        breaches = d.pop("breaches")

        level_raises = d.pop("level_raises")

        de_escalations = d.pop("de_escalations")

        moves = d.pop("moves")

        report_figures = cls(
            escalations=escalations,
            first_response_met=first_response_met,
            first_response_breached=first_response_breached,
            first_response_attainment=first_response_attainment,
            resolution_met=resolution_met,
            resolution_breached=resolution_breached,
            resolution_attainment=resolution_attainment,
            first_response_median_minutes=first_response_median_minutes,
            first_response_p90_minutes=first_response_p90_minutes,
            resolution_median_minutes=resolution_median_minutes,
            resolution_p90_minutes=resolution_p90_minutes,
            breaches=breaches,
            level_raises=level_raises,
            de_escalations=de_escalations,
            moves=moves,
        )

        report_figures.additional_properties = d
        return report_figures

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
