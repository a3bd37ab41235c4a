"""Policy and calendar edits mark open escalations stale; the worker recomputes them in batches."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import ACTIVE_STATUSES, Escalation


async def mark_policies(session: AsyncSession, *, policy_ids: Any, now: datetime) -> int:
    """`policy_ids`: ids or a subquery of them."""
    return await _mark(session, Escalation.sla_policy_id.in_(policy_ids), now=now)


async def mark_inbox(session: AsyncSession, *, inbox_id: uuid.UUID, now: datetime) -> int:
    return await _mark(session, Escalation.inbox_id == inbox_id, now=now)


async def _mark(session: AsyncSession, where: Any, *, now: datetime) -> int:
    result = await session.execute(
        update(Escalation)
        .where(where, Escalation.status.in_(ACTIVE_STATUSES))
        .values(sla_stale=True, next_check_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
