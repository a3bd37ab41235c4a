"""`/metrics`: off unless enabled, and each counter moves when what it counts happens."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from httpx import AsyncClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import get_settings
from app.models import User
from app.models.base import utcnow
from app.services import escalations, live
from app.workers import outbox
from tests.factories import auth
from tests.workers.receivers import SmtpReceiver
from tests.workers.sla_helpers import T0, escalate_at, make_setup, minutes, tick

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def enabled(smtp_server: SmtpReceiver, monkeypatch: pytest.MonkeyPatch) -> SmtpReceiver:
    settings = get_settings()
    monkeypatch.setattr(settings, "metrics_enabled", True)
    monkeypatch.setattr(settings, "smtp_url", smtp_server.url)
    smtp_server.clear()
    return smtp_server


async def scrape(client: AsyncClient) -> Samples:
    r = await client.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(r.text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


class TestScrape:
    async def test_off_unless_enabled(self, client: AsyncClient) -> None:
        assert (await client.get("/metrics")).status_code == 404
        schema = (await client.get("/openapi.json")).json()
        assert "/metrics" not in schema["paths"]

    async def test_a_claim_a_breach_and_a_delivery_each_move_their_counter(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession],
        enabled: SmtpReceiver,
    ) -> None:
        before = await scrape(client)
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await session.commit()
        batch = await escalations.claim(
            session, member=setup.owner, inbox_id=setup.inbox.id, count=1, now=T0
        )
        assert [e.id for e in batch.items] == [escalation.id]
        await session.commit()
        await tick(sessionmaker, T0 + minutes(31))  # warned at 20 min, breached at 30
        delivered = await outbox.deliver(
            {"sessionmaker": sessionmaker, "now": lambda: T0 + minutes(32)}
        )
        assert delivered, delivered
        assert enabled.messages
        owner = await session.get(User, setup.owner.user_id)
        assert owner is not None
        headers = await auth(owner)
        r = await client.get(f"/api/v1/orgs/{setup.inbox.org_id}/inboxes", headers=headers)
        assert r.status_code == 200
        after = await scrape(client)

        def moved(name: str, **labels: str) -> float:
            return value(after, name, **labels) - value(before, name, **labels)

        assert moved("escalations_created_total") == 1
        assert moved("escalation_claims_total") == 1
        assert moved("sla_warnings_total", priority="normal") == 1
        assert moved("sla_breaches_total", priority="normal") == 1
        assert moved("notification_deliveries_total", channel="email", outcome="sent") >= 1
        route = "/api/v1/orgs/{org_id}/inboxes"
        assert moved("http_requests_total", method="GET", route=route, status="200") == 1
        assert moved("http_request_duration_seconds_count", method="GET", route=route) == 1
        # Read from the database at each scrape.
        for gauge in ("worker_heartbeat_age_seconds", "sla_backlog_seconds"):
            assert (gauge, frozenset()) in after

    async def test_a_rolled_back_change_counts_nothing(
        self, client: AsyncClient, session: AsyncSession, enabled: SmtpReceiver
    ) -> None:
        before = await scrape(client)
        setup = await make_setup(session)
        await session.commit()
        await escalate_at(session, setup)
        await session.rollback()
        after = await scrape(client)
        assert value(after, "escalations_created_total") == value(
            before, "escalations_created_total"
        )

    async def test_outbox_depth_by_channel(
        self, client: AsyncClient, session: AsyncSession, enabled: SmtpReceiver
    ) -> None:
        setup = await make_setup(session)
        await escalate_at(session, setup)  # an email to the inbox owner, not yet delivered
        await session.commit()
        assert value(await scrape(client), "outbox_depth", channel="email") >= 1

    async def test_the_live_streams_backlog_until_its_events_are_stamped(
        self, client: AsyncClient, session: AsyncSession, enabled: SmtpReceiver
    ) -> None:
        setup = await make_setup(session)
        await escalate_at(session, setup, at=utcnow() - timedelta(seconds=30))
        await session.commit()
        samples = await scrape(client)
        assert value(samples, "live_stream_unstamped_events") >= 1
        assert value(samples, "live_stream_backlog_seconds") >= 29  # no tailer runs here
        assert await live.stamp(session) == value(samples, "live_stream_unstamped_events")
        samples = await scrape(client)
        assert value(samples, "live_stream_unstamped_events") == 0
        assert value(samples, "live_stream_backlog_seconds") == 0
