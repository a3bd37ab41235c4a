import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin


class Calendar(IdMixin, TimestampMixin, Base):
    """Business hours: weekly opening intervals in a time zone, minus holidays."""

    __tablename__ = "business_calendar"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64))
    # [{"weekday": 0, "start": "09:00", "end": "17:00"}, ...]
    intervals: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    # [{"date": "2026-12-25", "name": "Christmas"}, ...]
    holidays: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    holiday_subdivision: Mapped[str | None] = mapped_column(String(16))


class SlaPolicy(IdMixin, TimestampMixin, Base):
    __tablename__ = "sla_policy"
    __table_args__ = (
        # At most one default policy per organisation.
        Index(
            "uq_sla_policy_org_id_default",
            "org_id",
            unique=True,
            postgresql_where=text("is_default"),
        ),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    # Null: around the clock. Deleting a calendar a policy uses is refused (RESTRICT).
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("business_calendar.id", ondelete="RESTRICT"), index=True
    )
    # {"normal": {"first_response_minutes": 60, "resolution_minutes": 480}, ...}
    targets: Mapped[dict[str, Any]] = mapped_column(JSONB)
    warnings_minutes: Mapped[list[int]] = mapped_column(JSONB, default=list)
    pause_while_awaiting_contact: Mapped[bool] = mapped_column(default=False)
    # [{"level": 1, "notify": ["inbox_owners"]}, ...]
    levels: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    is_default: Mapped[bool] = mapped_column(default=False)
