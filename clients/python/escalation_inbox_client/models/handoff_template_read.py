from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HandoffTemplateRead")


@_attrs_define
class HandoffTemplateRead:
    """
    Attributes:
        id (UUID):
        name (str):
        inbox_id (None | UUID):
        category (None | str):
        reason (None | str):
        steps_taken (None | str):
        offers_made (None | str):
        help_needed (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    inbox_id: None | UUID
    category: None | str
    reason: None | str
    steps_taken: None | str
    offers_made: None | str
    help_needed: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        inbox_id: None | str
        if isinstance(self.inbox_id, UUID):
            inbox_id = str(self.inbox_id)
        else:
            inbox_id = self.inbox_id

        category: None | str
        category = self.category

        reason: None | str
        reason = self.reason

        steps_taken: None | str
        steps_taken = self.steps_taken

        offers_made: None | str
        offers_made = self.offers_made

        help_needed: None | str
        help_needed = self.help_needed

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "inbox_id": inbox_id,
                "category": category,
                "reason": reason,
                "steps_taken": steps_taken,
                "offers_made": offers_made,
                "help_needed": help_needed,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        handoff_template_read = cls(
            id=id,
            name=name,
            inbox_id=inbox_id,
            category=category,
            reason=reason,
            steps_taken=steps_taken,
            offers_made=offers_made,
            help_needed=help_needed,
            created_at=created_at,
            updated_at=updated_at,
        )

        handoff_template_read.additional_properties = d
        return handoff_template_read

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
