"""The demo's order of events: people, the desk (a month ago), history, today."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.demo import history, people, today
from app.demo._acts import Cast, tick_until
from app.demo.desk import OFFICE_ZONE, build
from app.models.conversations import Conversation, Message
from app.models.escalations import Escalation, EscalationStatus
from app.models.inboxes import Inbox
from app.models.organisations import Membership, Organisation, Role
from app.models.users import User
from app.services import campaigns, organisations
from app.services.notifications import feed

# The rules react to inbound messages only once registered; the API and the worker import them,
# and the CLI that loads the demo imports neither.
from app.services.rules import reactions as _rule_reactions  # noqa: F401

SET_UP_BEFORE = timedelta(days=history.DAYS + 1)


async def exists(session: AsyncSession) -> bool:
    stmt = (
        select(Organisation.id)
        .join(Membership, Membership.org_id == Organisation.id)
        .join(Membership.user)
        .where(
            Organisation.name == people.DEMO_ORG_NAME,
            func.lower(User.email) == people.DEMO_OWNER_EMAIL,
            Membership.role == Role.owner,
        )
        .limit(1)
    )
    return (await session.scalar(stmt)) is not None


async def _cast(session: AsyncSession, *, now: datetime) -> Cast:
    # organisations.create and campaigns.create take no time: the organisation and its campaigns
    # are stamped with the moment of loading, the desk a month before it (what its history needs).
    users = await people.users(session)
    # Reports count days and weeks in the organisation's time zone: the office's own.
    org = await organisations.create(
        session,
        user_id=users[people.DEMO_OWNER_EMAIL],
        name=people.DEMO_ORG_NAME,
        time_zone=OFFICE_ZONE,
    )
    owner = await organisations.get_membership(
        session, org_id=org.id, user_id=users[people.DEMO_OWNER_EMAIL]
    )
    for person in people.DEMO_PEOPLE[1:]:
        await organisations.add_member(
            session, actor=owner, email=person.email, role=Role(person.role)
        )
    campaign_ids = [
        (await campaigns.create(session, org_id=org.id, name=name)).id
        for name in people.DEMO_CAMPAIGNS
    ]
    desk = await build(session, owner=owner, users=users, now=now - SET_UP_BEFORE)
    members = {
        email: await organisations.get_membership(session, org_id=org.id, user_id=user_id)
        for email, user_id in users.items()
    }
    for member in members.values():
        # Their addresses are @example.com, which no mail reaches: in-app notifications show
        # everything, and hundreds of emails do not wait for an SMTP server (each can unmute).
        await feed.set_preferences(session, member=member, muted_channels=["email"])
    return Cast(org_id=org.id, members=members, desk=desk, campaign_ids=campaign_ids)


async def _counts(session: AsyncSession, org_id: uuid.UUID) -> dict[str, int]:
    total, waiting = (
        await session.execute(
            select(func.count(), func.count().filter(Conversation.needs_response)).where(
                Conversation.org_id == org_id
            )
        )
    ).one()
    messages = await session.scalar(
        select(func.count()).select_from(Message).where(Message.org_id == org_id)
    )
    escalations, resolved = (
        await session.execute(
            select(
                func.count(), func.count().filter(Escalation.status == EscalationStatus.resolved)
            ).where(Escalation.org_id == org_id)
        )
    ).one()
    inboxes = await session.scalar(select(func.count()).where(Inbox.org_id == org_id))
    return {
        "users": len(people.DEMO_PEOPLE),
        "campaigns": len(people.DEMO_CAMPAIGNS),
        "inboxes": inboxes or 0,
        "conversations": total,
        "messages": messages or 0,
        "needs_response": waiting,
        "escalations": escalations,
        "resolved": resolved,
    }


async def everything(session: AsyncSession, *, now: datetime) -> tuple[uuid.UUID, dict[str, int]]:
    cast = await _cast(session, now=now)
    await history.load(session, cast, now=now)
    front_line = [cast[email] for email in people.FRONT_LINE]
    queue_starts = now - timedelta(hours=2 * len(people.DEMO_CONTACTS))
    await tick_until(session, cast, queue_starts)
    await people.conversations(
        session,
        owner=cast[people.DEMO_OWNER_EMAIL],
        agents=front_line,
        campaign_ids=cast.campaign_ids,
        now=now,
    )
    await today.load(session, cast, now=now)
    return cast.org_id, await _counts(session, cast.org_id)
