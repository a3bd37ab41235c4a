from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.email_recipient import EmailRecipient
    from ..models.member_recipient import MemberRecipient
    from ..models.slack_recipient import SlackRecipient
    from ..models.webhook_recipient import WebhookRecipient


T = TypeVar("T", bound="Category")


@_attrs_define
class Category:
    """
    Attributes:
        key (str):
        name (str):
        recipients (list[EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient] | Unset):
    """

    key: str
    name: str
    recipients: list[EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.email_recipient import EmailRecipient  # noqa: PLC0415
        from ..models.member_recipient import MemberRecipient  # noqa: PLC0415
        from ..models.webhook_recipient import WebhookRecipient  # noqa: PLC0415

        key = self.key

        name = self.name

        recipients: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = []
            for recipients_item_data in self.recipients:
                recipients_item: dict[str, Any]
                if isinstance(recipients_item_data, MemberRecipient):
                    recipients_item = recipients_item_data.to_dict()
                elif isinstance(recipients_item_data, EmailRecipient):
                    recipients_item = recipients_item_data.to_dict()
                elif isinstance(recipients_item_data, WebhookRecipient):
                    recipients_item = recipients_item_data.to_dict()
                else:
                    recipients_item = recipients_item_data.to_dict()

                recipients.append(recipients_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "name": name,
            }
        )
        if recipients is not UNSET:
            field_dict["recipients"] = recipients

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email_recipient import EmailRecipient  # noqa: PLC0415
        from ..models.member_recipient import MemberRecipient  # noqa: PLC0415
        from ..models.slack_recipient import SlackRecipient  # noqa: PLC0415
        from ..models.webhook_recipient import WebhookRecipient  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        _recipients = d.pop("recipients", UNSET)
        recipients: list[EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient] | Unset = UNSET
        if _recipients is not UNSET:
            recipients = []
            for recipients_item_data in _recipients:

                def _parse_recipients_item(
                    data: object,
                ) -> EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        recipients_item_type_0 = MemberRecipient.from_dict(data)

                        return recipients_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        recipients_item_type_1 = EmailRecipient.from_dict(data)

                        return recipients_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        recipients_item_type_2 = WebhookRecipient.from_dict(data)

                        return recipients_item_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    recipients_item_type_3 = SlackRecipient.from_dict(data)

                    return recipients_item_type_3

                recipients_item = _parse_recipients_item(recipients_item_data)

                recipients.append(recipients_item)

        category = cls(
            key=key,
            name=name,
            recipients=recipients,
        )

        return category
