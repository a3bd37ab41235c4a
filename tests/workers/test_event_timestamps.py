"""Every timestamp in event data is RFC 3339, as everywhere else in the API."""

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Direction, EscalationEvent, EventType
from app.services import conversations, escalations
from app.services.escalations._common import event_row
from tests.workers.sla_helpers import T0, escalate_at, make_setup, minutes, tick

RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
LOOKS_LIKE_A_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:")


def timestamps(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in timestamps(v)]
    if isinstance(value, list):
        return [t for v in value for t in timestamps(v)]
    return [value] if isinstance(value, str) and LOOKS_LIKE_A_TIME.match(value) else []


class TestEventRow:
    def test_datetimes_are_rfc_3339_in_utc_at_any_depth(self) -> None:
        paris = timezone(timedelta(hours=1))
        row = event_row(
            uuid.uuid4(),
            uuid.uuid4(),
            EventType.sla_warning,
            actor_id=None,
            now=T0,
            due_at=datetime(2026, 11, 25, 19, 27, 54, tzinfo=UTC),
            local=datetime(2026, 11, 25, 20, 27, 54, 5, tzinfo=paris),
            span={"from": datetime(2026, 1, 1, tzinfo=UTC), "to": None},
            many=[datetime(2026, 1, 2, tzinfo=UTC)],
            who=uuid.UUID(int=1),
        )
        assert row["data"] == {
            "due_at": "2026-11-25T19:27:54+00:00",
            "local": "2026-11-25T19:27:54.000005+00:00",
            "span": {"from": "2026-01-01T00:00:00+00:00", "to": None},
            "many": ["2026-01-02T00:00:00+00:00"],
            "who": "00000000-0000-0000-0000-000000000001",
        }


class TestEventsWritten:
    async def test_the_sla_events_carry_rfc_3339_timestamps(
        self, session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        setup = await make_setup(session, pause=True)
        escalation = await escalate_at(session, setup)
        await escalations.claim(
            session, member=setup.owner, inbox_id=setup.inbox.id, count=1, now=T0
        )
        await session.commit()
        await tick(sessionmaker, T0 + minutes(31))  # warning, breach, claim expiry
        await conversations.add_message(
            session,
            viewer=setup.owner,
            conversation_id=escalation.conversation_id,
            body="Hi",
            direction=Direction.outbound,
            now=T0 + minutes(40),
        )
        rows = list(
            await session.scalars(
                select(EscalationEvent).where(EscalationEvent.escalation_id == escalation.id)
            )
        )
        types = {r.type for r in rows}
        assert {"escalation.sla_warning", "escalation.sla_breached"} <= types
        assert {"escalation.first_response", "escalation.sla_paused"} <= types
        found = [t for r in rows for t in timestamps(r.data)]
        assert len(found) >= 4
        assert all(RFC_3339.match(t) for t in found), found
