from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.preferences_update_muted_channels_item import PreferencesUpdateMutedChannelsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="PreferencesUpdate")


@_attrs_define
class PreferencesUpdate:
    """
    Attributes:
        muted_channels (list[PreferencesUpdateMutedChannelsItem] | Unset): Channels you do not want; the fallback (when
            nobody else is found) ignores it
        weekly_digest (bool | None | Unset): Leave out to keep the current choice
    """

    muted_channels: list[PreferencesUpdateMutedChannelsItem] | Unset = UNSET
    weekly_digest: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        muted_channels: list[str] | Unset = UNSET
        if not isinstance(self.muted_channels, Unset):
            muted_channels = []
            for muted_channels_item_data in self.muted_channels:
                muted_channels_item = muted_channels_item_data.value
                muted_channels.append(muted_channels_item)

        weekly_digest: bool | None | Unset
        if isinstance(self.weekly_digest, Unset):
            weekly_digest = UNSET
        else:
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
        muted_channels: list[PreferencesUpdateMutedChannelsItem] | Unset = UNSET
        if _muted_channels is not UNSET:
            muted_channels = []
            for muted_channels_item_data in _muted_channels:
                muted_channels_item = PreferencesUpdateMutedChannelsItem(muted_channels_item_data)

                muted_channels.append(muted_channels_item)

        def _parse_weekly_digest(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        weekly_digest = _parse_weekly_digest(d.pop("weekly_digest", UNSET))

        preferences_update = cls(
            muted_channels=muted_channels,
            weekly_digest=weekly_digest,
        )

        return preferences_update
