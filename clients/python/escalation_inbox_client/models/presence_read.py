from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.presence_state import PresenceState

T = TypeVar("T", bound="PresenceRead")


@_attrs_define
class PresenceRead:
    """
    Attributes:
        user_id (UUID):
        display_name (None | str):
        email (str):
        state (PresenceState):
        since (datetime.datetime): When the member entered this state
        expires_at (datetime.datetime): When it lapses unless the member beats again
    """

    user_id: UUID
    display_name: None | str
    email: str
    state: PresenceState
    since: datetime.datetime
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        display_name: None | str
        display_name = self.display_name

        email = self.email

        state = self.state.value

        since = self.since.isoformat()

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "display_name": display_name,
                "email": email,
                "state": state,
                "since": since,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        email = d.pop("email")

        state = PresenceState(d.pop("state"))

        since = datetime.datetime.fromisoformat(d.pop("since"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        presence_read = cls(
            user_id=user_id,
            display_name=display_name,
            email=email,
            state=state,
            since=since,
            expires_at=expires_at,
        )

        presence_read.additional_properties = d
        return presence_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
