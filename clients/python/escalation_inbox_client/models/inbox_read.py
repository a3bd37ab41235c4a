from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_mode import AssignmentMode
from ..models.priority import Priority

if TYPE_CHECKING:
    from ..models.inbox_counts import InboxCounts


T = TypeVar("T", bound="InboxRead")


@_attrs_define
class InboxRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        name (str):
        description (None | str):
        owner_ids (list[UUID]):
        batch_size (int):
        assignment_duration_minutes (int):
        default_priority (None | Priority):
        sla_policy_id (None | UUID):
        capacity (int | None):
        assignment_mode (AssignmentMode):
        unstaffed_since (datetime.datetime | None): Since when escalations wait here with no owner on shift (auto modes)
        restricted (bool): Escalations into it wait for an approval
        reply_within_minutes (int | None): Reply-or-return: business minutes a claim has to send an outbound reply
            before it goes back (null: off)
        counts (InboxCounts | None): Live escalations; shown to the inbox's owners and supervisors and above
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    name: str
    description: None | str
    owner_ids: list[UUID]
    batch_size: int
    assignment_duration_minutes: int
    default_priority: None | Priority
    sla_policy_id: None | UUID
    capacity: int | None
    assignment_mode: AssignmentMode
    unstaffed_since: datetime.datetime | None
    restricted: bool
    reply_within_minutes: int | None
    counts: InboxCounts | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.inbox_counts import InboxCounts  # noqa: PLC0415

        id = str(self.id)

        org_id = str(self.org_id)

        name = self.name

        description: None | str
        description = self.description

        owner_ids = []
        for owner_ids_item_data in self.owner_ids:
            owner_ids_item = str(owner_ids_item_data)
            owner_ids.append(owner_ids_item)

        batch_size = self.batch_size

        assignment_duration_minutes = self.assignment_duration_minutes

        default_priority: None | str
        if isinstance(self.default_priority, Priority):
            default_priority = self.default_priority.value
        else:
            default_priority = self.default_priority

        sla_policy_id: None | str
        if isinstance(self.sla_policy_id, UUID):
            sla_policy_id = str(self.sla_policy_id)
        else:
            sla_policy_id = self.sla_policy_id

        capacity: int | None
        capacity = self.capacity

        assignment_mode = self.assignment_mode.value

        unstaffed_since: None | str
        if isinstance(self.unstaffed_since, datetime.datetime):
            unstaffed_since = self.unstaffed_since.isoformat()
        else:
            unstaffed_since = self.unstaffed_since

        restricted = self.restricted

        reply_within_minutes: int | None
        reply_within_minutes = self.reply_within_minutes

        counts: dict[str, Any] | None
        if isinstance(self.counts, InboxCounts):
            counts = self.counts.to_dict()
        else:
            counts = self.counts

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "name": name,
                "description": description,
                "owner_ids": owner_ids,
                "batch_size": batch_size,
                "assignment_duration_minutes": assignment_duration_minutes,
                "default_priority": default_priority,
                "sla_policy_id": sla_policy_id,
                "capacity": capacity,
                "assignment_mode": assignment_mode,
                "unstaffed_since": unstaffed_since,
                "restricted": restricted,
                "reply_within_minutes": reply_within_minutes,
                "counts": counts,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inbox_counts import InboxCounts  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        owner_ids = []
        _owner_ids = d.pop("owner_ids")
        for owner_ids_item_data in _owner_ids:
            owner_ids_item = UUID(owner_ids_item_data)

            owner_ids.append(owner_ids_item)

        batch_size = d.pop("batch_size")

        assignment_duration_minutes = d.pop("assignment_duration_minutes")

        def _parse_default_priority(data: object) -> None | Priority:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                default_priority_type_0 = Priority(data)

                return default_priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority, data)

        default_priority = _parse_default_priority(d.pop("default_priority"))

        def _parse_sla_policy_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sla_policy_id_type_0 = UUID(data)

                return sla_policy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        sla_policy_id = _parse_sla_policy_id(d.pop("sla_policy_id"))

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        assignment_mode = AssignmentMode(d.pop("assignment_mode"))

        def _parse_unstaffed_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unstaffed_since_type_0 = datetime.datetime.fromisoformat(data)

                return unstaffed_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        unstaffed_since = _parse_unstaffed_since(d.pop("unstaffed_since"))

        restricted = d.pop("restricted")

        def _parse_reply_within_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reply_within_minutes = _parse_reply_within_minutes(d.pop("reply_within_minutes"))

        def _parse_counts(data: object) -> InboxCounts | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                counts_type_0 = InboxCounts.from_dict(data)

                return counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InboxCounts | None, data)

        counts = _parse_counts(d.pop("counts"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        inbox_read = cls(
            id=id,
            org_id=org_id,
            name=name,
            description=description,
            owner_ids=owner_ids,
            batch_size=batch_size,
            assignment_duration_minutes=assignment_duration_minutes,
            default_priority=default_priority,
            sla_policy_id=sla_policy_id,
            capacity=capacity,
            assignment_mode=assignment_mode,
            unstaffed_since=unstaffed_since,
            restricted=restricted,
            reply_within_minutes=reply_within_minutes,
            counts=counts,
            created_at=created_at,
            updated_at=updated_at,
        )

        inbox_read.additional_properties = d
        return inbox_read

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
