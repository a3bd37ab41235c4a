"""Several real database sessions claim from one inbox at the same moment."""

import asyncio
import uuid
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Escalation, EscalationEvent, Inbox, InboxOwner, Membership, Role
from app.models.base import utcnow
from app.services import escalations
from tests.factories import make_campaign, make_conversation, make_member, make_org

OWNERS = 8
ESCALATIONS = 240


async def _seed(session: AsyncSession) -> tuple[uuid.UUID, list[Membership]]:
    org = await make_org(session)
    campaign = await make_campaign(session, org)
    owners = [await make_member(session, org, Role.agent) for _ in range(OWNERS)]
    inbox = Inbox(org_id=org.id, name="Billing", batch_size=7, assignment_duration_minutes=30)
    session.add(inbox)
    await session.flush()
    session.add_all(InboxOwner(inbox_id=inbox.id, user_id=o.id) for o in owners)
    start = utcnow() - timedelta(hours=1)
    for n in range(ESCALATIONS):
        conversation = await make_conversation(session, campaign)
        session.add(
            Escalation(
                org_id=org.id,
                conversation_id=conversation.id,
                inbox_id=inbox.id,
                origin_campaign_id=campaign.id,
                status="open",
                priority=["normal", "high", "urgent", "critical"][n % 4],
                category="other",
                handoff={},
                created_at=start + timedelta(seconds=n),
                last_activity_at=start,
            )
        )
    await session.flush()
    members = list(await session.scalars(select(Membership).where(Membership.org_id == org.id)))
    return inbox.id, [m for m in members if m.user_id in {o.id for o in owners}]


async def _claim_until_empty(
    sessionmaker: async_sessionmaker[AsyncSession],
    member: Membership,
    inbox_id: uuid.UUID,
    start: asyncio.Event,
) -> list[uuid.UUID]:
    got: list[uuid.UUID] = []
    await start.wait()
    while True:
        async with sessionmaker() as session, session.begin():
            batch = await escalations.claim(
                session, member=member, inbox_id=inbox_id, count=None, now=utcnow()
            )
        if not batch.items:
            return got
        got.extend(e.id for e in batch.items)


class TestConcurrentClaims:
    async def test_eight_owners_never_share_an_escalation(
        self, committed_sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        async with committed_sessionmaker() as session, session.begin():
            inbox_id, owners = await _seed(session)
        start = asyncio.Event()
        tasks = [
            asyncio.create_task(_claim_until_empty(committed_sessionmaker, m, inbox_id, start))
            for m in owners
        ]
        start.set()
        results = await asyncio.gather(*tasks)

        claimed = [i for r in results for i in r]
        assert len(claimed) == ESCALATIONS
        assert not [i for i, n in Counter(claimed).items() if n > 1]
        # Work was really shared, not served by one owner while the others waited.
        assert sum(1 for r in results if r) > 1
        async with committed_sessionmaker() as session:
            holders = await session.execute(
                select(Escalation.claimed_by, func.count()).group_by(Escalation.claimed_by)
            )
            assert sum(n for _, n in holders) == ESCALATIONS
            events = await session.scalar(
                select(func.count()).where(EscalationEvent.type == "escalation.claimed")
            )
            assert events == ESCALATIONS

    async def test_priority_then_age_order_within_each_batch(
        self, committed_sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        async with committed_sessionmaker() as session, session.begin():
            inbox_id, owners = await _seed(session)
        async with committed_sessionmaker() as session, session.begin():
            batch = await escalations.claim(
                session, member=owners[0], inbox_id=inbox_id, count=5, now=utcnow()
            )
        assert [e.priority.value for e in batch.items] == ["critical"] * 5
        created = [e.created_at for e in batch.items]
        assert created == sorted(created)


class TestLapsedClaims:
    async def _lapse_all(
        self, maker: async_sessionmaker[AsyncSession], inbox_id: uuid.UUID, holder: Membership
    ) -> None:
        async with maker() as session, session.begin():
            await session.execute(
                update(Escalation)
                .where(Escalation.inbox_id == inbox_id)
                .values(
                    status="claimed",
                    claimed_by=holder.user_id,
                    claimed_at=utcnow() - timedelta(hours=2),
                    claim_expires_at=utcnow() - timedelta(hours=1),
                )
            )

    async def test_owners_claiming_at_once_each_get_a_full_batch_of_lapsed_ones(
        self, committed_sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        async with committed_sessionmaker() as session, session.begin():
            inbox_id, owners = await _seed(session)
        await self._lapse_all(committed_sessionmaker, inbox_id, owners[0])
        start = asyncio.Event()

        async def first_batch(member: Membership) -> list[uuid.UUID]:
            await start.wait()
            async with committed_sessionmaker() as session, session.begin():
                batch = await escalations.claim(
                    session, member=member, inbox_id=inbox_id, count=None, now=utcnow()
                )
            return [e.id for e in batch.items]

        tasks = [asyncio.create_task(first_batch(m)) for m in owners]
        start.set()
        batches = await asyncio.gather(*tasks)
        # Nobody comes away empty because another owner's sweep held every lapsed claim.
        assert [len(b) for b in batches] == [7] * OWNERS
        claimed = [i for b in batches for i in b]
        assert len(set(claimed)) == len(claimed)
        async with committed_sessionmaker() as session:
            expired = await session.scalar(
                select(func.count()).where(EscalationEvent.type == "escalation.claim_expired")
            )
        assert expired == len(claimed)  # each freed once, and only what was taken

    async def test_the_best_lapsed_one_beats_a_worse_open_one(
        self, committed_sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        async with committed_sessionmaker() as session, session.begin():
            inbox_id, owners = await _seed(session)
        await self._lapse_all(committed_sessionmaker, inbox_id, owners[0])
        async with committed_sessionmaker() as session, session.begin():
            # Only "normal" ones are open; every "critical" one is a lapsed claim.
            await session.execute(
                update(Escalation)
                .where(Escalation.inbox_id == inbox_id, Escalation.priority == "normal")
                .values(status="open", claimed_by=None, claimed_at=None, claim_expires_at=None)
            )
        async with committed_sessionmaker() as session, session.begin():
            batch = await escalations.claim(
                session, member=owners[1], inbox_id=inbox_id, count=5, now=utcnow()
            )
        assert [e.priority.value for e in batch.items] == ["critical"] * 5
