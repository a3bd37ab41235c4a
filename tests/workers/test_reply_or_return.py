"""Reply-or-return: a claim with no outbound reply within the inbox's business minutes goes back.

The real SLA tick (`ctx["now"]` as the clock) returns the claims; the real assignment tick hands
them on in auto mode.
"""

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Direction, Escalation, EscalationEvent, InboxOwner, Notification
from app.models.notifications import Channel
from app.services import conversations, escalations
from app.services.escalations import reply_window
from app.workers import sla as sla_worker
from tests.workers import assignment_helpers as auto
from tests.workers.sla_helpers import (
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
RETURNED = "escalation.claim_returned_no_reply"


async def _reply_within(
    session: AsyncSession, setup: Setup, n: int | None, claim: int = 30
) -> None:
    setup.inbox.assignment_duration_minutes = claim
    setup.inbox.reply_within_minutes = n
    await session.flush()


async def _claim_one(session: AsyncSession, setup: Setup, at: datetime = T0) -> Escalation:
    batch = await escalations.claim(
        session, member=setup.owner, inbox_id=setup.inbox.id, count=1, now=at
    )
    assert len(batch.items) == 1
    return batch.items[0]


async def _returned_events(session: AsyncSession, escalation: Escalation) -> list[EscalationEvent]:
    return list(
        await session.scalars(
            select(EscalationEvent).where(
                EscalationEvent.escalation_id == escalation.id, EscalationEvent.type == RETURNED
            )
        )
    )


class TestDueTime:
    async def test_the_batch_claim_sets_it_in_minutes_on_an_always_open_calendar(
        self, session: AsyncSession
    ) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 10)
        escalation = await escalate_at(session, setup)
        claimed = await _claim_one(session, setup)
        assert claimed.claim_reply_due_at == T0 + minutes(10)
        assert (await fresh(session, escalation)).claim_reply_due_at == T0 + minutes(10)

    async def test_business_minutes_carry_over_a_closed_night(self, session: AsyncSession) -> None:
        setup = await make_setup(session)
        await on_office_hours(session, setup)  # Monday to Friday, 09:00-17:00 UTC
        await _reply_within(session, setup, 60, claim=1440)
        wednesday_evening = datetime(2026, 3, 4, 16, 30, tzinfo=UTC)
        escalation = await escalate_at(session, setup, at=wednesday_evening)
        await _claim_one(session, setup, at=wednesday_evening)
        # 30 minutes before closing, 30 more after Thursday's opening.
        due = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
        assert (await fresh(session, escalation)).claim_reply_due_at == due

    async def test_a_window_past_the_claims_lapse_sets_none(self, session: AsyncSession) -> None:
        setup = await make_setup(session)
        await on_office_hours(session, setup)
        await _reply_within(session, setup, 30, claim=1440)
        friday_evening = datetime(2026, 3, 6, 16, 50, tzinfo=UTC)
        escalation = await escalate_at(session, setup, at=friday_evening)
        await _claim_one(session, setup, at=friday_evening)
        # Due on Monday at 09:20, but the claim lapses on Saturday: the lapse comes first.
        assert (await fresh(session, escalation)).claim_reply_due_at is None
        assert reply_window.due_at(
            {"calendar": (await fresh(session, escalation)).sla["calendar"]},  # type: ignore[index]
            claimed_at=friday_evening,
            minutes=30,
            expires_at=friday_evening + timedelta(days=4),
        ) == datetime(2026, 3, 9, 9, 20, tzinfo=UTC)

    async def test_claiming_one_by_name_sets_it(self, session: AsyncSession) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 15)
        escalation = await escalate_at(session, setup)
        claimed = await escalations.claim_one(
            session, member=setup.owner, escalation_id=escalation.id, now=T0
        )
        assert claimed.claim_reply_due_at == T0 + minutes(15)

    async def test_off_when_the_setting_is_null(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        claimed = await _claim_one(session, setup)
        assert claimed.claim_reply_due_at is None
        await session.commit()
        counts = await tick(sessionmaker, T0 + minutes(29))
        assert counts["claims_returned"] == 0
        assert (await fresh(session, escalation)).claimed_by == setup.owner.user_id


class TestReply:
    async def test_an_outbound_reply_clears_it_and_the_claim_stays(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 10)
        escalation = await escalate_at(session, setup)
        await _claim_one(session, setup)
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=escalation.conversation_id,
            body="Looking into it now.",
            direction=Direction.outbound,
            now=T0 + minutes(4),
        )
        assert (await fresh(session, escalation)).claim_reply_due_at is None
        await session.commit()
        counts = await tick(sessionmaker, T0 + minutes(11))
        assert counts["claims_returned"] == 0
        current = await fresh(session, escalation)
        assert current.status.value == "claimed" and current.claimed_by == setup.owner.user_id

    async def test_a_contacts_message_does_not(self, session: AsyncSession) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 10)
        escalation = await escalate_at(session, setup)
        await _claim_one(session, setup)
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=escalation.conversation_id,
            body="Hello? Anyone?",
            direction=Direction.inbound,
            now=T0 + minutes(4),
        )
        assert (await fresh(session, escalation)).claim_reply_due_at == T0 + minutes(10)


