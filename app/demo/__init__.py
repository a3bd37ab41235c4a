"""The demo organisation: `escalations demo-data` and `escalations serve --demo`.

A helpdesk a month into using the product: people (app/demo/people.py), the escalation desk they
set up on day one (desk.py), thirty days of resolved escalations (history.py), the agents'
current conversations, and escalations in every live state (today.py). Everything is made
through the services a request or the worker would call, at explicit times relative to `now`,
so the events, SLA clocks, notifications and audit trails are the product's own.

Only people.py is imported here: the CLI prints the logins without loading the app.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.demo.people import (
    DEMO_CAMPAIGNS,
    DEMO_ORG_NAME,
    DEMO_OWNER_EMAIL,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    Person,
    logins,
)

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

__all__ = [
    "DEMO_CAMPAIGNS",
    "DEMO_ORG_NAME",
    "DEMO_OWNER_EMAIL",
    "DEMO_PASSWORD",
    "DEMO_PEOPLE",
    "DemoResult",
    "Person",
    "load_demo",
    "logins",
]


@dataclass
class DemoResult:
    created: bool
    org_id: uuid.UUID | None = None
    users: int = 0
    campaigns: int = 0
    inboxes: int = 0
    conversations: int = 0
    messages: int = 0
    needs_response: int = 0
    escalations: int = 0
    resolved: int = 0


async def load_demo(
    sessionmaker: "async_sessionmaker[AsyncSession]", *, now: datetime | None = None
) -> DemoResult:
    """The demo organisation in one transaction; nothing changes if it is already there."""
    from app.db import unit_of_work
    from app.demo import _load
    from app.models.base import utcnow

    now = now or utcnow()
    async with sessionmaker() as session, unit_of_work(session):
        if await _load.exists(session):
            return DemoResult(created=False)
        org_id, counts = await _load.everything(session, now=now)
        return DemoResult(created=True, org_id=org_id, **counts)
