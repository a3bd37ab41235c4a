from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.priority import Priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.handoff import Handoff


T = TypeVar("T", bound="EscalationCreate")


@_attrs_define
class EscalationCreate:
    """
    Attributes:
        inbox_id (UUID):
        handoff (Handoff): What the next person needs to know; reason, steps taken and help needed are required.
        priority (None | Priority | Unset): Default: the inbox's, else normal
        category (str | Unset):  Default: 'other'.
    """

    inbox_id: UUID
    handoff: Handoff
    priority: None | Priority | Unset = UNSET
    category: str | Unset = "other"

    def to_dict(self) -> dict[str, Any]:
        inbox_id = str(self.inbox_id)

        handoff = self.handoff.to_dict()

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, Priority):
            priority = self.priority.value
        else:
            priority = self.priority

        category = self.category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "inbox_id": inbox_id,
                "handoff": handoff,
            }
        )
        if priority is not UNSET:
            field_dict["priority"] = priority
        if category is not UNSET:
            field_dict["category"] = category

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.handoff import Handoff  # noqa: PLC0415

        d = dict(src_dict)
        inbox_id = UUID(d.pop("inbox_id"))

        handoff = Handoff.from_dict(d.pop("handoff"))

        def _parse_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = Priority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        category = d.pop("category", UNSET)

        escalation_create = cls(
            inbox_id=inbox_id,
            handoff=handoff,
            priority=priority,
            category=category,
        )

        return escalation_create
