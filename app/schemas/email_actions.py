from datetime import datetime
from typing import Literal

from pydantic import Field

from app.schemas.common import ReadModel
from app.schemas.escalations import EscalationRead


class EmailActionRead(ReadModel):
    """What an emailed action link would do; reading it changes nothing."""

    action: Literal["claim"]
    state: Literal["valid", "used", "expired"] = Field(
        description="valid: it can be performed (once); used: it was; expired: too late"
    )
    expires_at: datetime
    used_at: datetime | None
    escalation: EscalationRead


class EmailActionResult(ReadModel):
    action: Literal["claim"]
    escalation: EscalationRead = Field(description="The escalation after the action")
