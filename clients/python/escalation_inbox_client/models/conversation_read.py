from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_read import ContactRead
    from ..models.escalation_summary import EscalationSummary
    from ..models.pending_approval import PendingApproval


T = TypeVar("T", bound="ConversationRead")


@_attrs_define
class ConversationRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        campaign_id (UUID):
        contact (ContactRead):
        assignee_id (None | UUID):
        channel (Channel):
        external_id (None | str): The helpdesk's own id (set by /inbound)
        needs_response (bool):
        needs_response_since (datetime.datetime | None):
        last_message_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        escalation (EscalationSummary | None | Unset): The open or claimed escalation of this conversation, if any
        pending_approval (None | PendingApproval | Unset): An escalation into a restricted inbox waiting for approval,
            if any
        tags (list[str] | Unset):
    """

    id: UUID
    org_id: UUID
    campaign_id: UUID
    contact: ContactRead
    assignee_id: None | UUID
    channel: Channel
    external_id: None | str
    needs_response: bool
    needs_response_since: datetime.datetime | None
    last_message_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    escalation: EscalationSummary | None | Unset = UNSET
    pending_approval: None | PendingApproval | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.escalation_summary import EscalationSummary  # noqa: PLC0415
        from ..models.pending_approval import PendingApproval  # noqa: PLC0415

        id = str(self.id)

        org_id = str(self.org_id)

        campaign_id = str(self.campaign_id)

        contact = self.contact.to_dict()

        assignee_id: None | str
        if isinstance(self.assignee_id, UUID):
            assignee_id = str(self.assignee_id)
        else:
            assignee_id = self.assignee_id

        channel = self.channel.value

        external_id: None | str
        external_id = self.external_id

        needs_response = self.needs_response

        needs_response_since: None | str
        if isinstance(self.needs_response_since, datetime.datetime):
            needs_response_since = self.needs_response_since.isoformat()
        else:
            needs_response_since = self.needs_response_since

        last_message_at: None | str
        if isinstance(self.last_message_at, datetime.datetime):
            last_message_at = self.last_message_at.isoformat()
        else:
            last_message_at = self.last_message_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        escalation: dict[str, Any] | None | Unset
        if isinstance(self.escalation, Unset):
            escalation = UNSET
        elif isinstance(self.escalation, EscalationSummary):
            escalation = self.escalation.to_dict()
        else:
            escalation = self.escalation

        pending_approval: dict[str, Any] | None | Unset
        if isinstance(self.pending_approval, Unset):
            pending_approval = UNSET
        elif isinstance(self.pending_approval, PendingApproval):
            pending_approval = self.pending_approval.to_dict()
        else:
            pending_approval = self.pending_approval

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "campaign_id": campaign_id,
                "contact": contact,
                "assignee_id": assignee_id,
                "channel": channel,
                "external_id": external_id,
                "needs_response": needs_response,
                "needs_response_since": needs_response_since,
                "last_message_at": last_message_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if escalation is not UNSET:
            field_dict["escalation"] = escalation
        if pending_approval is not UNSET:
            field_dict["pending_approval"] = pending_approval
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_read import ContactRead  # noqa: PLC0415
        from ..models.escalation_summary import EscalationSummary  # noqa: PLC0415
        from ..models.pending_approval import PendingApproval  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        campaign_id = UUID(d.pop("campaign_id"))

        contact = ContactRead.from_dict(d.pop("contact"))

        def _parse_assignee_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_id_type_0 = UUID(data)

                return assignee_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id"))

        channel = Channel(d.pop("channel"))

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        needs_response = d.pop("needs_response")

        def _parse_needs_response_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                needs_response_since_type_0 = datetime.datetime.fromisoformat(data)

                return needs_response_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        needs_response_since = _parse_needs_response_since(d.pop("needs_response_since"))

        def _parse_last_message_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_message_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_message_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_message_at = _parse_last_message_at(d.pop("last_message_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_escalation(data: object) -> EscalationSummary | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                escalation_type_0 = EscalationSummary.from_dict(data)

                return escalation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationSummary | None | Unset, data)

        escalation = _parse_escalation(d.pop("escalation", UNSET))

        def _parse_pending_approval(data: object) -> None | PendingApproval | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_approval_type_0 = PendingApproval.from_dict(data)

                return pending_approval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PendingApproval | Unset, data)

        pending_approval = _parse_pending_approval(d.pop("pending_approval", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        conversation_read = cls(
            id=id,
            org_id=org_id,
            campaign_id=campaign_id,
            contact=contact,
            assignee_id=assignee_id,
            channel=channel,
            external_id=external_id,
            needs_response=needs_response,
            needs_response_since=needs_response_since,
            last_message_at=last_message_at,
            created_at=created_at,
            updated_at=updated_at,
            escalation=escalation,
            pending_approval=pending_approval,
            tags=tags,
        )

        conversation_read.additional_properties = d
        return conversation_read

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
