"""What an inbox delete or an owner removal does to an escalate, move or claim running at the
same moment, in real, separately committing database sessions.

Each test holds one side's transaction open at the point of conflict and checks that the other
side waits for it, then ends consistently: nothing lands in a deleted inbox, and nobody keeps a
claim in an inbox they no longer own.
"""

import asyncio
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Escalation, EscalationStatus, Inbox, InboxOwner, Membership, Role
from app.models.base import utcnow
from app.services import escalations, inboxes
from app.services._inbox_access import InboxNotFound, NotInboxOwner
from tests.escalation_helpers import HANDOFF
from tests.factories import make_campaign, make_conversation, make_member, make_org

Maker = async_sessionmaker[AsyncSession]
T = TypeVar("T")
# Long enough for a request that is not blocked to finish; a blocked one is still waiting.
BLOCKED_FOR = 0.5


@dataclass
class Desk:
    admin: Membership
    agent: Membership
    owner: Membership
    other_owner: Membership
    billing: uuid.UUID
    legal: uuid.UUID
    conversation: uuid.UUID


async def _seed(maker: Maker) -> Desk:
    async with maker() as session, session.begin():
        org = await make_org(session)
        campaign = await make_campaign(session, org)
        users = {
            name: await make_member(session, org, role)
            for name, role in (
                ("admin", Role.admin),
                ("agent", Role.agent),
                ("owner", Role.agent),
                ("other_owner", Role.agent),
            )
        }
        boxes = []
        for name in ("Billing", "Legal"):
            inbox = Inbox(org_id=org.id, name=name, batch_size=5, assignment_duration_minutes=30)
            session.add(inbox)
            await session.flush()
            session.add_all(
                InboxOwner(inbox_id=inbox.id, user_id=users[who].id)
                for who in ("owner", "other_owner")
            )
            boxes.append(inbox.id)
        conversation = await make_conversation(session, campaign, assignee=users["agent"])
        await session.flush()
        members = {
            m.user_id: m
            for m in await session.scalars(select(Membership).where(Membership.org_id == org.id))
        }
        return Desk(
            **{name: members[user.id] for name, user in users.items()},
            billing=boxes[0],
            legal=boxes[1],
            conversation=conversation.id,
        )


async def _escalate(session: AsyncSession, desk: Desk, inbox_id: uuid.UUID) -> Escalation:
    escalation, _ = await escalations.escalate(
        session,
        actor=desk.agent,
        conversation_id=desk.conversation,
        inbox_id=inbox_id,
        priority=None,
        category="other",
        handoff=HANDOFF,
        now=utcnow(),
    )
    return escalation


async def _in_own_transaction(maker: Maker, work: Any) -> Any:
    async with maker() as session, session.begin():
        return await work(session)


async def _still_waiting(task: "asyncio.Task[T]") -> None:
    await asyncio.sleep(BLOCKED_FOR)
    assert not task.done(), "it should wait for the transaction holding the lock"


async def _finish(task: Awaitable[T]) -> T:
    return await asyncio.wait_for(task, timeout=10)


async def _live_in(maker: Maker, inbox_id: uuid.UUID) -> list[Escalation]:
    async with maker() as session:
        return list(
            await session.scalars(
                select(Escalation).where(
                    Escalation.inbox_id == inbox_id,
                    Escalation.status.in_([EscalationStatus.open, EscalationStatus.claimed]),
                )
            )
        )


