from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BusinessHours")


@_attrs_define
class BusinessHours:
    """Now is within (or outside) the opening hours of one of the organisation's calendars.

    Attributes:
        type_ (Literal['business_hours']):
        calendar_id (UUID):
        within (bool | Unset):  Default: True.
    """

    type_: Literal["business_hours"]
    calendar_id: UUID
    within: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        calendar_id = str(self.calendar_id)

        within = self.within

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "calendar_id": calendar_id,
            }
        )
        if within is not UNSET:
            field_dict["within"] = within

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["business_hours"], d.pop("type"))
        if type_ != "business_hours":
            raise ValueError(f"type must match const 'business_hours', got '{type_}'")

        calendar_id = UUID(d.pop("calendar_id"))

        within = d.pop("within", UNSET)

        business_hours = cls(
            type_=type_,
            calendar_id=calendar_id,
            within=within,
        )

        return business_hours
