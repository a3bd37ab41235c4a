from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_transport import SessionTransport

T = TypeVar("T", bound="SessionRead")


@_attrs_define
class SessionRead:
    """One of the member's signed-in devices.

    Attributes:
        id (UUID):
        transport (SessionTransport): How the session's token travels: an HttpOnly cookie (the SPA) or a bearer header
            (scripts and integrations that sign in with a password).
        device (str): What the device says it is: "Firefox 132 on Windows"
        user_agent (None | str):
        ip (None | str): The address it signed in from
        created_at (datetime.datetime): When it signed in
        last_seen_at (datetime.datetime): Its last request, to the minute
        expires_at (datetime.datetime):
        current (bool): The session this request was made with
    """

    id: UUID
    transport: SessionTransport
    device: str
    user_agent: None | str
    ip: None | str
    created_at: datetime.datetime
    last_seen_at: datetime.datetime
    expires_at: datetime.datetime
    current: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        transport = self.transport.value

        device = self.device

        user_agent: None | str
        user_agent = self.user_agent

        ip: None | str
        ip = self.ip

        created_at = self.created_at.isoformat()

        last_seen_at = self.last_seen_at.isoformat()

        expires_at = self.expires_at.isoformat()

        current = self.current

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "transport": transport,
                "device": device,
                "user_agent": user_agent,
                "ip": ip,
                "created_at": created_at,
                "last_seen_at": last_seen_at,
                "expires_at": expires_at,
                "current": current,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        transport = SessionTransport(d.pop("transport"))

        device = d.pop("device")

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        current = d.pop("current")

        session_read = cls(
            id=id,
            transport=transport,
            device=device,
            user_agent=user_agent,
            ip=ip,
            created_at=created_at,
            last_seen_at=last_seen_at,
            expires_at=expires_at,
            current=current,
        )

        session_read.additional_properties = d
        return session_read

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
