from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notify_member import NotifyMember
    from ..models.notify_role import NotifyRole
    from ..models.notify_slack import NotifySlack


T = TypeVar("T", bound="Notify")


@_attrs_define
class Notify:
    """
    Attributes:
        type_ (Literal['notify']):
        target (NotifyMember | NotifyRole | NotifySlack):
        message (None | str | Unset):
    """

    type_: Literal["notify"]
    target: NotifyMember | NotifyRole | NotifySlack
    message: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.notify_member import NotifyMember  # noqa: PLC0415
        from ..models.notify_role import NotifyRole  # noqa: PLC0415

        type_ = self.type_

        target: dict[str, Any]
        if isinstance(self.target, NotifyMember):
            target = self.target.to_dict()
        elif isinstance(self.target, NotifyRole):
            target = self.target.to_dict()
        else:
            target = self.target.to_dict()

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "target": target,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notify_member import NotifyMember  # noqa: PLC0415
        from ..models.notify_role import NotifyRole  # noqa: PLC0415
        from ..models.notify_slack import NotifySlack  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["notify"], d.pop("type"))
        if type_ != "notify":
            raise ValueError(f"type must match const 'notify', got '{type_}'")

        def _parse_target(data: object) -> NotifyMember | NotifyRole | NotifySlack:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_type_0 = NotifyMember.from_dict(data)

                return target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_type_1 = NotifyRole.from_dict(data)

                return target_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            target_type_2 = NotifySlack.from_dict(data)

            return target_type_2

        target = _parse_target(d.pop("target"))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        notify = cls(
            type_=type_,
            target=target,
            message=message,
        )

        return notify
