"""Running an organisation's rules on an event, in the event's own transaction.

One chain starts at the event a person (or the worker) caused. Its rules are evaluated in order
on the facts of the moment; every rule that matches acts and is audited (`rule_run`, and
`rule.applied` on the escalation's trail when there is one). What the actions change
(an escalation opened, a priority raised) is evaluated next in the same chain, each rule at most
once: a rule matching again in its own chain would loop, so it is cut off and audited instead.
"""

import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, Text, bindparam, cast, func, insert, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.conversations import Contact, Conversation, Direction, Message
from app.models.escalations import Escalation, EventType
from app.models.rules import Rule, RuleRun, Trigger
from app.models.sla import Calendar
from app.services._inbox_access import lock_live_escalation
from app.services.business_hours import BusinessCalendar
from app.services.events import event_row, record
from app.services.rules import actions
from app.services.rules.conditions import Facts
from app.services.rules.evaluation import CACHE, CompiledRule, compile_rule, evaluate
from app.services.sla import calendars as calendar_service
from app.services.sla import clock

MAX_CHAIN = 50  # events evaluated in one chain at most (each rule fires once anyway)


_ENABLED = (
    (Rule.org_id == bindparam("org_id")) & (Rule.trigger == bindparam("trigger")) & Rule.enabled
)
# Which rules, in which order, at which versions: one short value (NULL: none). An edit bumps a
# version; enabling, disabling, adding, deleting and reordering change the list.
_DIGEST = (
    select(
        func.md5(
            cast(
                func.array_agg(
                    aggregate_order_by(
                        cast(Rule.id, Text) + ":" + cast(Rule.version, Text), Rule.position, Rule.id
                    )
                ),
                Text,
            )
        )
    )
    .where(_ENABLED)
    .scalar_subquery()
)
# Built once. The digest is read in the statement's own snapshot: it describes these rows.
_HEADS = (
    select(Rule.id, Rule.version, _DIGEST.label("digest"))
    .where(_ENABLED)
    .order_by(Rule.position, Rule.id)
)
_DIGEST_ONLY = select(_DIGEST)
# The last list of each organisation and trigger, under its digest.
_LISTS: dict[tuple[uuid.UUID, Trigger], tuple[str, list[CompiledRule]]] = {}
_LISTS_SIZE = 10_000
_RULE_RUN: Table = RuleRun.__table__  # type: ignore[assignment]


async def load(session: AsyncSession, *, org_id: uuid.UUID, trigger: Trigger) -> list[CompiledRule]:
    """The organisation's enabled rules of one trigger, in order, compiled (cached by version).

    In steady state one statement that returns one value: when the digest of the rules' ids,
    order and versions is the one the list was built under, that list is the answer (200 rules
    cost every inbound message a 200-row read and as many cache look-ups before)."""
    params = {"org_id": org_id, "trigger": trigger}
    digest = await session.scalar(_DIGEST_ONLY, params)
    if digest is None:
        return []
    known = _LISTS.get((org_id, trigger))
    if known is not None and known[0] == digest:
        return list(known[1])
    heads = (await session.execute(_HEADS, params)).all()
    missing = [h.id for h in heads if CACHE.get(h.id, h.version) is None]
    if missing:
        for row in await session.scalars(select(Rule).where(Rule.id.in_(missing))):
            CACHE.put(compile_rule(row.id, row.version, row.name, row.conditions, row.actions))
    rules = [r for h in heads if (r := CACHE.get(h.id, h.version)) is not None]
    if heads and len(rules) == len(heads):  # none deleted between the two reads
        _LISTS.pop((org_id, trigger), None)
        _LISTS[org_id, trigger] = (heads[0].digest, rules)
        while len(_LISTS) > _LISTS_SIZE:
            del _LISTS[next(iter(_LISTS))]
    return list(rules)


async def load_calendars(
    session: AsyncSession, org_id: uuid.UUID, rules: list[CompiledRule]
) -> dict[uuid.UUID, BusinessCalendar]:
    ids = {i for r in rules for i in r.calendar_ids}
    if not ids:
        return {}
    rows = await session.scalars(
        select(Calendar).where(Calendar.id.in_(ids), Calendar.org_id == org_id)
    )
    return {c.id: clock.calendar_of({"calendar": calendar_service.snapshot(c)}) for c in rows}


async def latest_inbound(session: AsyncSession, conversation_id: uuid.UUID) -> str | None:
    body: str | None = await session.scalar(
        select(Message.body)
        .where(Message.conversation_id == conversation_id, Message.direction == Direction.inbound)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )
    return body


async def facts_of(
    session: AsyncSession,
    conversation: Conversation,
    escalation: Escalation | None,
    *,
    text: str | None,
    now: datetime,
    calendars: dict[uuid.UUID, BusinessCalendar],
) -> Facts:
    attributes = await session.scalar(
        select(Contact.attributes).where(Contact.id == conversation.contact_id)
    )
    return Facts(
        text=text,
        channel=conversation.channel.value,
        campaign_id=conversation.campaign_id,
        attributes=attributes or {},
        priority=escalation.priority if escalation else None,
        category=escalation.category if escalation else None,
        level=escalation.level if escalation else None,
        now=now,
        calendars=calendars,
    )


