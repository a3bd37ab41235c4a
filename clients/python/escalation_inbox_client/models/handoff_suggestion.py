from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.handoff_prefill import HandoffPrefill


T = TypeVar("T", bound="HandoffSuggestion")


@_attrs_define
class HandoffSuggestion:
    """
    Attributes:
        template_id (UUID):
        name (str):
        inbox_id (None | UUID):
        category (None | str):
        handoff (HandoffPrefill):
    """

    template_id: UUID
    name: str
    inbox_id: None | UUID
    category: None | str
    handoff: HandoffPrefill
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        template_id = str(self.template_id)

        name = self.name

        inbox_id: None | str
        if isinstance(self.inbox_id, UUID):
            inbox_id = str(self.inbox_id)
        else:
            inbox_id = self.inbox_id

        category: None | str
        category = self.category

        handoff = self.handoff.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "template_id": template_id,
                "name": name,
                "inbox_id": inbox_id,
                "category": category,
                "handoff": handoff,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.handoff_prefill import HandoffPrefill  # noqa: PLC0415

        d = dict(src_dict)
        template_id = UUID(d.pop("template_id"))

        name = d.pop("name")

        def _parse_inbox_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                inbox_id_type_0 = UUID(data)

                return inbox_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        inbox_id = _parse_inbox_id(d.pop("inbox_id"))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        handoff = HandoffPrefill.from_dict(d.pop("handoff"))

        handoff_suggestion = cls(
            template_id=template_id,
            name=name,
            inbox_id=inbox_id,
            category=category,
            handoff=handoff,
        )

        handoff_suggestion.additional_properties = d
        return handoff_suggestion

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
