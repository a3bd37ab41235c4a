from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BreachRead")


@_attrs_define
class BreachRead:
    """
    Attributes:
        id (UUID): The breach event's id
        escalation_id (UUID):
        conversation_id (UUID):
        inbox_id (UUID): The escalation's inbox now
        inbox_name (str):
        category (str):
        target (str): `first_response` or `resolution`
        due_at (datetime.datetime | None):
        breached_at (datetime.datetime):
        noticed (str): `worker` (at the deadline), `on_answer` or `on_close` (the target was decided before the worker
            came to it)
        late_minutes (float | None): Business minutes past the target: final once the target was met, else from the due
            time until now
        still_open (bool): The target is still unmet (the lateness grows)
        held_by (None | UUID): Who held the claim when it breached
        level (int | None): The escalation level when it breached
        level_raised_to (int | None):
        priority_from (None | str):
        priority_to (None | str):
    """

    id: UUID
    escalation_id: UUID
    conversation_id: UUID
    inbox_id: UUID
    inbox_name: str
    category: str
    target: str
    due_at: datetime.datetime | None
    breached_at: datetime.datetime
    noticed: str
    late_minutes: float | None
    still_open: bool
    held_by: None | UUID
    level: int | None
    level_raised_to: int | None
    priority_from: None | str
    priority_to: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        escalation_id = str(self.escalation_id)

        conversation_id = str(self.conversation_id)

        inbox_id = str(self.inbox_id)

        inbox_name = self.inbox_name

        category = self.category

        target = self.target

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        breached_at = self.breached_at.isoformat()

        noticed = self.noticed

        late_minutes: float | None
        late_minutes = self.late_minutes

        still_open = self.still_open

        held_by: None | str
        if isinstance(self.held_by, UUID):
            held_by = str(self.held_by)
        else:
            held_by = self.held_by

        level: int | None
        level = self.level

        level_raised_to: int | None
        level_raised_to = self.level_raised_to

        priority_from: None | str
        priority_from = self.priority_from

        priority_to: None | str
        priority_to = self.priority_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "escalation_id": escalation_id,
                "conversation_id": conversation_id,
                "inbox_id": inbox_id,
                "inbox_name": inbox_name,
                "category": category,
                "target": target,
                "due_at": due_at,
                "breached_at": breached_at,
                "noticed": noticed,
                "late_minutes": late_minutes,
                "still_open": still_open,
                "held_by": held_by,
                "level": level,
                "level_raised_to": level_raised_to,
                "priority_from": priority_from,
                "priority_to": priority_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        escalation_id = UUID(d.pop("escalation_id"))

        conversation_id = UUID(d.pop("conversation_id"))

        inbox_id = UUID(d.pop("inbox_id"))

        inbox_name = d.pop("inbox_name")

        category = d.pop("category")

        target = d.pop("target")

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))

        breached_at = datetime.datetime.fromisoformat(d.pop("breached_at"))

        noticed = d.pop("noticed")

        def _parse_late_minutes(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        late_minutes = _parse_late_minutes(d.pop("late_minutes"))

        still_open = d.pop("still_open")

        def _parse_held_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                held_by_type_0 = UUID(data)

                return held_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        held_by = _parse_held_by(d.pop("held_by"))

        def _parse_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        level = _parse_level(d.pop("level"))

        def _parse_level_raised_to(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        level_raised_to = _parse_level_raised_to(d.pop("level_raised_to"))

        def _parse_priority_from(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        priority_from = _parse_priority_from(d.pop("priority_from"))

        def _parse_priority_to(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        priority_to = _parse_priority_to(d.pop("priority_to"))

        breach_read = cls(
            id=id,
            escalation_id=escalation_id,
            conversation_id=conversation_id,
            inbox_id=inbox_id,
            inbox_name=inbox_name,
            category=category,
            target=target,
            due_at=due_at,
            breached_at=breached_at,
            noticed=noticed,
            late_minutes=late_minutes,
            still_open=still_open,
            held_by=held_by,
            level=level,
            level_raised_to=level_raised_to,
            priority_from=priority_from,
            priority_to=priority_to,
        )

        breach_read.additional_properties = d
        return breach_read

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
