"""Race-free timed claims.

One statement picks and claims: `FOR UPDATE SKIP LOCKED` in a materialised CTE hands each row to
exactly one caller, so owners claiming from one inbox at the same moment never share an escalation.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    DateTime,
    Integer,
    Select,
    String,
    Uuid,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation, EscalationEvent, EscalationStatus, EventType
from app.models.inboxes import Inbox, InboxOwner
from app.models.notifications import WebhookEndpoint
from app.models.organisations import Membership
from app.services import events
from app.services._inbox_access import NotInboxOwner, get_live
from app.services.escalations._common import claim_expired_row, record, reload


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
            .values(
                status=EscalationStatus.open,
                claimed_by=None,
                claimed_at=None,
                claim_expires_at=None,
                updated_at=now,
                last_activity_at=now,
            )
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


# Claims are the hottest write path: these statements are built once, with bind parameters, because
# building and cache-keying them on every call was about a third of a claim's Python time.
# The claimant's owner row is held FOR SHARE: removing them as an owner (which deletes that row,
# then gives their claims back) waits for this claim to commit, or this claim finds them gone.
_CLAIMABLE_INBOX = (
    select(
        Inbox,
        exists().where(
            Escalation.inbox_id == Inbox.id,
            Escalation.status == EscalationStatus.claimed,
            Escalation.claim_expires_at <= bindparam("now"),
        ),
        exists().where(WebhookEndpoint.org_id == Inbox.org_id, WebhookEndpoint.enabled),
    )
    .join(
        InboxOwner,
        and_(InboxOwner.inbox_id == Inbox.id, InboxOwner.user_id == bindparam("user_id")),
    )
    .where(
        Inbox.id == bindparam("inbox_id"),
        Inbox.org_id == bindparam("org_id"),
        Inbox.deleted_at.is_(None),
    )
    .with_for_update(read=True, of=InboxOwner)
)


def _claim_statement() -> Select[tuple[uuid.UUID, uuid.UUID]]:
    """Pick, claim and write the audit events in one statement; returns (event id, escalation id).

    Bind parameters: claim_inbox, size, claimant, claim_time, claim_expiry, org, and the event's
    claimant_text and expiry_text. None is named like a column of `escalation`: executing a
    statement with an UPDATE in it would take such a name for a SET value."""
    picked = (
        select(Escalation.id)
        .where(
            Escalation.inbox_id == bindparam("claim_inbox"),
            Escalation.status == EscalationStatus.open,
        )
        .order_by(Escalation.priority.desc(), Escalation.created_at, Escalation.id)
        .limit(bindparam("size", type_=Integer))
        .with_for_update(skip_locked=True)
        .cte("picked")
        .prefix_with("MATERIALIZED")
    )
    claim_time = bindparam("claim_time", type_=DateTime(timezone=True))
    claimant = bindparam("claimant", type_=Uuid)
    claimed = (
        update(Escalation)
        .where(Escalation.id == picked.c.id)
        .values(
            status=EscalationStatus.claimed,
            claimed_by=claimant,
            claimed_at=claim_time,
            claim_expires_at=bindparam("claim_expiry", type_=DateTime(timezone=True)),
            updated_at=claim_time,
            last_activity_at=claim_time,
        )
        .returning(Escalation.id)
        .cte("claimed")
    )
    events = (
        insert(EscalationEvent)
        .from_select(
            ["id", "org_id", "escalation_id", "type", "actor_id", "created_at", "data"],
            select(
                func.gen_random_uuid(),
                bindparam("org", type_=Uuid),
                claimed.c.id,
                literal(EventType.claimed.value),
                claimant,
                claim_time,
                func.jsonb_build_object(
                    "claimed_by",
                    bindparam("claimant_text", type_=String),
                    "expires_at",
                    bindparam("expiry_text", type_=String),
                ),
            ),
        )
        .returning(EscalationEvent.id, EscalationEvent.escalation_id)
        .cte("events")
    )
    return select(events.c.id, events.c.escalation_id)


_CLAIM = _claim_statement()


async def _claimable_inbox(
    session: AsyncSession, *, inbox_id: uuid.UUID, member: Membership, now: datetime
) -> tuple[Inbox, bool, bool]:
    """The live inbox the member owns, whether any claim in it has lapsed, and whether the
    organisation has webhooks to tell of claims: one round trip."""
    row = (
        await session.execute(
            _CLAIMABLE_INBOX,
            {"user_id": member.user_id, "now": now, "inbox_id": inbox_id, "org_id": member.org_id},
        )
    ).one_or_none()
    if row is None:
        await get_live(session, org_id=member.org_id, inbox_id=inbox_id)  # 404 if it is not there
        raise NotInboxOwner(inbox_id=inbox_id)
    inbox, has_lapsed, has_hooks = row
    return inbox, has_lapsed, has_hooks


async def claim(
    session: AsyncSession,
    *,
    member: Membership,
    inbox_id: uuid.UUID,
    count: int | None,
    now: datetime,
) -> ClaimBatch:
    inbox, has_lapsed, has_hooks = await _claimable_inbox(
        session, inbox_id=inbox_id, member=member, now=now
    )
    size = min(count or inbox.batch_size, inbox.batch_size)
    if has_lapsed:
        await expire_lapsed(session, now=now, inbox_id=inbox.id, limit=size, best_first=True)
    expires_at = now + timedelta(minutes=inbox.assignment_duration_minutes)
    data = {"claimed_by": str(member.user_id), "expires_at": expires_at.isoformat()}
    rows = (
        await session.execute(
            _CLAIM,
            {
                "claim_inbox": inbox.id,
                "size": size,
                "claimant": member.user_id,
                "claim_time": now,
                "claim_expiry": expires_at,
                "org": member.org_id,
                "claimant_text": data["claimed_by"],
                "expiry_text": data["expires_at"],
            },
        )
    ).all()
    claimed = [
        {
            "id": r.id,
            "org_id": member.org_id,
            "escalation_id": r.escalation_id,
            "type": EventType.claimed.value,
            "actor_id": member.user_id,
            "created_at": now,
            "data": data,
        }
        for r in rows
    ]
    # Written by the claim statement itself; the reactions still see them (claims reach webhooks
    # only, and the statement already told whether there are any).
    await events.react(session, events.Recorded(claimed, org_has_webhooks=has_hooks))
    ids = [r.escalation_id for r in rows]
    return ClaimBatch(items=await reload(session, ids), expires_at=expires_at if ids else None)
