from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NotifySlack")


@_attrs_define
class NotifySlack:
    """
    Attributes:
        type_ (Literal['slack']):
        url (str):
    """

    type_: Literal["slack"]
    url: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["slack"], d.pop("type"))
        if type_ != "slack":
            raise ValueError(f"type must match const 'slack', got '{type_}'")

        url = d.pop("url")

        notify_slack = cls(
            type_=type_,
            url=url,
        )

        return notify_slack
