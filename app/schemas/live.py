import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.schemas.presence import PresenceChanged


class StreamToken(BaseModel):
    token: str = Field(description="Pass as `?token=` to the stream within `expires_in` seconds")
    expires_in: int


class LiveEvent(BaseModel):
    """The `data` of each event message; its SSE `id` is `position` and its `event` the type."""

    position: int = Field(description="The event's place in the stream: the SSE id, the cursor")
    seq: int = Field(description="The event's place in the escalation's audit trail")
    id: uuid.UUID
    type: str
    escalation_id: uuid.UUID
    inbox_id: uuid.UUID = Field(description="The escalation's inbox now")
    actor_id: uuid.UUID | None
    created_at: datetime
    data: dict[str, Any]


class StreamReady(BaseModel):
    """The `data` of the `ready` message: the stream is live from here on."""

    position: int = Field(description="Everything up to here has been sent; also the SSE id")


class StreamClosed(BaseModel):
    """The `data` of the `closed` message, the last before the server ends the stream."""

    reason: Literal["behind", "shutdown", "membership_ended", "session_ended"]
    detail: str


STREAM_MESSAGES: tuple[type[BaseModel], ...] = (
    StreamReady,
    LiveEvent,
    PresenceChanged,
    StreamClosed,
)


def add_stream_schemas(openapi: dict[str, Any]) -> dict[str, Any]:
    """Register the stream's message schemas and `StreamMessage`, the one its 200 refers to
    (no route returns them as a model: they travel inside server-sent events)."""
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    for model in STREAM_MESSAGES:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    schemas["StreamMessage"] = {
        "title": "StreamMessage",
        "description": "The `data` of one stream message, by its `event`: `ready`, `closed`, "
        "`presence`, or an escalation event type",
        "oneOf": [{"$ref": f"#/components/schemas/{m.__name__}"} for m in STREAM_MESSAGES],
    }
    return openapi
