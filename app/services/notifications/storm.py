"""Storm control for the human channels (email, Slack): deduplication and digests.

Decided once per notification, at its first claim, inside the claim transaction (which holds the
delivery claim lock, so no two workers decide for the same recipient at once), by event time:

* **Deduplicated**: an identical notification (same event type, escalation, recipient and
  channel) was created within `notify_dedupe_seconds` before this one and is going out (or went
  out, or was folded into a digest). Chains do not extend the window: it is measured from the
  last one that was not itself dropped.
* **Digested**: `notify_storm_limit` notifications to this recipient on this channel (in this
  organisation) were already sent one by one within `notify_storm_window_seconds` before this one.
  It is folded into the recipient's open digest (one row, rule `digest`, created on the first
  overflow and due one window later), which lists everything folded into it when it goes out.

Rows committed out of event-time order (two requests racing) can let one extra message through;
nothing is ever dropped that is not covered by another message.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.models.notifications import Channel, DeliveryStatus, Notification

HUMAN_CHANNELS = (Channel.email, Channel.slack)
DIGEST_RULE = "digest"
DIGEST_EVENT = "notification.digest"
_GONE = (DeliveryStatus.deduplicated, DeliveryStatus.dead)
_NOT_INDIVIDUAL = (DeliveryStatus.digested, DeliveryStatus.deduplicated)

Key = tuple[uuid.UUID, Channel, str]


@dataclass
class _Seen:
    """One earlier notification to the same recipient, as far as storm control cares."""

    order: tuple[datetime, str]
    event_type: str
    escalation_id: uuid.UUID | None
    alive: bool  # going out, gone out, or folded into a digest
    individual: bool  # sent (or being sent) on its own


def key_of(row: Notification) -> Key:
    return (row.org_id, row.channel, row.recipient)


def attempted(row: Any) -> bool:
    """Claimed for sending before: counting attempts, or with a result on record although a
    redelivery has reset its attempts (storm control decided it then; it does not again)."""
    return row.attempts > 0 or row.last_status_code is not None or row.last_error is not None


def undecided(row: Notification) -> bool:
    return row.channel in HUMAN_CHANNELS and row.rule != DIGEST_RULE and not attempted(row)


async def _history(
    session: AsyncSession, fresh: list[Notification], since: datetime
) -> dict[Key, list[_Seen]]:
    fresh_ids = [r.id for r in fresh]
    rows = await session.execute(
        select(
            Notification.id,
            Notification.org_id,
            Notification.channel,
            Notification.recipient,
            Notification.event_type,
            Notification.escalation_id,
            Notification.created_at,
            Notification.status,
            Notification.attempts,
            Notification.last_status_code,
            Notification.last_error,
        ).where(
            Notification.channel.in_(HUMAN_CHANNELS),
            Notification.recipient.in_(sorted({r.recipient for r in fresh})),
            Notification.created_at >= since,
            Notification.rule != DIGEST_RULE,
            Notification.id.not_in(fresh_ids),
        )
    )
    seen: dict[Key, list[_Seen]] = {}
    for r in rows:
        seen.setdefault((r.org_id, r.channel, r.recipient), []).append(
            _Seen(
                order=(r.created_at, str(r.id)),
                event_type=r.event_type,
                escalation_id=r.escalation_id,
                alive=r.status not in _GONE,
                individual=attempted(r) and r.status not in _NOT_INDIVIDUAL,
            )
        )
    return seen


async def open_digests(session: AsyncSession, keys: set[Key]) -> dict[Key, Notification]:
    rows = await session.scalars(
        select(Notification).where(
            Notification.rule == DIGEST_RULE,
            Notification.status == DeliveryStatus.pending,
            Notification.attempts == 0,
            # Not one sent before and redelivered: what joined it now would share its Message-ID.
            Notification.last_status_code.is_(None),
            Notification.last_error.is_(None),
            Notification.channel.in_(HUMAN_CHANNELS),
            Notification.recipient.in_(sorted({k[2] for k in keys})),
        )
    )
    return {key_of(d): d for d in rows if key_of(d) in keys}


async def new_digest(
    session: AsyncSession, first: Notification, *, now: datetime, window: timedelta
) -> Notification:
    digest = Notification(
        id=uuid.uuid4(),
        org_id=first.org_id,
        event_type=DIGEST_EVENT,
        channel=first.channel,
        recipient=first.recipient,
        user_id=first.user_id,
        rule=DIGEST_RULE,
        title="Escalation updates",
        body="",
        payload={},
        status=DeliveryStatus.pending,
        attempts=0,
        next_attempt_at=first.created_at + window,  # the end of the window
        created_at=now,
        dedupe_key=f"digest:{first.id}",
    )
    session.add(digest)
    await session.flush()  # the folded rows point at it
    return digest


async def triage(
    session: AsyncSession, rows: list[Notification], *, now: datetime, settings: Settings
) -> list[Notification]:
    """Decide the first attempt of each human-channel row; returns the rows still to send."""
    fresh = sorted((r for r in rows if undecided(r)), key=lambda r: (r.created_at, str(r.id)))
    if not fresh:
        return rows
    window = timedelta(seconds=settings.notify_storm_window_seconds)
    dedupe = timedelta(seconds=settings.notify_dedupe_seconds)
    history = await _history(session, fresh, fresh[0].created_at - max(window, dedupe))
    digests = await open_digests(session, {key_of(r) for r in fresh})
    dropped: set[uuid.UUID] = set()
    for row in fresh:
        seen = history.setdefault(key_of(row), [])
        at = row.created_at
        earlier = [s for s in seen if s.order < (at, str(row.id))]
        if any(
            s.alive
            and s.event_type == row.event_type
            and s.escalation_id == row.escalation_id
            and at - s.order[0] <= dedupe
            for s in earlier
        ):
            row.status, row.next_attempt_at = DeliveryStatus.deduplicated, None
            dropped.add(row.id)
        elif sum(1 for s in earlier if s.individual and at - s.order[0] < window) >= (
            settings.notify_storm_limit
        ):
            digest = digests.get(key_of(row))
            if digest is None:
                digest = digests[key_of(row)] = await new_digest(
                    session, row, now=now, window=window
                )
            row.status, row.next_attempt_at, row.digest_id = (
                DeliveryStatus.digested,
                None,
                digest.id,
            )
            dropped.add(row.id)
        seen.append(
            _Seen(
                order=(at, str(row.id)),
                event_type=row.event_type,
                escalation_id=row.escalation_id,
                alive=row.status is not DeliveryStatus.deduplicated,
                individual=row.id not in dropped,
            )
        )
    return [r for r in rows if r.id not in dropped]


def _plural(n: int) -> str:
    return f"{n} escalation update" + ("" if n == 1 else "s")


async def close_digests(
    session: AsyncSession, rows: list[Notification], *, base_url: str
) -> list[Notification]:
    """Fill in each due digest from the rows folded into it (nothing joins it once claimed).

    Returns the rows still to send: a digest whose rows are all gone is dropped."""
    digests = [r for r in rows if r.rule == DIGEST_RULE and not attempted(r)]
    if not digests:
        return rows
    members = await session.scalars(
        select(Notification)
        .where(Notification.digest_id.in_([d.id for d in digests]))
        .order_by(Notification.created_at, Notification.id)
    )
    items: dict[uuid.UUID, list[dict[str, Any]]] = {d.id: [] for d in digests}
    for m in members:
        context = (m.payload or {}).get("context") or {}
        items[m.digest_id].append(  # type: ignore[index]
            {
                "id": str(m.id),
                "title": m.title,
                "event_type": m.event_type,
                "link": context.get("link") or base_url,
                "inbox_name": context.get("inbox_name"),
                "priority": context.get("priority"),
                "created_at": m.created_at.isoformat(),
            }
        )
    empty: set[uuid.UUID] = set()
    for digest in digests:
        listed = items[digest.id]
        if not listed:
            digest.status, digest.next_attempt_at = DeliveryStatus.deduplicated, None
            empty.add(digest.id)
            continue
        digest.title = _plural(len(listed))
        digest.body = "\n".join(f"- {i['title']}\n  {i['link']}" for i in listed)
        digest.payload = {"digest": listed, "context": {"link": base_url}}
    return [r for r in rows if r.id not in empty]
