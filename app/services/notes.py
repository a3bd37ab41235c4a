"""Internal notes on an escalation, with @mentions; its timeline (the audit trail with them).

A mention is `@` followed by a member's email address, written in the text as it is:
`@tess@example.com can you check the RMA?`. An address reads the same in the timeline, in an
email and in an integration's payload, is unique, and needs no markup (the SPA's autocomplete
inserts it). An `@` inside a word (`bob@example.com`) is no mention. Every mention must name a
member who may see the escalation (its inbox's owners, supervisors and above): anything else is
a 422 naming the mention as written.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Forbidden, NotFound, RuleViolation
from app.models.api_keys import ApiKey
from app.models.escalations import Escalation, EventType
from app.models.inboxes import InboxOwner
from app.models.notes import EscalationNote
from app.models.organisations import Membership, Role
from app.models.users import User
from app.services import escalations
from app.services._pagination import Page, paginate
from app.services.events import record_one

MAX_MENTIONS = 20  # one note wakes at most this many people
MENTION = re.compile(r"(?<![\w.+@-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


class NoteNotFound(NotFound):
    code = "note-not-found"
    title = "Note not found"


class NotNoteAuthor(Forbidden):
    code = "not-note-author"
    title = "Only the note's author can change it"


class UnknownMention(RuleViolation):
    code = "unknown-mention"
    title = "A mention names no member of the organisation"


class MentionNotAllowed(RuleViolation):
    code = "mention-not-allowed"
    title = "A mentioned member may not see this escalation"


class TooManyMentions(RuleViolation):
    code = "too-many-mentions"
    title = "A note mentions too many members"


def mentioned_addresses(body: str) -> list[str]:
    """The addresses mentioned, lower-cased, each once, in the order they first appear."""
    return list(dict.fromkeys(m.group(1).lower() for m in MENTION.finditer(body)))


async def _mentions(session: AsyncSession, escalation: Escalation, body: str) -> list[uuid.UUID]:
    written = mentioned_addresses(body)
    if not written:
        return []
    if len(written) > MAX_MENTIONS:
        raise TooManyMentions(
            f"A note may mention at most {MAX_MENTIONS} members.", limit=MAX_MENTIONS
        )
    user = User.__table__.c
    owner = exists().where(
        InboxOwner.inbox_id == escalation.inbox_id, InboxOwner.user_id == user.id
    )
    rows = await session.execute(
        select(func.lower(user.email), user.id, Membership.role, owner)
        .join(Membership, Membership.user_id == user.id)
        .where(
            Membership.org_id == escalation.org_id,
            func.lower(user.email).in_(written),
            user.is_active,
            ~exists().where(ApiKey.id == user.id),  # a key is nobody to talk to
        )
    )
    found = {email: (user_id, role, owns) for email, user_id, role, owns in rows}
    for address in written:
        if address not in found:
            raise UnknownMention(
                f"@{address} is not a member of this organisation.", mention=f"@{address}"
            )
        _, role, owns = found[address]
        if not owns and not role.at_least(Role.supervisor):
            raise MentionNotAllowed(
                f"@{address} may not see this escalation.", mention=f"@{address}"
            )
    return [found[address][0] for address in written]


async def add(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    body: str,
    now: datetime,
) -> EscalationNote:
    escalation = await escalations.get_visible(session, viewer=actor, escalation_id=escalation_id)
    mentions = await _mentions(session, escalation, body)
    note = EscalationNote(
        org_id=escalation.org_id,
        escalation_id=escalation.id,
        author_id=actor.user_id,
        body=body,
        mentions=mentions,
        created_at=now,
        updated_at=now,
    )
    session.add(note)
    await session.flush()
    await record_one(
        session,
        escalation,
        EventType.note_added,
        actor_id=actor.user_id,
        now=now,
        note_id=note.id,
        mentions=mentions,
    )
    return note


async def _own_note(
    session: AsyncSession, *, actor: Membership, escalation_id: uuid.UUID, note_id: uuid.UUID
) -> tuple[Escalation, EscalationNote]:
    """The escalation and the actor's own live note on it: 404 for a note they cannot see or
    one deleted, 403 for someone else's."""
    escalation = await escalations.get_visible(session, viewer=actor, escalation_id=escalation_id)
    note = await session.scalar(
        select(EscalationNote)
        .where(
            EscalationNote.id == note_id,
            EscalationNote.escalation_id == escalation.id,
            EscalationNote.deleted_at.is_(None),
        )
        .with_for_update()
    )
    if note is None:
        raise NoteNotFound(note_id=note_id)
    if note.author_id != actor.user_id:
        raise NotNoteAuthor(note_id=note_id)
    return escalation, note


