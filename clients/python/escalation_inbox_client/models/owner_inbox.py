from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.campaign_group import CampaignGroup
    from ..models.inbox_counts import InboxCounts
    from ..models.inbox_ref import InboxRef


T = TypeVar("T", bound="OwnerInbox")


@_attrs_define
class OwnerInbox:
    """
    Attributes:
        inbox (InboxRef):
        is_owner (bool):
        counts (InboxCounts):
        groups (list[CampaignGroup]):
        my_open_claims (int): Your live claims here, against the inbox's capacity
    """

    inbox: InboxRef
    is_owner: bool
    counts: InboxCounts
    groups: list[CampaignGroup]
    my_open_claims: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inbox = self.inbox.to_dict()

        is_owner = self.is_owner

        counts = self.counts.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        my_open_claims = self.my_open_claims

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inbox": inbox,
                "is_owner": is_owner,
                "counts": counts,
                "groups": groups,
                "my_open_claims": my_open_claims,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_group import CampaignGroup  # noqa: PLC0415
        from ..models.inbox_counts import InboxCounts  # noqa: PLC0415
        from ..models.inbox_ref import InboxRef  # noqa: PLC0415

        d = dict(src_dict)
        inbox = InboxRef.from_dict(d.pop("inbox"))

        is_owner = d.pop("is_owner")

        counts = InboxCounts.from_dict(d.pop("counts"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = CampaignGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        my_open_claims = d.pop("my_open_claims")

        owner_inbox = cls(
            inbox=inbox,
            is_owner=is_owner,
            counts=counts,
            groups=groups,
            my_open_claims=my_open_claims,
        )

        owner_inbox.additional_properties = d
        return owner_inbox

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
