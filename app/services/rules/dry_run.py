"""The dry run: which rules would fire on a sample (or an existing conversation) and what they
would do. It reads and evaluates, and writes nothing: no rule runs, no events, no changes."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from app.models.conversations import Channel, Conversation
from app.models.escalations import Escalation, Priority
from app.models.rules import Trigger
from app.schemas.rules import RuleTestRequest
from app.services._inbox_access import live_escalation_of
from app.services.rules import engine
from app.services.rules.conditions import Facts
from app.services.rules.evaluation import evaluate


class SampleConversationNotFound(NotFound):
    code = "conversation-not-found"
    title = "Conversation not found"


async def _base(
    session: AsyncSession, org_id: uuid.UUID, request: RuleTestRequest, now: datetime
) -> tuple[Facts, Trigger]:
    facts = Facts(
        text=None,
        channel=Channel.other.value,
        campaign_id=uuid.UUID(int=0),
        attributes={},
        priority=None,
        category=None,
        level=None,
        now=now,
    )
    if request.conversation_id is not None:
        conversation = await session.scalar(
            select(Conversation).where(
                Conversation.id == request.conversation_id, Conversation.org_id == org_id
            )
        )
        if conversation is None:
            raise SampleConversationNotFound()
        escalation = await session.scalar(
            select(Escalation).where(live_escalation_of(conversation.id))
        )
        facts = await engine.facts_of(
            session,
            conversation,
            escalation,
            now=now,
            calendars={},
            text=await engine.latest_inbound(session, conversation.id),
        )
    return facts, request.trigger


def _override(facts: Facts, request: RuleTestRequest) -> None:
    given: dict[str, Any] = request.model_dump(exclude_unset=True)
    if "message" in given:
        facts.text = request.message
    if request.channel is not None:
        facts.channel = request.channel.value
    if request.campaign_id is not None:
        facts.campaign_id = request.campaign_id
    if request.contact is not None:
        facts.attributes = {**facts.attributes, **request.contact.attributes}
    if request.priority is not None:
        facts.priority = Priority(request.priority)
    if request.category is not None:
        facts.category = request.category
    if request.escalation_level is not None:
        facts.level = request.escalation_level


async def run(
    session: AsyncSession, *, org_id: uuid.UUID, request: RuleTestRequest, now: datetime
) -> dict[str, Any]:
    facts, trigger = await _base(session, org_id, request, request.at or now)
    _override(facts, request)
    rules = await engine.load(session, org_id=org_id, trigger=trigger)
    facts.calendars = await engine.load_calendars(session, org_id, rules)
    outcome = evaluate(rules, facts)
    return {
        "trigger": trigger,
        "evaluated": outcome.evaluated,
        "timed_out": [r.id for r in outcome.timed_out],
        "matched": [
            {
                "rule_id": r.id,
                "name": r.name,
                "version": r.version,
                "actions": list(r.actions),
                "stopped": r.stops,
            }
            for r in outcome.matched
        ],
    }
