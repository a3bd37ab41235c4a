"""What webhooks receive: `{type, timestamp, data: {escalation, event}}`, the escalation as the
API shows it."""

from typing import Any

from app.models.escalations import Escalation
from app.schemas.escalations import EscalationRead


def webhook_body(event: dict[str, Any], escalation: Escalation) -> dict[str, Any]:
    created = event["created_at"]
    return {
        "type": event["type"],
        "timestamp": created.isoformat() if hasattr(created, "isoformat") else str(created),
        "data": {
            "escalation": EscalationRead.model_validate(escalation).model_dump(mode="json"),
            "event": {
                "id": str(event["id"]),
                "type": event["type"],
                "actor_id": str(event["actor_id"]) if event.get("actor_id") else None,
                "data": event.get("data") or {},
            },
        },
    }
