"""The words of a notification: a title and a plain-text body per event type."""

from typing import Any

_TITLES = {
    "escalation.created": "New escalation in {inbox}: {contact}",
    "escalation.sla_warning": "SLA warning: {target} due in {minutes_before} min ({contact})",
    "escalation.sla_breached": "SLA breached: {target} was due {due_at} ({contact})",
    "escalation.level_raised": "Escalation raised to level {to} ({contact})",
    "escalation.moved": "Escalation moved to {inbox}: {contact}",
    "escalation.de_escalated": "Escalation sent back to its campaign: {contact}",
    "escalation.resolved": "Escalation resolved: {contact}",
    "escalation.claim_expired": "Your claim expired: {contact}",
    "escalation.claim_returned_no_reply": "No reply within {reply_within_minutes} business min: "
    "{contact} went back to {inbox}",
    "claim.auto_assigned": "Assigned to you in {inbox}: {contact}",
    "escalation.nobody_on_shift": "Nobody on shift in {inbox}: {waiting} escalations waiting",
    "escalation.claimed": "Escalation claimed in {inbox}: {contact}",
    "escalation.note_added": "New note on an escalation you follow: {contact}",
}
# Where the recipient's reason changes the words: a mention is about them.
_RULE_TITLES = {
    ("escalation.note_added", "mention"): "You were mentioned in a note: {contact}",
    ("escalation.note_edited", "mention"): "You were mentioned in a note: {contact}",
}


def _fields(event: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    data = event.get("data") or {}
    target = str(data.get("target", "")).replace("_", " ")
    return {
        **{k: v for k, v in data.items() if isinstance(v, str | int | float)},
        "target": target,
        "inbox": context.get("inbox_name", "an inbox"),
        "contact": context.get("contact_name", "a contact"),
    }


def title(event: dict[str, Any], context: dict[str, Any], *, rule: str | None = None) -> str:
    template = _RULE_TITLES.get((event["type"], rule or "")) or _TITLES.get(
        event["type"], "{type}: {contact}"
    )
    try:
        return template.format(type=event["type"], **_fields(event, context))[:300]
    except (KeyError, IndexError, ValueError):
        return f"{event['type']}: {context.get('contact_name', '')}"[:300]


def body(event: dict[str, Any], context: dict[str, Any]) -> str:
    handoff = context.get("handoff") or {}
    lines = [
        f"Inbox: {context.get('inbox_name', '')}",
        f"Priority: {context.get('priority', '')} · Category: {context.get('category', '')}",
    ]
    if event["type"] == "escalation.created":
        lines += [
            f"Reason: {handoff.get('reason', '')}",
            f"Steps taken: {handoff.get('steps_taken', '')}",
            f"Offers made: {handoff.get('offers_made') or '—'}",
            f"Help needed: {handoff.get('help_needed', '')}",
        ]
    note = (event.get("data") or {}).get("note")
    if note:
        lines.append(f"Note: {note}")
    lines.append(f"Open: {context.get('link', '')}")
    return "\n".join(lines)
