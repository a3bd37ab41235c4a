from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookSecretRotation")


@_attrs_define
class WebhookSecretRotation:
    """The optional body of a rotation; without it the default grace period applies.

    Attributes:
        grace_minutes (int | Unset): How long the old secret keeps signing deliveries next to the new one, in minutes
            (at most 7 days); 0 stops it at once Default: 1440.
    """

    grace_minutes: int | Unset = 1440

    def to_dict(self) -> dict[str, Any]:
        grace_minutes = self.grace_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if grace_minutes is not UNSET:
            field_dict["grace_minutes"] = grace_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grace_minutes = d.pop("grace_minutes", UNSET)

        webhook_secret_rotation = cls(
            grace_minutes=grace_minutes,
        )

        return webhook_secret_rotation
