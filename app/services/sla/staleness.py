"""Policy and calendar edits mark open escalations stale; the worker recomputes them in batches.

What the worker recomputes against depends on what changed, and it reads that off the row:
- an edit of a policy or its calendar: the policy the escalation is on (`sla_policy_id`), never
  whichever policy happens to be in force for its inbox now;
- a switch of the org default: `follow_default` points the escalations of the inboxes that
  follow the default at the new one right away, so the worker re-snapshots that one (and an old
  default's later edits no longer touch them);
- an inbox switching policy: the inbox's policy in force, flagged inside the snapshot because
  the new policy is not stored yet when the inbox service marks its escalations.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, literal, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import ACTIVE_STATUSES, Escalation
from app.models.inboxes import Inbox

_INBOX_SWITCHED = "inbox_policy_changed"


def inbox_switched(snapshot: dict[str, Any]) -> bool:
    return snapshot.get("stale") == _INBOX_SWITCHED


async def mark_policies(session: AsyncSession, *, policy_ids: Any, now: datetime) -> int:
    """`policy_ids`: ids or a subquery of them."""
    return await _mark(session, Escalation.sla_policy_id.in_(policy_ids), now=now)


async def mark_inbox(session: AsyncSession, *, inbox_id: uuid.UUID, now: datetime) -> int:
    # A snapshot is a JSON object or null (SQL or JSON null: `||` on a JSON null makes an array).
    flagged = case(
        (
            func.jsonb_typeof(Escalation.sla) == "object",
            Escalation.sla.op("||")(literal({"stale": _INBOX_SWITCHED}, JSONB)),
        ),
        else_=Escalation.sla,
    )
    return await _mark(session, Escalation.inbox_id == inbox_id, now=now, sla=flagged)


async def follow_default(
    session: AsyncSession, *, org_id: uuid.UUID, policy_id: uuid.UUID, now: datetime
) -> int:
    """`policy_id` is the new org default: the live escalations of every inbox without a policy
    of its own move to it, recomputed by the worker and audit-logged "default_policy_changed"."""
    followers = select(Inbox.id).where(Inbox.org_id == org_id, Inbox.sla_policy_id.is_(None))
    return await _mark(
        session,
        Escalation.inbox_id.in_(followers),
        Escalation.sla_policy_id.is_distinct_from(policy_id),
        now=now,
        sla_policy_id=policy_id,
    )


async def _mark(session: AsyncSession, *where: Any, now: datetime, **values: Any) -> int:
    result = await session.execute(
        update(Escalation)
        .where(*where, Escalation.status.in_(ACTIVE_STATUSES))
        .values(sla_stale=True, next_check_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
