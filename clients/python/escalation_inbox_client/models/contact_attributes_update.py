from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.contact_attributes_update_attributes import ContactAttributesUpdateAttributes


T = TypeVar("T", bound="ContactAttributesUpdate")


@_attrs_define
class ContactAttributesUpdate:
    """Merged into the contact's attributes: typed values rules compare (`tier`, `rma_count`).

    Attributes:
        attributes (ContactAttributesUpdateAttributes):
    """

    attributes: ContactAttributesUpdateAttributes

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attributes": attributes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_attributes_update_attributes import ContactAttributesUpdateAttributes  # noqa: PLC0415

        d = dict(src_dict)
        attributes = ContactAttributesUpdateAttributes.from_dict(d.pop("attributes"))

        contact_attributes_update = cls(
            attributes=attributes,
        )

        return contact_attributes_update