class TestEndOfClaim:
    async def test_release_resolve_and_lapse_clear_it(self, session: AsyncSession) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 10)
        released, resolved, lapsed = [await escalate_at(session, setup) for _ in range(3)]
        await escalations.claim(
            session, member=setup.owner, inbox_id=setup.inbox.id, count=3, now=T0
        )
        await escalations.release(session, actor=setup.owner, escalation_id=released.id, now=T0)
        await escalations.resolve(
            session, actor=setup.owner, escalation_id=resolved.id, note=None, now=T0
        )
        # The lapse alone (as when the worker was down past both times): it clears the due time.
        assert await escalations.expire_lapsed(session, now=T0 + minutes(31)) == 1
        for escalation in (released, resolved, lapsed):
            current = await fresh(session, escalation)
            assert current.claim_reply_due_at is None and current.status.value != "claimed"


class TestReturn:
    async def test_no_reply_goes_back_to_the_pool_with_its_event_and_notifications(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 10)
        escalation = await escalate_at(session, setup)
        await _claim_one(session, setup)
        await session.commit()

        assert (await tick(sessionmaker, T0 + minutes(10) - timedelta(seconds=1)))[
            "claims_returned"
        ] == 0
        counts = await tick(sessionmaker, T0 + minutes(10))
        assert counts == {**counts, "claims_returned": 1, "claims_expired": 0}

        current = await fresh(session, escalation)
        assert current.status.value == "open"
        assert current.claimed_by is None and current.claim_reply_due_at is None
        assert current.returned_from == setup.owner.user_id
        assert (await event_types(session, escalation))[-1] == RETURNED
        (event,) = await _returned_events(session, escalation)
        assert event.actor_id is None
        assert event.data == {
            "claimed_by": str(setup.owner.user_id),
            "due_at": (T0 + minutes(10)).isoformat(),
            "reply_within_minutes": 10,
        }
        # The holder hears of it, and so does the agent who escalated it (a follower).
        told = {
            (n.user_id, n.rule)
            for n in await session.scalars(
                select(Notification).where(
                    Notification.event_id == event.id, Notification.channel == Channel.in_app
                )
            )
        }
        assert told == {(setup.owner.user_id, "claimant"), (setup.agent.user_id, "follower")}

        # In the pool again: the next claim takes it (and forgets whom it came back from).
        again = await _claim_one(session, setup, at=T0 + minutes(11))
        assert again.id == escalation.id
        assert (await fresh(session, escalation)).returned_from is None

    async def test_running_twice_returns_it_once(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        await _reply_within(session, setup, 10)
        escalation = await escalate_at(session, setup)
        await _claim_one(session, setup)
        await session.commit()
        first = await tick(sessionmaker, T0 + minutes(12))
        second = await tick(sessionmaker, T0 + minutes(12))
        assert (first["claims_returned"], second["claims_returned"]) == (1, 0)
        assert len(await _returned_events(session, escalation)) == 1


class TestAutoMode:
    async def _returned_once(
        self, session: AsyncSession, sessionmaker: Maker, setup: auto.AutoSetup
    ) -> tuple[Escalation, uuid.UUID | None]:
        await _reply_within(session, setup.base, 10)
        escalation = await escalate_at(session, setup.base)
        await session.commit()
        assert (await auto.tick(sessionmaker, T0))["assigned"] == 1
        first = (await auto.claimed_by(session, [escalation.id]))[escalation.id]
        assert (await fresh(session, escalation)).claim_reply_due_at == T0 + minutes(10)
        assert (await tick(sessionmaker, T0 + minutes(10)))["claims_returned"] == 1
        return escalation, first

    async def test_the_next_owner_gets_it_not_the_same_one(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await auto.make_auto_setup(session, owners=2, capacity=2)
        escalation, first = await self._returned_once(session, sessionmaker, setup)
        # The owner it left would be first: no open claims either, and assigned to longer ago.
        await session.execute(
            update(InboxOwner)
            .where(InboxOwner.inbox_id == setup.base.inbox.id, InboxOwner.user_id != first)
            .values(last_assigned_at=T0 + minutes(5))
        )
        await session.commit()
        assert (await auto.tick(sessionmaker, T0 + minutes(10)))["assigned"] == 1
        second = (await auto.claimed_by(session, [escalation.id]))[escalation.id]
        assert second is not None and second != first
        (assigned,) = [
            e
            for e in await auto.events_of(session, "claim.auto_assigned")
            if e.data["claimed_by"] == str(second)
        ]
        assert assigned.data["reason"]["passed_over"] == str(first)
        current = await fresh(session, escalation)
        assert current.returned_from is None
        assert current.claim_reply_due_at == T0 + minutes(20)

    async def test_the_only_owner_on_shift_gets_it_back(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await auto.make_auto_setup(session, owners=1, capacity=2)
        escalation, first = await self._returned_once(session, sessionmaker, setup)
        assert (await auto.tick(sessionmaker, T0 + minutes(10)))["assigned"] == 1
        assert (await auto.claimed_by(session, [escalation.id]))[escalation.id] == first


class TestTwoWorkers:
    async def test_two_workers_at_once_return_each_claim_once(
        self, committed_sessionmaker: Maker, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Small batches, so the two workers interleave batch by batch.
        monkeypatch.setattr(
            sla_worker, "PASSES", (("claims_returned", escalations.return_unanswered, 3),)
        )
        count = 20
        async with committed_sessionmaker() as session, session.begin():
            setup = await make_setup(session)
            await _reply_within(session, setup, 10)
            setup.inbox.batch_size = count
            for _ in range(count):
                await escalate_at(session, setup)
            batch = await escalations.claim(
                session, member=setup.owner, inbox_id=setup.inbox.id, count=count, now=T0
            )
            assert len(batch.items) == count

        at = T0 + minutes(15)
        results = await asyncio.gather(
            *(
                sla_worker.tick(
                    {"sessionmaker": committed_sessionmaker, "now": lambda: at, "worker_id": w}
                )
                for w in ("worker-a", "worker-b")
            )
        )
        assert sum(r["claims_returned"] for r in results) == count
        async with committed_sessionmaker() as session:
            per_escalation = Counter(
                dict(
                    (
                        await session.execute(
                            select(EscalationEvent.escalation_id, func.count())
                            .where(EscalationEvent.type == RETURNED)
                            .group_by(EscalationEvent.escalation_id)
                        )
                    ).all()
                )
            )
            still_claimed = await session.scalar(
                select(func.count()).where(Escalation.status == "claimed")
            )
        assert len(per_escalation) == count and set(per_escalation.values()) == {1}
        assert still_claimed == 0
