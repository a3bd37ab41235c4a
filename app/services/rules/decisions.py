"""Deciding an approval: approving escalates the conversation as requested (and the rules of
`conversation.escalated` run on it, as on any escalation); rejecting leaves it with its agent."""

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.conversations import Conversation
from app.models.organisations import Membership
from app.models.rules import Approval, ApprovalStatus
from app.services import escalations
from app.services._inbox_access import get_live
from app.services.rules import approvals


async def decide(
    session: AsyncSession,
    *,
    decider: Membership,
    approval_id: uuid.UUID,
    approved: bool,
    reason: str | None,
    now: datetime,
) -> Approval:
    approval = await approvals.get(
        session, org_id=decider.org_id, approval_id=approval_id, for_update=True
    )
    inbox = await get_live(
        session, org_id=approval.org_id, inbox_id=approval.inbox_id, for_share=True
    )
    if approved and approval.status is ApprovalStatus.pending:
        conversation = await session.get(
            Conversation, approval.conversation_id, with_for_update=True
        )
        assert conversation is not None  # the approval cascades away with it
        escalation = await escalations.open_escalation(
            session,
            conversation=conversation,
            inbox=inbox,
            priority=approval.priority,
            category=approval.category,
            handoff=approval.handoff,
            escalated_by=approval.requested_by,
            now=now,
            priority_source=(
                {"kind": "agent", "user_id": approval.requested_by}
                if approval.requested_by
                else {"kind": "rule", "rule_id": approval.rule_id}
            ),
            approval={"id": approval.id, "approved_by": decider.user_id, "reason": reason},
        )
        approval.escalation_id = escalation.id
    await approvals.settle(
        session, approval, decider=decider, approved=approved, reason=reason, inbox=inbox, now=now
    )
    return approval
