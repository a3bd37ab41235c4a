"""What a reaction to events receives (see app.services.events); a leaf, so reactions that lie
below the events module can name it without importing it."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class Recorded:
    """Events just written (or, like `message.received`, just happened) in this transaction.

    `org_has_webhooks`: set when the caller already knows whether the organisation has enabled
    webhooks (the claim statement learns it for free), so the fan-out need not ask."""

    rows: list[dict[str, Any]]
    org_has_webhooks: bool | None = None


Reaction = Callable[[AsyncSession, Recorded], Awaitable[None]]
