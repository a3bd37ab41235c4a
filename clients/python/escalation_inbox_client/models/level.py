from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.level_notify_item import LevelNotifyItem

T = TypeVar("T", bound="Level")


@_attrs_define
class Level:
    """
    Attributes:
        level (int):
        notify (list[LevelNotifyItem]):
    """

    level: int
    notify: list[LevelNotifyItem]

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        notify = []
        for notify_item_data in self.notify:
            notify_item = notify_item_data.value
            notify.append(notify_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "level": level,
                "notify": notify,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = d.pop("level")

        notify = []
        _notify = d.pop("notify")
        for notify_item_data in _notify:
            notify_item = LevelNotifyItem(notify_item_data)

            notify.append(notify_item)

        level = cls(
            level=level,
            notify=notify,
        )

        return level
