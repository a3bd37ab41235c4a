from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Handoff")


@_attrs_define
class Handoff:
    """What the next person needs to know; reason, steps taken and help needed are required.

    Attributes:
        reason (str):
        steps_taken (str):
        help_needed (str):
        offers_made (None | str | Unset):
    """

    reason: str
    steps_taken: str
    help_needed: str
    offers_made: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        steps_taken = self.steps_taken

        help_needed = self.help_needed

        offers_made: None | str | Unset
        if isinstance(self.offers_made, Unset):
            offers_made = UNSET
        else:
            offers_made = self.offers_made

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "steps_taken": steps_taken,
                "help_needed": help_needed,
            }
        )
        if offers_made is not UNSET:
            field_dict["offers_made"] = offers_made

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        steps_taken = d.pop("steps_taken")

        help_needed = d.pop("help_needed")

        def _parse_offers_made(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        offers_made = _parse_offers_made(d.pop("offers_made", UNSET))

        handoff = cls(
            reason=reason,
            steps_taken=steps_taken,
            help_needed=help_needed,
            offers_made=offers_made,
        )

        return handoff
