"""The real SLA tick job, against real PostgreSQL, with a controllable clock."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Conversation, Direction, EscalationEvent
from app.services import conversations, escalations
from app.services.sla import policies
from tests.workers.sla_helpers import (
    T0,
    escalate_at,
    event_types,
    fresh,
    make_setup,
    minutes,
    on_office_hours,
    tick,
    unanswered,
)

Maker = async_sessionmaker[AsyncSession]


class TestDeadlines:
    async def test_due_times_set_at_escalation(self, session: AsyncSession) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        assert escalation.first_response_due_at == T0 + minutes(30)
        assert escalation.resolution_due_at == T0 + minutes(120)
        assert escalation.next_check_at == T0 + minutes(20)  # the first warning
        assert escalation.level == 1

    async def test_business_calendar_carries_over_the_weekend(self, session: AsyncSession) -> None:
        org_setup = await make_setup(
            session, targets={"normal": {"first_response_minutes": 60, "resolution_minutes": 480}}
        )
        await on_office_hours(session, org_setup, time_zone="Europe/London")
        friday = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)  # London is on UTC in March
        escalation = await escalate_at(session, org_setup, at=friday)
        assert escalation.first_response_due_at == datetime(2026, 3, 9, 9, 30, tzinfo=UTC)


class TestWarningBreachLevel:
    async def test_each_checkpoint_fires_once_in_order(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await session.commit()

        await tick(sessionmaker, T0 + minutes(19))
        assert await event_types(session, escalation) == ["escalation.created"]
        await tick(sessionmaker, T0 + minutes(20))
        await tick(sessionmaker, T0 + minutes(20))  # a rerun acts on nothing twice
        assert (await event_types(session, escalation))[1:] == ["escalation.sla_warning"]

        await tick(sessionmaker, T0 + minutes(30))
        types = await event_types(session, escalation)
        assert types[2:] == [
            "escalation.sla_breached",
            "escalation.level_raised",
            "escalation.priority_changed",
        ]
        current = await fresh(session, escalation)
        assert current.breached_first_response and not current.breached_resolution
        assert current.level == 2 and current.priority.value == "high"
        # Deadlines stay those of the priority the clock was set for.
        assert current.resolution_due_at == T0 + minutes(120)
        assert current.next_check_at == T0 + minutes(110)

    async def test_catch_up_after_downtime(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await session.commit()

        await tick(sessionmaker, T0 + minutes(180))  # the worker was down for three hours
        await tick(sessionmaker, T0 + minutes(181))
        assert await event_types(session, escalation) == [
            "escalation.created",
            "escalation.sla_warning",
            "escalation.sla_breached",
            "escalation.level_raised",
            "escalation.priority_changed",
            "escalation.sla_warning",
            "escalation.sla_breached",
            "escalation.level_raised",
            "escalation.priority_changed",
        ]
        current = await fresh(session, escalation)
        assert current.level == 3 and current.priority.value == "urgent"
        assert current.next_check_at is None
        rows = await session.scalars(
            select(EscalationEvent)
            .where(
                EscalationEvent.escalation_id == escalation.id,
                EscalationEvent.type == "escalation.level_raised",
            )
            .order_by(EscalationEvent.seq)
        )
        assert [e.data["notify"] for e in rows] == [["supervisors", "admins"], ["owners"]]

    async def test_first_response_in_time_cancels_its_checkpoints(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=escalation.conversation_id,
            body="Hi",
            direction=Direction.outbound,
            now=T0 + minutes(5),
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(60))
        types = await event_types(session, escalation)
        assert "escalation.sla_breached" not in types
        assert types == ["escalation.created", "escalation.first_response"]
        current = await fresh(session, escalation)
        assert current.next_check_at == T0 + minutes(110)

    async def test_closed_escalations_are_never_checked(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await escalations.resolve(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            note=None,
            now=T0 + minutes(1),
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(500))
        assert "escalation.sla_breached" not in await event_types(session, escalation)


class TestPause:
    async def test_waiting_on_the_contact_shifts_the_resolution_deadline(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session, pause=True)
        escalation = await escalate_at(session, setup)
        conversation_id = escalation.conversation_id
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=conversation_id,
            body="Can you send it?",
            direction=Direction.outbound,
            now=T0 + minutes(10),
        )
        paused = await fresh(session, escalation)
        assert paused.sla_paused_at == T0 + minutes(10)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(200))  # no resolution breach while paused
        assert "escalation.sla_breached" not in await event_types(session, escalation)

        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=conversation_id,
            body="Here it is",
            direction=Direction.inbound,
            now=T0 + minutes(200),
        )
        resumed = await fresh(session, escalation)
        assert resumed.sla_paused_at is None
        # 110 minutes were left at the pause; they run again from the contact's reply.
        assert resumed.resolution_due_at == T0 + minutes(310)
        types = await event_types(session, escalation)
        assert types[-2:] == ["escalation.sla_paused", "escalation.sla_resumed"]


class TestRecompute:
    async def test_policy_edit_recomputes_open_escalations_through_the_worker(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await policies.update_policy(
            session,
            org_id=setup.inbox.org_id,
            policy_id=setup.policy_id,
            now=T0 + minutes(1),
            changes={
                "targets": {"normal": {"first_response_minutes": 60, "resolution_minutes": 240}}
            },
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.first_response_due_at == T0 + minutes(60)
        assert current.resolution_due_at == T0 + minutes(240)
        assert not current.sla_stale
        rows = list(
            await session.scalars(
                select(EscalationEvent).where(
                    EscalationEvent.escalation_id == escalation.id,
                    EscalationEvent.type == "escalation.sla_recomputed",
                )
            )
        )
        assert len(rows) == 1 and rows[0].data["reason"] == "policy_changed"

    async def test_priority_change_recomputes_at_once(self, session: AsyncSession) -> None:
        setup = await make_setup(
            session,
            targets={
                "normal": {"first_response_minutes": 30, "resolution_minutes": 120},
                "urgent": {"first_response_minutes": 10, "resolution_minutes": 60},
            },
        )
        escalation = await escalate_at(session, setup)
        from app.models import Priority

        changed = await escalations.change(
            session,
            actor=setup.owner,
            escalation_id=escalation.id,
            priority=Priority.urgent,
            category=None,
            now=T0 + minutes(2),
        )
        assert changed.first_response_due_at == T0 + minutes(10)
        assert changed.resolution_due_at == T0 + minutes(60)


class TestClaimExpiry:
    async def test_tick_expires_lapsed_claims(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await escalations.claim(
            session, member=setup.owner, inbox_id=setup.inbox.id, count=1, now=T0
        )
        await session.commit()
        counts = await tick(sessionmaker, T0 + minutes(31))
        assert counts["claims_expired"] == 1
        current = await fresh(session, escalation)
        assert current.status.value == "open" and current.claimed_by is None
        assert "escalation.claim_expired" in await event_types(session, escalation)


class TestAutoEscalation:
    async def test_unanswered_conversation_is_escalated_by_the_campaign_rule(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        from app.services import campaigns

        setup = await make_setup(session)
        await campaigns.update(
            session,
            org_id=setup.inbox.org_id,
            campaign_id=setup.campaign.id,
            now=T0,
            changes={"auto_escalate_after_minutes": 15, "auto_escalate_inbox_id": setup.inbox.id},
        )
        conversation = await unanswered(session, setup)
        assert conversation.auto_escalate_at == T0 + minutes(15)
        await session.commit()

        await tick(sessionmaker, T0 + minutes(14))
        queue = await conversations.reply_queue(session, viewer=setup.agent, limit=5, cursor=None)
        assert [c.id for c in queue.items] == [conversation.id]

        counts = await tick(sessionmaker, T0 + minutes(15))
        assert counts["auto_escalated"] == 1
        row = await session.scalar(
            select(Conversation)
            .where(Conversation.id == conversation.id)
            .execution_options(populate_existing=True)
        )
        assert row is not None and row.assignee_id is None and row.auto_escalate_at is None
        queue = await conversations.reply_queue(session, viewer=setup.agent, limit=5, cursor=None)
        assert queue.items == []
        events = list(
            await session.scalars(
                select(EscalationEvent)
                .where(EscalationEvent.type == "escalation.created")
                .where(EscalationEvent.org_id == setup.inbox.org_id)
            )
        )
        assert len(events) == 1 and events[0].actor_id is None and events[0].data["automatic"]
        assert "15 business minutes" in events[0].data["handoff"]["reason"]

    async def test_answered_conversation_is_left_alone(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        from app.services import campaigns

        setup = await make_setup(session)
        await campaigns.update(
            session,
            org_id=setup.inbox.org_id,
            campaign_id=setup.campaign.id,
            now=T0,
            changes={"auto_escalate_after_minutes": 15, "auto_escalate_inbox_id": setup.inbox.id},
        )
        conversation = await unanswered(session, setup)
        await conversations.add_message(
            session,
            viewer=setup.agent,
            conversation_id=conversation.id,
            body="Hi Bo",
            direction=Direction.outbound,
            now=T0 + minutes(5),
        )
        await session.commit()
        counts = await tick(sessionmaker, T0 + minutes(60))
        assert counts["auto_escalated"] == 0


class TestOneTickPerWorker:
    async def test_a_tick_still_running_makes_the_next_one_skip(self, sessionmaker: Maker) -> None:
        import asyncio

        from app.workers import sla as sla_worker

        ctx = {"sessionmaker": sessionmaker, "now": lambda: T0, "worker_id": "w"}
        key = (id(asyncio.get_running_loop()), "w")
        lock = sla_worker._running.setdefault(key, asyncio.Lock())
        async with lock:  # as if a long tick were running in this worker
            assert await sla_worker.tick(ctx) == {
                "sla_checks": 0,
                "claims_returned": 0,
                "claims_expired": 0,
                "auto_escalated": 0,
            }
