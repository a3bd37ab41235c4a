"""What a rule that fired does, in the transaction of the event that triggered it.

Each action answers what it did (`{"type": ..., "result": "done" | "skipped", ...}`), which goes
into the audit record. The events it records (a rule's escalation is `escalation.created`, a new
priority `escalation.priority_changed`) come back to the rules through the reactions and join
the running chain (see engine.py), so a rule that would retrigger itself is seen and cut off.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.conversations import Conversation
from app.models.escalations import Escalation, Priority
from app.services import escalation_policy, escalations
from app.services._inbox_access import InboxNotFound, get_live
from app.services.escalations.lifecycle import recategorise, relocate, reprioritise
from app.services.events import record
from app.services.notifications.direct import Recipient, notify
from app.services.rules import approvals
from app.services.rules.evaluation import CompiledRule


@dataclass
class Target:
    """The conversation a chain of events is about, its live escalation, and the clock."""

    conversation: Conversation
    escalation: Escalation | None
    now: datetime


def _skipped(action: dict[str, Any], why: str) -> dict[str, Any]:
    return {"type": action["type"], "result": "skipped", "reason": why}


def _done(action: dict[str, Any], **detail: Any) -> dict[str, Any]:
    return {"type": action["type"], "result": "done", **detail}


def _rule_ref(rule: CompiledRule) -> dict[str, Any]:
    return {"id": str(rule.id), "version": rule.version, "name": rule.name}


def _priority_source(rule: CompiledRule) -> dict[str, Any]:
    kind = "contact_attributes" if rule.attribute_keys else "rule"
    source: dict[str, Any] = {"kind": kind, "rule_id": str(rule.id), "rule_version": rule.version}
    if rule.attribute_keys:
        source["attributes"] = list(rule.attribute_keys)
    return source


def handoff_for(rule: CompiledRule, note: str | None) -> dict[str, Any]:
    return {
        "reason": f"Rule \u201c{rule.name}\u201d (version {rule.version}) escalated this "
        "conversation.",
        "steps_taken": "None recorded: escalated automatically by a rule.",
        "offers_made": None,
        "help_needed": note or "Review the conversation and answer the contact.",
    }


async def _escalate(
    session: AsyncSession, rule: CompiledRule, action: dict[str, Any], t: Target
) -> dict[str, Any]:
    if t.escalation is not None:
        return _skipped(action, "already_escalated")
    if await approvals.is_pending(session, t.conversation.id):
        return _skipped(action, "approval_pending")
    try:
        inbox = await get_live(
            session,
            org_id=t.conversation.org_id,
            inbox_id=uuid.UUID(str(action["inbox_id"])),
            for_share=True,
        )
    except InboxNotFound:
        return _skipped(action, "inbox_not_found")
    category = action.get("category") or "other"
    if not await escalation_policy.has_category(session, org_id=inbox.org_id, key=category):
        category = "other"
    priority = Priority(action["priority"]) if action.get("priority") else None
    handoff = handoff_for(rule, action.get("note"))
    needs_approval = inbox.restricted or any(a["type"] == "require_approval" for a in rule.actions)
    if needs_approval:
        approval = await approvals.request(
            session,
            conversation=t.conversation,
            inbox=inbox,
            priority=priority,
            category=category,
            handoff=handoff,
            requested_by=None,
            rule_id=rule.id,
            now=t.now,
        )
        return _done(action, approval_id=str(approval.id), inbox_id=str(inbox.id), pending=True)
    t.escalation = await escalations.open_escalation(
        session,
        conversation=t.conversation,
        inbox=inbox,
        priority=priority,
        category=category,
        handoff=handoff,
        escalated_by=None,
        now=t.now,
        priority_source=_priority_source(rule) if priority else None,
        rule=_rule_ref(rule),
    )
    return _done(
        action,
        escalation_id=str(t.escalation.id),
        inbox_id=str(inbox.id),
        priority=t.escalation.priority.value,
    )


async def _set_priority(
    session: AsyncSession, rule: CompiledRule, action: dict[str, Any], t: Target
) -> dict[str, Any]:
    escalation = t.escalation
    if escalation is None:
        return _skipped(action, "not_escalated")
    wanted = Priority(action["priority"])
    floor = escalation.agent_priority
    if not action.get("allow_lower") and floor is not None and wanted.rank < floor.rank:
        wanted = floor  # never lower than a person set it
    if wanted is escalation.priority:
        return _skipped(action, "unchanged")
    event = await reprioritise(
        session, escalation, wanted, actor_id=None, source=_priority_source(rule), now=t.now
    )
    escalation.updated_at = escalation.last_activity_at = t.now
    await record(session, [event])
    return _done(action, priority=wanted.value)


async def _set_category(
    session: AsyncSession, rule: CompiledRule, action: dict[str, Any], t: Target
) -> dict[str, Any]:
    escalation = t.escalation
    if escalation is None:
        return _skipped(action, "not_escalated")
    if action["category"] == escalation.category:
        return _skipped(action, "unchanged")
    if not await escalation_policy.has_category(
        session, org_id=escalation.org_id, key=action["category"]
    ):
        return _skipped(action, "unknown_category")
    event = await recategorise(
        session, escalation, action["category"], actor_id=None, now=t.now, rule=_rule_ref(rule)
    )
    escalation.updated_at = escalation.last_activity_at = t.now
    await record(session, [event])
    return _done(action, category=action["category"])


async def _add_tag(
    session: AsyncSession, rule: CompiledRule, action: dict[str, Any], t: Target
) -> dict[str, Any]:
    tags = list(t.conversation.tags or [])
    if action["tag"] in tags:
        return _skipped(action, "unchanged")
    t.conversation.tags = [*tags, action["tag"]]
    return _done(action, tag=action["tag"])


async def _move(
    session: AsyncSession, rule: CompiledRule, action: dict[str, Any], t: Target
) -> dict[str, Any]:
    escalation = t.escalation
    if escalation is None:
        return _skipped(action, "not_escalated")
    try:
        inbox = await get_live(
            session,
            org_id=escalation.org_id,
            inbox_id=uuid.UUID(str(action["inbox_id"])),
            for_share=True,
        )
    except InboxNotFound:
        return _skipped(action, "inbox_not_found")
    if inbox.id == escalation.inbox_id:
        return _skipped(action, "unchanged")
    if inbox.restricted:
        return _skipped(action, "restricted_inbox")  # only people, through an approval
    await relocate(
        session,
        escalation,
        inbox,
        actor_id=None,
        now=t.now,
        note=f"Moved by rule \u201c{rule.name}\u201d",
        rule=_rule_ref(rule),
    )
    return _done(action, inbox_id=str(inbox.id))


async def _notify(
    session: AsyncSession, rule: CompiledRule, action: dict[str, Any], t: Target, key: str
) -> dict[str, Any]:
    target = action["target"]
    value = {"member": "user_id", "role": "role", "slack": "url"}[target["type"]]
    recipient = Recipient(target["type"], str(target[value]))
    conversation = t.conversation
    link = f"/orgs/{conversation.org_id}/conversations/{conversation.id}"
    written = await notify(
        session,
        org_id=conversation.org_id,
        key=key,
        event_type="rule.applied",
        rule="rule",
        recipients=[recipient],
        title=f"Rule \u201c{rule.name}\u201d fired",
        body=action.get("message") or f"Rule \u201c{rule.name}\u201d matched a conversation.",
        context={"link": link, "rule": _rule_ref(rule)},
        now=t.now,
        escalation_id=t.escalation.id if t.escalation else None,
    )
    shown = "slack" if target["type"] == "slack" else f"{target['type']}:{target[value]}"
    return _done(action, to=shown, written=written)


async def apply(
    session: AsyncSession, rule: CompiledRule, t: Target, *, run_key: str
) -> list[dict[str, Any]]:
    """Run the rule's actions in order; returns what each did."""
    taken = []
    for index, action in enumerate(rule.actions):
        kind = action["type"]
        if kind == "escalate":
            taken.append(await _escalate(session, rule, action, t))
        elif kind == "set_priority":
            taken.append(await _set_priority(session, rule, action, t))
        elif kind == "set_category":
            taken.append(await _set_category(session, rule, action, t))
        elif kind == "add_tag":
            taken.append(await _add_tag(session, rule, action, t))
        elif kind == "move_to_inbox":
            taken.append(await _move(session, rule, action, t))
        elif kind == "notify":
            taken.append(await _notify(session, rule, action, t, f"{run_key}:{index}"))
        else:  # require_approval, stop: they shape the others and the evaluation
            taken.append(_done(action))
    return taken
