from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SlackIntegrationRead")


@_attrs_define
class SlackIntegrationRead:
    """
    Attributes:
        org_id (UUID):
        team_id (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        signing_secret_set (bool | Unset): A secret is stored (encrypted); it is never shown Default: True.
        interactivity_path (str | Unset): Where the Slack app's Interactivity Request URL must point (on BASE_URL)
            Default: '/api/v1/integrations/slack/interactions'.
    """

    org_id: UUID
    team_id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    signing_secret_set: bool | Unset = True
    interactivity_path: str | Unset = "/api/v1/integrations/slack/interactions"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_id = str(self.org_id)

        team_id = self.team_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        signing_secret_set = self.signing_secret_set

        interactivity_path = self.interactivity_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_id": org_id,
                "team_id": team_id,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if signing_secret_set is not UNSET:
            field_dict["signing_secret_set"] = signing_secret_set
        if interactivity_path is not UNSET:
            field_dict["interactivity_path"] = interactivity_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        org_id = UUID(d.pop("org_id"))

        team_id = d.pop("team_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        signing_secret_set = d.pop("signing_secret_set", UNSET)

        interactivity_path = d.pop("interactivity_path", UNSET)

        slack_integration_read = cls(
            org_id=org_id,
            team_id=team_id,
            created_at=created_at,
            updated_at=updated_at,
            signing_secret_set=signing_secret_set,
            interactivity_path=interactivity_path,
        )

        slack_integration_read.additional_properties = d
        return slack_integration_read

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
