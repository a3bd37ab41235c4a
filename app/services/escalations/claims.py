"""Race-free timed claims.

One statement picks and claims: `FOR UPDATE SKIP LOCKED` in a materialised CTE hands each row to
exactly one caller, so owners claiming from one inbox at the same moment never share an escalation.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation, EscalationEvent, EscalationStatus, EventType
from app.models.inboxes import Inbox
from app.models.notifications import WebhookEndpoint
from app.models.organisations import Membership
from app.services._inbox_access import (
    InboxNotFound,
    NotInboxOwner,
    live_inboxes,
    owns_inbox_of,
)
from app.services.escalations._common import event_row, record, reload
from app.services.notifications import fanout


@dataclass
class ClaimBatch:
    items: list[Escalation]
    expires_at: datetime | None


async def expire_lapsed(
    session: AsyncSession, *, now: datetime, inbox_id: uuid.UUID | None = None, limit: int = 1000
) -> int:
    """Turn claims past their expiry back into open escalations, with a claim_expired event.

    Called at claim time for one inbox, and by the worker for all of them.
    """
    lapsed_query = (
        select(Escalation.id, Escalation.claimed_by, Escalation.claim_expires_at)
        .where(Escalation.status == EscalationStatus.claimed, Escalation.claim_expires_at <= now)
        .order_by(Escalation.claim_expires_at)
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
            event_row(
                r.id,
                r.org_id,
                EventType.claim_expired,
                actor_id=None,
                now=now,
                claimed_by=r.claimed_by,
                expired_at=r.claim_expires_at,
            )
            for r in rows
        ],
    )
    return len(rows)


async def _claimable_inbox(
    session: AsyncSession, *, inbox_id: uuid.UUID, member: Membership, now: datetime
) -> tuple[Inbox, bool, bool]:
    """The live inbox the member owns, whether any claim in it has lapsed, and whether the
    organisation has webhooks to tell of claims: one round trip."""
    lapsed = exists().where(
        Escalation.inbox_id == Inbox.id,
        Escalation.status == EscalationStatus.claimed,
        Escalation.claim_expires_at <= now,
    )
    hooks = exists().where(WebhookEndpoint.org_id == Inbox.org_id, WebhookEndpoint.enabled)
    row = (
        await session.execute(
            live_inboxes(member.org_id)
            .add_columns(owns_inbox_of(member, Inbox.id), lapsed, hooks)
            .where(Inbox.id == inbox_id)
        )
    ).one_or_none()
    if row is None:
        raise InboxNotFound(inbox_id=inbox_id)
    inbox, owned, has_lapsed, has_hooks = row
    if not owned:
        raise NotInboxOwner(inbox_id=inbox_id)
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
    if has_lapsed:
        await expire_lapsed(session, now=now, inbox_id=inbox.id)
    size = min(count or inbox.batch_size, inbox.batch_size)
    expires_at = now + timedelta(minutes=inbox.assignment_duration_minutes)
    picked = (
        select(Escalation.id)
        .where(Escalation.inbox_id == inbox.id, Escalation.status == EscalationStatus.open)
        .order_by(Escalation.priority.desc(), Escalation.created_at, Escalation.id)
        .limit(size)
        .with_for_update(skip_locked=True)
        .cte("picked")
        .prefix_with("MATERIALIZED")
    )
    claimed = (
        update(Escalation)
        .where(Escalation.id == picked.c.id)
        .values(
            status=EscalationStatus.claimed,
            claimed_by=member.user_id,
            claimed_at=now,
            claim_expires_at=expires_at,
            updated_at=now,
            last_activity_at=now,
        )
        .returning(Escalation.id)
        .cte("claimed")
    )
    # The audit events are written by the same statement that claims.
    events = (
        insert(EscalationEvent)
        .from_select(
            ["id", "org_id", "escalation_id", "type", "actor_id", "created_at", "data"],
            select(
                func.gen_random_uuid(),
                literal(member.org_id),
                claimed.c.id,
                literal(EventType.claimed.value),
                literal(member.user_id),
                literal(now),
                func.jsonb_build_object(
                    "claimed_by", str(member.user_id), "expires_at", expires_at.isoformat()
                ),
            ),
        )
        .returning(EscalationEvent.id, EscalationEvent.escalation_id)
        .cte("events")
    )
    rows = (await session.execute(select(events.c.id, events.c.escalation_id))).all()
    data = {"claimed_by": str(member.user_id), "expires_at": expires_at.isoformat()}
    if has_hooks:  # claims reach webhooks only
        await fanout.fan_out(
            session,
            [
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
            ],
            now=now,
        )
    ids = [r.escalation_id for r in rows]
    return ClaimBatch(items=await reload(session, ids), expires_at=expires_at if ids else None)