async def _audit(
    session: AsyncSession,
    rule: CompiledRule,
    target: actions.Target,
    *,
    trigger: Trigger,
    outcome: str,
    taken: list[dict[str, Any]],
) -> dict[str, Any]:
    """The run's `rule_run` row, to write with the chain's others (see `_run`), and its event."""
    escalation = target.escalation
    run = {
        "id": uuid.uuid4(),
        "org_id": target.conversation.org_id,
        "rule_id": rule.id,
        "rule_version": rule.version,
        "trigger": trigger.value,
        "outcome": outcome,
        "conversation_id": target.conversation.id,
        "escalation_id": escalation.id if escalation else None,
        "actions": taken,
        "created_at": target.now,
    }
    if escalation is not None:
        kind = {
            "applied": EventType.rule_applied,
            "loop_cut_off": EventType.rule_loop_cut_off,
            "regex_timeout": EventType.rule_regex_timeout,
        }[outcome]
        await record(
            session,
            [
                event_row(
                    escalation.id,
                    escalation.org_id,
                    kind,
                    actor_id=None,
                    now=target.now,
                    rule_id=rule.id,
                    rule_version=rule.version,
                    rule_name=rule.name,
                    trigger=trigger.value,
                    actions=taken,
                )
            ],
        )
    return run


async def _live_escalation(session: AsyncSession, conversation_id: uuid.UUID) -> Escalation | None:
    # No populate_existing: the caller's loaded relationships stay (autoflush keeps it current).
    return await lock_live_escalation(session, conversation_id)


@dataclass
class _Chain:
    """The chain of events being evaluated in this transaction: what the actions cause (their
    events come back through the reactions) joins it instead of starting a new one."""

    conversation_id: uuid.UUID
    pending: deque[Trigger]
    fired: set[uuid.UUID] = field(default_factory=set)
    # Rules the caller loaded already (to learn that there are any), by trigger: used once.
    loaded: dict[Trigger, list[CompiledRule]] = field(default_factory=dict)


_CHAIN_KEY = "rules.chain"


async def fire(
    session: AsyncSession,
    *,
    trigger: Trigger,
    conversation_id: uuid.UUID,
    now: datetime,
    text: str | None = None,
    rules: list[CompiledRule] | None = None,
) -> list[dict[str, Any]]:
    """Evaluate and apply the rules for one event and whatever it leads to; returns the runs.
    `rules`: the trigger's rules as `load` gave them in this transaction, if the caller has them."""
    chain: _Chain | None = session.info.get(_CHAIN_KEY)
    if chain is not None and chain.conversation_id == conversation_id:
        if trigger not in chain.pending:
            chain.pending.append(trigger)
        return []
    chain = _Chain(conversation_id=conversation_id, pending=deque([trigger]))
    if rules is not None:
        chain.loaded[trigger] = rules
    outer = session.info.get(_CHAIN_KEY)
    session.info[_CHAIN_KEY] = chain
    try:
        return await _run(session, chain, text=text, now=now)
    finally:
        session.info[_CHAIN_KEY] = outer


async def _run(
    session: AsyncSession, chain: _Chain, *, text: str | None, now: datetime
) -> list[dict[str, Any]]:
    # Not locked here: whoever caused the event holds what it changed (the message path the
    # conversation, the SLA tick the escalation), and locking the conversation after an
    # escalation would invert the order the request paths lock them in.
    # The caller usually holds it: then no statement (the identity map has it, current).
    conversation = await session.get(Conversation, chain.conversation_id)
    if conversation is None:
        return []
    target = actions.Target(
        conversation=conversation,
        escalation=await _live_escalation(session, conversation.id),
        now=now,
    )
    first = True  # the live escalation was just read: nothing acted since
    runs: list[dict[str, Any]] = []
    evaluated = 0
    latest: str | None = None  # the conversation's last inbound message, for escalation events
    while chain.pending and evaluated < MAX_CHAIN:
        current = chain.pending.popleft()
        evaluated += 1
        rules = chain.loaded.pop(current, None)
        if rules is None:
            rules = await load(session, org_id=conversation.org_id, trigger=current)
        if not rules:
            continue
        if current is not Trigger.message_received and latest is None:
            latest = await latest_inbound(session, conversation.id) or ""
        if not first:
            target.escalation = await _live_escalation(session, conversation.id)
        first = False
        facts = await facts_of(
            session,
            conversation,
            target.escalation,
            text=text if current is Trigger.message_received else latest,
            now=now,
            calendars=await load_calendars(session, conversation.org_id, rules),
        )
        outcome = evaluate(rules, facts)
        for rule in outcome.timed_out:
            runs.append(
                await _audit(
                    session, rule, target, trigger=current, outcome="regex_timeout", taken=[]
                )
            )
        for rule in outcome.matched:
            if rule.id in chain.fired:  # it caused this event: running again would loop
                runs.append(
                    await _audit(
                        session, rule, target, trigger=current, outcome="loop_cut_off", taken=[]
                    )
                )
                continue
            chain.fired.add(rule.id)
            taken = await actions.apply(
                session, rule, target, run_key=f"rule:{rule.id}:{rule.version}:{uuid.uuid4()}"
            )
            runs.append(
                await _audit(session, rule, target, trigger=current, outcome="applied", taken=taken)
            )
    await session.flush()  # what the actions changed (an escalation a run may name) goes first
    if runs:
        # One Core INSERT for the chain's runs: as ORM objects they cost more than the rules.
        await session.execute(insert(_RULE_RUN), runs)
    return runs
