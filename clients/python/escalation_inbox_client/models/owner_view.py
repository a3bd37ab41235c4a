from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.owner_inbox import OwnerInbox


T = TypeVar("T", bound="OwnerView")


@_attrs_define
class OwnerView:
    """
    Attributes:
        inboxes (list[OwnerInbox]):
    """

    inboxes: list[OwnerInbox]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inboxes = []
        for inboxes_item_data in self.inboxes:
            inboxes_item = inboxes_item_data.to_dict()
            inboxes.append(inboxes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inboxes": inboxes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.owner_inbox import OwnerInbox  # noqa: PLC0415

        d = dict(src_dict)
        inboxes = []
        _inboxes = d.pop("inboxes")
        for inboxes_item_data in _inboxes:
            inboxes_item = OwnerInbox.from_dict(inboxes_item_data)

            inboxes.append(inboxes_item)

        owner_view = cls(
            inboxes=inboxes,
        )

        owner_view.additional_properties = d
        return owner_view

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
