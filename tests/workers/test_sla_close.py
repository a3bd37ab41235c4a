"""Closing an escalation after a deadline the worker never got to is still a breach.

The worker may be down, or its next tick not yet come, when someone resolves or de-escalates an
escalation that is already late: the breach is recorded then (flag and event, once, before the
closing event), and the worker never fires it a second time.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Direction, EscalationEvent
from app.services import conversations, escalations, inboxes
from tests.workers.sla_helpers import (
    T0,
    Setup,
    escalate_at,
    event_types,
    fresh,
    make_setup,
    minutes,
    tick,
)

Maker = async_sessionmaker[AsyncSession]


async def answer(session: AsyncSession, setup: Setup, conversation_id: object, at: object) -> None:
    await conversations.add_message(
        session,
        viewer=setup.owner,
        conversation_id=conversation_id,  # type: ignore[arg-type]
        body="On it",
        direction=Direction.outbound,
        now=at,  # type: ignore[arg-type]
    )


async def breaches(session: AsyncSession, escalation_id: object) -> list[EscalationEvent]:
    return list(
        await session.scalars(
            select(EscalationEvent)
            .where(
                EscalationEvent.escalation_id == escalation_id,
                EscalationEvent.type == "escalation.sla_breached",
            )
            .order_by(EscalationEvent.seq)
        )
    )


class TestLateClose:
    async def test_resolving_after_the_due_time_records_the_breach_once(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)  # resolution due T0+120, first response T0+30
        escalation = await escalate_at(session, setup)
        await answer(session, setup, escalation.conversation_id, T0 + minutes(5))
        # The worker was down from before the deadline until after the resolve.
        await escalations.resolve(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            note=None,
            now=T0 + minutes(150),
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(160))
        await tick(sessionmaker, T0 + minutes(300))

        current = await fresh(session, escalation)
        assert current.breached_resolution and not current.breached_first_response
        types = await event_types(session, escalation)
        assert types[-2:] == ["escalation.sla_breached", "escalation.resolved"]
        (breach,) = await breaches(session, escalation.id)
        assert breach.data["target"] == "resolution"
        assert breach.data["due_at"] == (T0 + minutes(120)).isoformat()
        assert breach.data["noticed"] == "on_close"
        # Closed: nobody is pulled in any more, and nothing is left for the worker.
        assert current.level == 1 and current.priority.value == "normal"
        assert "escalation.level_raised" not in types
        assert current.next_check_at is None

    async def test_de_escalating_late_records_both_missed_targets_in_order(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)  # never answered
        await escalations.de_escalate(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            note=None,
            now=T0 + minutes(130),
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(131))

        current = await fresh(session, escalation)
        assert current.breached_first_response and current.breached_resolution
        assert [b.data["target"] for b in await breaches(session, escalation.id)] == [
            "first_response",
            "resolution",
        ]
        types = await event_types(session, escalation)
        assert types[-1] == "escalation.de_escalated"
        assert "escalation.sla_warning" not in types  # a warning after the fact warns nobody

    async def test_closing_in_time_is_no_breach(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await answer(session, setup, escalation.conversation_id, T0 + minutes(5))
        # At the due instant itself: in time, as a first answer at its due instant is.
        await escalations.resolve(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            note=None,
            now=T0 + minutes(120),
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(500))
        current = await fresh(session, escalation)
        assert not current.breached_resolution
        assert await breaches(session, escalation.id) == []

    async def test_a_breach_the_worker_already_fired_is_not_repeated_on_close(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await answer(session, setup, escalation.conversation_id, T0 + minutes(5))
        await session.commit()
        await tick(sessionmaker, T0 + minutes(121))  # the worker fires the resolution breach
        await escalations.resolve(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            note=None,
            now=T0 + minutes(150),
        )
        await session.commit()
        assert len(await breaches(session, escalation.id)) == 1

    async def test_deleting_the_inbox_records_the_breach_before_sending_it_back(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        late = await escalate_at(session, setup)
        await answer(session, setup, late.conversation_id, T0 + minutes(5))
        in_time = await escalate_at(session, setup, at=T0 + minutes(100))
        await answer(session, setup, in_time.conversation_id, T0 + minutes(101))
        await inboxes.delete_inbox(
            session, actor=setup.owner, inbox_id=setup.inbox.id, now=T0 + minutes(150)
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(400))

        assert (await fresh(session, late)).breached_resolution
        assert (await event_types(session, late))[-2:] == [
            "escalation.sla_breached",
            "escalation.de_escalated",
        ]
        assert not (await fresh(session, in_time)).breached_resolution
        assert await breaches(session, in_time.id) == []


class TestPauseAfterAnUnnoticedBreach:
    async def test_the_breach_is_acted_on_before_the_clock_pauses(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session, pause=True)
        escalation = await escalate_at(session, setup)
        await answer(session, setup, escalation.conversation_id, T0 + minutes(5))  # pauses
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=escalation.conversation_id,
            body="Still there?",
            direction=Direction.inbound,
            now=T0 + minutes(10),
        )
        # Due at T0+125 now; the worker is down; our next message (T0+200) pauses the clock.
        await answer(session, setup, escalation.conversation_id, T0 + minutes(200))
        current = await fresh(session, escalation)
        assert current.breached_resolution and current.level == 2
        types = await event_types(session, escalation)
        assert types[-4:] == [
            "escalation.sla_breached",
            "escalation.level_raised",
            "escalation.priority_changed",
            "escalation.sla_paused",
        ]
        await session.commit()
        await tick(sessionmaker, T0 + minutes(300))
        assert len(await breaches(session, escalation.id)) == 1
