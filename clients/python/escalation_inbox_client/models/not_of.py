from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.all_of import AllOf
    from ..models.any_of import AnyOf
    from ..models.business_hours import BusinessHours
    from ..models.campaign_in import CampaignIn
    from ..models.category_in import CategoryIn
    from ..models.channel_in import ChannelIn
    from ..models.contact_attribute import ContactAttribute
    from ..models.keywords import Keywords
    from ..models.level_compare import LevelCompare
    from ..models.pattern import Pattern
    from ..models.priority_compare import PriorityCompare


T = TypeVar("T", bound="NotOf")


@_attrs_define
class NotOf:
    """
    Attributes:
        type_ (Literal['not']):
        condition (AllOf | AnyOf | BusinessHours | CampaignIn | CategoryIn | ChannelIn | ContactAttribute | Keywords |
            LevelCompare | NotOf | Pattern | PriorityCompare):
    """

    type_: Literal["not"]
    condition: (
        AllOf
        | AnyOf
        | BusinessHours
        | CampaignIn
        | CategoryIn
        | ChannelIn
        | ContactAttribute
        | Keywords
        | LevelCompare
        | NotOf
        | Pattern
        | PriorityCompare
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.all_of import AllOf  # noqa: PLC0415
        from ..models.any_of import AnyOf  # noqa: PLC0415
        from ..models.campaign_in import CampaignIn  # noqa: PLC0415
        from ..models.category_in import CategoryIn  # noqa: PLC0415
        from ..models.channel_in import ChannelIn  # noqa: PLC0415
        from ..models.contact_attribute import ContactAttribute  # noqa: PLC0415
        from ..models.keywords import Keywords  # noqa: PLC0415
        from ..models.level_compare import LevelCompare  # noqa: PLC0415
        from ..models.pattern import Pattern  # noqa: PLC0415
        from ..models.priority_compare import PriorityCompare  # noqa: PLC0415

        type_ = self.type_

        condition: dict[str, Any]
        if isinstance(self.condition, AllOf):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, AnyOf):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, NotOf):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, Keywords):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, Pattern):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, ChannelIn):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, CampaignIn):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, ContactAttribute):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, PriorityCompare):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, CategoryIn):
            condition = self.condition.to_dict()
        elif isinstance(self.condition, LevelCompare):
            condition = self.condition.to_dict()
        else:
            condition = self.condition.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "condition": condition,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.all_of import AllOf  # noqa: PLC0415
        from ..models.any_of import AnyOf  # noqa: PLC0415
        from ..models.business_hours import BusinessHours  # noqa: PLC0415
        from ..models.campaign_in import CampaignIn  # noqa: PLC0415
        from ..models.category_in import CategoryIn  # noqa: PLC0415
        from ..models.channel_in import ChannelIn  # noqa: PLC0415
        from ..models.contact_attribute import ContactAttribute  # noqa: PLC0415
        from ..models.keywords import Keywords  # noqa: PLC0415
        from ..models.level_compare import LevelCompare  # noqa: PLC0415
        from ..models.pattern import Pattern  # noqa: PLC0415
        from ..models.priority_compare import PriorityCompare  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["not"], d.pop("type"))
        if type_ != "not":
            raise ValueError(f"type must match const 'not', got '{type_}'")

        def _parse_condition(
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
            | NotOf
            | Pattern
            | PriorityCompare
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_0 = AllOf.from_dict(data)

                return condition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_1 = AnyOf.from_dict(data)

                return condition_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_2 = NotOf.from_dict(data)

                return condition_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_3 = Keywords.from_dict(data)

                return condition_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_4 = Pattern.from_dict(data)

                return condition_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_5 = ChannelIn.from_dict(data)

                return condition_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_6 = CampaignIn.from_dict(data)

                return condition_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_7 = ContactAttribute.from_dict(data)

                return condition_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_8 = PriorityCompare.from_dict(data)

                return condition_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_9 = CategoryIn.from_dict(data)

                return condition_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                condition_type_10 = LevelCompare.from_dict(data)

                return condition_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            condition_type_11 = BusinessHours.from_dict(data)

            return condition_type_11

        condition = _parse_condition(d.pop("condition"))

        not_of = cls(
            type_=type_,
            condition=condition,
        )

        return not_of
