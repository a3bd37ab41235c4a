from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.approval_status import ApprovalStatus
from ..models.priority import Priority

if TYPE_CHECKING:
    from ..models.approval_read_handoff import ApprovalReadHandoff


T = TypeVar("T", bound="ApprovalRead")


@_attrs_define
class ApprovalRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        conversation_id (UUID):
        inbox_id (UUID):
        status (ApprovalStatus):
        priority (None | Priority):
        category (str):
        handoff (ApprovalReadHandoff):
        requested_by (None | UUID): Null: a rule asked (see `rule_id`)
        rule_id (None | UUID):
        agent_id (None | UUID): Who the conversation stays with meanwhile
        decided_by (None | UUID):
        decided_at (datetime.datetime | None):
        reason (None | str):
        escalation_id (None | UUID): The escalation an approval opened
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    conversation_id: UUID
    inbox_id: UUID
    status: ApprovalStatus
    priority: None | Priority
    category: str
    handoff: ApprovalReadHandoff
    requested_by: None | UUID
    rule_id: None | UUID
    agent_id: None | UUID
    decided_by: None | UUID
    decided_at: datetime.datetime | None
    reason: None | str
    escalation_id: None | UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        conversation_id = str(self.conversation_id)

        inbox_id = str(self.inbox_id)

        status = self.status.value

        priority: None | str
        if isinstance(self.priority, Priority):
            priority = self.priority.value
        else:
            priority = self.priority

        category = self.category

        handoff = self.handoff.to_dict()

        requested_by: None | str
        if isinstance(self.requested_by, UUID):
            requested_by = str(self.requested_by)
        else:
            requested_by = self.requested_by

        rule_id: None | str
        if isinstance(self.rule_id, UUID):
            rule_id = str(self.rule_id)
        else:
            rule_id = self.rule_id

        agent_id: None | str
        if isinstance(self.agent_id, UUID):
            agent_id = str(self.agent_id)
        else:
            agent_id = self.agent_id

        decided_by: None | str
        if isinstance(self.decided_by, UUID):
            decided_by = str(self.decided_by)
        else:
            decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        reason: None | str
        reason = self.reason

        escalation_id: None | str
        if isinstance(self.escalation_id, UUID):
            escalation_id = str(self.escalation_id)
        else:
            escalation_id = self.escalation_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "conversation_id": conversation_id,
                "inbox_id": inbox_id,
                "status": status,
                "priority": priority,
                "category": category,
                "handoff": handoff,
                "requested_by": requested_by,
                "rule_id": rule_id,
                "agent_id": agent_id,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "reason": reason,
                "escalation_id": escalation_id,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approval_read_handoff import ApprovalReadHandoff  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        conversation_id = UUID(d.pop("conversation_id"))

        inbox_id = UUID(d.pop("inbox_id"))

        status = ApprovalStatus(d.pop("status"))

        def _parse_priority(data: object) -> None | Priority:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = Priority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority, data)

        priority = _parse_priority(d.pop("priority"))

        category = d.pop("category")

        handoff = ApprovalReadHandoff.from_dict(d.pop("handoff"))

        def _parse_requested_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                requested_by_type_0 = UUID(data)

                return requested_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        requested_by = _parse_requested_by(d.pop("requested_by"))

        def _parse_rule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_id_type_0 = UUID(data)

                return rule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        def _parse_agent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_id_type_0 = UUID(data)

                return agent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        def _parse_decided_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_type_0 = UUID(data)

                return decided_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_escalation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalation_id_type_0 = UUID(data)

                return escalation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        escalation_id = _parse_escalation_id(d.pop("escalation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        approval_read = cls(
            id=id,
            org_id=org_id,
            conversation_id=conversation_id,
            inbox_id=inbox_id,
            status=status,
            priority=priority,
            category=category,
            handoff=handoff,
            requested_by=requested_by,
            rule_id=rule_id,
            agent_id=agent_id,
            decided_by=decided_by,
            decided_at=decided_at,
            reason=reason,
            escalation_id=escalation_id,
            created_at=created_at,
            updated_at=updated_at,
        )

        approval_read.additional_properties = d
        return approval_read

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
