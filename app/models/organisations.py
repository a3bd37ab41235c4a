import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, exists, false, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from app.models.base import Base, IdMixin, TimestampMixin, utcnow
from app.models.two_factor import TwoFactor
from app.models.users import User


class Role(enum.StrEnum):
    owner = "owner"
    admin = "admin"
    supervisor = "supervisor"
    agent = "agent"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_least(self, other: "Role") -> bool:
        return self.rank >= other.rank


_RANKS = {Role.agent: 0, Role.supervisor: 1, Role.admin: 2, Role.owner: 3}


class Availability(enum.StrEnum):
    """What a member says about themselves; `online` members are offered auto-assigned work."""

    online = "online"
    busy = "busy"
    offline = "offline"


class Organisation(IdMixin, TimestampMixin, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200))
    # An IANA zone: where the organisation's days, weeks and months begin in its reports.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # Its owners, admins and supervisors must have two-factor sign-in enabled to act in it.
    require_two_factor: Mapped[bool] = mapped_column(default=False, server_default=false())


class Membership(Base):
    __tablename__ = "membership"

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    # Serves "which organisations does this user belong to" (GET /orgs).
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, create_constraint=True, length=16, name="role")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    # Availability (app/services/availability.py): the status the member set, and their last
    # activity (a change they made, or a heartbeat from the SPA in use), written at most once a
    # minute; idle past AVAILABILITY_IDLE_MINUTES, an online member counts as offline.
    availability: Mapped[Availability] = mapped_column(
        Enum(
            Availability, native_enum=False, create_constraint=True, length=16, name="availability"
        ),
        default=Availability.offline,
        server_default=Availability.offline.value,
    )
    availability_changed_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    # Their working hours (null: any time). Outside them they are not on shift, and email and
    # Slack notifications wait for a digest at the start of their hours, except these priorities.
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("business_calendar.id", ondelete="SET NULL"), index=True
    )
    urgent_priorities: Mapped[list[str]] = mapped_column(
        JSONB, default=lambda: ["critical"], server_default='["critical"]'
    )

    # Read with every membership, in the same statement (correlated subqueries on two primary
    # keys), so the two-factor requirement (app/deps.py) costs no round trip of its own whichever
    # query loads the caller's membership.
    org_requires_two_factor: Mapped[bool] = column_property(
        select(Organisation.require_two_factor)
        .where(Organisation.id == org_id)
        .correlate_except(Organisation)
        .scalar_subquery()
    )
    two_factor_enabled: Mapped[bool] = column_property(
        exists()
        .where(TwoFactor.user_id == user_id, TwoFactor.enabled_at.is_not(None))
        .correlate_except(TwoFactor)
    )

    user: Mapped[User] = relationship(lazy="raise")
