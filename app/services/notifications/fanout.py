"""Who hears of an event, written to the outbox in the event's own transaction.

One row per (event, channel, recipient) under a unique key, so nothing is sent twice and nothing
is lost if the process dies between commit and send. An event that should reach people but finds
nobody who would really get it (left the organisation, deactivated, every channel muted, webhook
disabled) falls back to the organisation's admins and owners, whose mutes do not apply: an
escalation always reaches someone.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, Table, Uuid, bindparam, exists, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models.api_keys import ApiKey
from app.models.escalations import Escalation
from app.models.followers import EscalationFollower
from app.models.inboxes import Inbox, InboxOwner
from app.models.notes import EscalationNote
from app.models.notifications import (
    Channel,
    DeliveryStatus,
    Notification,
    NotificationPreference,
    WebhookEndpoint,
)
from app.models.organisations import Membership, Role
from app.models.users import User
from app.services import escalation_policy
from app.services._loading import reload
from app.services._recorded import Recorded
from app.services.notifications import messages, nudge, payloads

# Event types that must reach people (webhooks hear of every type they subscribe to).
PEOPLE_EVENTS = {
    "escalation.created",
    "escalation.sla_warning",
    "escalation.sla_breached",
    "escalation.level_raised",
    "escalation.moved",
    "escalation.de_escalated",
    "escalation.resolved",
    "escalation.claim_expired",
    "escalation.claim_returned_no_reply",
    "claim.auto_assigned",
    "escalation.nobody_on_shift",
    "escalation.claimed",
    "escalation.note_added",
    "escalation.note_edited",
}
# Told to the one person concerned or no one: an owner who muted everything is not worth waking
# the admins for over their own assignment, nor a note's or a claim's followers.
_NO_FALLBACK = {
    "claim.auto_assigned",
    "escalation.claimed",
    "escalation.note_added",
    "escalation.note_edited",
}
# Events that reach the escalation's followers and nobody else (see `_people`).
_FOLLOWERS_ONLY = {"escalation.claimed"}
# What an escalation's followers hear of (issue 24), besides whoever else does.
FOLLOWED_EVENTS = {
    "escalation.claimed",
    "claim.auto_assigned",
    "escalation.moved",
    "escalation.de_escalated",
    "escalation.note_added",
    "escalation.sla_warning",
    "escalation.sla_breached",
    "escalation.resolved",
    "escalation.claim_returned_no_reply",
}
_NOTE_EVENTS = {"escalation.note_added", "escalation.note_edited"}
_ROLE_AUDIENCES = {"supervisors": Role.supervisor, "admins": Role.admin, "owners": Role.owner}


class Person(NamedTuple):
    """A current, active member, as far as notifying them goes."""

    id: uuid.UUID
    email: str


@dataclass(frozen=True)
class Target:
    kind: str  # member | email | webhook | slack
    value: str
    rule: str


def _prime_statement() -> Select[Any]:
    user = User.__table__.c
    org_id = bindparam("org_id", type_=Uuid)
    inbox_ids = bindparam("inbox_ids", type_=Uuid, expanding=True)
    owners = select(InboxOwner.user_id).where(InboxOwner.inbox_id.in_(inbox_ids))
    owned = (
        select(func.array_agg(InboxOwner.inbox_id))
        .where(InboxOwner.user_id == Membership.user_id, InboxOwner.inbox_id.in_(inbox_ids))
        .correlate(Membership)
        .scalar_subquery()
    )
    names = (
        select(func.json_object_agg(Inbox.id, Inbox.name))
        .where(Inbox.id.in_(inbox_ids))
        .scalar_subquery()
    )
    hooks = exists().where(WebhookEndpoint.org_id == org_id, WebhookEndpoint.enabled)
    return (
        select(
            Membership.user_id,
            Membership.role,
            exists().where(ApiKey.id == Membership.user_id).label("service"),
            user.email,
            user.is_active,
            NotificationPreference.muted_channels,
            owned.label("owned"),
            names.label("names"),
            hooks.label("hooks"),
        )
        .select_from(Membership)
        .join(User, user.id == Membership.user_id)
        .outerjoin(
            NotificationPreference,
            (NotificationPreference.org_id == org_id)
            & (NotificationPreference.user_id == Membership.user_id),
        )
        .where(
            Membership.org_id == org_id,
            or_(
                Membership.role.in_([Role.admin, Role.owner]),
                Membership.user_id.in_(owners),
                Membership.user_id.in_(bindparam("user_ids", type_=Uuid, expanding=True)),
            ),
        )
        .order_by(Membership.user_id)
    )


# Built once (building it cost more than running it): see _Context.prime.
_PRIME = _prime_statement()


class _Context:
    """Per-call caches: one fan-out touches the same org's people again and again."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._roles: dict[tuple[uuid.UUID, Role], list[uuid.UUID]] = {}
        self._owners: dict[uuid.UUID, list[uuid.UUID]] = {}
        self._hooks: dict[uuid.UUID, list[WebhookEndpoint]] = {}
        self._people: dict[tuple[uuid.UUID, uuid.UUID], tuple[Person | None, set[str]]] = {}
        self._inbox_names: dict[uuid.UUID, str] = {}
        self.followers: dict[uuid.UUID, list[uuid.UUID]] = {}
        self.followers_of_org: dict[uuid.UUID, set[uuid.UUID]] = {}
        self.note_bodies: dict[str, str] = {}

    async def load_followers(
        self,
        events: list[dict[str, Any]],
        known: dict[uuid.UUID, list[uuid.UUID]] | None = None,
    ) -> None:
        """The followers of every escalation of a followed event, in one read per fan-out (none
        when the caller `known` them for every such escalation)."""
        ids = {e["escalation_id"] for e in events if e["type"] in FOLLOWED_EVENTS}
        if known is not None and ids <= known.keys():
            orgs = {e["escalation_id"]: e["org_id"] for e in events}
            for escalation_id in ids:
                self.followers[escalation_id] = list(known[escalation_id])
                self.followers_of_org.setdefault(orgs[escalation_id], set()).update(
                    known[escalation_id]
                )
            return
        if ids:
            rows = await self.session.execute(
                select(
                    EscalationFollower.escalation_id,
                    EscalationFollower.user_id,
                    EscalationFollower.org_id,
                )
                .where(EscalationFollower.escalation_id.in_(ids))
                .order_by(EscalationFollower.created_at, EscalationFollower.user_id)
            )
            for escalation_id, user_id, org_id in rows:
                self.followers.setdefault(escalation_id, []).append(user_id)
                self.followers_of_org.setdefault(org_id, set()).add(user_id)

    async def load_note_bodies(self, events: list[dict[str, Any]]) -> None:
        """What the notes said, for the words of their notifications (events keep no text)."""
        ids = {str(e["data"]["note_id"]) for e in events if e["type"] in _NOTE_EVENTS}
        if ids:
            rows = await self.session.execute(
                select(EscalationNote.id, EscalationNote.body).where(EscalationNote.id.in_(ids))
            )
            self.note_bodies = {str(i): body or "" for i, body in rows}

    async def inbox_name(self, inbox_id: uuid.UUID) -> str:
        # Cached here: the identity map holds loaded objects weakly, so `session.get` went back
        # to the database for every event of a batch (a third of the SLA tick's time).
        if inbox_id not in self._inbox_names:
            name = await self.session.scalar(select(Inbox.name).where(Inbox.id == inbox_id))
            self._inbox_names[inbox_id] = name or ""
        return self._inbox_names[inbox_id]

    async def prime(
        self, org_id: uuid.UUID, inbox_ids: set[uuid.UUID], user_ids: set[uuid.UUID]
    ) -> None:
        """What a fan-out to people usually asks, in one statement instead of one each: the
        organisation's admins and owners (the fallback), the owners of these inboxes, these
        users (followers), each member's account and muted channels, the inboxes' names, and
        whether any webhook is enabled. Whatever it did not cover is still read when asked."""
        rows = await self.session.execute(
            _PRIME,
            {"org_id": org_id, "inbox_ids": sorted(inbox_ids), "user_ids": sorted(user_ids)},
        )
        roles: dict[Role, list[uuid.UUID]] = {Role.admin: [], Role.owner: []}
        owners_of: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in inbox_ids}
        first = None
        for row in rows:
            first = first or row
            if row.role in roles and not row.service:
                roles[row.role].append(row.user_id)
            for inbox_id in row.owned or ():
                owners_of[inbox_id].append(row.user_id)
            person = Person(row.user_id, row.email) if row.is_active else None
            self._people[org_id, row.user_id] = (person, set(row.muted_channels or ()))
        if first is None:  # nobody: the questions are asked one by one, as before
            return
        for role, ids in roles.items():
            self._roles[org_id, role] = ids
        self._owners.update(owners_of)
        for inbox_id, name in (first.names or {}).items():
            self._inbox_names[uuid.UUID(inbox_id)] = name
        if not first.hooks:
            self._hooks[org_id] = []

    async def members(
        self, org_id: uuid.UUID, ids: set[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[Person, set[str]]]:
        """Each current, active member's account and muted channels, loaded once per fan-out.

        Someone who left the organisation (or whose account is deactivated) is nobody to notify,
        whatever an old policy or an old escalation still says about them."""
        # The followers come along with the first read: they are asked about next.
        wanted = ids | set(self.followers_of_org.get(org_id, ()))
        missing = [i for i in wanted if (org_id, i) not in self._people]
        if missing:
            # One statement: the accounts with their preferences (muted channels) beside them.
            user = User.__table__.c
            rows = await self.session.execute(
                select(user.id, user.email, NotificationPreference.muted_channels)
                .join(Membership, Membership.user_id == user.id)
                .outerjoin(
                    NotificationPreference,
                    (NotificationPreference.org_id == org_id)
                    & (NotificationPreference.user_id == user.id),
                )
                .where(Membership.org_id == org_id, user.id.in_(missing), user.is_active)
            )
            found = {i: (Person(i, email), set(channels or ())) for i, email, channels in rows}
            for i in missing:
                self._people[org_id, i] = found.get(i, (None, set()))
        return {
            i: (user, muted_channels)
            for i in ids
            for user, muted_channels in [self._people[org_id, i]]
            if user is not None
        }

    async def with_role(self, org_id: uuid.UUID, role: Role) -> list[uuid.UUID]:
        if (org_id, role) not in self._roles:
            self._roles[org_id, role] = list(
                await self.session.scalars(
                    select(Membership.user_id).where(
                        Membership.org_id == org_id,
                        Membership.role == role,
                        # An API key's service member is nobody to notify.
                        ~exists().where(ApiKey.id == Membership.user_id),
                    )
                )
            )
        return self._roles[org_id, role]

    async def inbox_owners(self, inbox_id: uuid.UUID) -> list[uuid.UUID]:
        if inbox_id not in self._owners:
            self._owners[inbox_id] = list(
                await self.session.scalars(
                    select(InboxOwner.user_id).where(InboxOwner.inbox_id == inbox_id)
                )
            )
        return self._owners[inbox_id]

    def no_webhooks(self, org_ids: set[uuid.UUID]) -> None:
        for org_id in org_ids:
            self._hooks[org_id] = []

    async def webhooks(self, org_id: uuid.UUID) -> list[WebhookEndpoint]:
        if org_id not in self._hooks:
            self._hooks[org_id] = list(
                await self.session.scalars(
                    select(WebhookEndpoint).where(
                        WebhookEndpoint.org_id == org_id, WebhookEndpoint.enabled
                    )
                )
            )
        return self._hooks[org_id]


def _members(ids: list[Any], rule: str) -> list[Target]:
    return [Target("member", str(i), rule) for i in ids if i is not None]


def _from_policy(recipients: list[dict[str, Any]], rule: str) -> list[Target]:
    value_of = {"member": "user_id", "email": "address", "webhook": "webhook_id", "slack": "url"}
    return [Target(r["type"], str(r[value_of[r["type"]]]), rule) for r in recipients]


async def _audiences(
    ctx: _Context, escalation: Escalation, audiences: list[str], rule: str
) -> list[Target]:
    targets: list[Target] = []
    for audience in audiences:
        if audience == "inbox_owners":
            targets += _members(await ctx.inbox_owners(escalation.inbox_id), rule)
        elif audience in _ROLE_AUDIENCES:
            ids = await ctx.with_role(escalation.org_id, _ROLE_AUDIENCES[audience])
            targets += _members(ids, rule)
    return targets


async def _people(
    ctx: _Context, event: dict[str, Any], escalation: Escalation
) -> tuple[list[Target], list[list[Target]]]:
    """Who hears of a people event: those who always do, and a chain of tiers of which the first
    that reaches anybody is used."""
    kind, data = event["type"], event.get("data") or {}
    if kind == "escalation.created":
        policy = await escalation_policy.get(ctx.session, org_id=escalation.org_id)
        category = next((c for c in policy.categories if c["key"] == escalation.category), None)
        owners = _members(await ctx.inbox_owners(escalation.inbox_id), "inbox_owner")
        return owners, [
            _from_policy(category["recipients"], "category") if category else [],
            _from_policy(policy.default_recipients, "default"),
        ]
    levels = (escalation.sla or {}).get("levels") or []
    if kind in ("escalation.sla_warning", "escalation.sla_breached"):
        level = int(data.get("level", escalation.level))
        notify = levels[level - 1]["notify"] if 0 < level <= len(levels) else ["inbox_owners"]
        return [], [await _audiences(ctx, escalation, notify, "sla_level")]
    if kind == "escalation.level_raised":
        notify = list(data.get("notify") or [])
        return [], [await _audiences(ctx, escalation, notify, "sla_level")]
    if kind == "escalation.moved":
        to_inbox = uuid.UUID(str(data["to_inbox_id"]))
        return [], [_members(await ctx.inbox_owners(to_inbox), "inbox_owner")]
    if kind in ("escalation.de_escalated", "escalation.resolved"):
        # The escalator follows from the start; one who unfollowed hears no more.
        following = ctx.followers.get(escalation.id, [])
        escalator = [escalation.escalated_by] if escalation.escalated_by in following else []
        return [], [_members(escalator, "escalator")]
    if kind == "escalation.note_added":
        return _members(list(data.get("mentions") or []), "mention"), []
    if kind == "escalation.note_edited":  # those it mentioned before heard of it then
        return _members(list(data.get("added_mentions") or []), "mention"), []
    if kind in ("escalation.claim_expired", "escalation.claim_returned_no_reply"):
        return [], [_members([data.get("claimed_by")], "claimant")]
    if kind == "claim.auto_assigned":
        return [], [_members([data.get("claimed_by")], "assignee")]
    if kind == "escalation.nobody_on_shift":
        # The inbox's owners are who is missing: the policy's next tier hears of it.
        policy = await escalation_policy.get(ctx.session, org_id=escalation.org_id)
        category = next((c for c in policy.categories if c["key"] == escalation.category), None)
        return [], [
            _from_policy(category["recipients"], "category") if category else [],
            _from_policy(policy.default_recipients, "default"),
        ]
    return [], []


async def _reachable(
    ctx: _Context, org_id: uuid.UUID, targets: list[Target], *, mutes_apply: bool = True
) -> list[Target]:
    """The targets that would really get something: current, active members with a channel
    left unmuted (when mutes apply), enabled webhooks, and any email or Slack address."""
    member_ids = {uuid.UUID(t.value) for t in targets if t.kind == "member"}
    people = await ctx.members(org_id, member_ids) if member_ids else {}
    hooks = {str(h.id) for h in await ctx.webhooks(org_id)}
    listening = {Channel.in_app.value, Channel.email.value}
    kept = []
    for target in targets:
        if target.kind == "member":
            found = people.get(uuid.UUID(target.value))
            if found is None or (mutes_apply and listening <= found[1]):
                continue
        elif target.kind == "webhook" and target.value not in hooks:
            continue
        kept.append(target)
    return kept


async def _fallback(ctx: _Context, escalation: Escalation, actor: str | None) -> list[Target]:
    """The organisation's admins and owners, mutes ignored. The actor is left out unless they
    are the only one: then they are told rather than nobody."""
    admins = await ctx.with_role(escalation.org_id, Role.admin)
    owners = await ctx.with_role(escalation.org_id, Role.owner)
    everyone = await _reachable(
        ctx, escalation.org_id, _members([*admins, *owners], "fallback"), mutes_apply=False
    )
    others = [t for t in everyone if t.value != actor]
    return others or everyone


async def _targets(ctx: _Context, event: dict[str, Any], escalation: Escalation) -> list[Target]:
    targets: list[Target] = []
    if event["type"] in PEOPLE_EVENTS:
        actor = str(event["actor_id"]) if event.get("actor_id") else None

        async def reached(tier: list[Target]) -> list[Target]:
            # Nobody is told about what they did themselves.
            mine = [t for t in tier if t.value != actor]
            return await _reachable(ctx, escalation.org_id, mine)

        always_tier, chain = await _people(ctx, event, escalation)
        always = await reached(always_tier)
        chosen: list[Target] = []
        for tier in chain:
            if chosen := await reached(tier):
                break
        # A new escalation's category chain ends at the admins and owners even when its inbox
        # owners hear of it anyway; any other event falls back only when it would reach nobody.
        if (
            not chosen
            and event["type"] not in _NO_FALLBACK
            and (event["type"] == "escalation.created" or not always)
        ):
            chosen = await _fallback(ctx, escalation, actor)
        # Followers are told besides, never instead: they need not be able to act on it.
        following = []
        if event["type"] in FOLLOWED_EVENTS:
            following = await reached(_members(ctx.followers.get(escalation.id, []), "follower"))
        targets += _first_each(chosen + always + following)
    for hook in await ctx.webhooks(escalation.org_id):
        if "*" in hook.event_types or event["type"] in hook.event_types:
            targets.append(Target("webhook", str(hook.id), "subscription"))
    return targets


def _first_each(targets: list[Target]) -> list[Target]:
    """One target per recipient, the first (most specific) rule winning: a mentioned follower
    hears of the note once, as mentioned."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for target in targets:
        if (target.kind, target.value) not in seen:
            seen.add((target.kind, target.value))
            kept.append(target)
    return kept


async def _context(ctx: _Context, escalation: Escalation) -> dict[str, Any]:
    settings = get_settings()
    return {
        "escalation_id": str(escalation.id),
        "inbox_name": await ctx.inbox_name(escalation.inbox_id),
        "priority": escalation.priority.value,
        "category": escalation.category,
        "handoff": escalation.handoff,
        "contact_name": escalation.conversation.contact.name,
        "link": f"{settings.base_url}/orgs/{escalation.org_id}/escalations/{escalation.id}",
    }


async def react(session: AsyncSession, recorded: Recorded) -> None:
    """The reaction to recorded events (registered in app.services.events)."""
    events = recorded.rows
    if recorded.org_has_webhooks is False:  # the caller knows: these reach people or nobody
        events = [e for e in events if e["type"] in PEOPLE_EVENTS]
    if events:
        await fan_out(
            session,
            events,
            now=events[0]["created_at"],
            no_webhooks=recorded.org_has_webhooks is False,
            escalations=recorded.escalations,
            followers=recorded.followers,
        )


async def fan_out(
    session: AsyncSession,
    events: list[dict[str, Any]],
    *,
    now: datetime,
    no_webhooks: bool = False,
    escalations: dict[uuid.UUID, Escalation] | None = None,
    followers: dict[uuid.UUID, list[uuid.UUID]] | None = None,
) -> int:
    """Write the outbox rows for these just-recorded events; returns how many were new.
    `no_webhooks`: the caller knows the events' organisation has none enabled; `escalations`
    (with conversation and contact) and `followers`: the caller holds them (see Recorded)."""
    if not events:
        return 0
    ctx = _Context(session)
    if no_webhooks:
        ctx.no_webhooks({e["org_id"] for e in events})
    # Most events (claims, releases) reach webhooks only: skip the work when there are none.
    events = [e for e in events if e["type"] in PEOPLE_EVENTS or await ctx.webhooks(e["org_id"])]
    if not events:
        return 0
    await ctx.load_followers(events, followers)
    # A claim is told to the escalation's followers (and webhooks) only: with neither there is
    # nobody to write to, and nothing to load (a claim of an unfollowed escalation stays one
    # statement of fan-out, not four).
    events = [
        e
        for e in events
        if e["type"] not in _FOLLOWERS_ONLY
        or ctx.followers.get(e["escalation_id"])
        or await ctx.webhooks(e["org_id"])
    ]
    if not events:
        return 0
    rows: list[dict[str, Any]] = []
    wanted = {e["escalation_id"] for e in events}
    if escalations is not None and wanted <= escalations.keys():
        loaded = escalations
    else:
        loaded = {e.id: e for e in await reload(session, list(wanted))}
    await ctx.load_note_bodies(events)
    await _prime(ctx, events, loaded)
    for event in events:
        escalation = loaded[event["escalation_id"]]
        targets = await _targets(ctx, event, escalation)
        if not targets:
            continue
        context = await _context(ctx, escalation)
        rows += await _rows(ctx, event, escalation, targets, context, now=now)
    return await write_rows(session, rows)


async def _prime(
    ctx: _Context, events: list[dict[str, Any]], loaded: dict[uuid.UUID, Escalation]
) -> None:
    """One read of the people these events' organisations will ask about (see `prime`)."""
    inboxes: dict[uuid.UUID, set[uuid.UUID]] = {}
    for event in events:
        if event["type"] in PEOPLE_EVENTS:
            escalation = loaded[event["escalation_id"]]
            ids = inboxes.setdefault(escalation.org_id, set())
            ids.add(escalation.inbox_id)
            if event["type"] == "escalation.moved":
                ids.add(uuid.UUID(str(event["data"]["to_inbox_id"])))
    for org_id, inbox_ids in inboxes.items():
        await ctx.prime(org_id, inbox_ids, ctx.followers_of_org.get(org_id, set()))


async def write_rows(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert outbox rows (a repeated dedupe key is skipped); returns how many were new."""
    if not rows:
        return 0
    # Executemany, not one multi-row VALUES: that statement was compiled afresh for every batch
    # (tens of thousands of bind parameters in an SLA tick), this one is cached. On the Core
    # table, not the ORM entity: an ORM bulk insert splits its rows by which values are None
    # (in-app rows have no next attempt, email rows no delivery time) and ran one INSERT per row.
    table = Notification.__table__
    assert isinstance(table, Table)
    inserted = await session.scalars(
        insert(table).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(table.c.id),
        rows,
    )
    written = len(inserted.all())
    if written and any(r["channel"] is not Channel.in_app for r in rows):
        nudge.mark(session)  # wake the delivery worker once this transaction commits
    return written


def outbox_row(
    base: dict[str, Any],
    channel: Channel,
    recipient: str,
    rule: str,
    dedupe_key: str,
    context: dict[str, Any],
    *,
    now: datetime,
    **extra: Any,
) -> dict[str, Any]:
    """One outbox row; in-app ones are delivered by being written."""
    done = channel is Channel.in_app
    return {
        **base,
        "channel": channel,
        "recipient": recipient,
        "rule": rule,
        "status": DeliveryStatus.succeeded if done else DeliveryStatus.pending,
        "delivered_at": now if done else None,
        "next_attempt_at": None if done else now,
        "attempts": 0,
        # Every row names the same columns: a multi-row INSERT cannot leave one out.
        "user_id": None,
        "webhook_id": None,
        "payload": extra.pop("payload", {"context": context}),
        "dedupe_key": dedupe_key,
        **extra,
    }


async def _rows(
    ctx: _Context,
    event: dict[str, Any],
    escalation: Escalation,
    targets: list[Target],
    context: dict[str, Any],
    *,
    now: datetime,
) -> list[dict[str, Any]]:
    member_ids = {uuid.UUID(t.value) for t in targets if t.kind == "member"}
    people = await ctx.members(escalation.org_id, member_ids) if member_ids else {}
    note = ctx.note_bodies.get(str((event.get("data") or {}).get("note_id")))
    words = event if note is None else {**event, "data": {**event["data"], "note": note}}
    base = {
        "org_id": escalation.org_id,
        "event_id": event["id"],
        "event_type": event["type"],
        "escalation_id": escalation.id,
        "title": messages.title(words, context),
        "body": messages.body(words, context),
        "created_at": now,
    }
    rows: list[dict[str, Any]] = []

    def add(channel: Channel, recipient: str, rule: str, **extra: Any) -> None:
        key = f"{event['id']}:{channel.value}:{recipient}"
        title = messages.title(words, context, rule=rule)
        row = outbox_row(base, channel, recipient, rule, key, context, now=now, **extra)
        rows.append({**row, "title": title})

    for target in targets:
        if target.kind == "member":
            found = people.get(uuid.UUID(target.value))
            if found is None:  # not a current, active member (see _Context.members)
                continue
            user, muted = found
            # Preferences mute channels, never the fallback.
            off = set() if target.rule == "fallback" else muted
            if Channel.in_app.value not in off:
                add(Channel.in_app, f"user:{user.id}", target.rule, user_id=user.id)
            if Channel.email.value not in off:
                add(Channel.email, f"email:{user.email.lower()}", target.rule, user_id=user.id)
        elif target.kind == "email":
            add(Channel.email, f"email:{target.value.lower()}", target.rule)
        elif target.kind == "slack":
            add(Channel.slack, f"slack:{target.value}", target.rule)
        elif target.kind == "webhook":
            add(
                Channel.webhook,
                f"webhook:{target.value}",
                target.rule,
                webhook_id=uuid.UUID(target.value),
                payload=payloads.webhook_body(event, escalation),
            )
    return rows
