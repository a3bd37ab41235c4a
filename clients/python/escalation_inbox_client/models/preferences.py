from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.preferences_muted_channels_item import PreferencesMutedChannelsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="Preferences")


@_attrs_define
class Preferences:
    """
    Attributes:
        muted_channels (list[PreferencesMutedChannelsItem] | Unset): Channels you do not want; the fallback (when nobody
            else is found) ignores it
        weekly_digest (bool | Unset): Monday 09:00 (your working calendar's time zone, else the organisation's): an
            email with last week's SLA figures of your inboxes (admins: every inbox), against the week before Default:
            False.
    """

    muted_channels: list[PreferencesMutedChannelsItem] | Unset = UNSET
    weekly_digest: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        muted_channels: list[str] | Unset = UNSET
        if not isinstance(self.muted_channels, Unset):
            muted_channels = []
            for muted_channels_item_data in self.muted_channels:
                muted_channels_item = muted_channels_item_data.value
                muted_channels.append(muted_channels_item)

        weekly_digest = self.weekly_digest

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if muted_channels is not UNSET:
            field_dict["muted_channels"] = muted_channels
        if weekly_digest is not UNSET:
            field_dict["weekly_digest"] = weekly_digest

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _muted_channels = d.pop("muted_channels", UNSET)
        muted_channels: list[PreferencesMutedChannelsItem] | Unset = UNSET
        if _muted_channels is not UNSET:
            muted_channels = []
            for muted_channels_item_data in _muted_channels:
                muted_channels_item = PreferencesMutedChannelsItem(muted_channels_item_data)

                muted_channels.append(muted_channels_item)

        weekly_digest = d.pop("weekly_digest", UNSET)

        preferences = cls(
            muted_channels=muted_channels,
            weekly_digest=weekly_digest,
        )

        return preferences
