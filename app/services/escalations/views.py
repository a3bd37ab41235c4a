"""Reading escalations: one inbox's list and the audit trail (the owner view: owner_view.py)."""

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import ACTIVE_STATUSES, Escalation, EscalationEvent, EscalationStatus
from app.models.organisations import Membership
from app.schemas.escalations import EscalationRead
from app.services._inbox_access import claim_live, require_readable, status_in
from app.services._pagination import Page, paginate
from app.services.escalations import read_model
from app.services.escalations._common import get_visible


def _status_is(status: EscalationStatus, now: datetime) -> ColumnElement[bool]:
    """Filter by the status users see: a lapsed claim is open."""
    if status is EscalationStatus.open:
        return status_in(*ACTIVE_STATUSES) & not_(claim_live(now))
    if status is EscalationStatus.claimed:
        return claim_live(now)
    return Escalation.status == status


async def list_for_inbox(
    session: AsyncSession,
    *,
    viewer: Membership,
    inbox_id: uuid.UUID,
    status: EscalationStatus | None,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> Page[EscalationRead]:
    await require_readable(session, viewer=viewer, inbox_id=inbox_id)
    stmt = read_model.select_escalations(Escalation.last_activity_at, Escalation.id).where(
        Escalation.inbox_id == inbox_id
    )
    if status is not None:
        stmt = stmt.where(_status_is(status, now))
    page = await paginate(
        session,
        stmt,
        keys=[Escalation.last_activity_at, Escalation.id],
        descending=True,
        limit=limit,
        cursor=cursor,
        scalars=False,
        keys_on_row=True,
    )
    return Page(read_model.validate([row[0] for row in page.items]), page.next_cursor)


async def list_events(
    session: AsyncSession,
    *,
    viewer: Membership,
    escalation_id: uuid.UUID,
    limit: int,
    cursor: str | None,
) -> Page[EscalationEvent]:
    await get_visible(session, viewer=viewer, escalation_id=escalation_id)
    stmt = select(EscalationEvent).where(EscalationEvent.escalation_id == escalation_id)
    return await paginate(
        session,
        stmt,
        keys=[EscalationEvent.seq],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
