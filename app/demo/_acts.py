"""What the people of the demo do, each act through the service a request would call, at an
explicit time; and the SLA worker's tick, run at the instants it would have acted."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.demo.desk import Desk
from app.models.conversations import Channel, Direction
from app.models.escalations import ACTIVE_STATUSES, Escalation, Priority
from app.models.organisations import Membership
from app.models.rules import Approval
from app.schemas.escalations import Handoff
from app.services import conversations, escalations
from app.services.rules import decisions
from app.services.sla import engine as sla_engine

_MAX_TICKS = 10_000  # a checkpoint that never moves on must not hang the demo


class StoryBroken(RuntimeError):
    """The demo's own script went wrong (an act did not land where the story says)."""


@dataclass
class Cast:
    org_id: uuid.UUID
    members: dict[str, Membership]  # by email
    desk: Desk
    campaign_ids: list[uuid.UUID]

    def __getitem__(self, email: str) -> Membership:
        return self.members[email]


async def tick_until(session: AsyncSession, cast: Cast, until: datetime) -> None:
    """The SLA worker's passes, each at the instant the next checkpoint of the demo fell due, up
    to `until`: warnings, breaches and raised levels land at their own times, as a worker
    running all along would have written them.

    `sla_engine.check_due` takes no organisation: a pass at a past instant also acts on other
    organisations' checks already due then (a database that holds only the demo has none)."""
    for _ in range(_MAX_TICKS):
        due = await session.scalar(
            select(func.min(Escalation.next_check_at)).where(
                Escalation.org_id == cast.org_id, Escalation.next_check_at <= until
            )
        )
        if due is None:
            return
        await sla_engine.check_due(session, now=due)
    raise StoryBroken("the SLA checks never caught up")


async def contact_writes(
    session: AsyncSession,
    cast: Cast,
    *,
    contact: str,
    agent: str,
    body: str,
    at: datetime,
    campaign: int = 0,
    channel: Channel = Channel.chat,
    attributes: dict[str, Any] | None = None,
) -> uuid.UUID:
    """A new conversation in a campaign, assigned to an agent, opened by the contact's message
    (which runs the rules, as any inbound message does)."""
    handle = contact.lower().replace(" ", ".")
    conversation = await conversations.create(
        session,
        actor=cast["admin@example.com"],
        campaign_id=cast.campaign_ids[campaign % len(cast.campaign_ids)],
        contact=conversations.ContactData(
            name=contact, email=f"{handle}@example.org", attributes=attributes
        ),
        assignee_id=cast[agent].user_id,
        channel=channel,
        first_message=body,
        now=at,
    )
    return conversation.id


async def message(
    session: AsyncSession,
    cast: Cast,
    conversation_id: uuid.UUID,
    *,
    by: str,
    body: str,
    at: datetime,
    inbound: bool = False,
) -> None:
    """A reply from a member (`by`), or with `inbound` the contact's answer (entered as `by`
    sees the thread)."""
    await conversations.add_message(
        session,
        viewer=cast[by],
        conversation_id=conversation_id,
        body=body,
        direction=Direction.inbound if inbound else Direction.outbound,
        now=at,
    )


async def escalate(
    session: AsyncSession,
    cast: Cast,
    conversation_id: uuid.UUID,
    *,
    by: str,
    inbox: str,
    priority: Priority | None,
    category: str,
    handoff: Handoff,
    at: datetime,
) -> Escalation | Approval:
    done, _ = await escalations.escalate(
        session,
        actor=cast[by],
        conversation_id=conversation_id,
        inbox_id=cast.desk.inbox_ids[inbox],
        priority=priority,
        category=category,
        handoff=handoff.model_dump(),
        now=at,
    )
    return done


async def escalation_of(session: AsyncSession, conversation_id: uuid.UUID) -> uuid.UUID:
    """The live escalation of a conversation (one a rule opened, say)."""
    found = await session.scalar(
        select(Escalation.id).where(
            Escalation.conversation_id == conversation_id, Escalation.status.in_(ACTIVE_STATUSES)
        )
    )
    if found is None:
        raise StoryBroken(f"conversation {conversation_id} was not escalated")
    return found


async def claim(
    session: AsyncSession, cast: Cast, *, by: str, inbox: str, expect: uuid.UUID, at: datetime
) -> None:
    """`by` claims the next one in the inbox, which the story says is `expect`."""
    batch = await escalations.claim(
        session, member=cast[by], inbox_id=cast.desk.inbox_ids[inbox], count=1, now=at
    )
    if [e.id for e in batch.items] != [expect]:
        raise StoryBroken(f"{by} claimed {[e.id for e in batch.items]} instead of {expect}")


async def resolve(
    session: AsyncSession, cast: Cast, escalation_id: uuid.UUID, *, by: str, note: str, at: datetime
) -> None:
    await escalations.resolve(
        session, actor=cast[by], escalation_id=escalation_id, note=note, now=at
    )


async def de_escalate(
    session: AsyncSession, cast: Cast, escalation_id: uuid.UUID, *, by: str, note: str, at: datetime
) -> None:
    await escalations.de_escalate(
        session, actor=cast[by], escalation_id=escalation_id, note=note, now=at
    )


async def move(
    session: AsyncSession,
    cast: Cast,
    escalation_id: uuid.UUID,
    *,
    by: str,
    inbox: str,
    note: str,
    at: datetime,
) -> None:
    await escalations.move(
        session,
        actor=cast[by],
        escalation_id=escalation_id,
        inbox_id=cast.desk.inbox_ids[inbox],
        note=note,
        now=at,
    )


async def approve(
    session: AsyncSession, cast: Cast, approval: Approval, *, by: str, reason: str, at: datetime
) -> uuid.UUID:
    decided = await decisions.decide(
        session, decider=cast[by], approval_id=approval.id, approved=True, reason=reason, now=at
    )
    if decided.escalation_id is None:
        raise StoryBroken(f"approval {approval.id} opened no escalation")
    return decided.escalation_id
