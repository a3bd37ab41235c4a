from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HandoffPrefill")


@_attrs_define
class HandoffPrefill:
    """
    Attributes:
        reason (None | str):
        steps_taken (None | str):
        offers_made (None | str):
        help_needed (None | str):
    """

    reason: None | str
    steps_taken: None | str
    offers_made: None | str
    help_needed: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason: None | str
        reason = self.reason

        steps_taken: None | str
        steps_taken = self.steps_taken

        offers_made: None | str
        offers_made = self.offers_made

        help_needed: None | str
        help_needed = self.help_needed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
                "steps_taken": steps_taken,
                "offers_made": offers_made,
                "help_needed": help_needed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_steps_taken(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        steps_taken = _parse_steps_taken(d.pop("steps_taken"))

        def _parse_offers_made(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offers_made = _parse_offers_made(d.pop("offers_made"))

        def _parse_help_needed(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        help_needed = _parse_help_needed(d.pop("help_needed"))

        handoff_prefill = cls(
            reason=reason,
            steps_taken=steps_taken,
            offers_made=offers_made,
            help_needed=help_needed,
        )

        handoff_prefill.additional_properties = d
        return handoff_prefill

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
