from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.security_event_kind import SecurityEventKind

if TYPE_CHECKING:
    from ..models.security_event_read_detail import SecurityEventReadDetail


T = TypeVar("T", bound="SecurityEventRead")


@_attrs_define
class SecurityEventRead:
    """
    Attributes:
        id (UUID):
        kind (SecurityEventKind): What happened to an account or an organisation's credentials (the security audit
            trail).
        user_id (None | UUID): Whose account it concerns (null: a failed sign-in with an unknown email)
        user_email (None | str): That account's email, today
        org_id (None | UUID): Set for the organisation's own events (API keys); null for an account's
        ip (None | str):
        user_agent (None | str):
        detail (SecurityEventReadDetail): What else is known: the email tried, the API key's id and name, ...
        at (datetime.datetime):
    """

    id: UUID
    kind: SecurityEventKind
    user_id: None | UUID
    user_email: None | str
    org_id: None | UUID
    ip: None | str
    user_agent: None | str
    detail: SecurityEventReadDetail
    at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        user_id: None | str
        if isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        user_email: None | str
        user_email = self.user_email

        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        ip: None | str
        ip = self.ip

        user_agent: None | str
        user_agent = self.user_agent

        detail = self.detail.to_dict()

        at = self.at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "user_id": user_id,
                "user_email": user_email,
                "org_id": org_id,
                "ip": ip,
                "user_agent": user_agent,
                "detail": detail,
                "at": at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.security_event_read_detail import SecurityEventReadDetail  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = SecurityEventKind(d.pop("kind"))

        def _parse_user_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        user_id = _parse_user_id(d.pop("user_id"))

        def _parse_user_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_email = _parse_user_email(d.pop("user_email"))

        def _parse_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                org_id_type_0 = UUID(data)

                return org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        org_id = _parse_org_id(d.pop("org_id"))

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        detail = SecurityEventReadDetail.from_dict(d.pop("detail"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        security_event_read = cls(
            id=id,
            kind=kind,
            user_id=user_id,
            user_email=user_email,
            org_id=org_id,
            ip=ip,
            user_agent=user_agent,
            detail=detail,
            at=at,
        )

        security_event_read.additional_properties = d
        return security_event_read

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
