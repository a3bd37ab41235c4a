"""Escalation levels and priority on breaches, run by the real tick."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import EscalationEvent, Priority
from app.services import escalations
from app.services.sla import policies
from tests.workers.sla_helpers import (
    T0,
    escalate_at,
    event_types,
    fresh,
    make_setup,
    minutes,
    tick,
)

Maker = async_sessionmaker[AsyncSession]


class TestLevelChainSnapshot:
    async def test_an_edit_of_the_levels_keeps_the_running_chain(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)  # three levels
        escalation = await escalate_at(session, setup)
        await policies.update_policy(
            session,
            org_id=setup.inbox.org_id,
            policy_id=setup.policy_id,
            now=T0 + minutes(1),
            changes={
                "levels": [{"level": 1, "notify": ["owners"]}],
                "targets": {"normal": {"first_response_minutes": 40, "resolution_minutes": 120}},
            },
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))  # recomputed: the new targets apply
        assert (await fresh(session, escalation)).first_response_due_at == T0 + minutes(40)

        await tick(sessionmaker, T0 + minutes(41))  # first-response breach
        current = await fresh(session, escalation)
        # The chain snapshotted at escalation time still has a level 2 to go to.
        assert current.level == 2
        raised = await session.scalar(
            select(EscalationEvent).where(
                EscalationEvent.escalation_id == escalation.id,
                EscalationEvent.type == "escalation.level_raised",
            )
        )
        assert raised is not None and raised.data["notify"] == ["supervisors", "admins"]

        await tick(sessionmaker, T0 + minutes(121))  # resolution breach
        assert (await fresh(session, escalation)).level == 3


class TestPriorityCap:
    async def test_breaches_never_raise_priority_past_critical(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(
            session,
            targets={
                "normal": {"first_response_minutes": 30, "resolution_minutes": 120},
                "critical": {"first_response_minutes": 5, "resolution_minutes": 10},
            },
        )
        escalation = await escalate_at(session, setup)
        await escalations.change(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            priority=Priority.critical,
            category=None,
            now=T0,
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(60))  # both targets breached
        current = await fresh(session, escalation)
        assert current.priority is Priority.critical
        assert current.breached_first_response and current.breached_resolution
        assert current.level == 3
        types = await event_types(session, escalation)
        assert types.count("escalation.sla_breached") == 2
        assert types.count("escalation.level_raised") == 2
        # Only the manual change: a breach at critical raises nothing further.
        assert types.count("escalation.priority_changed") == 1

    def test_raised_is_capped(self) -> None:
        assert [p.raised() for p in Priority] == [
            Priority.high,
            Priority.urgent,
            Priority.critical,
            Priority.critical,
        ]
