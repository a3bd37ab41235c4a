"""The agent who escalates follows the escalation, so they hear how it ended (issue 24)."""

from datetime import datetime

from sqlalchemy import DateTime, Table, Uuid, bindparam, exists, literal, select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.api_keys import ApiKey
from app.models.escalations import Escalation
from app.models.followers import EscalationFollower, FollowSource


async def follow_as_escalator(
    session: AsyncSession, *, escalation: Escalation, now: datetime
) -> None:
    """One statement: an API key (a service member) follows nothing, so it is left out here
    rather than looked up first."""
    if escalation.escalated_by is None:  # a rule or the campaign's auto-escalation
        return
    await session.execute(
        _FOLLOW,
        {
            "escalation_id": escalation.id,
            "user_id": escalation.escalated_by,
            "org_id": escalation.org_id,
            "now": now,
        },
    )


def _follow() -> Insert:
    user_id = bindparam("user_id", type_=Uuid)
    follower = select(
        bindparam("escalation_id", type_=Uuid),
        user_id,
        bindparam("org_id", type_=Uuid),
        literal(FollowSource.escalated.value),
        bindparam("now", type_=DateTime(timezone=True)),
    ).where(~exists().where(ApiKey.id == user_id))
    table = EscalationFollower.__table__
    assert isinstance(table, Table)  # Core: the ORM would take the parameters for rows
    return (
        insert(table)
        .from_select(["escalation_id", "user_id", "org_id", "source", "created_at"], follower)
        .on_conflict_do_nothing()
    )


# Built once: every escalation by a person runs it.
_FOLLOW = _follow()
