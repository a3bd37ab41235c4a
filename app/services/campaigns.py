"""Campaigns: where conversations live before and after an escalation."""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from app.models.campaigns import Campaign
from app.models.conversations import Conversation
from app.models.escalations import Escalation
from app.services._inbox_access import get_live
from app.services._pagination import Page
from app.services._recorded import Recorded
from app.services._tenancy import get_in_org, list_in_org


class CampaignNotFound(NotFound):
    code = "campaign-not-found"
    title = "Campaign not found"


def auto_escalate_at(campaign: Campaign, *, since: datetime) -> datetime | None:
    """The lower bound of the campaign rule's auto-escalation for a wait that began `since`
    (business minutes never pass faster than wall-clock ones; see services.auto_escalation)."""
    if campaign.auto_escalate_after_minutes is None or campaign.auto_escalate_inbox_id is None:
        return None
    return since + timedelta(minutes=campaign.auto_escalate_after_minutes)


async def take_back(session: AsyncSession, recorded: Recorded) -> None:
    """The reaction to `escalation.de_escalated`: each conversation is unassigned and back in the
    normal flow of its campaign, which it never left."""
    now = recorded.rows[0]["created_at"]
    conversation_ids = sa.select(Escalation.conversation_id).where(
        Escalation.id.in_([r["escalation_id"] for r in recorded.rows])
    )
    await session.execute(
        sa.update(Conversation)
        .where(Conversation.id.in_(conversation_ids))
        .values(assignee_id=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    # Escalating cleared its auto-escalation; one that still waits for an answer is armed again,
    # as an inbound message would arm it, counting from now (auto_escalation._consider counts
    # from the de-escalation, so it is not escalated straight back).
    waiting = await session.execute(
        sa.select(Conversation, Campaign)
        .join(Campaign, Campaign.id == Conversation.campaign_id)
        .where(Conversation.id.in_(conversation_ids), Conversation.needs_response)
    )
    for conversation, campaign in waiting.tuples():
        conversation.auto_escalate_at = auto_escalate_at(campaign, since=now)


async def create(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    name: str,
    auto_escalate_after_minutes: int | None = None,
    auto_escalate_inbox_id: uuid.UUID | None = None,
) -> Campaign:
    if auto_escalate_inbox_id is not None:
        await get_live(session, org_id=org_id, inbox_id=auto_escalate_inbox_id)
    campaign = Campaign(
        org_id=org_id,
        name=name,
        auto_escalate_after_minutes=auto_escalate_after_minutes,
        auto_escalate_inbox_id=auto_escalate_inbox_id,
    )
    session.add(campaign)
    await session.flush()
    return campaign


async def update(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    campaign_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> Campaign:
    campaign = await get(session, org_id=org_id, campaign_id=campaign_id, if_match=if_match)
    if changes.get("auto_escalate_inbox_id") is not None:
        await get_live(session, org_id=org_id, inbox_id=changes["auto_escalate_inbox_id"])
    for field, value in changes.items():
        setattr(campaign, field, value)
    campaign.updated_at = now
    await session.flush()
    if {"auto_escalate_after_minutes", "auto_escalate_inbox_id"} & changes.keys():
        await _reschedule_waiting(session, campaign)
    return campaign


async def _reschedule_waiting(session: AsyncSession, campaign: Campaign) -> None:
    """The rule changed: conversations already waiting get a new lower bound (or none)."""
    minutes = campaign.auto_escalate_after_minutes
    enabled = minutes is not None and campaign.auto_escalate_inbox_id is not None
    await session.execute(
        sa.update(Conversation)
        .where(Conversation.campaign_id == campaign.id, Conversation.needs_response)
        .values(
            auto_escalate_at=(
                Conversation.needs_response_since + timedelta(minutes=minutes or 0)
                if enabled
                else None
            )
        )
        .execution_options(synchronize_session=False)
    )


async def get(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    campaign_id: uuid.UUID,
    if_match: Sequence[str] | None = None,
) -> Campaign:
    return await get_in_org(
        session,
        Campaign,
        org_id=org_id,
        row_id=campaign_id,
        missing=CampaignNotFound(),
        if_match=if_match,
    )


async def list_for_org(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[Campaign]:
    return await list_in_org(
        session, Campaign, org_id=org_id, limit=limit, cursor=cursor, newest_first=True
    )
