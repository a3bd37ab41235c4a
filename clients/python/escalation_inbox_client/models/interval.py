from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Interval")


@_attrs_define
class Interval:
    """
    Attributes:
        weekday (int): 0 = Monday … 6 = Sunday
        start (str):
        end (str): Not after `start`: runs past midnight; `24:00` is allowed
    """

    weekday: int
    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        weekday = self.weekday

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "weekday": weekday,
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        weekday = d.pop("weekday")

        start = d.pop("start")

        end = d.pop("end")

        interval = cls(
            weekday=weekday,
            start=start,
            end=end,
        )

        return interval
