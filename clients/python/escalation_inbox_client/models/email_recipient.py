from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="EmailRecipient")


@_attrs_define
class EmailRecipient:
    """
    Attributes:
        type_ (Literal['email']):
        address (str):
    """

    type_: Literal["email"]
    address: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        address = self.address

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "address": address,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["email"], d.pop("type"))
        if type_ != "email":
            raise ValueError(f"type must match const 'email', got '{type_}'")

        address = d.pop("address")

        email_recipient = cls(
            type_=type_,
            address=address,
        )

        return email_recipient
