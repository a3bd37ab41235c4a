"""Claiming one named escalation (email link, Slack button) from real, separate sessions at once."""

import asyncio
import uuid
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Escalation, EscalationEvent, Inbox, InboxOwner, Membership, Role
from app.models.base import utcnow
from app.services import escalations
from tests.factories import make_campaign, make_conversation, make_member, make_org

OWNERS = 6
Maker = async_sessionmaker[AsyncSession]


async def _seed(session: AsyncSession) -> tuple[uuid.UUID, list[Membership]]:
    org = await make_org(session)
    campaign = await make_campaign(session, org)
    owners = [await make_member(session, org, Role.agent) for _ in range(OWNERS)]
    inbox = Inbox(org_id=org.id, name="Billing", batch_size=5, assignment_duration_minutes=30)
    session.add(inbox)
    await session.flush()
    session.add_all(InboxOwner(inbox_id=inbox.id, user_id=o.id) for o in owners)
    conversation = await make_conversation(session, campaign)
    escalation = Escalation(
        org_id=org.id,
        conversation_id=conversation.id,
        inbox_id=inbox.id,
        origin_campaign_id=campaign.id,
        status="open",
        priority="normal",
        category="other",
        handoff={},
        last_activity_at=utcnow() - timedelta(minutes=5),
    )
    session.add(escalation)
    await session.flush()
    members = list(await session.scalars(select(Membership).where(Membership.org_id == org.id)))
    return escalation.id, members


async def _try(
    sessionmaker: Maker, member: Membership, escalation_id: uuid.UUID, start: asyncio.Event
) -> uuid.UUID | escalations.AlreadyClaimed:
    await start.wait()
    try:
        async with sessionmaker() as session, session.begin():
            claimed = await escalations.claim_one(
                session, member=member, escalation_id=escalation_id, now=utcnow()
            )
            return claimed.claimed_by  # type: ignore[return-value]
    except escalations.AlreadyClaimed as lost:
        return lost


class TestConcurrentClaimOne:
    async def test_one_owner_wins_and_the_others_are_told_who(
        self, committed_sessionmaker: Maker
    ) -> None:
        async with committed_sessionmaker() as session, session.begin():
            escalation_id, members = await _seed(session)
        start = asyncio.Event()
        tasks = [
            asyncio.create_task(_try(committed_sessionmaker, m, escalation_id, start))
            for m in members
        ]
        start.set()
        results = await asyncio.gather(*tasks)
        winners = [r for r in results if isinstance(r, uuid.UUID)]
        losers = [r for r in results if isinstance(r, escalations.AlreadyClaimed)]
        assert len(winners) == 1 and len(losers) == OWNERS - 1
        assert {str(lost.extensions["claimed_by"]) for lost in losers} == {str(winners[0])}
        async with committed_sessionmaker() as session:
            events = await session.scalar(
                select(func.count()).where(
                    EscalationEvent.escalation_id == escalation_id,
                    EscalationEvent.type == "escalation.claimed",
                )
            )
            held = await session.get(Escalation, escalation_id)
        assert events == 1
        assert held is not None and held.claimed_by == winners[0]

    async def test_the_holder_claiming_again_changes_nothing(
        self, committed_sessionmaker: Maker
    ) -> None:
        async with committed_sessionmaker() as session, session.begin():
            escalation_id, members = await _seed(session)
        start = asyncio.Event()
        start.set()
        first = await _try(committed_sessionmaker, members[0], escalation_id, start)
        second = await _try(committed_sessionmaker, members[0], escalation_id, start)
        assert first == second == members[0].user_id
        async with committed_sessionmaker() as session:
            events = await session.scalar(
                select(func.count()).where(
                    EscalationEvent.escalation_id == escalation_id,
                    EscalationEvent.type == "escalation.claimed",
                )
            )
        assert events == 1
