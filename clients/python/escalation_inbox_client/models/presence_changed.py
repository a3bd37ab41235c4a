from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.presence_read import PresenceRead


T = TypeVar("T", bound="PresenceChanged")


@_attrs_define
class PresenceChanged:
    """The `data` of a `presence` stream message: the escalation's whole list after a change
    (someone arrived, changed state, left or lapsed). Not an event: it has no id, is never
    replayed on a resume, and moves no cursor; fetch `GET …/presence` after (re)connecting.

        Attributes:
            escalation_id (UUID):
            inbox_id (UUID):
            members (list[PresenceRead]):
    """

    escalation_id: UUID
    inbox_id: UUID
    members: list[PresenceRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        escalation_id = str(self.escalation_id)

        inbox_id = str(self.inbox_id)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "escalation_id": escalation_id,
                "inbox_id": inbox_id,
                "members": members,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presence_read import PresenceRead  # noqa: PLC0415

        d = dict(src_dict)
        escalation_id = UUID(d.pop("escalation_id"))

        inbox_id = UUID(d.pop("inbox_id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = PresenceRead.from_dict(members_item_data)

            members.append(members_item)

        presence_changed = cls(
            escalation_id=escalation_id,
            inbox_id=inbox_id,
            members=members,
        )

        presence_changed.additional_properties = d
        return presence_changed

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