class TestDeletingAnInbox:
    async def test_an_escalate_during_the_delete_waits_and_finds_the_inbox_gone(
        self, committed_sessionmaker: Maker
    ) -> None:
        desk = await _seed(committed_sessionmaker)
        async with committed_sessionmaker() as deleting, deleting.begin():
            await inboxes.delete_inbox(
                deleting, actor=desk.admin, inbox_id=desk.billing, now=utcnow()
            )
            escalating = asyncio.create_task(
                _in_own_transaction(
                    committed_sessionmaker, lambda s: _escalate(s, desk, desk.billing)
                )
            )
            await _still_waiting(escalating)
        with pytest.raises(InboxNotFound):
            await _finish(escalating)
        assert await _live_in(committed_sessionmaker, desk.billing) == []

    async def test_a_delete_during_an_escalate_waits_and_sends_it_back(
        self, committed_sessionmaker: Maker
    ) -> None:
        desk = await _seed(committed_sessionmaker)
        async with committed_sessionmaker() as escalating, escalating.begin():
            escalation = await _escalate(escalating, desk, desk.billing)
            deleting = asyncio.create_task(
                _in_own_transaction(
                    committed_sessionmaker,
                    lambda s: inboxes.delete_inbox(
                        s, actor=desk.admin, inbox_id=desk.billing, now=utcnow()
                    ),
                )
            )
            await _still_waiting(deleting)
        assert await _finish(deleting) == 1  # the escalation that committed meanwhile went back
        async with committed_sessionmaker() as session:
            back = await session.get_one(Escalation, escalation.id)
            assert back.status is EscalationStatus.de_escalated

    async def test_a_move_into_an_inbox_being_deleted_waits_and_finds_it_gone(
        self, committed_sessionmaker: Maker
    ) -> None:
        desk = await _seed(committed_sessionmaker)
        escalation = await _in_own_transaction(
            committed_sessionmaker, lambda s: _escalate(s, desk, desk.billing)
        )
        async with committed_sessionmaker() as deleting, deleting.begin():
            await inboxes.delete_inbox(
                deleting, actor=desk.admin, inbox_id=desk.legal, now=utcnow()
            )
            moving = asyncio.create_task(
                _in_own_transaction(
                    committed_sessionmaker,
                    lambda s: escalations.move(
                        s,
                        actor=desk.owner,
                        escalation_id=escalation.id,
                        inbox_id=desk.legal,
                        note=None,
                        now=utcnow(),
                    ),
                )
            )
            await _still_waiting(moving)
        with pytest.raises(InboxNotFound):
            await _finish(moving)
        assert [e.id for e in await _live_in(committed_sessionmaker, desk.billing)] == [
            escalation.id
        ]


class TestRemovingAnOwner:
    async def _claim(self, session: AsyncSession, member: Membership, inbox_id: uuid.UUID) -> Any:
        return await escalations.claim(
            session, member=member, inbox_id=inbox_id, count=None, now=utcnow()
        )

    async def _remove_owner(self, session: AsyncSession, desk: Desk) -> Any:
        return await inboxes.update(
            session,
            actor=desk.admin,
            inbox_id=desk.billing,
            changes={"owner_ids": [desk.other_owner.user_id]},
            now=utcnow(),
        )

    async def test_a_removal_during_a_claim_waits_and_gives_the_claim_back(
        self, committed_sessionmaker: Maker
    ) -> None:
        desk = await _seed(committed_sessionmaker)
        await _in_own_transaction(
            committed_sessionmaker, lambda s: _escalate(s, desk, desk.billing)
        )
        async with committed_sessionmaker() as claiming, claiming.begin():
            batch = await self._claim(claiming, desk.owner, desk.billing)
            assert len(batch.items) == 1
            removing = asyncio.create_task(
                _in_own_transaction(committed_sessionmaker, lambda s: self._remove_owner(s, desk))
            )
            await _still_waiting(removing)
        await _finish(removing)
        [escalation] = await _live_in(committed_sessionmaker, desk.billing)
        assert escalation.status is EscalationStatus.open and escalation.claimed_by is None

    async def test_a_claim_during_the_removal_waits_and_is_refused(
        self, committed_sessionmaker: Maker
    ) -> None:
        desk = await _seed(committed_sessionmaker)
        await _in_own_transaction(
            committed_sessionmaker, lambda s: _escalate(s, desk, desk.billing)
        )
        async with committed_sessionmaker() as removing, removing.begin():
            await self._remove_owner(removing, desk)
            claiming = asyncio.create_task(
                _in_own_transaction(
                    committed_sessionmaker, lambda s: self._claim(s, desk.owner, desk.billing)
                )
            )
            await _still_waiting(claiming)
        with pytest.raises(NotInboxOwner):
            await _finish(claiming)
        [escalation] = await _live_in(committed_sessionmaker, desk.billing)
        assert escalation.status is EscalationStatus.open
