"""The real outbox delivery job against real PostgreSQL, a real SMTP server and a real HTTP
receiver, with a controllable clock."""

import asyncio
import base64
import json
import secrets
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from arq import ArqRedis
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks import Webhook

from app.config import get_settings
from app.db import dispose_engine, init_engine
from app.main import app
from app.models import Escalation, Inbox, Organisation, Role
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.services import escalations
from app.services.notifications import delivery, nudge
from app.services.notifications.senders import Senders
from app.workers import outbox
from tests.escalation_helpers import escalate, make_desk, make_inbox
from tests.factories import make_campaign, make_conversation, make_member, make_org
from tests.workers.receivers import HttpReceiver, SmtpReceiver
from tests.workers.sla_helpers import HANDOFF, T0, escalate_at, make_setup

Maker = async_sessionmaker[AsyncSession]
LEASE = timedelta(seconds=60)


def seconds(n: float) -> timedelta:
    return timedelta(seconds=n)


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def smtp(smtp_server: SmtpReceiver, monkeypatch: pytest.MonkeyPatch) -> SmtpReceiver:
    smtp_server.clear()
    smtp_server.reply = None
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_url", smtp_server.url)
    monkeypatch.setattr(settings, "webhook_allow_private", True)  # the receivers are on loopback
    monkeypatch.setattr(settings, "notify_lease_seconds", int(LEASE.total_seconds()))
    return smtp_server


@pytest.fixture
async def http(smtp: SmtpReceiver) -> AsyncIterator[HttpReceiver]:
    receiver = await HttpReceiver().start()
    yield receiver
    await receiver.stop()


async def deliver(sessionmaker: Maker, at: datetime) -> dict[str, int]:
    return await outbox.deliver({"sessionmaker": sessionmaker, "now": lambda: at})


async def rows_of(session: AsyncSession, **where: Any) -> list[Notification]:
    stmt = select(Notification).execution_options(populate_existing=True)
    for name, value in where.items():
        stmt = stmt.where(getattr(Notification, name) == value)
    return list(await session.scalars(stmt.order_by(Notification.created_at, Notification.id)))


