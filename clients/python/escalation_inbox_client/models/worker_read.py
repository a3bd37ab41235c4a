from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkerRead")


@_attrs_define
class WorkerRead:
    """
    Attributes:
        last_heartbeat_at (datetime.datetime | None): The newest beat of any worker
        lag_seconds (float | None): Seconds since that beat; it grows while no worker runs (null: never ran)
        sla_backlog_seconds (float | None | Unset): How long the oldest due SLA check has waited (0: none overdue; null:
            the database did not answer). It grows when workers run but cannot keep up or their SLA tick fails, which the
            heartbeat alone does not show.
    """

    last_heartbeat_at: datetime.datetime | None
    lag_seconds: float | None
    sla_backlog_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_heartbeat_at: None | str
        if isinstance(self.last_heartbeat_at, datetime.datetime):
            last_heartbeat_at = self.last_heartbeat_at.isoformat()
        else:
            last_heartbeat_at = self.last_heartbeat_at

        lag_seconds: float | None
        lag_seconds = self.lag_seconds

        sla_backlog_seconds: float | None | Unset
        if isinstance(self.sla_backlog_seconds, Unset):
            sla_backlog_seconds = UNSET
        else:
            sla_backlog_seconds = self.sla_backlog_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_heartbeat_at": last_heartbeat_at,
                "lag_seconds": lag_seconds,
            }
        )
        if sla_backlog_seconds is not UNSET:
            field_dict["sla_backlog_seconds"] = sla_backlog_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_last_heartbeat_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_heartbeat_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_heartbeat_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_heartbeat_at = _parse_last_heartbeat_at(d.pop("last_heartbeat_at"))

        def _parse_lag_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lag_seconds = _parse_lag_seconds(d.pop("lag_seconds"))

        def _parse_sla_backlog_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sla_backlog_seconds = _parse_sla_backlog_seconds(d.pop("sla_backlog_seconds", UNSET))

        worker_read = cls(
            last_heartbeat_at=last_heartbeat_at,
            lag_seconds=lag_seconds,
            sla_backlog_seconds=sla_backlog_seconds,
        )

        worker_read.additional_properties = d
        return worker_read

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
