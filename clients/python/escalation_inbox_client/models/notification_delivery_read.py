from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_delivery_read_channel import NotificationDeliveryReadChannel
from ..models.notification_delivery_read_status import NotificationDeliveryReadStatus

T = TypeVar("T", bound="NotificationDeliveryRead")


@_attrs_define
class NotificationDeliveryRead:
    """One notification on its way out by email, Slack or webhook (in-app ones are not sent).

    Attributes:
        id (UUID): The idempotency key on every attempt: `Message-ID: <id@escalations>` for email, the `webhook-id`
            header for webhooks; a redelivery keeps it
        channel (NotificationDeliveryReadChannel):
        recipient (str): email: the address; slack: the host of the incoming-webhook URL only (the URL is a secret);
            webhook: the endpoint's id
        event_type (str): The event's `type`, or `notification.digest`
        event_id (None | UUID):
        escalation_id (None | UUID):
        rule (str): How the recipient was chosen: category, default, fallback, inbox_owner, sla_level, escalator,
            claimant, subscription, or digest
        status (NotificationDeliveryReadStatus): pending: waiting for its (next) attempt; succeeded: the receiver took
            it; failed: an attempt failed and another is scheduled; dead: no more attempts (out of retries, refused target,
            SMTP 5xx, endpoint disabled or gone); digested: folded into the digest `digest_id` by storm control;
            deduplicated: an identical notification went out moments before (or a digest with nothing left in it)
        attempts (int):
        last_status_code (int | None): HTTP status or SMTP reply code
        last_error (None | str):
        next_attempt_at (datetime.datetime | None):
        delivered_at (datetime.datetime | None):
        digest_id (None | UUID): The digest that carried it, when digested
        created_at (datetime.datetime):
    """

    id: UUID
    channel: NotificationDeliveryReadChannel
    recipient: str
    event_type: str
    event_id: None | UUID
    escalation_id: None | UUID
    rule: str
    status: NotificationDeliveryReadStatus
    attempts: int
    last_status_code: int | None
    last_error: None | str
    next_attempt_at: datetime.datetime | None
    delivered_at: datetime.datetime | None
    digest_id: None | UUID
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        channel = self.channel.value

        recipient = self.recipient

        event_type = self.event_type

        event_id: None | str
        if isinstance(self.event_id, UUID):
            event_id = str(self.event_id)
        else:
            event_id = self.event_id

        escalation_id: None | str
        if isinstance(self.escalation_id, UUID):
            escalation_id = str(self.escalation_id)
        else:
            escalation_id = self.escalation_id

        rule = self.rule

        status = self.status.value

        attempts = self.attempts

        last_status_code: int | None
        last_status_code = self.last_status_code

        last_error: None | str
        last_error = self.last_error

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        digest_id: None | str
        if isinstance(self.digest_id, UUID):
            digest_id = str(self.digest_id)
        else:
            digest_id = self.digest_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channel": channel,
                "recipient": recipient,
                "event_type": event_type,
                "event_id": event_id,
                "escalation_id": escalation_id,
                "rule": rule,
                "status": status,
                "attempts": attempts,
                "last_status_code": last_status_code,
                "last_error": last_error,
                "next_attempt_at": next_attempt_at,
                "delivered_at": delivered_at,
                "digest_id": digest_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        channel = NotificationDeliveryReadChannel(d.pop("channel"))

        recipient = d.pop("recipient")

        event_type = d.pop("event_type")

        def _parse_event_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_id_type_0 = UUID(data)

                return event_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        event_id = _parse_event_id(d.pop("event_id"))

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

        rule = d.pop("rule")

        status = NotificationDeliveryReadStatus(d.pop("status"))

        attempts = d.pop("attempts")

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        def _parse_digest_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                digest_id_type_0 = UUID(data)

                return digest_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        digest_id = _parse_digest_id(d.pop("digest_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        notification_delivery_read = cls(
            id=id,
            channel=channel,
            recipient=recipient,
            event_type=event_type,
            event_id=event_id,
            escalation_id=escalation_id,
            rule=rule,
            status=status,
            attempts=attempts,
            last_status_code=last_status_code,
            last_error=last_error,
            next_attempt_at=next_attempt_at,
            delivered_at=delivered_at,
            digest_id=digest_id,
            created_at=created_at,
        )

        notification_delivery_read.additional_properties = d
        return notification_delivery_read

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
