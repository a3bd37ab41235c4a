"""Escalation rules with a fixed clock: escalate, claim order and expiry, the lapsed-claim sweep,
state transitions, released claims, inbox retirement, re-prioritising, counts and the owner view."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import (
    Campaign,
    Conversation,
    Escalation,
    EscalationEvent,
    Inbox,
    InboxOwner,
    Membership,
    Organisation,
    Role,
    User,
)
from app.models.escalations import EscalationStatus, Priority
from app.services import conversations, escalations
from app.services._inbox_access import NotInboxOwner, counts_for
from app.services.escalations import (
    AlreadyEscalated,
    InvalidTransition,
    NotClaimedByYou,
    SameInbox,
    UnknownCategory,
)
from app.services.escalations._common import check_transition, claim_lapsed
from tests.escalation_helpers import HANDOFF
from tests.factories import make_campaign, make_conversation, make_member, make_org, membership

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Desk:
    org: Organisation
    campaign: Campaign
    agent: Membership
    owner: Membership
    owner2: Membership
    supervisor: Membership


async def _member(session: AsyncSession, org: Organisation, role: Role) -> Membership:
    return await membership(session, org, await make_member(session, org, role))


@pytest.fixture
async def desk(session: AsyncSession) -> Desk:
    org = await make_org(session)
    return Desk(
        org=org,
        campaign=await make_campaign(session, org, name="Alpha"),
        agent=await _member(session, org, Role.agent),
        owner=await _member(session, org, Role.agent),
        owner2=await _member(session, org, Role.agent),
        supervisor=await _member(session, org, Role.supervisor),
    )


async def _inbox(
    session: AsyncSession, desk: Desk, *, owners: list[Membership] | None = None, **over: Any
) -> Inbox:
    inbox = Inbox(
        org_id=desk.org.id,
        name=over.pop("name", f"Inbox {uuid.uuid4().hex[:6]}"),
        batch_size=over.pop("batch_size", 5),
        assignment_duration_minutes=over.pop("assignment_duration_minutes", 30),
        created_at=NOW,
        updated_at=NOW,
        **over,
    )
    session.add(inbox)
    await session.flush()
    for owner in [desk.owner, desk.owner2] if owners is None else owners:
        session.add(InboxOwner(inbox_id=inbox.id, user_id=owner.user_id))
    await session.flush()
    return inbox


async def _escalate(
    session: AsyncSession,
    desk: Desk,
    inbox: Inbox,
    *,
    at: datetime = NOW,
    priority: Priority | None = Priority.normal,
    campaign: Campaign | None = None,
) -> Escalation:
    conversation = await make_conversation(
        session, campaign or desk.campaign, assignee=await _user(session, desk.agent), since=at
    )
    escalation, _ = await escalations.escalate(
        session,
        actor=desk.agent,
        conversation_id=conversation.id,
        inbox_id=inbox.id,
        priority=priority,
        category="other",
        handoff=HANDOFF,
        now=at,
    )
    return escalation


async def _user(session: AsyncSession, member: Membership) -> User:
    user = await session.get(User, member.user_id)
    assert user is not None
    return user


async def _claim(
    session: AsyncSession, member: Membership, inbox: Inbox, *, at: datetime = NOW, **kw: Any
) -> escalations.ClaimBatch:
    return await escalations.claim(
        session, member=member, inbox_id=inbox.id, count=kw.get("count"), now=at
    )


async def _types(session: AsyncSession, escalation_id: uuid.UUID) -> list[str]:
    rows = await session.scalars(
        select(EscalationEvent)
        .where(EscalationEvent.escalation_id == escalation_id)
        .order_by(EscalationEvent.seq)
    )
    return [e.type for e in rows]


async def _fresh(session: AsyncSession, escalation_id: uuid.UUID) -> Escalation:
    found = await session.scalar(
        select(Escalation)
        .where(Escalation.id == escalation_id)
        .execution_options(populate_existing=True)
    )
    assert found is not None
    return found


class TestEscalate:
    async def test_priority_falls_back_to_the_inbox_then_normal(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        urgent = await _inbox(session, desk, default_priority=Priority.urgent)
        plain = await _inbox(session, desk)
        assert (await _escalate(session, desk, urgent, priority=None)).priority is Priority.urgent
        assert (await _escalate(session, desk, urgent, priority=Priority.high)).priority is (
            Priority.high
        )
        assert (await _escalate(session, desk, plain, priority=None)).priority is Priority.normal

    async def test_next_conversation_is_the_longest_waiting_one(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk)
        agent = await _user(session, desk.agent)
        conv = await make_conversation(session, desk.campaign, assignee=agent, since=NOW)
        newer = await make_conversation(
            session, desk.campaign, assignee=agent, since=NOW - timedelta(minutes=5)
        )
        older = await make_conversation(
            session, desk.campaign, assignee=agent, since=NOW - timedelta(minutes=10)
        )
        escalation, nxt = await escalations.escalate(
            session,
            actor=desk.agent,
            conversation_id=conv.id,
            inbox_id=inbox.id,
            priority=None,
            category="service",
            handoff=HANDOFF,
            now=NOW,
        )
        assert nxt is not None and nxt.id == older.id
        assert newer.id != nxt.id
        assert escalation.status is EscalationStatus.open
        assert escalation.created_at == NOW

    async def test_unknown_category(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk)
        conv = await make_conversation(
            session, desk.campaign, assignee=await _user(session, desk.agent)
        )
        with pytest.raises(UnknownCategory):
            await escalations.escalate(
                session,
                actor=desk.agent,
                conversation_id=conv.id,
                inbox_id=inbox.id,
                priority=None,
                category="legal",
                handoff=HANDOFF,
                now=NOW,
            )

    async def test_twice_is_a_conflict(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk)
        first = await _escalate(session, desk, inbox)
        with pytest.raises(AlreadyEscalated):
            await escalations.escalate(
                session,
                actor=desk.supervisor,
                conversation_id=first.conversation_id,
                inbox_id=inbox.id,
                priority=None,
                category="other",
                handoff=HANDOFF,
                now=NOW,
            )

    async def test_the_conversation_leaves_the_agent(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk, owners=[desk.owner])
        escalation = await _escalate(session, desk, inbox)
        with pytest.raises(conversations.ConversationNotFound):
            await conversations.get(
                session, viewer=desk.agent, conversation_id=escalation.conversation_id
            )
        with pytest.raises(conversations.ConversationNotFound):
            await conversations.get(
                session, viewer=desk.owner2, conversation_id=escalation.conversation_id
            )
        for viewer in (desk.owner, desk.supervisor):
            got = await conversations.get(
                session, viewer=viewer, conversation_id=escalation.conversation_id
            )
            assert got.assignee_id is None
        queue = await conversations.reply_queue(session, viewer=desk.agent, limit=10, cursor=None)
        assert escalation.conversation_id not in [c.id for c in queue.items]


class TestClaim:
    async def test_priority_then_age_and_the_expiry(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk, batch_size=3, assignment_duration_minutes=20)
        normal_old = await _escalate(session, desk, inbox, at=NOW - timedelta(minutes=9))
        high = await _escalate(
            session, desk, inbox, at=NOW - timedelta(minutes=1), priority=Priority.high
        )
        normal_new = await _escalate(session, desk, inbox, at=NOW - timedelta(minutes=2))
        critical = await _escalate(
            session, desk, inbox, at=NOW - timedelta(minutes=3), priority=Priority.critical
        )
        batch = await _claim(session, desk.owner, inbox, count=50)
        assert [e.id for e in batch.items] == [critical.id, high.id, normal_old.id]
        assert batch.expires_at == NOW + timedelta(minutes=20)
        for e in batch.items:
            assert e.status is EscalationStatus.claimed
            assert e.claimed_by == desk.owner.user_id
            assert e.claimed_at == NOW and e.claim_expires_at == NOW + timedelta(minutes=20)
        rest = await _claim(session, desk.owner2, inbox)
        assert [e.id for e in rest.items] == [normal_new.id]
        empty = await _claim(session, desk.owner, inbox)
        assert empty.items == [] and empty.expires_at is None

    async def test_non_owners_are_refused(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk, owners=[desk.owner])
        for member in (desk.owner2, desk.supervisor, desk.agent):
            with pytest.raises(NotInboxOwner):
                await _claim(session, member, inbox)

    async def test_a_claim_lapses_exactly_at_its_expiry(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk, assignment_duration_minutes=10)
        escalation = await _escalate(session, desk, inbox)
        await _claim(session, desk.owner, inbox)
        just_before = NOW + timedelta(minutes=10) - timedelta(microseconds=1)
        assert (await _claim(session, desk.owner2, inbox, at=just_before)).items == []
        batch = await _claim(session, desk.owner2, inbox, at=NOW + timedelta(minutes=10))
        assert [e.id for e in batch.items] == [escalation.id]
        assert await _types(session, escalation.id) == [
            "escalation.created",
            "escalation.claimed",
            "escalation.claim_expired",
            "escalation.claimed",
        ]


class TestExpireLapsed:
    async def test_sweeps_every_inbox_and_leaves_live_claims(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        short = await _inbox(session, desk, assignment_duration_minutes=5)
        long = await _inbox(session, desk, assignment_duration_minutes=60)
        a = await _escalate(session, desk, short)
        b = await _escalate(session, desk, long)
        await _claim(session, desk.owner, short)
        await _claim(session, desk.owner, long)
        assert await escalations.expire_lapsed(session, now=NOW + timedelta(minutes=4)) == 0
        assert await escalations.expire_lapsed(session, now=NOW + timedelta(minutes=5)) == 1
        assert (await _fresh(session, a.id)).status is EscalationStatus.open
        assert (await _fresh(session, a.id)).claimed_by is None
        assert (await _fresh(session, b.id)).status is EscalationStatus.claimed
        event = await session.scalar(
            select(EscalationEvent).where(
                EscalationEvent.escalation_id == a.id,
                EscalationEvent.type == "escalation.claim_expired",
            )
        )
        assert event is not None and event.actor_id is None
        assert event.created_at == NOW + timedelta(minutes=5)
        assert event.data["claimed_by"] == str(desk.owner.user_id)
        # A second sweep finds nothing more.
        assert await escalations.expire_lapsed(session, now=NOW + timedelta(minutes=5)) == 0

    async def test_limit_and_inbox_scope(self, session: AsyncSession, desk: Desk) -> None:
        one = await _inbox(session, desk, assignment_duration_minutes=1)
        two = await _inbox(session, desk, assignment_duration_minutes=1)
        for _ in range(3):
            await _escalate(session, desk, one)
        await _escalate(session, desk, two)
        await _claim(session, desk.owner, one)
        await _claim(session, desk.owner, two)
        later = NOW + timedelta(hours=1)
        assert await escalations.expire_lapsed(session, now=later, inbox_id=two.id) == 1
        assert await escalations.expire_lapsed(session, now=later, limit=2) == 2
        assert await escalations.expire_lapsed(session, now=later) == 1


class TestTransitions:
    def _escalation(self, status: EscalationStatus, expires: datetime | None = None) -> Escalation:
        return Escalation(
            status=status,
            claimed_by=uuid.uuid4() if status is EscalationStatus.claimed else None,
            claim_expires_at=expires,
        )

    def test_a_lapsed_claim_counts_as_open(self) -> None:
        live = self._escalation(EscalationStatus.claimed, NOW + timedelta(seconds=1))
        lapsed = self._escalation(EscalationStatus.claimed, NOW)
        assert not claim_lapsed(live, NOW)
        assert claim_lapsed(lapsed, NOW)

    @pytest.mark.parametrize(
        ("status", "action", "allowed"),
        [
            (EscalationStatus.open, "release", False),
            (EscalationStatus.claimed, "release", True),
            (EscalationStatus.open, "move", True),
            (EscalationStatus.claimed, "resolve", True),
            (EscalationStatus.open, "de-escalate", True),
            (EscalationStatus.open, "update", True),
        ]
        + [
            (closed, action, False)
            for closed in (EscalationStatus.resolved, EscalationStatus.de_escalated)
            for action in ("claim", "release", "move", "resolve", "de-escalate", "update")
        ],
    )
    async def test_allowed_from(
        self, session: AsyncSession, status: EscalationStatus, action: str, allowed: bool
    ) -> None:
        escalation = self._escalation(status, NOW + timedelta(hours=1))
        if allowed:
            await check_transition(session, escalation, action, NOW)
        else:
            with pytest.raises(InvalidTransition) as err:
                await check_transition(session, escalation, action, NOW)
            assert err.value.extensions["current_status"] == status.value

    async def test_release_rules(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk)
        escalation = await _escalate(session, desk, inbox)
        with pytest.raises(InvalidTransition):
            await escalations.release(
                session, actor=desk.owner, escalation_id=escalation.id, now=NOW
            )
        await _claim(session, desk.owner, inbox)
        with pytest.raises(NotClaimedByYou):
            await escalations.release(
                session, actor=desk.owner2, escalation_id=escalation.id, now=NOW
            )
        released = await escalations.release(
            session, actor=desk.owner, escalation_id=escalation.id, now=NOW
        )
        assert released.status is EscalationStatus.open and released.claimed_by is None

    async def test_move_clears_the_claim_and_refuses_the_same_inbox(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk)
        other = await _inbox(session, desk, owners=[desk.owner2])
        escalation = await _escalate(session, desk, inbox)
        await _claim(session, desk.owner, inbox)
        with pytest.raises(SameInbox):
            await escalations.move(
                session,
                actor=desk.owner,
                escalation_id=escalation.id,
                inbox_id=inbox.id,
                note=None,
                now=NOW,
            )
        moved = await escalations.move(
            session,
            actor=desk.owner,
            escalation_id=escalation.id,
            inbox_id=other.id,
            note="wrong desk",
            now=NOW,
        )
        assert moved.inbox_id == other.id
        assert moved.status is EscalationStatus.open and moved.claim_expires_at is None


class TestChange:
    async def test_priority_and_category_changes_are_recorded(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk)
        escalation = await _escalate(session, desk, inbox)
        later = NOW + timedelta(minutes=3)
        changed = await escalations.change(
            session,
            actor=desk.owner,
            escalation_id=escalation.id,
            priority=Priority.critical,
            category="accounting",
            now=later,
        )
        assert changed.priority is Priority.critical and changed.category == "accounting"
        assert changed.last_activity_at == later
        rows = list(
            await session.scalars(
                select(EscalationEvent)
                .where(EscalationEvent.escalation_id == escalation.id)
                .order_by(EscalationEvent.seq)
            )
        )
        by_type = {e.type: e for e in rows}
        assert by_type["escalation.priority_changed"].data["from"] == "normal"
        assert by_type["escalation.priority_changed"].data["to"] == "critical"
        assert by_type["escalation.category_changed"].data["to"] == "accounting"

    async def test_nothing_changed_records_nothing(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk)
        escalation = await _escalate(session, desk, inbox)
        await escalations.change(
            session,
            actor=desk.owner,
            escalation_id=escalation.id,
            priority=Priority.normal,
            category="other",
            now=NOW,
        )
        assert await _types(session, escalation.id) == ["escalation.created"]


class TestReleaseClaimsOf:
    async def test_only_those_members_claims_in_that_inbox(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        inbox = await _inbox(session, desk, batch_size=1)
        other = await _inbox(session, desk, batch_size=1)
        mine = await _escalate(session, desk, inbox, at=NOW - timedelta(minutes=2))
        theirs = await _escalate(session, desk, inbox, at=NOW - timedelta(minutes=1))
        elsewhere = await _escalate(session, desk, other)
        await _claim(session, desk.owner, inbox)
        await _claim(session, desk.owner2, inbox)
        await _claim(session, desk.owner, other)
        released = await escalations.release_claims_of(
            session,
            org_id=desk.org.id,
            user_ids={desk.owner.user_id},
            inbox_id=inbox.id,
            actor_id=desk.supervisor.user_id,
            reason="owner_removed",
            now=NOW,
        )
        assert released == 1
        assert (await _fresh(session, mine.id)).status is EscalationStatus.open
        assert (await _fresh(session, theirs.id)).claimed_by == desk.owner2.user_id
        assert (await _fresh(session, elsewhere.id)).claimed_by == desk.owner.user_id
        event = await session.scalar(
            select(EscalationEvent).where(
                EscalationEvent.escalation_id == mine.id,
                EscalationEvent.type == "escalation.released",
            )
        )
        assert event is not None and event.data["reason"] == "owner_removed"


class TestDeEscalateInbox:
    async def test_every_live_escalation_goes_back(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk)
        live = [await _escalate(session, desk, inbox) for _ in range(2)]
        done = await _escalate(session, desk, inbox)
        await escalations.resolve(
            session, actor=desk.owner, escalation_id=done.id, note=None, now=NOW
        )
        await _claim(session, desk.owner, inbox)
        count = await escalations.de_escalate_inbox(
            session, inbox=inbox, actor_id=desk.supervisor.user_id, now=NOW
        )
        assert count == 2
        for escalation in live:
            fresh = await _fresh(session, escalation.id)
            assert fresh.status is EscalationStatus.de_escalated and fresh.claimed_by is None
            conversation = await session.get(
                Conversation, fresh.conversation_id, populate_existing=True
            )
            assert conversation is not None and conversation.assignee_id is None
        assert (await _fresh(session, done.id)).status is EscalationStatus.resolved


class TestCounts:
    async def test_counts_use_the_given_clock(self, session: AsyncSession, desk: Desk) -> None:
        inbox = await _inbox(session, desk, assignment_duration_minutes=10)
        for _ in range(3):
            await _escalate(session, desk, inbox)
        await _claim(session, desk.owner, inbox, count=2)
        counts = (await counts_for(session, [inbox.id], now=NOW))[inbox.id]
        assert (counts.total, counts.unclaimed, counts.claimed) == (3, 1, 2)
        counts = (await counts_for(session, [inbox.id], now=NOW + timedelta(minutes=10)))[inbox.id]
        assert (counts.total, counts.unclaimed, counts.claimed) == (3, 3, 0)
        assert await counts_for(session, [uuid.uuid4()], now=NOW) == {}


class TestOwnerView:
    async def test_groups_ownership_and_other_owners_claims(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        billing = await _inbox(session, desk, name="Billing", batch_size=1)
        await _inbox(session, desk, name="Alpha", owners=[desk.owner2])
        beta = await make_campaign(session, desk.org, name="Beta")
        a = await _escalate(session, desk, billing, at=NOW - timedelta(minutes=3))
        b = await _escalate(session, desk, billing, at=NOW - timedelta(minutes=2), campaign=beta)
        c = await _escalate(session, desk, billing, at=NOW - timedelta(minutes=1))
        await _claim(session, desk.owner2, billing)  # takes a
        view = await escalations.owner_view(session, viewer=desk.owner, per_inbox=10, now=NOW)
        assert [(v.inbox.name, v.is_owner) for v in view] == [("Billing", True)]
        assert [(g.campaign.name, [e.id for e in g.items]) for g in view[0].groups] == [
            ("Alpha", [c.id]),
            ("Beta", [b.id]),
        ]
        staff = await escalations.owner_view(session, viewer=desk.supervisor, per_inbox=10, now=NOW)
        assert [(v.inbox.name, v.is_owner) for v in staff] == [
            ("Alpha", False),
            ("Billing", False),
        ]
        # Staff see unclaimed ones only, like any non-holder.
        billing_view = staff[1]
        assert sorted(e.id for g in billing_view.groups for e in g.items) == sorted([b.id, c.id])
        assert a.id not in [e.id for g in billing_view.groups for e in g.items]
