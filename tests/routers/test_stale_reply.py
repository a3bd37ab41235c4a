"""The stale-reply guard (issue 24): a reply written before the contact's newest message."""

from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Message
from app.models.conversations import Conversation, Direction
from tests.escalation_helpers import Desk, assert_problem, make_desk, round_now
from tests.factories import make_conversation, make_message


async def _conversation(session: AsyncSession) -> tuple[Desk, Conversation, list[Message]]:
    """The agent's conversation: the contact wrote, we answered, the contact wrote again."""
    desk = await make_desk(session)
    conversation = await make_conversation(session, desk.campaign, assignee=desk.agent)
    start = round_now() - timedelta(minutes=10)
    messages = [
        await make_message(session, conversation, at=start),
        await make_message(
            session, conversation, direction=Direction.outbound, at=start + timedelta(minutes=1)
        ),
        await make_message(session, conversation, at=start + timedelta(minutes=2)),
    ]
    return desk, conversation, messages


async def _count(session: AsyncSession, conversation: Conversation) -> int:
    return int(
        await session.scalar(select(func.count()).where(Message.conversation_id == conversation.id))
        or 0
    )


class TestStaleReply:
    async def test_a_reply_over_a_newer_inbound_message_is_a_409_naming_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, conversation, (first, answer, newest) = await _conversation(session)
        for seen in (first, answer):
            r = await client.post(
                desk.url(f"/conversations/{conversation.id}/messages"),
                json={"body": "Sorted!", "direction": "outbound", "seen_message_id": str(seen.id)},
                headers=desk.headers["agent"],
            )
            body = assert_problem(r, 409, "stale-reply")
            assert body["detail"] == "a new message arrived since you opened this"
            assert body["message_id"] == str(newest.id)
        assert await _count(session, conversation) == 3  # nothing was sent

    async def test_a_reply_after_the_newest_message_goes_out(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, conversation, (_, _, newest) = await _conversation(session)
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/messages"),
            json={"body": "Sorted!", "direction": "outbound", "seen_message_id": str(newest.id)},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text
        assert r.json()["direction"] == "outbound"

    async def test_our_own_newer_replies_do_not_make_a_reply_stale(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, conversation, (_, _, newest) = await _conversation(session)
        await make_message(session, conversation, direction=Direction.outbound)
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/messages"),
            json={
                "body": "And one more",
                "direction": "outbound",
                "seen_message_id": str(newest.id),
            },
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text

    async def test_a_reply_without_a_seen_message_still_works(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, conversation, _ = await _conversation(session)
        r = await client.post(
            desk.url(f"/conversations/{conversation.id}/messages"),
            json={"body": "Sorted!", "direction": "outbound"},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text
        assert await _count(session, conversation) == 4

    async def test_a_seen_message_of_another_conversation_is_a_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, conversation, _ = await _conversation(session)
        elsewhere = await make_conversation(session, desk.campaign, assignee=desk.agent)
        theirs = await make_message(session, elsewhere)
        for seen in (str(theirs.id), "not-an-id"):
            r = await client.post(
                desk.url(f"/conversations/{conversation.id}/messages"),
                json={"body": "Sorted!", "direction": "outbound", "seen_message_id": seen},
                headers=desk.headers["agent"],
            )
            assert_problem(r, 422)
