from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.escalation_status import EscalationStatus
from ..models.priority import Priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_brief import ConversationBrief
    from ..models.escalation_read_priority_source_type_0 import EscalationReadPrioritySourceType0
    from ..models.handoff import Handoff


T = TypeVar("T", bound="EscalationRead")


@_attrs_define
class EscalationRead:
    """
    Attributes:
        id (UUID):
        conversation (ConversationBrief):
        org_id (UUID):
        conversation_id (UUID):
        inbox_id (UUID):
        origin_campaign_id (UUID):
        status (EscalationStatus):
        priority (Priority):
        category (str):
        handoff (Handoff): What the next person needs to know; reason, steps taken and help needed are required.
        escalated_by (None | UUID):
        claimed_by (None | UUID):
        claimed_at (datetime.datetime | None):
        claim_expires_at (datetime.datetime | None):
        claim_reply_due_at (datetime.datetime | None): Reply-or-return: with no outbound reply by then, the claim goes
            back to the pool (or to the next owner); null when the inbox does not ask, or once answered
        first_responded_at (datetime.datetime | None):
        first_response_due_at (datetime.datetime | None):
        resolution_due_at (datetime.datetime | None):
        sla_policy_id (None | UUID):
        level (int): 1 at escalation, +1 on each SLA breach
        sla_paused_at (datetime.datetime | None): Set while the resolution clock waits on the contact
        breached_first_response (bool):
        breached_resolution (bool):
        closed_at (datetime.datetime | None):
        last_activity_at (datetime.datetime):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        priority_source (EscalationReadPrioritySourceType0 | None | Unset): Where the priority came from: {"kind":
            "agent" | "rule" | "contact_attributes" | "sla_breach" | "inbox_default" | "default", "rule_id"?, ...}
    """

    id: UUID
    conversation: ConversationBrief
    org_id: UUID
    conversation_id: UUID
    inbox_id: UUID
    origin_campaign_id: UUID
    status: EscalationStatus
    priority: Priority
    category: str
    handoff: Handoff
    escalated_by: None | UUID
    claimed_by: None | UUID
    claimed_at: datetime.datetime | None
    claim_expires_at: datetime.datetime | None
    claim_reply_due_at: datetime.datetime | None
    first_responded_at: datetime.datetime | None
    first_response_due_at: datetime.datetime | None
    resolution_due_at: datetime.datetime | None
    sla_policy_id: None | UUID
    level: int
    sla_paused_at: datetime.datetime | None
    breached_first_response: bool
    breached_resolution: bool
    closed_at: datetime.datetime | None
    last_activity_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    priority_source: EscalationReadPrioritySourceType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.escalation_read_priority_source_type_0 import EscalationReadPrioritySourceType0  # noqa: PLC0415

        id = str(self.id)

        conversation = self.conversation.to_dict()

        org_id = str(self.org_id)

        conversation_id = str(self.conversation_id)

        inbox_id = str(self.inbox_id)

        origin_campaign_id = str(self.origin_campaign_id)

        status = self.status.value

        priority = self.priority.value

        category = self.category

        handoff = self.handoff.to_dict()

        escalated_by: None | str
        if isinstance(self.escalated_by, UUID):
            escalated_by = str(self.escalated_by)
        else:
            escalated_by = self.escalated_by

        claimed_by: None | str
        if isinstance(self.claimed_by, UUID):
            claimed_by = str(self.claimed_by)
        else:
            claimed_by = self.claimed_by

        claimed_at: None | str
        if isinstance(self.claimed_at, datetime.datetime):
            claimed_at = self.claimed_at.isoformat()
        else:
            claimed_at = self.claimed_at

        claim_expires_at: None | str
        if isinstance(self.claim_expires_at, datetime.datetime):
            claim_expires_at = self.claim_expires_at.isoformat()
        else:
            claim_expires_at = self.claim_expires_at

        claim_reply_due_at: None | str
        if isinstance(self.claim_reply_due_at, datetime.datetime):
            claim_reply_due_at = self.claim_reply_due_at.isoformat()
        else:
            claim_reply_due_at = self.claim_reply_due_at

        first_responded_at: None | str
        if isinstance(self.first_responded_at, datetime.datetime):
            first_responded_at = self.first_responded_at.isoformat()
        else:
            first_responded_at = self.first_responded_at

        first_response_due_at: None | str
        if isinstance(self.first_response_due_at, datetime.datetime):
            first_response_due_at = self.first_response_due_at.isoformat()
        else:
            first_response_due_at = self.first_response_due_at

        resolution_due_at: None | str
        if isinstance(self.resolution_due_at, datetime.datetime):
            resolution_due_at = self.resolution_due_at.isoformat()
        else:
            resolution_due_at = self.resolution_due_at

        sla_policy_id: None | str
        if isinstance(self.sla_policy_id, UUID):
            sla_policy_id = str(self.sla_policy_id)
        else:
            sla_policy_id = self.sla_policy_id

        level = self.level

        sla_paused_at: None | str
        if isinstance(self.sla_paused_at, datetime.datetime):
            sla_paused_at = self.sla_paused_at.isoformat()
        else:
            sla_paused_at = self.sla_paused_at

        breached_first_response = self.breached_first_response

        breached_resolution = self.breached_resolution

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        last_activity_at = self.last_activity_at.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        priority_source: dict[str, Any] | None | Unset
        if isinstance(self.priority_source, Unset):
            priority_source = UNSET
        elif isinstance(self.priority_source, EscalationReadPrioritySourceType0):
            priority_source = self.priority_source.to_dict()
        else:
            priority_source = self.priority_source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "conversation": conversation,
                "org_id": org_id,
                "conversation_id": conversation_id,
                "inbox_id": inbox_id,
                "origin_campaign_id": origin_campaign_id,
                "status": status,
                "priority": priority,
                "category": category,
                "handoff": handoff,
                "escalated_by": escalated_by,
                "claimed_by": claimed_by,
                "claimed_at": claimed_at,
                "claim_expires_at": claim_expires_at,
                "claim_reply_due_at": claim_reply_due_at,
                "first_responded_at": first_responded_at,
                "first_response_due_at": first_response_due_at,
                "resolution_due_at": resolution_due_at,
                "sla_policy_id": sla_policy_id,
                "level": level,
                "sla_paused_at": sla_paused_at,
                "breached_first_response": breached_first_response,
                "breached_resolution": breached_resolution,
                "closed_at": closed_at,
                "last_activity_at": last_activity_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if priority_source is not UNSET:
            field_dict["priority_source"] = priority_source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_brief import ConversationBrief  # noqa: PLC0415
        from ..models.escalation_read_priority_source_type_0 import EscalationReadPrioritySourceType0  # noqa: PLC0415
        from ..models.handoff import Handoff  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        conversation = ConversationBrief.from_dict(d.pop("conversation"))

        org_id = UUID(d.pop("org_id"))

        conversation_id = UUID(d.pop("conversation_id"))

        inbox_id = UUID(d.pop("inbox_id"))

        origin_campaign_id = UUID(d.pop("origin_campaign_id"))

        status = EscalationStatus(d.pop("status"))

        priority = Priority(d.pop("priority"))

        category = d.pop("category")

        handoff = Handoff.from_dict(d.pop("handoff"))

        def _parse_escalated_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalated_by_type_0 = UUID(data)

                return escalated_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        escalated_by = _parse_escalated_by(d.pop("escalated_by"))

        def _parse_claimed_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_by_type_0 = UUID(data)

                return claimed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by"))

        def _parse_claimed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_at_type_0 = datetime.datetime.fromisoformat(data)

                return claimed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        claimed_at = _parse_claimed_at(d.pop("claimed_at"))

        def _parse_claim_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claim_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return claim_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        claim_expires_at = _parse_claim_expires_at(d.pop("claim_expires_at"))

        def _parse_claim_reply_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claim_reply_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return claim_reply_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        claim_reply_due_at = _parse_claim_reply_due_at(d.pop("claim_reply_due_at"))

        def _parse_first_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_responded_at = _parse_first_responded_at(d.pop("first_responded_at"))

        def _parse_first_response_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_response_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_response_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_response_due_at = _parse_first_response_due_at(d.pop("first_response_due_at"))

        def _parse_resolution_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolution_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolution_due_at = _parse_resolution_due_at(d.pop("resolution_due_at"))

        def _parse_sla_policy_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sla_policy_id_type_0 = UUID(data)

                return sla_policy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        sla_policy_id = _parse_sla_policy_id(d.pop("sla_policy_id"))

        level = d.pop("level")

        def _parse_sla_paused_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sla_paused_at_type_0 = datetime.datetime.fromisoformat(data)

                return sla_paused_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sla_paused_at = _parse_sla_paused_at(d.pop("sla_paused_at"))

        breached_first_response = d.pop("breached_first_response")

        breached_resolution = d.pop("breached_resolution")

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        last_activity_at = datetime.datetime.fromisoformat(d.pop("last_activity_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_priority_source(data: object) -> EscalationReadPrioritySourceType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                priority_source_type_0 = EscalationReadPrioritySourceType0.from_dict(data)

                return priority_source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationReadPrioritySourceType0 | None | Unset, data)

        priority_source = _parse_priority_source(d.pop("priority_source", UNSET))

        escalation_read = cls(
            id=id,
            conversation=conversation,
            org_id=org_id,
            conversation_id=conversation_id,
            inbox_id=inbox_id,
            origin_campaign_id=origin_campaign_id,
            status=status,
            priority=priority,
            category=category,
            handoff=handoff,
            escalated_by=escalated_by,
            claimed_by=claimed_by,
            claimed_at=claimed_at,
            claim_expires_at=claim_expires_at,
            claim_reply_due_at=claim_reply_due_at,
            first_responded_at=first_responded_at,
            first_response_due_at=first_response_due_at,
            resolution_due_at=resolution_due_at,
            sla_policy_id=sla_policy_id,
            level=level,
            sla_paused_at=sla_paused_at,
            breached_first_response=breached_first_response,
            breached_resolution=breached_resolution,
            closed_at=closed_at,
            last_activity_at=last_activity_at,
            created_at=created_at,
            updated_at=updated_at,
            priority_source=priority_source,
        )

        escalation_read.additional_properties = d
        return escalation_read

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
