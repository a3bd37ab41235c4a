from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlackIntegrationSet")


@_attrs_define
class SlackIntegrationSet:
    """
    Attributes:
        team_id (str): The Slack workspace's id (T…), as its interaction requests name it
        signing_secret (str): The app's Signing Secret (Basic Information); never shown again
    """

    team_id: str
    signing_secret: str

    def to_dict(self) -> dict[str, Any]:
        team_id = self.team_id

        signing_secret = self.signing_secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "team_id": team_id,
                "signing_secret": signing_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        team_id = d.pop("team_id")

        signing_secret = d.pop("signing_secret")

        slack_integration_set = cls(
            team_id=team_id,
            signing_secret=signing_secret,
        )

        return slack_integration_set
