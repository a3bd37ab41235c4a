"""The agent who escalates follows the escalation, so they hear how it ended (issue 24)."""

from datetime import datetime

from sqlalchemy import exists, literal, select
from sqlalchemy.dialects.postgresql import insert
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
    follower = select(
        literal(escalation.id),
        literal(escalation.escalated_by),
        literal(escalation.org_id),
        literal(FollowSource.escalated.value),
        literal(now),
    ).where(~exists().where(ApiKey.id == escalation.escalated_by))
    await session.execute(
        insert(EscalationFollower)
        .from_select(["escalation_id", "user_id", "org_id", "source", "created_at"], follower)
        .on_conflict_do_nothing()
    )
