from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_attribute_op import ContactAttributeOp
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactAttribute")


@_attrs_define
class ContactAttribute:
    """A contact attribute compares: `tier eq "vip"`, `rma_count gte 2`, `vip exists`.

    Attributes:
        type_ (Literal['contact_attribute']):
        key (str):
        op (ContactAttributeOp):
        value (bool | float | int | list[bool | float | int | str] | None | str | Unset):
    """

    type_: Literal["contact_attribute"]
    key: str
    op: ContactAttributeOp
    value: bool | float | int | list[bool | float | int | str] | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        key = self.key

        op = self.op.value

        value: bool | float | int | list[bool | float | int | str] | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, list):
            value = []
            for value_type_4_item_data in self.value:
                value_type_4_item: bool | float | int | str
                value_type_4_item = value_type_4_item_data
                value.append(value_type_4_item)

        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "key": key,
                "op": op,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["contact_attribute"], d.pop("type"))
        if type_ != "contact_attribute":
            raise ValueError(f"type must match const 'contact_attribute', got '{type_}'")

        key = d.pop("key")

        op = ContactAttributeOp(d.pop("op"))

        def _parse_value(data: object) -> bool | float | int | list[bool | float | int | str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_4 = []
                _value_type_4 = data
                for value_type_4_item_data in _value_type_4:

                    def _parse_value_type_4_item(data: object) -> bool | float | int | str:
                        return cast(bool | float | int | str, data)

                    value_type_4_item = _parse_value_type_4_item(value_type_4_item_data)

                    value_type_4.append(value_type_4_item)

                return value_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | float | int | list[bool | float | int | str] | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        contact_attribute = cls(
            type_=type_,
            key=key,
            op=op,
            value=value,
        )

        return contact_attribute
