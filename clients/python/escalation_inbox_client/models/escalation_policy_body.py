from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.category import Category
    from ..models.email_recipient import EmailRecipient
    from ..models.member_recipient import MemberRecipient
    from ..models.slack_recipient import SlackRecipient
    from ..models.webhook_recipient import WebhookRecipient


T = TypeVar("T", bound="EscalationPolicyBody")


@_attrs_define
class EscalationPolicyBody:
    """Who hears of an escalation: the category's recipients, else the defaults, else the
    organisation's admins and owners.

        Attributes:
            categories (list[Category]):
            default_recipients (list[EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient] | Unset):
    """

    categories: list[Category]
    default_recipients: list[EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.email_recipient import EmailRecipient  # noqa: PLC0415
        from ..models.member_recipient import MemberRecipient  # noqa: PLC0415
        from ..models.webhook_recipient import WebhookRecipient  # noqa: PLC0415

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.to_dict()
            categories.append(categories_item)

        default_recipients: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.default_recipients, Unset):
            default_recipients = []
            for default_recipients_item_data in self.default_recipients:
                default_recipients_item: dict[str, Any]
                if isinstance(default_recipients_item_data, MemberRecipient):
                    default_recipients_item = default_recipients_item_data.to_dict()
                elif isinstance(default_recipients_item_data, EmailRecipient):
                    default_recipients_item = default_recipients_item_data.to_dict()
                elif isinstance(default_recipients_item_data, WebhookRecipient):
                    default_recipients_item = default_recipients_item_data.to_dict()
                else:
                    default_recipients_item = default_recipients_item_data.to_dict()

                default_recipients.append(default_recipients_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "categories": categories,
            }
        )
        if default_recipients is not UNSET:
            field_dict["default_recipients"] = default_recipients

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.category import Category  # noqa: PLC0415
        from ..models.email_recipient import EmailRecipient  # noqa: PLC0415
        from ..models.member_recipient import MemberRecipient  # noqa: PLC0415
        from ..models.slack_recipient import SlackRecipient  # noqa: PLC0415
        from ..models.webhook_recipient import WebhookRecipient  # noqa: PLC0415

        d = dict(src_dict)
        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = Category.from_dict(categories_item_data)

            categories.append(categories_item)

        _default_recipients = d.pop("default_recipients", UNSET)
        default_recipients: list[EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient] | Unset = UNSET
        if _default_recipients is not UNSET:
            default_recipients = []
            for default_recipients_item_data in _default_recipients:

                def _parse_default_recipients_item(
                    data: object,
                ) -> EmailRecipient | MemberRecipient | SlackRecipient | WebhookRecipient:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        default_recipients_item_type_0 = MemberRecipient.from_dict(data)

                        return default_recipients_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        default_recipients_item_type_1 = EmailRecipient.from_dict(data)

                        return default_recipients_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        default_recipients_item_type_2 = WebhookRecipient.from_dict(data)

                        return default_recipients_item_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    default_recipients_item_type_3 = SlackRecipient.from_dict(data)

                    return default_recipients_item_type_3

                default_recipients_item = _parse_default_recipients_item(default_recipients_item_data)

                default_recipients.append(default_recipients_item)

        escalation_policy_body = cls(
            categories=categories,
            default_recipients=default_recipients,
        )

        return escalation_policy_body