async def make_endpoint(session: AsyncSession, org_id: uuid.UUID, url: str) -> WebhookEndpoint:
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    endpoint = WebhookEndpoint(
        org_id=org_id, url=url, event_types=["*"], secret=secret, enabled=True
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def add_row(session: AsyncSession, org: Organisation, **over: Any) -> Notification:
    """An outbox row written directly (storm control and retries need many, precisely timed)."""
    at = over.pop("created_at", T0)
    row = Notification(
        org_id=org.id,
        event_type=over.pop("event_type", "escalation.sla_warning"),
        channel=over.pop("channel", Channel.email),
        recipient=over.pop("recipient", "email:someone@example.com"),
        rule="category",
        title=over.pop("title", "SLA warning"),
        body="Inbox: Billing\nOpen: http://spa/e/1",
        payload=over.pop(
            "payload",
            {
                "context": {
                    "inbox_name": "Billing",
                    "priority": "high",
                    "category": "other",
                    "handoff": HANDOFF,
                    "contact_name": "Ann",
                    "link": "http://spa/orgs/o/escalations/e",
                }
            },
        ),
        status=DeliveryStatus.pending,
        attempts=0,
        next_attempt_at=at,
        created_at=at,
        dedupe_key=str(uuid.uuid4()),
        **over,
    )
    session.add(row)
    await session.flush()
    return row


class TestEmail:
    async def test_escalation_email_has_text_html_handoff_and_link(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        setup = await make_setup(session)
        escalation = await escalate_at(session, setup)
        await session.commit()

        await deliver(sessionmaker, T0)

        [row] = await rows_of(session, channel=Channel.email)
        assert row.status is DeliveryStatus.succeeded and row.attempts == 1
        assert row.delivered_at == T0 and row.next_attempt_at is None
        [message] = smtp.messages
        assert message["Message-ID"] == f"<{row.id}@escalations>"
        assert message["To"] == row.recipient.removeprefix("email:")
        assert message["Subject"] == row.title
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        link = f"/orgs/{escalation.org_id}/escalations/{escalation.id}"
        for part in (text, html):
            assert HANDOFF["reason"] in part and HANDOFF["help_needed"] in part
            assert link in part and "Billing" in part and "normal" in part
        assert "You own this inbox." in text

    async def test_html_part_escapes_what_people_typed_and_any_script_survives(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        await add_row(
            session,
            org,
            title="Nouvelle escalade : Zoë Ångström\r\nBcc: injected@example.com",
            payload={
                "context": {
                    "handoff": {"reason": "<script>alert(1)</script>"},
                    "link": "http://spa/x",
                }
            },
        )
        await session.commit()
        await deliver(sessionmaker, T0)
        [message] = smtp.messages
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "<script>alert(1)</script>" in text
        # Non-ASCII subjects are RFC 2047 encoded; line breaks cannot smuggle in headers.
        assert message["Subject"] == "Nouvelle escalade : Zoë Ångström Bcc: injected@example.com"
        assert message["Bcc"] is None and "Zoë Ångström" in text

    async def test_no_recipients_in_the_category_falls_back_to_admins_by_email(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        agent = await make_member(session, org, Role.agent)
        inbox = Inbox(org_id=org.id, name="Nobody's", batch_size=5, assignment_duration_minutes=30)
        session.add(inbox)
        await session.flush()
        conversation = await make_conversation(
            session, await make_campaign(session, org), assignee=agent, since=T0
        )
        await escalations.open_escalation(
            session,
            conversation=conversation,
            inbox=inbox,
            priority=None,
            category="other",
            handoff=HANDOFF,
            escalated_by=agent.id,
            now=T0,
        )
        await session.commit()

        await deliver(sessionmaker, T0)

        [message] = smtp.to(admin.email)
        assert (
            "Nobody else was set up to hear of this"
            in message.get_body(  # type: ignore[union-attr]
                ("plain",)
            ).get_content()
        )
        [row] = await rows_of(session, channel=Channel.email)
        assert row.rule == "fallback" and row.status is DeliveryStatus.succeeded

    async def test_smtp_4xx_retries_and_5xx_is_dead(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        row = await add_row(session, org)
        await session.commit()
        smtp.reply = "451 4.3.0 Try again later"
        await deliver(sessionmaker, T0)
        [row] = await rows_of(session)
        assert row.status is DeliveryStatus.failed and row.last_status_code == 451
        assert T0 + seconds(15) <= row.next_attempt_at <= T0 + seconds(45)  # type: ignore[operator]

        smtp.reply = "550 5.1.1 No such mailbox"
        await deliver(sessionmaker, row.next_attempt_at)  # type: ignore[arg-type]
        [row] = await rows_of(session)
        assert row.status is DeliveryStatus.dead and row.last_status_code == 550
        assert row.attempts == 2 and "No such mailbox" in (row.last_error or "")
        assert smtp.messages == []


class TestWebhook:
    async def _escalate_with_endpoint(
        self, session: AsyncSession, http: HttpReceiver
    ) -> tuple[WebhookEndpoint, Escalation]:
        setup = await make_setup(session)
        endpoint = await make_endpoint(session, setup.inbox.org_id, f"{http.url}/hooks")
        escalation = await escalate_at(session, setup)
        await session.commit()
        return endpoint, escalation

    async def test_delivery_is_signed_and_verifies(
        self, session: AsyncSession, sessionmaker: Maker, http: HttpReceiver
    ) -> None:
        endpoint, escalation = await self._escalate_with_endpoint(session, http)
        await deliver(sessionmaker, T0)

        [request] = http.requests
        [row] = await rows_of(session, channel=Channel.webhook)
        assert request.method == "POST" and request.path == "/hooks"
        assert request.headers["webhook-id"] == str(row.id)
        body = Webhook(endpoint.secret).verify(request.body, request.headers)
        assert body == row.payload
        assert body["type"] == "escalation.created"
        assert body["data"]["escalation"]["id"] == str(escalation.id)
        assert row.status is DeliveryStatus.succeeded and row.last_status_code == 200

    async def test_500_is_retried_with_backoff_under_the_same_id(
        self, session: AsyncSession, sessionmaker: Maker, http: HttpReceiver
    ) -> None:
        endpoint, _ = await self._escalate_with_endpoint(session, http)
        http.statuses = deque([500])
        await deliver(sessionmaker, T0)
        [row] = await rows_of(session, channel=Channel.webhook)
        assert row.status is DeliveryStatus.failed and row.attempts == 1
        assert row.last_status_code == 500 and "HTTP 500" in (row.last_error or "")
        retry_at = row.next_attempt_at
        assert retry_at is not None and T0 + seconds(15) <= retry_at <= T0 + seconds(45)

        await deliver(sessionmaker, T0 + seconds(14))  # not due yet
        assert len(http.requests) == 1
        await deliver(sessionmaker, retry_at)
        [row] = await rows_of(session, channel=Channel.webhook)
        assert row.status is DeliveryStatus.succeeded and row.attempts == 2
        first, second = http.requests
        assert first.headers["webhook-id"] == second.headers["webhook-id"] == str(row.id)
        Webhook(endpoint.secret).verify(second.body, second.headers)

    async def test_410_disables_the_endpoint_and_the_row_is_dead(
        self, session: AsyncSession, sessionmaker: Maker, http: HttpReceiver
    ) -> None:
        endpoint, _ = await self._escalate_with_endpoint(session, http)
        http.statuses = deque([410])
        await deliver(sessionmaker, T0)
        [row] = await rows_of(session, channel=Channel.webhook)
        assert row.status is DeliveryStatus.dead and row.last_status_code == 410
        await session.refresh(endpoint)
        assert endpoint.enabled is False
        assert (endpoint.disabled_reason or "").startswith("410 Gone from receiver at ")

        # Another delivery to the disabled endpoint is dead without a request.
        later = await add_row(
            session,
            await session.get_one(Organisation, endpoint.org_id),
            channel=Channel.webhook,
            recipient=f"webhook:{endpoint.id}",
            webhook_id=endpoint.id,
            payload={"type": "x"},
            created_at=T0 + seconds(5),
        )
        await session.commit()
        await deliver(sessionmaker, T0 + seconds(5))
        [later] = await rows_of(session, id=later.id)
        assert later.status is DeliveryStatus.dead and "disabled" in (later.last_error or "")
        assert len(http.requests) == 1

    async def test_private_target_refused_unless_allowed(
        self,
        session: AsyncSession,
        sessionmaker: Maker,
        http: HttpReceiver,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        await self._escalate_with_endpoint(session, http)
        monkeypatch.setattr(get_settings(), "webhook_allow_private", False)
        await deliver(sessionmaker, T0)
        [row] = await rows_of(session, channel=Channel.webhook)
        assert row.status is DeliveryStatus.dead and "SSRF" in (row.last_error or "")
        assert http.requests == []

    async def test_dead_after_the_retry_schedule_runs_out(
        self, session: AsyncSession, sessionmaker: Maker, http: HttpReceiver
    ) -> None:
        await self._escalate_with_endpoint(session, http)
        http.statuses = deque([503] * 50)
        at = T0
        for step in delivery.RETRY_SCHEDULE:
            await deliver(sessionmaker, at)
            [row] = await rows_of(session, channel=Channel.webhook)
            assert row.status is DeliveryStatus.failed
            assert row.next_attempt_at is not None
            assert at + step * 0.5 <= row.next_attempt_at <= at + step * 1.5
            at = row.next_attempt_at
        await deliver(sessionmaker, at)
        [row] = await rows_of(session, channel=Channel.webhook)
        assert row.status is DeliveryStatus.dead and row.next_attempt_at is None
        assert row.attempts == delivery.MAX_ATTEMPTS == len(http.requests) == 12
        assert (row.last_error or "").startswith("Gave up after 12 attempts: HTTP 503")
        # About three days in all (the schedule's 3.2 days, jittered 50-150 % per step).
        assert timedelta(days=1.5) <= at - T0 <= timedelta(days=4.8)
        assert len(set(http.ids(ok_only=False))) == 1


class TestSlack:
    async def test_message_with_blocks_and_a_button(
        self, session: AsyncSession, sessionmaker: Maker, http: HttpReceiver
    ) -> None:
        org = await make_org(session)
        row = await add_row(
            session,
            org,
            channel=Channel.slack,
            recipient=f"slack:{http.url}/slack",
            title="New escalation in Billing: <Ann>",
        )
        await session.commit()
        await deliver(sessionmaker, T0)
        [request] = http.requests
        message = json.loads(request.body)
        assert message["text"] == row.title
        section, actions = message["blocks"]
        assert (
            "&lt;Ann&gt;" in section["text"]["text"] and "Inbox: Billing" in section["text"]["text"]
        )
        assert actions["elements"][0]["url"] == "http://spa/orgs/o/escalations/e"
        [row] = await rows_of(session)
        assert row.status is DeliveryStatus.succeeded


class TestLease:
    async def test_a_crashed_workers_claim_comes_back_after_the_lease(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        await add_row(session, org)
        await session.commit()
        async with sessionmaker() as s, s.begin():  # a worker claims, then dies before sending
            claimed = await delivery.claim(s, now=T0, limit=10, settings=get_settings())
        assert len(claimed.rows) == 1

        await deliver(sessionmaker, T0 + LEASE - seconds(1))
        assert smtp.messages == []
        await deliver(sessionmaker, T0 + LEASE)
        [row] = await rows_of(session)
        assert row.status is DeliveryStatus.succeeded and row.attempts == 2
        assert len(smtp.messages) == 1

    async def test_a_rerun_sends_nothing_twice(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        for i in range(3):
            await add_row(session, org, recipient=f"email:r{i}@example.com")
        await session.commit()
        await deliver(sessionmaker, T0)
        await deliver(sessionmaker, T0)
        await deliver(sessionmaker, T0 + timedelta(days=5))
        assert sorted(smtp.ids().values()) == [1, 1, 1]

    async def test_out_of_lease_it_finishes_what_it_started_and_hands_back_the_rest(
        self,
        session: AsyncSession,
        sessionmaker: Maker,
        smtp: SmtpReceiver,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # Lease 4 s: sends start until 3 s and those under way get until 3.8 s. Two at a time,
        # 0.8 s each: pairs start at 0, 0.8, 1.6 and 2.4 s; the fifth pair would start at 3.2 s.
        monkeypatch.setattr(get_settings(), "notify_lease_seconds", 4)
        smtp.delay = 0.8
        org = await make_org(session)
        for i in range(10):
            await add_row(session, org, recipient=f"email:r{i}@example.com")
        await session.commit()
        try:
            async with Senders(concurrency=2) as senders:
                taken = await delivery.deliver_due(sessionmaker, senders, clock=lambda: T0)
        finally:
            smtp.delay = 0
        assert taken == 10
        rows = await rows_of(session)
        sent = [r for r in rows if r.status is DeliveryStatus.succeeded]
        handed_back = [r for r in rows if r.status is DeliveryStatus.pending]
        assert len(sent) == 8 and len(handed_back) == 2
        # Everything that arrived is recorded: nothing was cut off mid-send to be sent again.
        assert sorted(smtp.ids().values()) == [1] * 8
        assert {f"<{r.id}@escalations>" for r in sent} == set(smtp.ids())
        # The rest are due again at once, their unmade attempt not counted.
        assert {(r.attempts, r.next_attempt_at) for r in handed_back} == {(0, T0)}

    async def test_a_late_failure_does_not_overwrite_a_newer_claim(
        self, session: AsyncSession, sessionmaker: Maker
    ) -> None:
        org = await make_org(session)
        await add_row(session, org)
        await session.commit()
        async with sessionmaker() as s, s.begin():
            [stale] = (await delivery.claim(s, now=T0, limit=10, settings=get_settings())).rows
        async with sessionmaker() as s, s.begin():  # the lease ran out; another worker claims
            [current] = (
                await delivery.claim(s, now=T0 + LEASE, limit=10, settings=get_settings())
            ).rows
        async with sessionmaker() as s, s.begin():
            await delivery.record(s, [(stale, delivery.Outcome.retry("timeout"))], now=T0 + LEASE)
        [row] = await rows_of(session)
        assert row.attempts == current.attempts == 2 and row.next_attempt_at == T0 + 2 * LEASE
        async with sessionmaker() as s, s.begin():
            await delivery.record(s, [(stale, delivery.Outcome.sent(250))], now=T0 + LEASE)
        [row] = await rows_of(session)
        assert row.status is DeliveryStatus.succeeded  # a success counts, whoever reports it


class TestStormControl:
    @pytest.mark.parametrize("passes", ["one-pass", "pass-per-row"])
    async def test_25_in_the_window_are_10_emails_and_one_digest(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver, passes: str
    ) -> None:
        org = await make_org(session)
        rows = []
        for i in range(25):
            rows.append(
                await add_row(
                    session,
                    org,
                    recipient="email:storm@example.com",
                    created_at=T0 + seconds(i),
                    event_type=f"escalation.update_{i}",
                    title=f"Update {i}",
                )
            )
            if passes == "pass-per-row":
                await session.commit()
                await deliver(sessionmaker, T0 + seconds(i))
        await session.commit()
        await deliver(sessionmaker, T0 + seconds(30))

        window = get_settings().notify_storm_window_seconds
        assert len(smtp.messages) == 10
        assert sorted(str(m["Subject"]) for m in smtp.messages) == sorted(
            f"Update {i}" for i in range(10)
        )
        stored = {r.id: r for r in await rows_of(session, recipient="email:storm@example.com")}
        folded = [stored[r.id] for r in rows[10:]]
        assert {r.status for r in folded} == {DeliveryStatus.digested}
        [digest_id] = {r.digest_id for r in folded}
        digest = stored[digest_id]  # type: ignore[index]
        assert digest.rule == "digest" and digest.status is DeliveryStatus.pending
        assert digest.next_attempt_at == T0 + seconds(10 + window)

        await deliver(sessionmaker, T0 + seconds(10 + window) - seconds(1))
        assert len(smtp.messages) == 10
        await deliver(sessionmaker, T0 + seconds(10 + window))
        assert len(smtp.messages) == 11
        message = smtp.messages[-1]
        assert message["Subject"] == "15 escalation updates"
        assert message["Message-ID"] == f"<{digest_id}@escalations>"
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        text = text.replace("\r\n", "\n")
        for i in range(10, 25):
            assert f"Update {i}\n" in text and f">Update {i}</a>" in html
        assert "Update 9\n" not in text
        [digest] = await rows_of(session, id=digest_id)
        assert digest.status is DeliveryStatus.succeeded

    async def test_after_the_window_single_messages_resume(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        window = seconds(get_settings().notify_storm_window_seconds)
        for i in range(11):
            await add_row(
                session, org, created_at=T0 + seconds(i), event_type=f"e{i}", title=f"U{i}"
            )
        await add_row(session, org, created_at=T0 + window + seconds(5), event_type="e", title="U")
        await session.commit()
        await deliver(sessionmaker, T0 + window + seconds(20))
        # 10 single ones, the 11th folded into a digest (due and sent too), the last one single.
        subjects = sorted(str(m["Subject"]) for m in smtp.messages)
        assert subjects == sorted([f"U{i}" for i in range(10)] + ["1 escalation update", "U"])

    async def test_identical_notifications_within_a_minute_are_deduplicated(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        offsets = [0, 10, 50, 100, 130]
        for n in offsets:
            await add_row(session, org, created_at=T0 + seconds(n))
        await add_row(session, org, created_at=T0 + seconds(20), event_type="escalation.moved")
        await add_row(session, org, created_at=T0 + seconds(20), recipient="email:else@example.com")
        await session.commit()
        await deliver(sessionmaker, T0 + seconds(130))

        rows = await rows_of(
            session, event_type="escalation.sla_warning", recipient="email:someone@example.com"
        )
        statuses = [r.status.value for r in rows]
        # 100 s is measured from the last one that went out (0 s), not from a dropped one.
        assert statuses == [
            "succeeded",
            "deduplicated",
            "deduplicated",
            "succeeded",
            "deduplicated",
        ]
        assert len(smtp.messages) == 4  # 2 of these, the other event type, the other recipient


class TestNudge:
    async def test_fan_out_marks_the_session_and_the_nudge_enqueues_once(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        setup = await make_setup(session)
        await escalate_at(session, setup)
        assert session.info.get(nudge.FLAG) is True
        assert await nudge.after_commit(session, redis) is True
        assert nudge.FLAG not in session.info
        assert await nudge.after_commit(session, redis) is False  # nothing new written
        nudge.mark(session)
        await nudge.after_commit(session, redis)  # coalesced with the queued one
        jobs = await redis.queued_jobs()
        assert [(j.function, j.job_id) for j in jobs] == [(nudge.JOB, nudge.JOB_ID)]

    async def test_a_failed_enqueue_is_only_a_missed_nudge(self, session: AsyncSession) -> None:
        class Broken:
            async def enqueue_job(self, *args: Any, **kwargs: Any) -> None:
                raise ConnectionError("redis is down")

        nudge.mark(session)
        assert await nudge.after_commit(session, Broken()) is False

    async def test_commits_in_a_burst_share_background_enqueues(
        self, session: AsyncSession
    ) -> None:
        class Slow:
            calls = 0

            async def enqueue_job(self, *args: Any, **kwargs: Any) -> None:
                self.calls += 1
                await asyncio.sleep(0.01)

        redis = Slow()
        for _ in range(5):
            nudge.mark(session)
            nudge.later(session, redis)
            assert nudge.FLAG not in session.info
            await asyncio.sleep(0)  # the first enqueue is on its way when the others commit
            assert redis.calls == 1
        nudge.later(session, redis)  # wrote no outbox rows: asks for nothing
        await nudge.settled()
        # One for the first commit, one more begun after the other four.
        assert redis.calls == 2

    async def test_a_request_that_wrote_outbox_rows_nudges_after_its_commit(
        self, database_url: str, committed_sessionmaker: Maker, redis: ArqRedis
    ) -> None:
        async with committed_sessionmaker() as s, s.begin():
            desk = await make_desk(s)
            conversation = await make_conversation(s, desk.campaign, assignee=desk.agent)
        init_engine(database_url)  # the app as deployed: its real get_session
        app.dependency_overrides.clear()
        app.state.redis = redis
        try:
            async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as http:
                inbox = await make_inbox(http, desk)
                assert await redis.queued_jobs() == []  # no outbox rows, no nudge
                async with committed_sessionmaker() as s:
                    await escalate(http, s, desk, inbox, conversation=conversation)
                await nudge.settled()  # sent in the background, the request did not wait
        finally:
            await dispose_engine()
        jobs = await redis.queued_jobs()
        assert [(j.function, j.job_id) for j in jobs] == [(nudge.JOB, nudge.JOB_ID)]
