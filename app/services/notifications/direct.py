"""Notifications addressed directly (a rule's "notify", an approval to decide): named members,
everyone with a role, or a Slack URL. Written to the same outbox, under a caller-given key, so a
retried transaction never sends twice; in-app and email per member, mutes respected."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.notifications import Channel
from app.models.organisations import Role
from app.services.notifications.fanout import _Context, outbox_row, write_rows


@dataclass(frozen=True)
class Recipient:
    kind: str  # member | role | slack
    value: str


async def _members(ctx: _Context, org_id: uuid.UUID, recipients: list[Recipient]) -> set[uuid.UUID]:
    ids: set[uuid.UUID] = set()
    for recipient in recipients:
        if recipient.kind == "member":
            ids.add(uuid.UUID(recipient.value))
        elif recipient.kind == "role":
            ids.update(await ctx.with_role(org_id, Role(recipient.value)))
    return ids


async def notify(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    key: str,
    event_type: str,
    rule: str,
    recipients: list[Recipient],
    title: str,
    body: str,
    context: dict[str, Any],
    now: datetime,
    escalation_id: uuid.UUID | None = None,
) -> int:
    """Write the rows; returns how many were new."""
    ctx = _Context(session)
    people = await ctx.members(org_id, await _members(ctx, org_id, recipients))
    base = {
        "org_id": org_id,
        "event_id": None,
        "event_type": event_type,
        "escalation_id": escalation_id,
        "title": title[:300],
        "body": body,
        "created_at": now,
    }
    rows = []

    def add(channel: Channel, recipient: str, **extra: Any) -> None:
        dedupe = f"{key}:{channel.value}:{recipient}"
        rows.append(outbox_row(base, channel, recipient, rule, dedupe, context, now=now, **extra))

    for user_id, (user, muted) in people.items():
        if Channel.in_app.value not in muted:
            add(Channel.in_app, f"user:{user_id}", user_id=user_id)
        if Channel.email.value not in muted:
            add(Channel.email, f"email:{user.email.lower()}", user_id=user_id)
    for recipient in recipients:
        if recipient.kind == "slack":
            add(Channel.slack, f"slack:{recipient.value}")
    return await write_rows(session, rows)
