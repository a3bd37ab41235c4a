"""Loading escalations with what every reader of one needs (its conversation and contact).

A leaf module: the escalation services and the notification fan-out both load through it, so
neither has to import the other.
"""

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from app.models.conversations import Conversation
from app.models.escalations import Escalation


def with_conversation(stmt: Select[tuple[Escalation]]) -> Select[tuple[Escalation]]:
    # Many-to-one all the way: joined in the same query rather than two more round trips.
    return stmt.options(
        joinedload(Escalation.conversation, innerjoin=True).joinedload(
            Conversation.contact, innerjoin=True
        )
    )


# Built once: every write returns its escalations through here (see claims.py for why).
_RELOAD = with_conversation(
    select(Escalation)
    .where(Escalation.id.in_(bindparam("ids", expanding=True)))
    .order_by(Escalation.priority.desc(), Escalation.created_at, Escalation.id)
).execution_options(populate_existing=True)


async def reload(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Escalation]:
    """Escalations by id, conversation loaded, highest priority then oldest first."""
    if not ids:
        return []
    return list(await session.scalars(_RELOAD, {"ids": list(ids)}))


async def loaded(session: AsyncSession, escalation: Escalation) -> Escalation:
    """The escalation as `reload` gives it, read again only if it has to be: a write whose
    reactions (the notification fan-out) reloaded it already, with nothing changed since, has it."""
    state = inspect(escalation)
    conversation = escalation.__dict__.get("conversation")
    if (
        not state.expired_attributes
        and not session.is_modified(escalation)
        and conversation is not None
        and "contact" in conversation.__dict__
    ):
        return escalation
    (fresh,) = await reload(session, [escalation.id])
    return fresh
