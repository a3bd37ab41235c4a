"""Unmanaged conversations: a campaign's rule escalates what waited too long for an answer.

`auto_escalate_at` starts as a lower bound (`campaigns.auto_escalate_at`: business minutes never
pass faster than wall-clock minutes), so the request path does no calendar arithmetic; the worker
computes the exact instant on the target inbox's SLA calendar and either escalates or waits.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.campaigns import Campaign
from app.models.conversations import Conversation
from app.models.escalations import Escalation, EscalationStatus
from app.models.inboxes import Inbox
from app.services import escalations
from app.services._inbox_access import live_escalation_of, live_inboxes
from app.services.business_hours import NeverOpen
from app.services.sla import clock, policies


async def run_due(session: AsyncSession, *, now: datetime, limit: int = 200) -> int:
    due = list(
        await session.scalars(
            select(Conversation)
            # Never one that is escalated: deleting an inbox locks it, then the conversations of
            # its escalations, while this job would lock a conversation, then the inbox of its
            # campaign's rule; the same conversation in both would deadlock.
            .where(
                Conversation.auto_escalate_at <= now,
                ~exists().where(live_escalation_of(Conversation.id)),
            )
            .order_by(Conversation.auto_escalate_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for conversation in due:
        await _consider(session, conversation, now=now)
    await session.flush()
    return len(due)


async def _calendar_spec(session: AsyncSession, inbox: Inbox) -> dict[str, Any]:
    policy = await policies.in_force(session, inbox=inbox)
    if policy is None:
        return {"calendar": None}
    return await policies.snapshot(session, policy=policy)


async def _waiting_since(session: AsyncSession, conversation: Conversation) -> datetime:
    """When the rule's wait started: the contact's unanswered message, or the last time the
    conversation came back from an inbox unanswered (de-escalated), whichever is later. Counting
    from the message alone would send a de-escalated conversation straight back to the inbox."""
    assert conversation.needs_response_since is not None
    returned = await session.scalar(
        select(func.max(Escalation.closed_at)).where(
            Escalation.conversation_id == conversation.id,
            Escalation.status == EscalationStatus.de_escalated,
        )
    )
    if returned is None or returned < conversation.needs_response_since:
        return conversation.needs_response_since
    return returned


async def _consider(session: AsyncSession, conversation: Conversation, *, now: datetime) -> None:
    conversation.auto_escalate_at = None
    campaign = await session.get(Campaign, conversation.campaign_id)
    if (
        campaign is None
        or not conversation.needs_response
        or conversation.needs_response_since is None
        or campaign.auto_escalate_after_minutes is None
        or campaign.auto_escalate_inbox_id is None
    ):
        return
    inbox = await session.scalar(
        live_inboxes(conversation.org_id)
        .where(Inbox.id == campaign.auto_escalate_inbox_id)
        .with_for_update(read=True)  # not into an inbox being deleted (see get_live)
    )
    if inbox is None:
        return
    minutes = campaign.auto_escalate_after_minutes
    since = await _waiting_since(session, conversation)
    try:
        due = clock.add_minutes(await _calendar_spec(session, inbox), since, minutes)
    except NeverOpen:
        return
    if due > now:
        conversation.auto_escalate_at = due
        return
    back = (
        ""
        if since == conversation.needs_response_since
        else f"; back in its campaign since {since.isoformat()}"
    )
    handoff = {
        "reason": f"No response for {minutes} business minutes (waiting since "
        f"{conversation.needs_response_since.isoformat()}{back}).",
        "steps_taken": "None recorded: escalated automatically by the campaign's rule.",
        "offers_made": None,
        "help_needed": "Answer the contact.",
    }
    try:
        await escalations.open_escalation(
            session,
            conversation=conversation,
            inbox=inbox,
            priority=None,
            category="other",
            handoff=handoff,
            escalated_by=None,
            now=now,
            automatic=True,
            rule={"campaign_id": str(campaign.id), "after_minutes": minutes},
        )
    except escalations.AlreadyEscalated:
        return
