"""What a reaction to events receives (see app.services.events); a leaf, so reactions that lie
below the events module can name it without importing it."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from app.models.escalations import Escalation


@dataclass(frozen=True)
class Recorded:
    """Events just written (or, like `message.received`, just happened) in this transaction.

    `org_has_webhooks`: set when the caller already knows whether the organisation has enabled
    webhooks (the claim statement learns it for free), so the fan-out need not ask. Likewise
    `escalations` (the events' escalations, loaded with their conversation and contact) and
    `followers` (who follows each, oldest first), when the caller holds them: the claim
    statement returns both, and the fan-out then reads neither again."""

    rows: list[dict[str, Any]]
    org_has_webhooks: bool | None = None
    escalations: "dict[uuid.UUID, Escalation] | None" = None
    followers: dict[uuid.UUID, list[uuid.UUID]] | None = None


Reaction = Callable[[AsyncSession, Recorded], Awaitable[None]]
