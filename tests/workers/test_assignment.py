"""The real assignment tick, against real PostgreSQL, with a controllable clock."""

import asyncio
import contextlib
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Escalation, Inbox, Membership, Notification, Role
from app.models.inboxes import AssignmentMode
from app.models.organisations import Availability, Organisation
from app.services import escalations
from app.services.escalations.claims import AtCapacity
from tests.factories import make_member
from tests.workers.assignment_helpers import (
    claimed_by,
    escalations_at,
    events_of,
    make_auto_setup,
    office_calendar,
    set_status,
    tick,
)
from tests.workers.sla_helpers import T0, escalate_at, minutes

Maker = async_sessionmaker[AsyncSession]


class TestFewestOpenClaims:
    async def test_each_goes_to_the_owner_with_fewest_open_claims(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=3, capacity=5)
        a, b, c = setup.owners
        held = await escalations_at(session, setup, 3)
        # a holds two claims, b one, c none.
        for escalation, owner in zip(held, [a, a, b], strict=True):
            await session.execute(
                update(Escalation)
                .where(Escalation.id == escalation.id)
                .values(
                    status="claimed",
                    claimed_by=owner.user_id,
                    claimed_at=T0,
                    claim_expires_at=T0 + minutes(60),
                )
            )
        new = [await escalate_at(session, setup.base, at=T0 + minutes(i + 1)) for i in range(3)]
        await session.commit()

        counts = await tick(sessionmaker, T0 + minutes(5))

        assert counts["assigned"] == 3
        got = await claimed_by(session, [e.id for e in new])
        # c (0) takes the first; b and c then have 1 each, b waited longer; then c (1 < 2).
        assert [got[e.id] for e in new] == [c.user_id, b.user_id, c.user_id]
        events = await events_of(session, "claim.auto_assigned")
        assert [e.data["reason"]["open_claims"] for e in events] == [0, 1, 1]
        assert events[0].data["reason"]["rule"] == "fewest_open_claims"
        assert events[0].data["claimed_by"] == str(c.user_id)
        assert events[1].data["reason"]["tie_break"] == "longest_since_last_assignment"
        # The claim is an ordinary one: the inbox's claim duration.
        loaded = await session.get_one(Escalation, new[0].id, populate_existing=True)
        assert loaded.claim_expires_at == T0 + minutes(5) + minutes(30)
        told = await session.scalars(
            select(Notification.user_id).where(
                Notification.event_type == "claim.auto_assigned",
                Notification.channel == "in_app",
                # The escalating agent hears of each too, as a follower (issue 24).
                Notification.rule == "assignee",
            )
        )
        assert Counter(told) == {c.user_id: 2, b.user_id: 1}

    async def test_lapsed_claim_comes_back_and_is_assigned_again(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=1, capacity=1)
        (escalation,) = await escalations_at(session, setup, 1)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        for m in setup.owners:  # still around an hour later
            await set_status(session, m, Availability.online, seen=T0 + minutes(60))
        await session.commit()

        await tick(sessionmaker, T0 + minutes(61))  # the 30-minute claim lapsed at T0+31

        types = [e.type for e in await events_of(session, "claim.auto_assigned")]
        assert len(types) == 2
        expired = await events_of(session, "escalation.claim_expired")
        assert [e.escalation_id for e in expired] == [escalation.id]


class TestFifo:
    async def test_soonest_due_first_and_never_over_capacity(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=1, capacity=1)
        (owner,) = setup.owners
        late = await escalate_at(session, setup.base, at=T0 + minutes(10))
        early = await escalate_at(session, setup.base, at=T0)
        middle = await escalate_at(session, setup.base, at=T0 + minutes(5))
        await session.commit()

        await tick(sessionmaker, T0 + minutes(11))
        await tick(sessionmaker, T0 + minutes(11))  # at capacity: nothing more
        assert await claimed_by(session, [early.id, middle.id, late.id]) == {
            early.id: owner.user_id,
            middle.id: None,
            late.id: None,
        }
        await escalations.resolve(
            session, actor=owner, escalation_id=early.id, note=None, now=T0 + minutes(12)
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(12))
        got = await claimed_by(session, [middle.id, late.id])
        assert got == {middle.id: owner.user_id, late.id: None}


class TestCapacityUnderConcurrency:
    async def test_four_workers_and_pull_claims_never_exceed_capacity(
        self, committed_sessionmaker: Maker
    ) -> None:
        capacity = 3
        async with committed_sessionmaker() as session, session.begin():
            setup = await make_auto_setup(session, owners=6, capacity=capacity)
            inbox = await session.get_one(Inbox, setup.base.inbox.id)
            inbox.assignment_mode = AssignmentMode.auto_pull  # owners claim beside the workers
            ids = [e.id for e in await escalations_at(session, setup, 60)]
            owners = setup.owners

        at = T0 + minutes(1)

        async def pull(member: Membership) -> None:
            async with committed_sessionmaker() as session, session.begin():
                with contextlib.suppress(AtCapacity):
                    await escalations.claim(
                        session, member=member, inbox_id=inbox.id, count=2, now=at
                    )

        results = await asyncio.gather(
            *(
                tick(committed_sessionmaker, at, worker_id=f"w{i}", assign_batch=2)
                for i in range(4)
            ),
            *(pull(m) for m in owners),
        )
        # A tick skips the owners whose pull claims hold their rows (SKIP LOCKED); a claim's
        # transaction now also tells the escalations' followers (issue 24), so the skip is likelier
        # and the next tick, a second later, fills what this round left.
        results.append(await tick(committed_sessionmaker, at, worker_id="w4", assign_batch=6))

        async with committed_sessionmaker() as session:
            per_owner = dict(
                (
                    await session.execute(
                        select(Escalation.claimed_by, func.count())
                        .where(Escalation.id.in_(ids), Escalation.status == "claimed")
                        .group_by(Escalation.claimed_by)
                    )
                )
                .tuples()
                .all()
            )
            auto = await events_of(session, "claim.auto_assigned")
            pulled = await events_of(session, "escalation.claimed")
        assert max(per_owner.values()) <= capacity
        # Everyone ends up full: 6 owners x 3, each escalation claimed once.
        assert sum(per_owner.values()) == 6 * capacity
        assert len(auto) + len(pulled) == 6 * capacity
        assert len({e.escalation_id for e in [*auto, *pulled]}) == 6 * capacity
        assert sum(r["assigned"] for r in [*results[:4], results[-1]]) == len(auto) > 0


