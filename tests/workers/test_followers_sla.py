"""Followers hear of an escalation's SLA warning and breach, written by the real SLA tick."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Membership, Notification, Organisation, Role
from app.services import followers
from tests.factories import make_member
from tests.workers.sla_helpers import T0, escalate_at, make_setup, minutes, tick


async def _told(session: AsyncSession, event_type: str) -> set[tuple[object, str, str]]:
    rows = await session.scalars(select(Notification).where(Notification.event_type == event_type))
    return {(n.user_id, n.rule, n.channel.value) for n in rows}


class TestSlaAlarms:
    async def test_warning_and_breach_reach_the_followers(
        self, session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        setup = await make_setup(session)  # first response due in 30 min, warned 10 before
        org = await session.get_one(Organisation, setup.inbox.org_id)
        watcher = await make_member(session, org, Role.supervisor)
        escalation = await escalate_at(session, setup)
        member = await session.get_one(Membership, (org.id, watcher.id))
        await followers.follow(session, actor=member, escalation_id=escalation.id, now=T0)
        await session.commit()

        await tick(sessionmaker, T0 + minutes(21))  # the warning
        warned = await _told(session, "escalation.sla_warning")
        # The inbox's owner as its level says; the escalating agent and the watcher as followers.
        assert (setup.owner.user_id, "sla_level", "email") in warned
        assert {(u, c) for u, rule, c in warned if rule == "follower"} == {
            (setup.agent.user_id, "in_app"),
            (setup.agent.user_id, "email"),
            (watcher.id, "in_app"),
            (watcher.id, "email"),
        }

        await followers.unfollow(session, actor=member, escalation_id=escalation.id)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(31))  # the breach
        breached = await _told(session, "escalation.sla_breached")
        assert {(u, c) for u, rule, c in breached if rule == "follower"} == {
            (setup.agent.user_id, "in_app"),
            (setup.agent.user_id, "email"),
        }
