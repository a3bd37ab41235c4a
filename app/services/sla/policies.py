"""SLA policies: CRUD, the policy in force for an inbox, and the snapshot an escalation keeps."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from app.models.escalations import ACTIVE_STATUSES, Escalation
from app.models.inboxes import Inbox
from app.models.sla import SlaPolicy
from app.services._pagination import Page
from app.services._tenancy import get_in_org, list_in_org
from app.services.sla import calendars, staleness


class PolicyNotFound(NotFound):
    code = "sla-policy-not-found"
    title = "SLA policy not found"


class PolicyInUse(Conflict):
    code = "sla-policy-in-use"
    title = "Inboxes or open escalations use this SLA policy"


async def get(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    policy_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> SlaPolicy:
    return await get_in_org(
        session,
        SlaPolicy,
        org_id=org_id,
        row_id=policy_id,
        if_match=if_match,
        missing=PolicyNotFound(sla_policy_id=policy_id),
    )


async def _clear_default(session: AsyncSession, *, org_id: uuid.UUID, keep: uuid.UUID) -> None:
    await session.execute(
        update(SlaPolicy)
        .where(SlaPolicy.org_id == org_id, SlaPolicy.is_default, SlaPolicy.id != keep)
        .values(is_default=False)
        .execution_options(synchronize_session=False)
    )


async def create(
    session: AsyncSession, *, org_id: uuid.UUID, data: dict[str, Any], now: datetime
) -> SlaPolicy:
    if data.get("calendar_id") is not None:
        await calendars.get(session, org_id=org_id, calendar_id=data["calendar_id"])
    policy = SlaPolicy(id=uuid.uuid4(), org_id=org_id, created_at=now, updated_at=now, **data)
    if policy.is_default:
        # Before the insert: the unique index allows one default per org (a second was a 500).
        await _clear_default(session, org_id=org_id, keep=policy.id)
    session.add(policy)
    await session.flush()
    if policy.is_default:
        await staleness.follow_default(session, org_id=org_id, policy_id=policy.id, now=now)
    return policy


async def list_for_org(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[SlaPolicy]:
    return await list_in_org(session, SlaPolicy, org_id=org_id, limit=limit, cursor=cursor)


async def update_policy(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    policy_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> SlaPolicy:
    policy = await get(session, org_id=org_id, policy_id=policy_id, if_match=if_match)
    if changes.get("calendar_id") is not None:
        await calendars.get(session, org_id=org_id, calendar_id=changes["calendar_id"])
    # Only a new default moves escalations. Unsetting the default leaves them on the policy they
    # run on (nothing to move them onto; dropping their deadlines would hide their breaches).
    was_default = policy.is_default
    if changes.get("is_default"):
        await _clear_default(session, org_id=org_id, keep=policy.id)
    for field, value in changes.items():
        setattr(policy, field, value)
    policy.updated_at = now
    await session.flush()
    # Those already on it first: the ones that follow_default moves onto it are marked there.
    await staleness.mark_policies(session, policy_ids=[policy.id], now=now)
    if policy.is_default and not was_default:
        await staleness.follow_default(session, org_id=org_id, policy_id=policy.id, now=now)
    return policy


async def delete(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    policy_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> None:
    policy = await get(session, org_id=org_id, policy_id=policy_id, if_match=if_match)
    in_use = await session.scalar(
        select(
            or_(
                exists().where(Inbox.sla_policy_id == policy.id, Inbox.deleted_at.is_(None)),
                exists().where(
                    Escalation.sla_policy_id == policy.id, Escalation.status.in_(ACTIVE_STATUSES)
                ),
            )
        )
    )
    if in_use:
        raise PolicyInUse(sla_policy_id=policy.id)
    # Retired inboxes may still name it; they are gone from every choice.
    await session.execute(
        update(Inbox).where(Inbox.sla_policy_id == policy.id).values(sla_policy_id=None)
    )
    await session.delete(policy)
    await session.flush()


async def in_force(session: AsyncSession, *, inbox: Inbox) -> SlaPolicy | None:
    """The inbox's own policy, else the organisation's default, else none."""
    if inbox.sla_policy_id is not None:
        return await session.get(SlaPolicy, inbox.sla_policy_id)
    return await session.scalar(
        select(SlaPolicy).where(SlaPolicy.org_id == inbox.org_id, SlaPolicy.is_default)
    )


async def snapshot(session: AsyncSession, *, policy: SlaPolicy) -> dict[str, Any]:
    calendar = None
    if policy.calendar_id is not None:
        row = await calendars.get(session, org_id=policy.org_id, calendar_id=policy.calendar_id)
        calendar = calendars.snapshot(row)
    return {
        "policy_id": str(policy.id),
        "name": policy.name,
        "calendar": calendar,
        "targets": policy.targets,
        "warnings_minutes": policy.warnings_minutes,
        "pause_while_awaiting_contact": policy.pause_while_awaiting_contact,
        "levels": policy.levels,
    }
