from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.trigger import Trigger
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_tag import AddTag
    from ..models.all_of import AllOf
    from ..models.any_of import AnyOf
    from ..models.business_hours import BusinessHours
    from ..models.campaign_in import CampaignIn
    from ..models.category_in import CategoryIn
    from ..models.channel_in import ChannelIn
    from ..models.contact_attribute import ContactAttribute
    from ..models.escalate import Escalate
    from ..models.keywords import Keywords
    from ..models.level_compare import LevelCompare
    from ..models.move_to_inbox import MoveToInbox
    from ..models.not_of import NotOf
    from ..models.notify import Notify
    from ..models.pattern import Pattern
    from ..models.priority_compare import PriorityCompare
    from ..models.require_approval import RequireApproval
    from ..models.set_category import SetCategory
    from ..models.set_priority import SetPriority
    from ..models.stop_processing import StopProcessing


T = TypeVar("T", bound="RuleUpdate")


@_attrs_define
class RuleUpdate:
    """
    Attributes:
        name (None | str | Unset):
        enabled (bool | None | Unset):
        trigger (None | Trigger | Unset):
        conditions (AllOf | AnyOf | BusinessHours | CampaignIn | CategoryIn | ChannelIn | ContactAttribute | Keywords |
            LevelCompare | None | NotOf | Pattern | PriorityCompare | Unset):
        actions (list[AddTag | Escalate | MoveToInbox | Notify | RequireApproval | SetCategory | SetPriority |
            StopProcessing] | None | Unset):
    """

    name: None | str | Unset = UNSET
    enabled: bool | None | Unset = UNSET
    trigger: None | Trigger | Unset = UNSET
    conditions: (
        AllOf
        | AnyOf
        | BusinessHours
        | CampaignIn
        | CategoryIn
        | ChannelIn
        | ContactAttribute
        | Keywords
        | LevelCompare
        | None
        | NotOf
        | Pattern
        | PriorityCompare
        | Unset
    ) = UNSET
    actions: (
        list[AddTag | Escalate | MoveToInbox | Notify | RequireApproval | SetCategory | SetPriority | StopProcessing]
        | None
        | Unset
    ) = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_tag import AddTag  # noqa: PLC0415
        from ..models.all_of import AllOf  # noqa: PLC0415
        from ..models.any_of import AnyOf  # noqa: PLC0415
        from ..models.business_hours import BusinessHours  # noqa: PLC0415
        from ..models.campaign_in import CampaignIn  # noqa: PLC0415
        from ..models.category_in import CategoryIn  # noqa: PLC0415
        from ..models.channel_in import ChannelIn  # noqa: PLC0415
        from ..models.contact_attribute import ContactAttribute  # noqa: PLC0415
        from ..models.escalate import Escalate  # noqa: PLC0415
        from ..models.keywords import Keywords  # noqa: PLC0415
        from ..models.level_compare import LevelCompare  # noqa: PLC0415
        from ..models.move_to_inbox import MoveToInbox  # noqa: PLC0415
        from ..models.not_of import NotOf  # noqa: PLC0415
        from ..models.notify import Notify  # noqa: PLC0415
        from ..models.pattern import Pattern  # noqa: PLC0415
        from ..models.priority_compare import PriorityCompare  # noqa: PLC0415
        from ..models.require_approval import RequireApproval  # noqa: PLC0415
        from ..models.set_category import SetCategory  # noqa: PLC0415
        from ..models.set_priority import SetPriority  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        enabled: bool | None | Unset
        if isinstance(self.enabled, Unset):
            enabled = UNSET
        else:
            enabled = self.enabled

        trigger: None | str | Unset
        if isinstance(self.trigger, Unset):
            trigger = UNSET
        elif isinstance(self.trigger, Trigger):
            trigger = self.trigger.value
        else:
            trigger = self.trigger

        conditions: dict[str, Any] | None | Unset
        if isinstance(self.conditions, Unset):
            conditions = UNSET
        elif isinstance(self.conditions, AllOf):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, AnyOf):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, NotOf):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, Keywords):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, Pattern):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, ChannelIn):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, CampaignIn):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, ContactAttribute):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, PriorityCompare):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, CategoryIn):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, LevelCompare):
            conditions = self.conditions.to_dict()
        elif isinstance(self.conditions, BusinessHours):
            conditions = self.conditions.to_dict()
        else:
            conditions = self.conditions

        actions: list[dict[str, Any]] | None | Unset
        if isinstance(self.actions, Unset):
            actions = UNSET
        elif isinstance(self.actions, list):
            actions = []
            for actions_type_0_item_data in self.actions:
                actions_type_0_item: dict[str, Any]
                if isinstance(actions_type_0_item_data, Escalate):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, SetPriority):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, SetCategory):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, AddTag):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, MoveToInbox):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, Notify):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, RequireApproval):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                else:
                    actions_type_0_item = actions_type_0_item_data.to_dict()

                actions.append(actions_type_0_item)

        else:
            actions = self.actions

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if actions is not UNSET:
            field_dict["actions"] = actions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.add_tag import AddTag  # noqa: PLC0415
        from ..models.all_of import AllOf  # noqa: PLC0415
        from ..models.any_of import AnyOf  # noqa: PLC0415
        from ..models.business_hours import BusinessHours  # noqa: PLC0415
        from ..models.campaign_in import CampaignIn  # noqa: PLC0415
        from ..models.category_in import CategoryIn  # noqa: PLC0415
        from ..models.channel_in import ChannelIn  # noqa: PLC0415
        from ..models.contact_attribute import ContactAttribute  # noqa: PLC0415
        from ..models.escalate import Escalate  # noqa: PLC0415
        from ..models.keywords import Keywords  # noqa: PLC0415
        from ..models.level_compare import LevelCompare  # noqa: PLC0415
        from ..models.move_to_inbox import MoveToInbox  # noqa: PLC0415
        from ..models.not_of import NotOf  # noqa: PLC0415
        from ..models.notify import Notify  # noqa: PLC0415
        from ..models.pattern import Pattern  # noqa: PLC0415
        from ..models.priority_compare import PriorityCompare  # noqa: PLC0415
        from ..models.require_approval import RequireApproval  # noqa: PLC0415
        from ..models.set_category import SetCategory  # noqa: PLC0415
        from ..models.set_priority import SetPriority  # noqa: PLC0415
        from ..models.stop_processing import StopProcessing  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enabled = _parse_enabled(d.pop("enabled", UNSET))

        def _parse_trigger(data: object) -> None | Trigger | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trigger_type_0 = Trigger(data)

                return trigger_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Trigger | Unset, data)

        trigger = _parse_trigger(d.pop("trigger", UNSET))

        def _parse_conditions(
            data: object,
        ) -> (
            AllOf
            | AnyOf
            | BusinessHours
            | CampaignIn
            | CategoryIn
            | ChannelIn
            | ContactAttribute
            | Keywords
            | LevelCompare
            | None
            | NotOf
            | Pattern
            | PriorityCompare
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_0 = AllOf.from_dict(data)

                return conditions_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_1 = AnyOf.from_dict(data)

                return conditions_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_2 = NotOf.from_dict(data)

                return conditions_type_0_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_3 = Keywords.from_dict(data)

                return conditions_type_0_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_4 = Pattern.from_dict(data)

                return conditions_type_0_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_5 = ChannelIn.from_dict(data)

                return conditions_type_0_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_6 = CampaignIn.from_dict(data)

                return conditions_type_0_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_7 = ContactAttribute.from_dict(data)

                return conditions_type_0_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_8 = PriorityCompare.from_dict(data)

                return conditions_type_0_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_9 = CategoryIn.from_dict(data)

                return conditions_type_0_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_10 = LevelCompare.from_dict(data)

                return conditions_type_0_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_type_0_type_11 = BusinessHours.from_dict(data)

                return conditions_type_0_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AllOf
                | AnyOf
                | BusinessHours
                | CampaignIn
                | CategoryIn
                | ChannelIn
                | ContactAttribute
                | Keywords
                | LevelCompare
                | None
                | NotOf
                | Pattern
                | PriorityCompare
                | Unset,
                data,
            )

        conditions = _parse_conditions(d.pop("conditions", UNSET))

        def _parse_actions(
            data: object,
        ) -> (
            list[
                AddTag | Escalate | MoveToInbox | Notify | RequireApproval | SetCategory | SetPriority | StopProcessing
            ]
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                actions_type_0 = []
                _actions_type_0 = data
                for actions_type_0_item_data in _actions_type_0:

                    def _parse_actions_type_0_item(
                        data: object,
                    ) -> (
                        AddTag
                        | Escalate
                        | MoveToInbox
                        | Notify
                        | RequireApproval
                        | SetCategory
                        | SetPriority
                        | StopProcessing
                    ):
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_0 = Escalate.from_dict(data)

                            return actions_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_1 = SetPriority.from_dict(data)

                            return actions_type_0_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_2 = SetCategory.from_dict(data)

                            return actions_type_0_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_3 = AddTag.from_dict(data)

                            return actions_type_0_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_4 = MoveToInbox.from_dict(data)

                            return actions_type_0_item_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_5 = Notify.from_dict(data)

                            return actions_type_0_item_type_5
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_6 = RequireApproval.from_dict(data)

                            return actions_type_0_item_type_6
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        actions_type_0_item_type_7 = StopProcessing.from_dict(data)

                        return actions_type_0_item_type_7

                    actions_type_0_item = _parse_actions_type_0_item(actions_type_0_item_data)

                    actions_type_0.append(actions_type_0_item)

                return actions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    AddTag
                    | Escalate
                    | MoveToInbox
                    | Notify
                    | RequireApproval
                    | SetCategory
                    | SetPriority
                    | StopProcessing
                ]
                | None
                | Unset,
                data,
            )

        actions = _parse_actions(d.pop("actions", UNSET))

        rule_update = cls(
            name=name,
            enabled=enabled,
            trigger=trigger,
            conditions=conditions,
            actions=actions,
        )

        return rule_update
