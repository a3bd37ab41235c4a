"""Which policy a stale escalation is recomputed against, and what its audit trail says.

- a new org default moves the escalations of inboxes that follow the default onto it
  ("default_policy_changed"); a later edit of the old default leaves them alone;
- an edit of a policy recomputes the escalations on that policy against that policy
  ("policy_changed"), an edit of its calendar says "calendar_changed".
"""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import EscalationEvent
from app.services.sla import calendars, policies
from tests.workers.sla_helpers import (
    T0,
    Setup,
    escalate_at,
    fresh,
    make_setup,
    minutes,
    on_office_hours,
    tick,
)

Maker = async_sessionmaker[AsyncSession]
FAST = {"normal": {"first_response_minutes": 500, "resolution_minutes": 1000}}


async def new_policy(session: AsyncSession, setup: Setup, **over: Any) -> Any:
    data = {
        "name": "New",
        "calendar_id": None,
        "targets": FAST,
        "warnings_minutes": [],
        "pause_while_awaiting_contact": False,
        "levels": [{"level": 1, "notify": ["owners"]}],
        "is_default": False,
        **over,
    }
    return await policies.create(session, org_id=setup.inbox.org_id, now=T0, data=data)


async def recomputed(session: AsyncSession, escalation_id: Any) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(EscalationEvent.data)
        .where(
            EscalationEvent.escalation_id == escalation_id,
            EscalationEvent.type == "escalation.sla_recomputed",
        )
        .order_by(EscalationEvent.seq)
    )
    return list(rows)


class TestDefaultSwitch:
    async def test_a_new_default_moves_the_followers_onto_it(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)  # "Standard" is the default; the inbox names none
        escalation = await escalate_at(session, setup)
        new = await new_policy(session, setup, is_default=True)
        await session.commit()
        # Pointed at the new default at once: the old one no longer counts as in use.
        assert (await fresh(session, escalation)).sla_policy_id == new.id

        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.sla_policy_id == new.id and not current.sla_stale
        assert current.first_response_due_at == T0 + minutes(500)
        assert current.resolution_due_at == T0 + minutes(1000)
        (data,) = await recomputed(session, escalation.id)
        assert data["reason"] == "default_policy_changed"
        assert data["policy_id"] == str(new.id)

    async def test_the_move_is_on_record_even_with_the_same_due_times(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        same = {"normal": {"first_response_minutes": 30, "resolution_minutes": 120}}
        new = await new_policy(session, setup, targets=same, is_default=True)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.sla_policy_id == new.id
        assert current.first_response_due_at == T0 + minutes(30)
        (data,) = await recomputed(session, escalation.id)
        assert data["reason"] == "default_policy_changed"
        assert data["policy_id"] == str(new.id)

    async def test_a_patch_making_another_policy_default_does_the_same(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        other = await new_policy(session, setup)
        await policies.update_policy(
            session,
            org_id=setup.inbox.org_id,
            policy_id=other.id,
            now=T0 + minutes(1),
            changes={"is_default": True},
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.sla_policy_id == other.id
        assert [d["reason"] for d in await recomputed(session, escalation.id)] == [
            "default_policy_changed"
        ]

    async def test_inboxes_with_their_own_policy_stay(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        setup.inbox.sla_policy_id = setup.policy_id  # named explicitly, not via the default
        await session.flush()
        escalation = await escalate_at(session, setup)
        await new_policy(session, setup, is_default=True)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.sla_policy_id == setup.policy_id
        assert current.first_response_due_at == T0 + minutes(30)
        assert await recomputed(session, escalation.id) == []

    async def test_editing_the_old_default_afterwards_leaves_them_on_the_new_one(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        new = await new_policy(session, setup, is_default=True)
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        await policies.update_policy(
            session,
            org_id=setup.inbox.org_id,
            policy_id=setup.policy_id,
            now=T0 + minutes(2),
            changes={
                "name": "Old renamed",
                "targets": {"normal": {"first_response_minutes": 5, "resolution_minutes": 10}},
            },
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(2))
        current = await fresh(session, escalation)
        assert current.sla_policy_id == new.id
        assert current.first_response_due_at == T0 + minutes(500)
        assert len(await recomputed(session, escalation.id)) == 1

    async def test_unsetting_the_default_leaves_running_escalations_on_it(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await policies.update_policy(
            session,
            org_id=setup.inbox.org_id,
            policy_id=setup.policy_id,
            now=T0 + minutes(1),
            changes={"is_default": False},
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.sla_policy_id == setup.policy_id
        assert current.first_response_due_at == T0 + minutes(30)


class TestEditRecomputesAgainstTheSamePolicy:
    async def test_an_escalation_on_a_policy_no_longer_in_force_stays_on_it(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        # Unsetting the default leaves the escalation on that policy while its inbox has none
        # in force any more. An edit of the policy must recompute it against the policy (going
        # through "the policy in force" used to drop its deadlines, or move it to another).
        await policies.update_policy(
            session,
            org_id=setup.inbox.org_id,
            policy_id=setup.policy_id,
            now=T0,
            changes={"is_default": False},
        )
        await session.commit()
        assert await policies.in_force(session, inbox=setup.inbox) is None
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
        # Recomputed against the policy it is on, not dropped for the (missing) one in force.
        assert current.sla_policy_id == setup.policy_id
        assert current.first_response_due_at == T0 + minutes(60)
        assert current.resolution_due_at == T0 + minutes(240)
        (data,) = await recomputed(session, escalation.id)
        assert data["reason"] == "policy_changed"

    async def test_a_calendar_edit_says_calendar_changed(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await make_setup(session)
        calendar = await on_office_hours(session, setup)
        escalation = await escalate_at(session, setup)  # Wednesday 10:00
        assert escalation.first_response_due_at == T0 + minutes(30)
        await calendars.update(
            session,
            org_id=setup.inbox.org_id,
            calendar_id=calendar.id,
            now=T0 + minutes(1),
            changes={
                "intervals": [{"weekday": d, "start": "10:15", "end": "17:00"} for d in range(5)]
            },
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(1))
        current = await fresh(session, escalation)
        assert current.first_response_due_at == T0 + minutes(45)
        (data,) = await recomputed(session, escalation.id)
        assert data["reason"] == "calendar_changed"
