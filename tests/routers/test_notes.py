"""Internal notes on an escalation (issue 24): mentions, author-only changes, the timeline."""

import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import EscalationNote, Notification, User
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    claim,
    escalate,
    events,
    make_desk,
    make_inbox,
)


async def _escalation(client: AsyncClient, session: AsyncSession) -> tuple[Desk, dict[str, Any]]:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk)  # owned by owner and owner2
    return desk, await escalate(client, session, desk, inbox)


async def _note(
    client: AsyncClient, desk: Desk, escalation: dict[str, Any], body: str, who: str = "owner"
) -> Any:
    return await client.post(
        desk.url(f"/escalations/{escalation['id']}/notes"),
        json={"body": body},
        headers=desk.headers[who],
    )


async def _heard(session: AsyncSession, event_type: str) -> set[tuple[str, str, str]]:
    rows = await session.scalars(select(Notification).where(Notification.event_type == event_type))
    return {(n.rule, n.channel.value, n.recipient) for n in rows}


def _person(rule: str, user: User, *channels: str) -> set[tuple[str, str, str]]:
    recipient = {"in_app": f"user:{user.id}", "email": f"email:{user.email.lower()}"}
    return {(rule, channel, recipient[channel]) for channel in channels or ("in_app", "email")}


class TestCreateNote:
    async def test_mentions_are_resolved_and_notified_with_the_followers(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        body = f"@{desk.owner2.email.upper()} and @{desk.supervisor.email}: refund approved?"
        r = await _note(client, desk, escalation, body)
        assert r.status_code == 201, r.text
        note = r.json()
        assert note["body"] == body and note["author_id"] == str(desk.owner.id)
        assert note["mentions"] == [str(desk.owner2.id), str(desk.supervisor.id)]
        assert note["edited_at"] is None and note["deleted_at"] is None
        # The mentioned hear of it in the app and by email, the escalating agent as a follower,
        # the author not at all; the words of the note travel with it.
        assert await _heard(session, "escalation.note_added") == (
            _person("mention", desk.owner2)
            | _person("mention", desk.supervisor)
            | _person("follower", desk.agent)
        )
        mention = await session.scalar(
            select(Notification).where(
                Notification.event_type == "escalation.note_added",
                Notification.rule == "mention",
                Notification.user_id == desk.owner2.id,
                Notification.channel == "email",
            )
        )
        assert mention is not None
        assert mention.title.startswith("You were mentioned in a note")
        assert f"Note: {body}" in mention.body

    async def test_a_muted_channel_is_not_used(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        r = await client.put(
            desk.url("/me/notification-preferences"),
            json={"muted_channels": ["email"]},
            headers=desk.headers["owner2"],
        )
        assert r.status_code == 200, r.text
        assert (await _note(client, desk, escalation, f"@{desk.owner2.email} ?")).status_code == 201
        heard = await _heard(session, "escalation.note_added")
        assert {h for h in heard if h[0] == "mention"} == _person("mention", desk.owner2, "in_app")

    async def test_an_unknown_mention_is_422_naming_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        r = await _note(client, desk, escalation, "Ask @nobody@example.com please")
        problem = assert_problem(r, 422, "unknown-mention")
        assert problem["mention"] == "@nobody@example.com"
        assert await session.scalar(select(func.count()).select_from(EscalationNote)) == 0

    async def test_a_member_who_may_not_see_it_is_422_naming_them(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        # The agent escalated it but owns no inbox: they no longer see it.
        r = await _note(client, desk, escalation, f"thanks @{desk.agent.email}")
        problem = assert_problem(r, 422, "mention-not-allowed")
        assert problem["mention"] == f"@{desk.agent.email.lower()}"

    async def test_an_address_inside_a_word_is_no_mention(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        r = await _note(client, desk, escalation, "The contact wrote from bob@example.com.")
        assert r.status_code == 201, r.text
        assert r.json()["mentions"] == []

    async def test_blank_or_nul_text_is_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        assert_problem(await _note(client, desk, escalation, "   "), 422, "validation-error")
        assert_problem(await _note(client, desk, escalation, "a\x00b"), 422, "validation-error")

    async def test_who_may_not_see_the_escalation_gets_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        other = await make_desk(session)
        assert_problem(await _note(client, desk, escalation, "hi", "agent"), 404)
        r = await client.post(
            other.url(f"/escalations/{escalation['id']}/notes"),
            json={"body": "hi"},
            headers=other.headers["admin"],
        )
        assert_problem(r, 404)
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}/notes"), headers=desk.headers["agent"]
        )
        assert_problem(r, 404)

    async def test_an_idempotency_key_writes_one_note(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        headers = {**desk.headers["owner"], "Idempotency-Key": str(uuid.uuid4())}
        url = desk.url(f"/escalations/{escalation['id']}/notes")
        first = await client.post(url, json={"body": "once"}, headers=headers)
        again = await client.post(url, json={"body": "once"}, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]
        assert await session.scalar(select(func.count()).select_from(EscalationNote)) == 1


class TestEditAndDelete:
    async def test_the_author_edits_and_only_new_mentions_hear_of_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        note = (await _note(client, desk, escalation, f"@{desk.owner2.email} look")).json()
        url = desk.url(f"/escalations/{escalation['id']}/notes/{note['id']}")
        body = f"@{desk.owner2.email} and @{desk.supervisor.email}, look"
        r = await client.patch(url, json={"body": body}, headers=desk.headers["owner"])
        assert r.status_code == 200, r.text
        assert r.json()["body"] == body and r.json()["edited_at"] is not None
        assert await _heard(session, "escalation.note_edited") == _person(
            "mention", desk.supervisor
        )
        edited = [e for e in await events(client, desk, escalation["id"]) if "note" in e["type"]]
        assert [e["type"] for e in edited] == ["escalation.note_added", "escalation.note_edited"]
        assert edited[1]["actor_id"] == str(desk.owner.id)
        assert edited[1]["data"]["added_mentions"] == [str(desk.supervisor.id)]
        # An unknown mention in an edit changes nothing.
        r = await client.patch(url, json={"body": "@x@example.org"}, headers=desk.headers["owner"])
        assert_problem(r, 422, "unknown-mention")

    async def test_only_the_author_may_change_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        note = (await _note(client, desk, escalation, "mine")).json()
        url = desk.url(f"/escalations/{escalation['id']}/notes/{note['id']}")
        for who in ("owner2", "supervisor", "admin"):
            r = await client.patch(url, json={"body": "theirs"}, headers=desk.headers[who])
            assert_problem(r, 403, "not-note-author")
            assert_problem(await client.delete(url, headers=desk.headers[who]), 403)
        other = await make_desk(session)
        elsewhere = other.url(f"/escalations/{escalation['id']}/notes/{note['id']}")
        r = await client.patch(elsewhere, json={"body": "x"}, headers=other.headers["admin"])
        assert_problem(r, 404)
        assert_problem(await client.delete(elsewhere, headers=other.headers["admin"]), 404)
        # Someone in the organisation who may not see the escalation: 404, not 403.
        assert_problem(await client.delete(url, headers=desk.headers["agent"]), 404)
        missing = desk.url(f"/escalations/{escalation['id']}/notes/{uuid.uuid4()}")
        assert_problem(await client.delete(missing, headers=desk.headers["owner"]), 404)

    async def test_deleting_takes_the_text_and_leaves_its_place(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        note = (await _note(client, desk, escalation, f"secret @{desk.owner2.email}")).json()
        url = desk.url(f"/escalations/{escalation['id']}/notes/{note['id']}")
        r = await client.delete(url, headers=desk.headers["owner"])
        assert r.status_code == 204, r.text
        listed = await client.get(
            desk.url(f"/escalations/{escalation['id']}/notes"), headers=desk.headers["owner2"]
        )
        assert listed.json()["items"] == []
        trail = await events(client, desk, escalation["id"])
        added = next(e for e in trail if e["type"] == "escalation.note_added")
        assert added["note"]["body"] is None and added["note"]["deleted_at"] is not None
        deleted = next(e for e in trail if e["type"] == "escalation.note_deleted")
        assert deleted["actor_id"] == str(desk.owner.id)
        assert deleted["data"] == {"note_id": note["id"]}
        # Neither the audit trail nor anything else still holds the words.
        assert "secret" not in str(trail)
        r = await client.patch(url, json={"body": "again"}, headers=desk.headers["owner"])
        assert_problem(r, 404, "note-not-found")


class TestTimeline:
    async def test_notes_sit_among_the_events_in_the_order_they_happened(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, escalation = await _escalation(client, session)
        inbox = {"id": escalation["inbox_id"]}
        first = (await _note(client, desk, escalation, "before the claim")).json()
        assert (await claim(client, desk, inbox, "owner2")).status_code == 201
        second = (await _note(client, desk, escalation, "after it", "owner2")).json()
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}/events?limit=2"),
            headers=desk.headers["owner"],
        )
        page = r.json()
        rest = await client.get(
            desk.url(f"/escalations/{escalation['id']}/events"),
            params={"cursor": page["next_cursor"]},
            headers=desk.headers["owner"],
        )
        trail = page["items"] + rest.json()["items"]
        assert [e["type"] for e in trail] == [
            "escalation.created",
            "escalation.note_added",
            "escalation.claimed",
            "escalation.note_added",
        ]
        assert [e["note"]["id"] for e in trail if e["note"]] == [first["id"], second["id"]]
        assert trail[1]["note"]["body"] == "before the claim"
        assert trail[1]["data"] == {"note_id": first["id"], "mentions": []}
        assert trail[0]["note"] is None
