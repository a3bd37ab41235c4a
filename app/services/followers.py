"""Following an escalation: who hears of its claim, move, close, notes and SLA alarms.

Anyone who may see an escalation may follow it. The agent who escalated it follows it from the
start (app/services/escalations/lifecycle.py) although they no longer see it: that is how they
learn how it ended. So unfollowing asks only that one follows: a follower who cannot see the
escalation may still stop hearing of it, and learns nothing new by doing so. The notifications
themselves are written by the fan-out (app/services/notifications/fanout.py), which reads the
followers table directly.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.followers import EscalationFollower, FollowSource
from app.models.organisations import Membership
from app.models.users import User
from app.services import escalations


@dataclass
class Follower:
    user_id: uuid.UUID
    email: str
    display_name: str | None
    source: FollowSource
    created_at: datetime


def _followers(escalation_id: uuid.UUID) -> Select[Any]:
    user = User.__table__.c
    return (
        select(
            EscalationFollower.user_id,
            user.email,
            user.display_name,
            EscalationFollower.source,
            EscalationFollower.created_at,
        )
        .join(User, user.id == EscalationFollower.user_id)
        .where(EscalationFollower.escalation_id == escalation_id)
    )


async def follow(
    session: AsyncSession, *, actor: Membership, escalation_id: uuid.UUID, now: datetime
) -> Follower:
    """Follow (again: nothing changes); returns the caller as a follower."""
    escalation = await escalations.get_visible(session, viewer=actor, escalation_id=escalation_id)
    await session.execute(
        insert(EscalationFollower)
        .values(
            escalation_id=escalation.id,
            user_id=actor.user_id,
            org_id=escalation.org_id,
            source=FollowSource.followed,
            created_at=now,
        )
        .on_conflict_do_nothing()
    )
    row = (
        await session.execute(
            _followers(escalation.id).where(EscalationFollower.user_id == actor.user_id)
        )
    ).one()
    return Follower(*row)


async def unfollow(session: AsyncSession, *, actor: Membership, escalation_id: uuid.UUID) -> None:
    """Stop following; not following already is no error, for whoever may see it."""
    gone = await session.execute(
        delete(EscalationFollower)
        .where(
            EscalationFollower.escalation_id == escalation_id,
            EscalationFollower.user_id == actor.user_id,
            EscalationFollower.org_id == actor.org_id,
        )
        .returning(EscalationFollower.user_id)
    )
    if gone.first() is None:
        await escalations.get_visible(session, viewer=actor, escalation_id=escalation_id)


async def list_for_escalation(
    session: AsyncSession, *, viewer: Membership, escalation_id: uuid.UUID
) -> list[Follower]:
    """Everyone following, longest first. Not paged: at most the organisation's members."""
    await escalations.get_visible(session, viewer=viewer, escalation_id=escalation_id)
    stmt = _followers(escalation_id).order_by(
        EscalationFollower.created_at, EscalationFollower.user_id
    )
    return [Follower(*row) for row in await session.execute(stmt)]