class TestOfflineAfterIdle:
    async def test_idle_owner_gets_nothing_until_active_again(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=1, capacity=2)
        (owner,) = setup.owners
        (escalation,) = await escalations_at(session, setup, 1)
        await session.commit()

        # Online, but last seen 16 minutes ago (AVAILABILITY_IDLE_MINUTES is 15).
        await tick(sessionmaker, T0 + minutes(16))
        assert (await claimed_by(session, [escalation.id]))[escalation.id] is None

        await set_status(session, owner, Availability.online, seen=T0 + minutes(16))
        await session.commit()
        await tick(sessionmaker, T0 + minutes(16))
        assert (await claimed_by(session, [escalation.id]))[escalation.id] == owner.user_id

    async def test_busy_owner_gets_nothing(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=1, capacity=2)
        await set_status(session, setup.owners[0], Availability.busy, seen=T0)
        (escalation,) = await escalations_at(session, setup, 1)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        assert (await claimed_by(session, [escalation.id]))[escalation.id] is None


class TestShiftAcrossDst:
    async def test_london_shift_follows_the_clock_change(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=1, capacity=10)
        (owner,) = setup.owners
        calendar = await office_calendar(session, owner.org_id, "Europe/London")
        # Saturday 28 March 2026, GMT: 09:00 local is 09:00 UTC. The clocks go forward at
        # 01:00 UTC on Sunday 29 March; on Monday 30 March 09:00 local (BST) is 08:00 UTC.
        cases = [
            (datetime(2026, 3, 28, 8, 59, tzinfo=UTC), False),
            (datetime(2026, 3, 28, 9, 0, tzinfo=UTC), True),
            (datetime(2026, 3, 28, 16, 59, tzinfo=UTC), True),
            (datetime(2026, 3, 28, 17, 0, tzinfo=UTC), False),
            (datetime(2026, 3, 30, 7, 59, tzinfo=UTC), False),
            (datetime(2026, 3, 30, 8, 0, tzinfo=UTC), True),
            (datetime(2026, 3, 30, 15, 59, tzinfo=UTC), True),
            (datetime(2026, 3, 30, 16, 0, tzinfo=UTC), False),
        ]
        for at, on_shift in cases:
            escalation = await escalate_at(session, setup.base, at=at)
            await set_status(session, owner, Availability.online, seen=at, calendar_id=calendar.id)
            await session.commit()
            await tick(sessionmaker, at)
            got = (await claimed_by(session, [escalation.id]))[escalation.id]
            assert (got == owner.user_id) is on_shift, at
            await session.execute(
                update(Escalation).values(status="resolved", claimed_by=None, claim_expires_at=None)
            )
            await session.commit()


class TestNobodyOnShift:
    async def test_next_tier_told_once_and_again_after_a_shift(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=2, capacity=2, online=False)
        org = await session.get_one(Organisation, setup.base.inbox.org_id)
        admin = await make_member(session, org, Role.admin)
        await escalations_at(session, setup, 2)
        await session.commit()

        first = await tick(sessionmaker, T0 + minutes(1))
        again = await tick(sessionmaker, T0 + minutes(2))

        assert (first["raised"], again["raised"]) == (1, 0)
        raised = await events_of(session, "escalation.nobody_on_shift")
        assert len(raised) == 1 and raised[0].data["waiting"] == 2
        inbox = await session.get_one(Inbox, setup.base.inbox.id, populate_existing=True)
        assert inbox.unstaffed_since == T0 + minutes(1)
        # The policy names nobody for this category: its last tier, the admins, hear of it.
        told = list(
            await session.scalars(
                select(Notification.user_id).where(
                    Notification.event_type == "escalation.nobody_on_shift",
                    Notification.channel == "in_app",
                )
            )
        )
        assert told == [admin.id]

        # Someone comes on shift: the mark goes; once nobody is again, it is raised again.
        await set_status(session, setup.owners[0], Availability.online, seen=T0 + minutes(3))
        await session.commit()
        assert (await tick(sessionmaker, T0 + minutes(3)))["assigned"] == 2
        inbox = await session.get_one(Inbox, setup.base.inbox.id, populate_existing=True)
        assert inbox.unstaffed_since is None
        await set_status(session, setup.owners[0], Availability.offline, seen=T0 + minutes(3))
        await escalations_at(session, setup, 1)
        await session.commit()
        assert (await tick(sessionmaker, T0 + minutes(4)))["raised"] == 1
        assert len(await events_of(session, "escalation.nobody_on_shift")) == 2

    async def test_pull_inbox_is_never_raised(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_auto_setup(session, owners=1, capacity=2, online=False)
        setup.base.inbox.assignment_mode = AssignmentMode.pull
        await escalations_at(session, setup, 1)
        await session.commit()
        assert await tick(sessionmaker, T0 + minutes(1)) == {"assigned": 0, "raised": 0}
