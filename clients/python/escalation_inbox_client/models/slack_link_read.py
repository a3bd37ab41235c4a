from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.slack_link_read_state import SlackLinkReadState

T = TypeVar("T", bound="SlackLinkRead")


@_attrs_define
class SlackLinkRead:
    """A one-time link from Slack: which Slack user would become the caller.

    Attributes:
        team_id (str):
        slack_user_id (str):
        slack_user_name (str):
        org_id (UUID):
        expires_at (datetime.datetime):
        state (SlackLinkReadState): valid: it can be confirmed; linked: this Slack user is you already; expired: press
            the button in Slack again
    """

    team_id: str
    slack_user_id: str
    slack_user_name: str
    org_id: UUID
    expires_at: datetime.datetime
    state: SlackLinkReadState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        team_id = self.team_id

        slack_user_id = self.slack_user_id

        slack_user_name = self.slack_user_name

        org_id = str(self.org_id)

        expires_at = self.expires_at.isoformat()

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "team_id": team_id,
                "slack_user_id": slack_user_id,
                "slack_user_name": slack_user_name,
                "org_id": org_id,
                "expires_at": expires_at,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        team_id = d.pop("team_id")

        slack_user_id = d.pop("slack_user_id")

        slack_user_name = d.pop("slack_user_name")

        org_id = UUID(d.pop("org_id"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        state = SlackLinkReadState(d.pop("state"))

        slack_link_read = cls(
            team_id=team_id,
            slack_user_id=slack_user_id,
            slack_user_name=slack_user_name,
            org_id=org_id,
            expires_at=expires_at,
            state=state,
        )

        slack_link_read.additional_properties = d
        return slack_link_read

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
