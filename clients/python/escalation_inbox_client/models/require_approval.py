from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RequireApproval")


@_attrs_define
class RequireApproval:
    """This rule's escalation waits for a supervisor's or admin's approval.

    Attributes:
        type_ (Literal['require_approval']):
    """

    type_: Literal["require_approval"]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["require_approval"], d.pop("type"))
        if type_ != "require_approval":
            raise ValueError(f"type must match const 'require_approval', got '{type_}'")

        require_approval = cls(
            type_=type_,
        )

        return require_approval
