"""Setup for SLA worker tests: an inbox with a default policy and escalations at a fixed time."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import (
    Campaign,
    Conversation,
    Escalation,
    EscalationEvent,
    Inbox,
    InboxOwner,
    Membership,
    Role,
)
from app.services import conversations, escalations
from app.services.sla import calendars, policies
from app.workers import sla as sla_worker
from tests.factories import make_campaign, make_conversation, make_member, make_org

# A Wednesday, well away from any DST change.
T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
HANDOFF = {"reason": "r", "steps_taken": "s", "offers_made": None, "help_needed": "h"}


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


@dataclass
class Setup:
    agent: Membership
    owner: Membership
    inbox: Inbox
    campaign: Campaign
    policy_id: Any


async def make_setup(
    session: AsyncSession,
    *,
    targets: dict[str, Any] | None = None,
    warnings: list[int] | None = None,
    pause: bool = False,
    calendar_id: Any = None,
) -> Setup:
    org = await make_org(session)
    campaign = await make_campaign(session, org)
    agent_user = await make_member(session, org, Role.agent)
    owner_user = await make_member(session, org, Role.agent)
    policy = await policies.create(
        session,
        org_id=org.id,
        now=T0,
        data={
            "name": "Standard",
            "calendar_id": calendar_id,
            "targets": targets
            or {"normal": {"first_response_minutes": 30, "resolution_minutes": 120}},
            "warnings_minutes": warnings if warnings is not None else [10],
            "pause_while_awaiting_contact": pause,
            "levels": [
                {"level": 1, "notify": ["inbox_owners"]},
                {"level": 2, "notify": ["supervisors", "admins"]},
                {"level": 3, "notify": ["owners"]},
            ],
            "is_default": True,
        },
    )
    inbox = Inbox(org_id=org.id, name="Billing", batch_size=10, assignment_duration_minutes=30)
    session.add(inbox)
    await session.flush()
    session.add(InboxOwner(inbox_id=inbox.id, user_id=owner_user.id))
    await session.flush()
    members = {
        m.user_id: m
        for m in await session.scalars(select(Membership).where(Membership.org_id == org.id))
    }
    return Setup(
        agent=members[agent_user.id],
        owner=members[owner_user.id],
        inbox=inbox,
        campaign=campaign,
        policy_id=policy.id,
    )


async def escalate_at(session: AsyncSession, setup: Setup, at: datetime = T0) -> Escalation:
    conversation = await make_conversation(session, setup.campaign, assignee=None, since=at)
    return await escalations.open_escalation(
        session,
        conversation=conversation,
        inbox=setup.inbox,
        priority=None,
        category="other",
        handoff=HANDOFF,
        escalated_by=setup.agent.user_id,
        now=at,
    )


async def tick(sessionmaker: async_sessionmaker[AsyncSession], at: datetime) -> dict[str, int]:
    return await sla_worker.tick({"sessionmaker": sessionmaker, "now": lambda: at})


async def event_types(session: AsyncSession, escalation: Escalation) -> list[str]:
    rows = await session.scalars(
        select(EscalationEvent.type)
        .where(EscalationEvent.escalation_id == escalation.id)
        .order_by(EscalationEvent.seq)
    )
    return list(rows)


async def fresh(session: AsyncSession, escalation: Escalation) -> Escalation:
    loaded = await session.scalar(
        select(Escalation)
        .where(Escalation.id == escalation.id)
        .execution_options(populate_existing=True)
    )
    assert loaded is not None
    return loaded


async def on_office_hours(session: AsyncSession, setup: Setup, *, time_zone: str = "UTC") -> Any:
    """Put the setup's policy on a Monday-Friday 09:00-17:00 calendar in `time_zone`; returns
    the calendar."""
    calendar = await calendars.create(
        session,
        org_id=setup.inbox.org_id,
        now=T0,
        data={
            "name": "Office",
            "time_zone": time_zone,
            "holidays": [],
            "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
        },
    )
    await policies.update_policy(
        session,
        org_id=setup.inbox.org_id,
        policy_id=setup.policy_id,
        now=T0,
        changes={"calendar_id": calendar.id},
    )
    return calendar


async def unanswered(session: AsyncSession, setup: Setup, at: datetime = T0) -> Conversation:
    """A new conversation in the setup's campaign whose contact wrote first and waits."""
    return await conversations.create(
        session,
        actor=setup.agent,
        campaign_id=setup.campaign.id,
        contact=conversations.ContactData(name="Ann"),
        assignee_id=setup.agent.user_id,
        channel=conversations.Channel.sms,
        first_message="Hello?",
        now=at,
    )
