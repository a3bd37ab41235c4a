import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class StreamToken(BaseModel):
    token: str = Field(description="Pass as `?token=` to the stream within `expires_in` seconds")
    expires_in: int


class LiveEvent(BaseModel):
    """The `data` of each stream message; its SSE `id` is `seq` and its `event` the type."""

    seq: int
    id: uuid.UUID
    type: str
    escalation_id: uuid.UUID
    inbox_id: uuid.UUID = Field(description="The escalation's inbox now")
    actor_id: uuid.UUID | None
    created_at: datetime
    data: dict[str, Any]
