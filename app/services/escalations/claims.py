"""Race-free timed claims.

One statement picks and claims: `FOR UPDATE SKIP LOCKED` in a materialised CTE hands each row to
exactly one caller, so owners claiming from one inbox at the same moment never share an escalation.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    DateTime,
    Integer,
    Select,
    String,
    Uuid,
    and_,
    bindparam,
    case,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, contains_eager

from app.errors import Conflict
from app.models.conversations import Contact, Conversation
from app.models.escalations import Escalation, EscalationEvent, EscalationStatus, EventType
from app.models.followers import EscalationFollower
from app.models.inboxes import AssignmentMode, Inbox, InboxOwner
from app.models.notifications import WebhookEndpoint
from app.models.organisations import Membership
from app.services import events
from app.services._inbox_access import NotInboxOwner, get_live
from app.services.escalations import reply_window
from app.services.escalations._common import claim_expired_row, record, unclaimed


class AssignedAutomatically(Conflict):
    code = "inbox-assigns-automatically"
    title = "This inbox assigns escalations by itself; they cannot be claimed"


class AtCapacity(Conflict):
    code = "at-capacity"
    title = "You hold as many open claims in this inbox as its capacity allows"


@dataclass
class ClaimBatch:
    items: list[Escalation]
    expires_at: datetime | None


async def expire_lapsed(
    session: AsyncSession,
    *,
    now: datetime,
    inbox_id: uuid.UUID | None = None,
    limit: int = 1000,
    best_first: bool = False,
) -> int:
    """Turn claims past their expiry back into open escalations, with a claim_expired event.

    Called by the worker for all inboxes (oldest expiry first), and at claim time for one inbox
    with `best_first` and the batch size as `limit`: a claimer frees only the lapsed escalations it
    could take itself, highest priority then oldest, so that the top of (open + lapsed) is among
    what it picks from, and owners claiming beside it sweep and take the next ones instead of
    finding everything locked by one sweep and coming away empty.
    """
    order = (
        (Escalation.priority.desc(), Escalation.created_at, Escalation.id)
        if best_first
        else (Escalation.claim_expires_at,)
    )
    lapsed_query = (
        select(Escalation.id, Escalation.claimed_by, Escalation.claim_expires_at)
        .where(Escalation.status == EscalationStatus.claimed, Escalation.claim_expires_at <= now)
        .order_by(*order)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if inbox_id is not None:
        lapsed_query = lapsed_query.where(Escalation.inbox_id == inbox_id)
    lapsed = lapsed_query.cte("lapsed").prefix_with("MATERIALIZED")
    rows = (
        await session.execute(
            update(Escalation)
            .where(Escalation.id == lapsed.c.id)
            .values(unclaimed(now))
            .returning(
                Escalation.id, Escalation.org_id, lapsed.c.claimed_by, lapsed.c.claim_expires_at
            )
            .execution_options(synchronize_session=False)
        )
    ).all()
    await record(
        session,
        [
            claim_expired_row(
                r.id, r.org_id, claimed_by=r.claimed_by, expired_at=r.claim_expires_at, now=now
            )
            for r in rows
        ],
    )
    return len(rows)


# Claims are the hottest write path, so a claim is one statement (plus BEGIN and COMMIT), built
# once with bind parameters: it checks the claimant owns the live inbox (holding their owner row FOR
# NO KEY UPDATE: removing them as an owner, which deletes that row and then gives their claims back,
# waits for this claim to commit, or this claim finds them gone; and auto-assignment, which counts
# an owner's open claims under that lock, never counts while a claim adds to them), picks the batch
# (FOR UPDATE SKIP LOCKED:
# each row goes to exactly one caller), claims it, writes the audit events, and returns the claimed
# rows with their conversations. When a claim in the inbox has lapsed, it claims nothing and says
# so; the caller frees the lapsed claims first (their claim_expired events come before the new
# claims) and runs it again with `swept` set. An inbox with a capacity likewise claims nothing until
# the caller passes the `room` it counted.


def _utc_text(ts: ColumnElement[datetime]) -> ColumnElement[str]:
    """`datetime.isoformat()` of the UTC timestamp, as event data writes timestamps (_plain)."""
    utc = func.timezone("UTC", ts)
    whole = func.mod(func.extract("microseconds", ts), 1_000_000) == 0
    return (
        func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS')
        + case((whole, ""), else_=func.to_char(utc, ".US"))
        + "+00:00"
    )


def _claim_statement() -> Select[Any]:
    """Bind parameters: inbox, org, claimant, claim_time, count (None: the inbox's batch size),
    swept, room (None: not counted yet) and claimant_text. None is named like a column of
    `escalation`: executing a statement with an UPDATE in it would take such a name for a SET value.

    An inbox in `auto` mode claims nothing; one with a capacity claims nothing until the caller,
    holding the owner row this statement locked, has counted the claimant's open claims in a
    statement of its own (one that waited for the lock here would still count from its snapshot)
    and passes the room left.

    One row when the claimant owns the live inbox (none otherwise): the claim's expiry, whether a
    claim has lapsed, whether the organisation has webhooks, and per claimed escalation its event
    id and the escalation with its conversation and contact (all null when nothing was claimed)."""
    claim_time = bindparam("claim_time", type_=DateTime(timezone=True))
    claimant = bindparam("claimant", type_=Uuid)
    inbox_id = bindparam("inbox", type_=Uuid)
    room = bindparam("room", type_=Integer)
    owner = (
        select(
            Inbox.id,
            func.least(
                func.coalesce(bindparam("count", type_=Integer), Inbox.batch_size),
                Inbox.batch_size,
                func.coalesce(room, Inbox.batch_size),
            ).label("size"),
            Inbox.capacity,
            Inbox.assignment_mode,
            Inbox.reply_within_minutes,
            (
                claim_time + func.make_interval(0, 0, 0, 0, 0, Inbox.assignment_duration_minutes)
            ).label("expiry"),
            exists()
            .where(
                Escalation.inbox_id == Inbox.id,
                Escalation.status == EscalationStatus.claimed,
                Escalation.claim_expires_at <= claim_time,
            )
            .label("has_lapsed"),
            exists()
            .where(WebhookEndpoint.org_id == Inbox.org_id, WebhookEndpoint.enabled)
            .label("has_hooks"),
        )
        .join(InboxOwner, and_(InboxOwner.inbox_id == Inbox.id, InboxOwner.user_id == claimant))
        .where(
            Inbox.id == inbox_id,
            Inbox.org_id == bindparam("org", type_=Uuid),
            Inbox.deleted_at.is_(None),
        )
        .with_for_update(key_share=True, of=InboxOwner)
        .cte("owner")
        .prefix_with("MATERIALIZED")
    )
    may_claim = exists().where(
        or_(bindparam("swept", type_=Boolean), ~owner.c.has_lapsed),
        owner.c.assignment_mode != AssignmentMode.auto,
        or_(owner.c.capacity.is_(None), room.is_not(None)),
    )
    # The pick as an array: with `id = ANY(ARRAY(…))` the planner expects a handful of rows and
    # reaches them (and their conversations) through primary keys. Joined as a CTE, a LIMIT that is
    # not a constant made it expect a tenth of the inbox and hash-join whole tables (20 ms → 50 ms).
    picked = func.array(
        select(Escalation.id)
        .where(
            Escalation.inbox_id == inbox_id,
            Escalation.status == EscalationStatus.open,
            may_claim,
        )
        .order_by(Escalation.priority.desc(), Escalation.created_at, Escalation.id)
        .limit(func.coalesce(select(owner.c.size).scalar_subquery(), 0))
        .with_for_update(skip_locked=True, of=Escalation)
        .scalar_subquery()
    )
    claimed = (
        update(Escalation)
        .where(Escalation.id == func.any(picked))
        .values(
            status=EscalationStatus.claimed,
            claimed_by=claimant,
            last_claimed_by=claimant,
            claimed_at=claim_time,
            claim_expires_at=select(owner.c.expiry).scalar_subquery(),
            returned_from=None,
            updated_at=claim_time,
            last_activity_at=claim_time,
        )
        .returning(*Escalation.__table__.c)
        .cte("claimed")
    )
    events = (
        insert(EscalationEvent)
        .from_select(
            ["id", "org_id", "escalation_id", "type", "actor_id", "created_at", "data"],
            select(
                func.gen_random_uuid(),
                claimed.c.org_id,
                claimed.c.id,
                literal(EventType.claimed.value),
                claimant,
                claim_time,
                func.jsonb_build_object(
                    "claimed_by",
                    bindparam("claimant_text", type_=String),
                    "expires_at",
                    _utc_text(claimed.c.claim_expires_at),
                ),
            ),
        )
        .returning(EscalationEvent.id, EscalationEvent.escalation_id)
        .cte("events")
    )
    escalation = aliased(Escalation, claimed)
    return (
        select(
            owner.c.size,
            owner.c.expiry,
            owner.c.has_lapsed,
            owner.c.has_hooks,
            owner.c.capacity,
            owner.c.assignment_mode,
            owner.c.reply_within_minutes,
            events.c.id.label("event_id"),
            # Who follows each, oldest first: the fan-out needs it (claims reach followers).
            func.array(
                select(EscalationFollower.user_id)
                .where(EscalationFollower.escalation_id == escalation.id)
                .order_by(EscalationFollower.created_at, EscalationFollower.user_id)
                .scalar_subquery()
            ).label("followers"),
            escalation,
        )
        .select_from(owner)
        .outerjoin(events, true())
        .outerjoin(escalation, escalation.id == events.c.escalation_id)
        .outerjoin(Conversation, Conversation.id == escalation.conversation_id)
        .outerjoin(Contact, Contact.id == Conversation.contact_id)
        .options(contains_eager(escalation.conversation).contains_eager(Conversation.contact))
        .order_by(escalation.priority.desc(), escalation.created_at, escalation.id)
        .execution_options(populate_existing=True)
    )


_CLAIM = _claim_statement()


async def _room(
    session: AsyncSession,
    *,
    inbox_id: uuid.UUID,
    member: Membership,
    capacity: int,
    now: datetime,
) -> int:
    """Claims the member may still take in the inbox (the caller holds their owner row)."""
    held = await session.scalar(
        select(func.count()).where(
            Escalation.inbox_id == inbox_id,
            Escalation.claimed_by == member.user_id,
            Escalation.status == EscalationStatus.claimed,
            Escalation.claim_expires_at > now,
        )
    )
    room = capacity - (held or 0)
    if room <= 0:
        raise AtCapacity(capacity=capacity, open_claims=held)
    return room


async def claim(
    session: AsyncSession,
    *,
    member: Membership,
    inbox_id: uuid.UUID,
    count: int | None,
    now: datetime,
) -> ClaimBatch:
    """The next batch (at most `count`, at most the inbox's batch size): highest priority, then
    oldest, lapsed claims counting as open. Raises NotInboxOwner (or the inbox's 404)."""
    params = {
        "inbox": inbox_id,
        "org": member.org_id,
        "claimant": member.user_id,
        "claim_time": now,
        "count": count,
        "swept": False,
        "room": None,
        "claimant_text": str(member.user_id),
    }
    rows = (await session.execute(_CLAIM, params)).all()
    if not rows:
        await get_live(session, org_id=member.org_id, inbox_id=inbox_id)  # 404 if it is not there
        raise NotInboxOwner(inbox_id=inbox_id)
    head = rows[0]
    if head.assignment_mode is AssignmentMode.auto:
        raise AssignedAutomatically(inbox_id=inbox_id)
    if head.has_lapsed:
        # Nothing was claimed. Free the lapsed claims this claimant could take itself (the owner
        # row stays held), then claim from what is open now.
        await expire_lapsed(session, now=now, inbox_id=inbox_id, limit=head.size, best_first=True)
        params["swept"] = True
    if head.capacity is not None:  # nothing was claimed either: count under the owner row lock
        params["room"] = await _room(
            session, inbox_id=inbox_id, member=member, capacity=head.capacity, now=now
        )
    if params["swept"] or head.capacity is not None:
        rows = (await session.execute(_CLAIM, params)).all()
    claimed = [(r.event_id, r[-1]) for r in rows if r.event_id is not None]
    expires_at = rows[0].expiry
    if claimed:
        data = {"claimed_by": str(member.user_id), "expires_at": expires_at.isoformat()}
        recorded = [
            {
                "id": event_id,
                "org_id": member.org_id,
                "escalation_id": escalation.id,
                "type": EventType.claimed.value,
                "actor_id": member.user_id,
                "created_at": now,
                "data": data,
            }
            for event_id, escalation in claimed
        ]
        # Written by the claim statement itself, which also told whether the organisation has
        # webhooks and who follows each escalation: the reactions need not ask again.
        await events.react(
            session,
            events.Recorded(
                recorded,
                org_has_webhooks=rows[0].has_hooks,
                escalations={escalation.id: escalation for _, escalation in claimed},
                followers={r[-1].id: list(r.followers) for r in rows if r.event_id is not None},
            ),
        )
    items = [escalation for _, escalation in claimed]
    if items and head.reply_within_minutes is not None:
        # Computed here, not in the statement: business time needs the calendars. One more
        # statement for the batch, only in inboxes with the setting on.
        await reply_window.set_due(
            session,
            claimed=items,
            minutes=head.reply_within_minutes,
            claimed_at=now,
            expires_at=expires_at,
        )
    return ClaimBatch(items=items, expires_at=expires_at if items else None)