async def edit(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    note_id: uuid.UUID,
    body: str,
    now: datetime,
) -> EscalationNote:
    """A new text; only the members it newly mentions are notified (the others were)."""
    escalation, note = await _own_note(
        session, actor=actor, escalation_id=escalation_id, note_id=note_id
    )
    mentions = await _mentions(session, escalation, body)
    added = [m for m in mentions if m not in set(note.mentions)]
    note.body, note.mentions = body, mentions
    note.edited_at = note.updated_at = now
    await record_one(
        session,
        escalation,
        EventType.note_edited,
        actor_id=actor.user_id,
        now=now,
        note_id=note.id,
        mentions=mentions,
        added_mentions=added,
    )
    return note


async def delete(
    session: AsyncSession,
    *,
    actor: Membership,
    escalation_id: uuid.UUID,
    note_id: uuid.UUID,
    now: datetime,
) -> None:
    """The text goes; the note's place in the timeline and its events stay, saying so."""
    escalation, note = await _own_note(
        session, actor=actor, escalation_id=escalation_id, note_id=note_id
    )
    note.body, note.mentions = None, []
    note.deleted_at = note.updated_at = now
    await record_one(
        session,
        escalation,
        EventType.note_deleted,
        actor_id=actor.user_id,
        now=now,
        note_id=note.id,
    )


async def list_for_escalation(
    session: AsyncSession,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    limit: int,
    cursor: str | None,
) -> Page[EscalationNote]:
    """The live notes, oldest first."""
    await escalations.get_visible(session, viewer=viewer, escalation_id=escalation_id)
    stmt = select(EscalationNote).where(
        EscalationNote.escalation_id == escalation_id, EscalationNote.deleted_at.is_(None)
    )
    return await paginate(
        session,
        stmt,
        keys=[EscalationNote.created_at, EscalationNote.id],
        descending=False,
        limit=limit,
        cursor=cursor,
    )


@dataclass
class TimelineEntry:
    """An audit-trail event; a note's `escalation.note_added` carries the note as it is now."""

    id: uuid.UUID
    type: str
    actor_id: uuid.UUID | None
    created_at: datetime
    data: dict[str, Any]
    note: EscalationNote | None = None


async def timeline(
    session: AsyncSession,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    limit: int,
    cursor: str | None,
) -> Page[TimelineEntry]:
    """The audit trail in insertion order, each note in the place it was written."""
    page = await escalations.list_events(
        session, viewer=viewer, escalation_id=escalation_id, limit=limit, cursor=cursor
    )
    note_ids = {
        uuid.UUID(str(e.data["note_id"]))
        for e in page.items
        if e.type == EventType.note_added.value and e.data.get("note_id")
    }
    notes = {}
    if note_ids:
        notes = {
            n.id: n
            for n in await session.scalars(
                select(EscalationNote).where(
                    EscalationNote.id.in_(note_ids), EscalationNote.escalation_id == escalation_id
                )
            )
        }
    entries = [
        TimelineEntry(
            id=e.id,
            type=e.type,
            actor_id=e.actor_id,
            created_at=e.created_at,
            data=e.data,
            note=notes.get(uuid.UUID(str(e.data["note_id"])))
            if e.type == EventType.note_added.value and e.data.get("note_id")
            else None,
        )
        for e in page.items
    ]
    return Page(items=entries, next_cursor=page.next_cursor)
