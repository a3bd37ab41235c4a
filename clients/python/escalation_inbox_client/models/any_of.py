from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.all_of import AllOf
    from ..models.business_hours import BusinessHours
    from ..models.campaign_in import CampaignIn
    from ..models.category_in import CategoryIn
    from ..models.channel_in import ChannelIn
    from ..models.contact_attribute import ContactAttribute
    from ..models.keywords import Keywords
    from ..models.level_compare import LevelCompare
    from ..models.not_of import NotOf
    from ..models.pattern import Pattern
    from ..models.priority_compare import PriorityCompare


T = TypeVar("T", bound="AnyOf")


@_attrs_define
class AnyOf:
    """
    Attributes:
        type_ (Literal['any']):
        conditions (list[AllOf | AnyOf | BusinessHours | CampaignIn | CategoryIn | ChannelIn | ContactAttribute |
            Keywords | LevelCompare | NotOf | Pattern | PriorityCompare]):
    """

    type_: Literal["any"]
    conditions: list[
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
    ]

    def to_dict(self) -> dict[str, Any]:
        from ..models.all_of import AllOf  # noqa: PLC0415
        from ..models.campaign_in import CampaignIn  # noqa: PLC0415
        from ..models.category_in import CategoryIn  # noqa: PLC0415
        from ..models.channel_in import ChannelIn  # noqa: PLC0415
        from ..models.contact_attribute import ContactAttribute  # noqa: PLC0415
        from ..models.keywords import Keywords  # noqa: PLC0415
        from ..models.level_compare import LevelCompare  # noqa: PLC0415
        from ..models.not_of import NotOf  # noqa: PLC0415
        from ..models.pattern import Pattern  # noqa: PLC0415
        from ..models.priority_compare import PriorityCompare  # noqa: PLC0415

        type_ = self.type_

        conditions = []
        for conditions_item_data in self.conditions:
            conditions_item: dict[str, Any]
            if isinstance(conditions_item_data, AllOf):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, AnyOf):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, NotOf):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, Keywords):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, Pattern):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, ChannelIn):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, CampaignIn):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, ContactAttribute):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, PriorityCompare):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, CategoryIn):
                conditions_item = conditions_item_data.to_dict()
            elif isinstance(conditions_item_data, LevelCompare):
                conditions_item = conditions_item_data.to_dict()
            else:
                conditions_item = conditions_item_data.to_dict()

            conditions.append(conditions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "conditions": conditions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.all_of import AllOf  # noqa: PLC0415
        from ..models.business_hours import BusinessHours  # noqa: PLC0415
        from ..models.campaign_in import CampaignIn  # noqa: PLC0415
        from ..models.category_in import CategoryIn  # noqa: PLC0415
        from ..models.channel_in import ChannelIn  # noqa: PLC0415
        from ..models.contact_attribute import ContactAttribute  # noqa: PLC0415
        from ..models.keywords import Keywords  # noqa: PLC0415
        from ..models.level_compare import LevelCompare  # noqa: PLC0415
        from ..models.not_of import NotOf  # noqa: PLC0415
        from ..models.pattern import Pattern  # noqa: PLC0415
        from ..models.priority_compare import PriorityCompare  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["any"], d.pop("type"))
        if type_ != "any":
            raise ValueError(f"type must match const 'any', got '{type_}'")

        conditions = []
        _conditions = d.pop("conditions")
        for conditions_item_data in _conditions:

            def _parse_conditions_item(
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
                    conditions_item_type_0 = AllOf.from_dict(data)

                    return conditions_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_1 = AnyOf.from_dict(data)

                    return conditions_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_2 = NotOf.from_dict(data)

                    return conditions_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_3 = Keywords.from_dict(data)

                    return conditions_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_4 = Pattern.from_dict(data)

                    return conditions_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_5 = ChannelIn.from_dict(data)

                    return conditions_item_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_6 = CampaignIn.from_dict(data)

                    return conditions_item_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_7 = ContactAttribute.from_dict(data)

                    return conditions_item_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_8 = PriorityCompare.from_dict(data)

                    return conditions_item_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_9 = CategoryIn.from_dict(data)

                    return conditions_item_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    conditions_item_type_10 = LevelCompare.from_dict(data)

                    return conditions_item_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                conditions_item_type_11 = BusinessHours.from_dict(data)

                return conditions_item_type_11

            conditions_item = _parse_conditions_item(conditions_item_data)

            conditions.append(conditions_item)

        any_of = cls(
            type_=type_,
            conditions=conditions,
        )

        return any_of
