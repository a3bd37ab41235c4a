"""Conversation rules with a fixed clock: needs-response bookkeeping, visibility, counts, queue."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Campaign, Channel, Direction, Membership, Message, Organisation, Role, User
from app.services import conversations
from app.services.campaigns import CampaignNotFound
from app.services.conversations import (
    AssigneeNotFound,
    ContactData,
    ConversationFilter,
    ConversationNotFound,
)
from tests.factories import (
    make_campaign,
    make_conversation,
    make_member,
    make_message,
    make_org,
    membership,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Desk:
    org: Organisation
    campaign: Campaign
    agent_user: User
    agent: Membership
    other_agent_user: User
    other_agent: Membership
    supervisor: Membership


@pytest.fixture
async def desk(session: AsyncSession) -> Desk:
    org = await make_org(session)
    agent_user = await make_member(session, org, Role.agent)
    other_agent_user = await make_member(session, org, Role.agent)
    return Desk(
        org=org,
        campaign=await make_campaign(session, org),
        agent_user=agent_user,
        agent=await membership(session, org, agent_user),
        other_agent_user=other_agent_user,
        other_agent=await membership(session, org, other_agent_user),
        supervisor=await membership(session, org, await make_member(session, org, Role.supervisor)),
    )


async def _create(session: AsyncSession, desk: Desk, **over: object) -> object:
    args: dict[str, object] = {
        "actor": desk.supervisor,
        "campaign_id": desk.campaign.id,
        "contact": ContactData(name="Bo", phone="+15550100"),
        "assignee_id": desk.agent.user_id,
        "channel": Channel.sms,
        "first_message": None,
        "now": NOW,
        **over,
    }
    return await conversations.create(session, **args)  # type: ignore[arg-type]


class TestCreate:
    async def test_first_message_makes_it_wait_since_now(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await _create(session, desk, first_message="hello?")
        assert conv.needs_response is True
        assert conv.needs_response_since == NOW and conv.last_message_at == NOW
        assert conv.created_at == NOW and conv.contact.name == "Bo"
        messages = (
            await session.scalars(select(Message).where(Message.conversation_id == conv.id))
        ).all()
        assert [(m.direction, m.body, m.created_at) for m in messages] == [
            (Direction.inbound, "hello?", NOW)
        ]

    async def test_without_message_it_waits_for_nothing(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await _create(session, desk, assignee_id=None)
        assert conv.needs_response is False and conv.needs_response_since is None
        assert conv.last_message_at is None and conv.contact.attributes == {}

    async def test_assignee_must_be_a_member(self, session: AsyncSession, desk: Desk) -> None:
        outsider = await make_member(session, await make_org(session), Role.owner)
        for assignee_id in (outsider.id, uuid.uuid4()):
            with pytest.raises(AssigneeNotFound):
                await _create(session, desk, assignee_id=assignee_id)

    async def test_campaign_must_be_the_orgs(self, session: AsyncSession, desk: Desk) -> None:
        foreign = await make_campaign(session, await make_org(session))
        with pytest.raises(CampaignNotFound):
            await _create(session, desk, campaign_id=foreign.id)

    async def test_an_agent_may_create_one_for_someone_else(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await _create(session, desk, actor=desk.agent, assignee_id=desk.other_agent.user_id)
        assert conv.assignee_id == desk.other_agent.user_id


class TestAddMessage:
    async def test_inbound_then_outbound(self, session: AsyncSession, desk: Desk) -> None:
        conv = await make_conversation(
            session, desk.campaign, assignee=desk.agent_user, needs_response=False
        )
        await conversations.add_message(
            session,
            viewer=desk.agent,
            conversation_id=conv.id,
            body="hi",
            direction=Direction.inbound,
            now=NOW,
        )
        assert conv.needs_response is True and conv.needs_response_since == NOW

        later = NOW + timedelta(minutes=3)
        await conversations.add_message(
            session,
            viewer=desk.agent,
            conversation_id=conv.id,
            body="?",
            direction=Direction.inbound,
            now=later,
        )
        assert conv.needs_response_since == NOW and conv.last_message_at == later

        reply = await conversations.add_message(
            session,
            viewer=desk.agent,
            conversation_id=conv.id,
            body="on it",
            direction=Direction.outbound,
            now=later + timedelta(minutes=1),
        )
        assert reply.author_id == desk.agent.user_id
        assert conv.needs_response is False and conv.needs_response_since is None

    async def test_inbound_messages_have_no_author(self, session: AsyncSession, desk: Desk) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent_user)
        message = await conversations.add_message(
            session,
            viewer=desk.agent,
            conversation_id=conv.id,
            body="hi",
            direction=Direction.inbound,
            now=NOW,
        )
        assert message.author_id is None

    async def test_agent_cannot_touch_anothers(self, session: AsyncSession, desk: Desk) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.other_agent_user)
        with pytest.raises(ConversationNotFound):
            await conversations.add_message(
                session,
                viewer=desk.agent,
                conversation_id=conv.id,
                body="x",
                direction=Direction.outbound,
                now=NOW,
            )
        assert conv.needs_response is True

    async def test_other_orgs_conversation_is_not_found(
        self, session: AsyncSession, desk: Desk
    ) -> None:
        foreign = await make_conversation(
            session, await make_campaign(session, await make_org(session))
        )
        with pytest.raises(ConversationNotFound):
            await conversations.add_message(
                session,
                viewer=desk.supervisor,
                conversation_id=foreign.id,
                body="x",
                direction=Direction.inbound,
                now=NOW,
            )


class TestGet:
    async def test_agents_see_only_their_own(self, session: AsyncSession, desk: Desk) -> None:
        mine = await make_conversation(session, desk.campaign, assignee=desk.agent_user)
        theirs = await make_conversation(session, desk.campaign, assignee=desk.other_agent_user)
        assert (
            await conversations.get(session, viewer=desk.agent, conversation_id=mine.id)
        ).id == mine.id
        with pytest.raises(ConversationNotFound):
            await conversations.get(session, viewer=desk.agent, conversation_id=theirs.id)
        assert (
            await conversations.get(session, viewer=desk.supervisor, conversation_id=theirs.id)
        ).id == theirs.id


class TestListMessages:
    async def test_oldest_first(self, session: AsyncSession, desk: Desk) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent_user)
        late = await make_message(session, conv, at=NOW + timedelta(minutes=2))
        early = await make_message(session, conv, at=NOW)
        page = await conversations.list_messages(
            session, viewer=desk.agent, conversation_id=conv.id, limit=10, cursor=None
        )
        assert [m.id for m in page.items] == [early.id, late.id]

    async def test_needs_visibility(self, session: AsyncSession, desk: Desk) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.other_agent_user)
        with pytest.raises(ConversationNotFound):
            await conversations.list_messages(
                session, viewer=desk.agent, conversation_id=conv.id, limit=10, cursor=None
            )


class TestListAndCount:
    @pytest.fixture
    async def spread(self, session: AsyncSession, desk: Desk) -> Campaign:
        second = await make_campaign(session, desk.org)
        rows = [
            (desk.campaign, desk.agent_user, True),
            (desk.campaign, desk.agent_user, False),
            (second, desk.agent_user, True),
            (desk.campaign, desk.other_agent_user, True),
            (second, None, False),
        ]
        for i, (campaign, assignee, waiting) in enumerate(rows):
            await make_conversation(
                session,
                campaign,
                assignee=assignee,
                needs_response=waiting,
                since=NOW + timedelta(minutes=i),
            )
        return second

    @pytest.mark.parametrize(
        "viewer, filters, expected",
        [
            ("agent", {}, (3, 2)),
            ("agent", {"needs_response": True}, (2, 2)),
            ("agent", {"needs_response": False}, (1, 0)),
            ("agent", {"campaign": "first"}, (2, 1)),
            ("supervisor", {}, (5, 3)),
            ("supervisor", {"campaign": "second"}, (2, 1)),
            ("supervisor", {"campaign": "first", "needs_response": True}, (2, 2)),
        ],
    )
    async def test_counts_match_the_list(
        self,
        session: AsyncSession,
        desk: Desk,
        spread: Campaign,
        viewer: str,
        filters: dict[str, object],
        expected: tuple[int, int],
    ) -> None:
        campaign = {"first": desk.campaign.id, "second": spread.id}.get(
            str(filters.get("campaign"))
        )
        flt = ConversationFilter(
            campaign_id=campaign,
            needs_response=filters.get("needs_response"),  # type: ignore[arg-type]
        )
        member = getattr(desk, viewer)
        page = await conversations.list_visible(
            session, viewer=member, filters=flt, limit=50, cursor=None
        )
        counts = await conversations.count_visible(session, viewer=member, filters=flt)
        assert (counts.total, counts.needs_response) == expected
        assert counts.total == len(page.items)
        assert counts.needs_response == sum(c.needs_response for c in page.items)
        assert [c.created_at for c in page.items] == sorted(
            (c.created_at for c in page.items), reverse=True
        )


class TestReplyQueue:
    async def test_mine_waiting_oldest_first(self, session: AsyncSession, desk: Desk) -> None:
        b = await make_conversation(
            session, desk.campaign, assignee=desk.agent_user, since=NOW - timedelta(hours=1)
        )
        a = await make_conversation(
            session, desk.campaign, assignee=desk.agent_user, since=NOW - timedelta(hours=2)
        )
        c = await make_conversation(session, desk.campaign, assignee=desk.agent_user, since=NOW)
        await make_conversation(
            session, desk.campaign, assignee=desk.agent_user, needs_response=False
        )
        await make_conversation(
            session, desk.campaign, assignee=desk.other_agent_user, since=NOW - timedelta(days=1)
        )
        page = await conversations.reply_queue(session, viewer=desk.agent, limit=10, cursor=None)
        assert [x.id for x in page.items] == [a.id, b.id, c.id]
        two = await conversations.reply_queue(session, viewer=desk.agent, limit=2, cursor=None)
        rest = await conversations.reply_queue(
            session, viewer=desk.agent, limit=2, cursor=two.next_cursor
        )
        assert [x.id for x in two.items + rest.items] == [a.id, b.id, c.id]
        assert rest.next_cursor is None
