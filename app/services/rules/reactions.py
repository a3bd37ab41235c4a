"""The rules as reactions to events (app.services.events): an inbound message from any path
runs `message.received`; a new escalation `conversation.escalated`; a new priority, category or
inbox `escalation.updated`. Registered on import; `app.main` and the worker import this module."""

import uuid
from typing import cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.conversations import Message
from app.models.escalations import Escalation, EventType
from app.models.rules import Trigger
from app.services import events
from app.services.events import Recorded
from app.services.rules import engine

TRIGGERS = {
    events.MESSAGE_RECEIVED: Trigger.message_received,
    EventType.created.value: Trigger.conversation_escalated,
    EventType.priority_changed.value: Trigger.escalation_updated,
    EventType.category_changed.value: Trigger.escalation_updated,
    EventType.moved.value: Trigger.escalation_updated,
}


async def _conversation_of(session: AsyncSession, row: dict[str, object]) -> uuid.UUID | None:
    if row.get("conversation_id"):
        return uuid.UUID(str(row["conversation_id"]))
    found: uuid.UUID | None = await session.scalar(
        select(Escalation.conversation_id).where(Escalation.id == row["escalation_id"])
    )
    return found


@events.on_event(*TRIGGERS)
async def run_rules(session: AsyncSession, recorded: Recorded) -> None:
    for row in recorded.rows:
        trigger = TRIGGERS[str(row["type"])]
        org_id = uuid.UUID(str(row["org_id"]))
        # The rules themselves rather than whether there are any: one statement either way,
        # and the engine need not read them again.
        rules = await engine.load(session, org_id=org_id, trigger=trigger)
        if not rules:
            continue
        conversation_id = await _conversation_of(session, row)
        if conversation_id is None:
            continue
        text = None
        if row["type"] == events.MESSAGE_RECEIVED:
            text = cast(str | None, row.get("body"))
            if "body" not in row:
                text = await session.scalar(
                    select(Message.body).where(Message.id == row["message_id"])
                )
        await engine.fire(
            session,
            trigger=trigger,
            conversation_id=conversation_id,
            text=text,
            now=row["created_at"],
            rules=rules,
        )
