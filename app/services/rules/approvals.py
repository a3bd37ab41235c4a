"""Approvals: an escalation into a restricted inbox waits for a supervisor's or admin's decision.

Until it is decided the conversation stays with its agent, marked pending (its
`pending_approval`); approving escalates it as requested, rejecting leaves it with the agent and
tells them why. The approval row is the audit record of the request and the decision (who asked,
who decided, when, why), and both ends are notified through the outbox.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.errors import Conflict, NotFound
from app.models.conversations import Conversation
from app.models.escalations import Priority
from app.models.inboxes import Inbox
from app.models.organisations import Membership, Role
from app.models.rules import Approval, ApprovalStatus
from app.services._pagination import Page, paginate
from app.services.notifications.direct import Recipient, notify

_DECIDERS = [Recipient("role", r.value) for r in (Role.supervisor, Role.admin, Role.owner)]


class ApprovalNotFound(NotFound):
    code = "approval-not-found"
    title = "Approval not found"


class ApprovalPending(Conflict):
    code = "approval-pending"
    title = "An escalation of this conversation is already waiting for approval"


class ApprovalDecided(Conflict):
    code = "approval-decided"
    title = "The approval was already decided"


# Built once: every escalation asks.
_PENDING = select(
    exists().where(
        Approval.conversation_id == bindparam("conversation_id", type_=Uuid),
        Approval.status == ApprovalStatus.pending,
    )
)


async def is_pending(session: AsyncSession, conversation_id: uuid.UUID) -> bool:
    return bool(await session.scalar(_PENDING, {"conversation_id": conversation_id}))


def _context(approval: Approval, inbox: Inbox) -> dict[str, Any]:
    link = f"{get_settings().base_url}/orgs/{approval.org_id}/approvals"
    return {"inbox_name": inbox.name, "handoff": approval.handoff, "link": link}


async def request(
    session: AsyncSession,
    *,
    conversation: Conversation,
    inbox: Inbox,
    priority: Priority | None,
    category: str,
    handoff: dict[str, Any],
    requested_by: uuid.UUID | None,
    rule_id: uuid.UUID | None,
    now: datetime,
) -> Approval:
    """A pending approval; the conversation (locked by the caller) stays with its agent."""
    if await is_pending(session, conversation.id):
        raise ApprovalPending(conversation_id=conversation.id)
    approval = Approval(
        org_id=conversation.org_id,
        conversation_id=conversation.id,
        inbox_id=inbox.id,
        status=ApprovalStatus.pending,
        priority=priority,
        category=category,
        handoff=handoff,
        requested_by=requested_by,
        rule_id=rule_id,
        agent_id=conversation.assignee_id,
        created_at=now,
        updated_at=now,
    )
    session.add(approval)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent request for the same conversation won
        raise ApprovalPending(conversation_id=conversation.id) from exc
    await notify(
        session,
        org_id=approval.org_id,
        key=f"approval:{approval.id}:requested",
        event_type="approval.requested",
        rule="approver",
        recipients=[r for r in _DECIDERS],
        title=f"Approval needed: escalation into {inbox.name}",
        body=f"Reason: {handoff.get('reason', '')}\nHelp needed: {handoff.get('help_needed', '')}",
        context=_context(approval, inbox),
        now=now,
    )
    return approval


async def get(
    session: AsyncSession, *, org_id: uuid.UUID, approval_id: uuid.UUID, for_update: bool = False
) -> Approval:
    stmt = select(Approval).where(Approval.id == approval_id, Approval.org_id == org_id)
    approval = await session.scalar(stmt.with_for_update() if for_update else stmt)
    if approval is None:
        raise ApprovalNotFound()
    return approval


async def list_for_org(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    status: ApprovalStatus | None,
    limit: int,
    cursor: str | None,
) -> Page[Approval]:
    stmt = select(Approval).where(Approval.org_id == org_id)
    if status is not None:
        stmt = stmt.where(Approval.status == status)
    return await paginate(
        session,
        stmt,
        keys=[Approval.created_at, Approval.id],
        descending=False,
        limit=limit,
        cursor=cursor,
    )


async def settle(
    session: AsyncSession,
    approval: Approval,
    *,
    decider: Membership,
    approved: bool,
    reason: str | None,
    inbox: Inbox,
    now: datetime,
) -> None:
    """Record the decision and tell whoever asked (and the agent the conversation is with)."""
    if approval.status is not ApprovalStatus.pending:
        raise ApprovalDecided(current_status=approval.status.value)
    approval.status = ApprovalStatus.approved if approved else ApprovalStatus.rejected
    approval.decided_by, approval.decided_at = decider.user_id, now
    approval.reason, approval.updated_at = reason, now
    told = {i for i in (approval.requested_by, approval.agent_id) if i and i != decider.user_id}
    verdict = "approved" if approved else "rejected"
    await notify(
        session,
        org_id=approval.org_id,
        key=f"approval:{approval.id}:{verdict}",
        event_type=f"approval.{verdict}",
        rule="requester",
        recipients=[Recipient("member", str(i)) for i in told],
        title=f"Escalation into {inbox.name} {verdict}",
        body=f"Reason: {reason}" if reason else f"The escalation was {verdict}.",
        context=_context(approval, inbox),
        now=now,
        escalation_id=approval.escalation_id,
    )
