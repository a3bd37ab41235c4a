from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger import Trigger
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_test_match import RuleTestMatch


T = TypeVar("T", bound="RuleTestResult")


@_attrs_define
class RuleTestResult:
    """
    Attributes:
        trigger (Trigger):
        matched (list[RuleTestMatch]):
        evaluated (int): How many enabled rules of the trigger were looked at
        timed_out (list[UUID] | Unset): Rules whose regex ran out of time (treated as no match)
    """

    trigger: Trigger
    matched: list[RuleTestMatch]
    evaluated: int
    timed_out: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trigger = self.trigger.value

        matched = []
        for matched_item_data in self.matched:
            matched_item = matched_item_data.to_dict()
            matched.append(matched_item)

        evaluated = self.evaluated

        timed_out: list[str] | Unset = UNSET
        if not isinstance(self.timed_out, Unset):
            timed_out = []
            for timed_out_item_data in self.timed_out:
                timed_out_item = str(timed_out_item_data)
                timed_out.append(timed_out_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trigger": trigger,
                "matched": matched,
                "evaluated": evaluated,
            }
        )
        if timed_out is not UNSET:
            field_dict["timed_out"] = timed_out

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_test_match import RuleTestMatch  # noqa: PLC0415

        d = dict(src_dict)
        trigger = Trigger(d.pop("trigger"))

        matched = []
        _matched = d.pop("matched")
        for matched_item_data in _matched:
            matched_item = RuleTestMatch.from_dict(matched_item_data)

            matched.append(matched_item)

        evaluated = d.pop("evaluated")

        _timed_out = d.pop("timed_out", UNSET)
        timed_out: list[UUID] | Unset = UNSET
        if _timed_out is not UNSET:
            timed_out = []
            for timed_out_item_data in _timed_out:
                timed_out_item = UUID(timed_out_item_data)

                timed_out.append(timed_out_item)

        rule_test_result = cls(
            trigger=trigger,
            matched=matched,
            evaluated=evaluated,
            timed_out=timed_out,
        )

        rule_test_result.additional_properties = d
        return rule_test_result

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
