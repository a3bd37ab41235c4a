import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from app.models.security import SecurityEventKind
from app.schemas.common import ReadModel


class SecurityEventRead(ReadModel):
    id: uuid.UUID
    kind: SecurityEventKind
    user_id: uuid.UUID | None = Field(
        description="Whose account it concerns (null: a failed sign-in with an unknown email)"
    )
    user_email: str | None = Field(description="That account's email, today")
    org_id: uuid.UUID | None = Field(
        description="Set for the organisation's own events (API keys); null for an account's"
    )
    ip: str | None
    user_agent: str | None
    detail: dict[str, Any] = Field(
        description="What else is known: the email tried, the API key's id and name, ..."
    )
    at: datetime
