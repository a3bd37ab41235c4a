"""The campaign's auto-escalation rule for a conversation that comes back from an inbox."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Conversation, Direction, Escalation
from app.services import campaigns, conversations, escalations, inboxes
from tests.workers.sla_helpers import HANDOFF, T0, Setup, make_setup, minutes, tick, unanswered

Maker = async_sessionmaker[AsyncSession]


async def with_rule(session: AsyncSession) -> Setup:
    setup = await make_setup(session)
    await campaigns.update(
        session,
        org_id=setup.inbox.org_id,
        campaign_id=setup.campaign.id,
        now=T0,
        changes={"auto_escalate_after_minutes": 15, "auto_escalate_inbox_id": setup.inbox.id},
    )
    return setup


async def escalate(session: AsyncSession, setup: Setup, conversation: Conversation) -> Escalation:
    locked = await session.get(Conversation, conversation.id)
    assert locked is not None
    return await escalations.open_escalation(
        session,
        conversation=locked,
        inbox=setup.inbox,
        priority=None,
        category="other",
        handoff=HANDOFF,
        escalated_by=setup.agent.user_id,
        now=T0 + minutes(5),
    )


async def reloaded(session: AsyncSession, conversation_id: Any) -> Conversation:
    row = await session.scalar(
        select(Conversation)
        .where(Conversation.id == conversation_id)
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def escalation_count(session: AsyncSession, conversation_id: Any) -> int:
    return int(
        await session.scalar(
            select(func.count()).where(Escalation.conversation_id == conversation_id)
        )
        or 0
    )


class TestBackToCampaign:
    async def test_de_escalated_still_unanswered_is_armed_again(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await with_rule(session)
        conversation = await unanswered(session, setup)
        escalation = await escalate(session, setup, conversation)
        assert (await reloaded(session, conversation.id)).auto_escalate_at is None
        await escalations.de_escalate(
            session, actor=setup.owner, escalation_id=escalation.id, note=None, now=T0 + minutes(60)
        )
        # Armed as an inbound message arms it, counting from the return to the campaign.
        assert (await reloaded(session, conversation.id)).auto_escalate_at == T0 + minutes(75)
        await session.commit()

        # Not straight back into the inbox: the contact's wait since T0 is not counted twice.
        counts = await tick(sessionmaker, T0 + minutes(74))
        assert counts["auto_escalated"] == 0
        assert await escalation_count(session, conversation.id) == 1

        counts = await tick(sessionmaker, T0 + minutes(75))
        assert counts["auto_escalated"] == 1
        assert await escalation_count(session, conversation.id) == 2
        row = await reloaded(session, conversation.id)
        assert row.assignee_id is None and row.auto_escalate_at is None

    async def test_answered_in_the_inbox_is_not_armed(self, session: AsyncSession) -> None:
        setup = await with_rule(session)
        conversation = await unanswered(session, setup)
        escalation = await escalate(session, setup, conversation)
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=conversation.id,
            body="Sorted",
            direction=Direction.outbound,
            now=T0 + minutes(10),
        )
        await escalations.de_escalate(
            session, actor=setup.owner, escalation_id=escalation.id, note=None, now=T0 + minutes(60)
        )
        assert (await reloaded(session, conversation.id)).auto_escalate_at is None

    async def test_deleting_the_inbox_arms_its_unanswered_conversations(
        self, session: AsyncSession
    ) -> None:
        setup = await with_rule(session)
        conversation = await unanswered(session, setup)
        await escalate(session, setup, conversation)
        await inboxes.delete_inbox(
            session, actor=setup.owner, inbox_id=setup.inbox.id, now=T0 + minutes(60)
        )
        assert (await reloaded(session, conversation.id)).auto_escalate_at == T0 + minutes(75)

    async def test_the_wait_counts_from_the_return_not_from_the_message(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        setup = await with_rule(session)
        conversation = await unanswered(session, setup)
        escalation = await escalate(session, setup, conversation)
        await escalations.de_escalate(
            session, actor=setup.owner, escalation_id=escalation.id, note=None, now=T0 + minutes(60)
        )
        # Whatever woke the worker early (the stored instant is only a lower bound on a business
        # calendar), 15 minutes must have passed since the return, not since the message at T0.
        row = await reloaded(session, conversation.id)
        row.auto_escalate_at = T0 + minutes(61)
        await session.commit()
        counts = await tick(sessionmaker, T0 + minutes(61))
        assert counts["auto_escalated"] == 1  # looked at, and put back to sleep
        assert await escalation_count(session, conversation.id) == 1
        assert (await reloaded(session, conversation.id)).auto_escalate_at == T0 + minutes(75)


class TestWhileEscalated:
    async def test_the_contact_writing_again_does_not_arm_the_rule(
        self, session: AsyncSession
    ) -> None:
        setup = await with_rule(session)
        conversation = await unanswered(session, setup)
        await escalate(session, setup, conversation)
        for at, direction in ((10, Direction.outbound), (20, Direction.inbound)):
            await conversations.add_message(
                session,
                viewer=setup.owner,
                conversation_id=conversation.id,
                body="…",
                direction=direction,
                now=T0 + minutes(at),
            )
        row = await reloaded(session, conversation.id)
        assert row.needs_response and row.auto_escalate_at is None

    async def test_the_job_leaves_escalated_conversations_alone(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        # Even one armed by older code: the job must not lock it (see run_due), nor escalate it.
        setup = await with_rule(session)
        conversation = await unanswered(session, setup)
        await escalate(session, setup, conversation)
        (await reloaded(session, conversation.id)).auto_escalate_at = T0 + minutes(30)
        await session.commit()
        counts = await tick(sessionmaker, T0 + minutes(31))
        assert counts["auto_escalated"] == 0
        assert await escalation_count(session, conversation.id) == 1
