from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HandoffTemplateCreate")


@_attrs_define
class HandoffTemplateCreate:
    """
    Attributes:
        name (str):
        inbox_id (None | Unset | UUID): Offered for this inbox only
        category (None | str | Unset): Offered for this category only
        reason (None | str | Unset): May use `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and
            `{{contact.attributes.<key>}}`
        steps_taken (None | str | Unset): May use `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and
            `{{contact.attributes.<key>}}`
        offers_made (None | str | Unset): May use `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and
            `{{contact.attributes.<key>}}`
        help_needed (None | str | Unset): May use `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and
            `{{contact.attributes.<key>}}`
    """

    name: str
    inbox_id: None | Unset | UUID = UNSET
    category: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    steps_taken: None | str | Unset = UNSET
    offers_made: None | str | Unset = UNSET
    help_needed: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        inbox_id: None | str | Unset
        if isinstance(self.inbox_id, Unset):
            inbox_id = UNSET
        elif isinstance(self.inbox_id, UUID):
            inbox_id = str(self.inbox_id)
        else:
            inbox_id = self.inbox_id

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        steps_taken: None | str | Unset
        if isinstance(self.steps_taken, Unset):
            steps_taken = UNSET
        else:
            steps_taken = self.steps_taken

        offers_made: None | str | Unset
        if isinstance(self.offers_made, Unset):
            offers_made = UNSET
        else:
            offers_made = self.offers_made

        help_needed: None | str | Unset
        if isinstance(self.help_needed, Unset):
            help_needed = UNSET
        else:
            help_needed = self.help_needed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if inbox_id is not UNSET:
            field_dict["inbox_id"] = inbox_id
        if category is not UNSET:
            field_dict["category"] = category
        if reason is not UNSET:
            field_dict["reason"] = reason
        if steps_taken is not UNSET:
            field_dict["steps_taken"] = steps_taken
        if offers_made is not UNSET:
            field_dict["offers_made"] = offers_made
        if help_needed is not UNSET:
            field_dict["help_needed"] = help_needed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_inbox_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                inbox_id_type_0 = UUID(data)

                return inbox_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        inbox_id = _parse_inbox_id(d.pop("inbox_id", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_steps_taken(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        steps_taken = _parse_steps_taken(d.pop("steps_taken", UNSET))

        def _parse_offers_made(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        offers_made = _parse_offers_made(d.pop("offers_made", UNSET))

        def _parse_help_needed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        help_needed = _parse_help_needed(d.pop("help_needed", UNSET))

        handoff_template_create = cls(
            name=name,
            inbox_id=inbox_id,
            category=category,
            reason=reason,
            steps_taken=steps_taken,
            offers_made=offers_made,
            help_needed=help_needed,
        )

        return handoff_template_create
