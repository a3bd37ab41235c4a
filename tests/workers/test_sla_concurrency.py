"""Two SLA workers tick at the same moment on separate connections: every event exactly once."""

import asyncio
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import EscalationEvent
from app.services import auto_escalation, escalations
from app.services.sla import engine
from app.workers import sla as sla_worker
from tests.workers.sla_helpers import T0, escalate_at, make_setup, minutes

ESCALATIONS = 60
# Per escalation after three hours: warning, breach, level, priority for each of two targets.
SLA_EVENTS = 8


class TestTwoWorkers:
    async def test_each_event_exactly_once(
        self,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # Small batches, so the two workers interleave batch by batch.
        monkeypatch.setattr(
            sla_worker,
            "PASSES",
            (
                ("sla_checks", engine.check_due, 7),
                ("claims_expired", escalations.expire_lapsed, 7),
                ("auto_escalated", auto_escalation.run_due, 7),
            ),
        )
        async with committed_sessionmaker() as session, session.begin():
            setup = await make_setup(session)
            for _ in range(ESCALATIONS):
                await escalate_at(session, setup)

        at = T0 + minutes(180)
        results = await asyncio.gather(
            *(
                sla_worker.tick(
                    {"sessionmaker": committed_sessionmaker, "now": lambda: at, "worker_id": w}
                )
                for w in ("worker-a", "worker-b")
            ),
        )

        assert sum(r["sla_checks"] for r in results) == ESCALATIONS
        # Both workers really took part.
        assert all(r["sla_checks"] > 0 for r in results)
        async with committed_sessionmaker() as session:
            per_escalation = Counter(
                dict(
                    (
                        await session.execute(
                            select(EscalationEvent.escalation_id, func.count())
                            .where(EscalationEvent.type != "escalation.created")
                            .group_by(EscalationEvent.escalation_id)
                        )
                    ).all()
                )
            )
        assert len(per_escalation) == ESCALATIONS
        assert set(per_escalation.values()) == {SLA_EVENTS}
