"""Pausing the resolution clock while the contact owes us an answer."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Direction, EscalationEvent, Priority
from app.services import conversations, escalations
from app.services.escalations import open_escalation
from tests.factories import make_conversation
from tests.workers.sla_helpers import (
    HANDOFF,
    T0,
    Setup,
    escalate_at,
    event_types,
    fresh,
    make_setup,
    minutes,
    on_office_hours,
    tick,
)

Maker = async_sessionmaker[AsyncSession]
TWO_PRIORITIES = {
    "normal": {"first_response_minutes": 30, "resolution_minutes": 120},
    "urgent": {"first_response_minutes": 10, "resolution_minutes": 20},
}


async def message(
    session: AsyncSession, setup: Setup, conversation_id: object, at: datetime, *, inbound: bool
) -> None:
    await conversations.add_message(
        session,
        viewer=setup.owner,
        conversation_id=conversation_id,  # type: ignore[arg-type]
        body="...",
        direction=Direction.inbound if inbound else Direction.outbound,
        now=at,
    )


async def escalate_awaiting_contact(session: AsyncSession, setup: Setup) -> object:
    """A conversation whose last message was ours (`needs_response` false) is escalated."""
    conversation = await make_conversation(
        session, setup.campaign, needs_response=False, since=T0 - minutes(30)
    )
    return await open_escalation(
        session,
        conversation=conversation,
        inbox=setup.inbox,
        priority=None,
        category="other",
        handoff=HANDOFF,
        escalated_by=setup.agent.user_id,
        now=T0,
    )


class TestPausedAtEscalation:
    async def test_starts_paused_when_the_contact_owes_the_reply(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session, pause=True)
        escalation = await escalate_awaiting_contact(session, setup)
        current = await fresh(session, escalation)  # type: ignore[arg-type]
        assert current.sla_paused_at == T0 and current.sla_clock_started_at is None
        # The due time it would have if the contact answered now.
        assert current.resolution_due_at == T0 + minutes(120)
        types = await event_types(session, current)
        assert types == ["escalation.created", "escalation.sla_paused"]
        await session.commit()

        await tick(sessionmaker, T0 + minutes(200))  # no resolution deadline runs while paused
        assert not (await fresh(session, current)).breached_resolution

        await message(session, setup, current.conversation_id, T0 + minutes(200), inbound=True)
        resumed = await fresh(session, current)
        assert resumed.sla_paused_at is None
        assert resumed.resolution_due_at == T0 + minutes(320)
        assert (await event_types(session, current))[-1] == "escalation.sla_resumed"

    async def test_runs_when_the_policy_does_not_pause(self, session: AsyncSession) -> None:
        setup = await make_setup(session, pause=False)
        escalation = await escalate_awaiting_contact(session, setup)
        current = await fresh(session, escalation)  # type: ignore[arg-type]
        assert current.sla_paused_at is None and current.sla_clock_started_at == T0

    async def test_runs_when_the_contact_waits_for_us(self, session: AsyncSession) -> None:
        setup = await make_setup(session, pause=True)
        escalation = await escalate_at(session, setup)  # needs a response
        assert escalation.sla_paused_at is None and escalation.sla_clock_started_at == T0


class TestPriorityChangeWhilePaused:
    async def test_the_due_time_follows_the_new_priority_and_the_pause_still_counts(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session, pause=True, targets=TWO_PRIORITIES, warnings=[])
        escalation = await escalate_at(session, setup)
        await message(session, setup, escalation.conversation_id, T0 + minutes(5), inbound=False)
        changed = await escalations.change(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            priority=Priority.urgent,
            category=None,
            now=T0 + minutes(6),
        )
        # 5 of urgent's 20 minutes were spent before the pause: 15 left from the pause.
        assert changed.sla_paused_at == T0 + minutes(5)
        assert changed.resolution_due_at == T0 + minutes(20)
        event = await session.scalar(
            select(EscalationEvent).where(
                EscalationEvent.escalation_id == escalation.id,
                EscalationEvent.type == "escalation.sla_recomputed",
            )
        )
        assert event is not None and event.data["reason"] == "priority_changed"
        assert event.data["resolution_due_at"] == {
            "from": (T0 + minutes(120)).isoformat(),
            "to": (T0 + minutes(20)).isoformat(),
        }

        # The contact answers 25 minutes into the pause: the 15 minutes left run from then.
        await message(session, setup, escalation.conversation_id, T0 + minutes(30), inbound=True)
        resumed = await fresh(session, escalation)
        assert resumed.resolution_due_at == T0 + minutes(45)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(45))
        assert (await fresh(session, escalation)).breached_resolution


class TestResumeOnABusinessCalendar:
    async def test_the_wait_is_counted_in_business_minutes_over_the_weekend(
        self, session: AsyncSession
    ) -> None:
        setup = await make_setup(
            session,
            pause=True,
            targets={"normal": {"first_response_minutes": 60, "resolution_minutes": 480}},
        )
        await on_office_hours(session, setup, time_zone="Europe/London")  # on UTC in early March
        friday = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)
        escalation = await escalate_at(session, setup, at=friday)
        # Friday 15-17 is 120 minutes; the other 360 run Monday 09:00-15:00.
        assert escalation.resolution_due_at == datetime(2026, 3, 9, 15, 0, tzinfo=UTC)

        await message(
            session, setup, escalation.conversation_id, friday + minutes(60), inbound=False
        )
        monday = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
        await message(session, setup, escalation.conversation_id, monday, inbound=True)
        resumed = await fresh(session, escalation)
        # 66 hours on the wall clock, 120 business minutes (Fri 16-17, Mon 9-10): the deadline
        # moves by those 120, to Monday 17:00, not past the weekend again.
        assert resumed.resolution_due_at == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
        event = await session.scalar(
            select(EscalationEvent).where(
                EscalationEvent.escalation_id == escalation.id,
                EscalationEvent.type == "escalation.sla_resumed",
            )
        )
        assert event is not None and event.data["waited_business_minutes"] == 120
