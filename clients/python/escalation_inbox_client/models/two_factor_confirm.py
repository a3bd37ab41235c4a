from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TwoFactorConfirm")


@_attrs_define
class TwoFactorConfirm:
    """
    Attributes:
        code (str): Six digits from the authenticator app, or (where allowed) a backup code
    """

    code: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        two_factor_confirm = cls(
            code=code,
        )

        return two_factor_confirm
