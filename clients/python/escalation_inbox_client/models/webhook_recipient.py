from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookRecipient")


@_attrs_define
class WebhookRecipient:
    """
    Attributes:
        type_ (Literal['webhook']):
        webhook_id (UUID):
    """

    type_: Literal["webhook"]
    webhook_id: UUID

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        webhook_id = str(self.webhook_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "webhook_id": webhook_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["webhook"], d.pop("type"))
        if type_ != "webhook":
            raise ValueError(f"type must match const 'webhook', got '{type_}'")

        webhook_id = UUID(d.pop("webhook_id"))

        webhook_recipient = cls(
            type_=type_,
            webhook_id=webhook_id,
        )

        return webhook_recipient
