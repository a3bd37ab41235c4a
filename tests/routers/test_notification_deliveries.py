"""Every outbox delivery by email, Slack or webhook (`/notification-deliveries`): listing with
filters, keyset pages and the dead count; redelivery through the real delivery worker (same
Message-ID), storm control not deciding a redelivered row again; secrets kept out; access."""

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import get_settings
from app.models import Organisation
from app.models.notifications import Channel, DeliveryStatus, Notification, WebhookEndpoint
from app.workers import outbox
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    escalate,
    frozen,
    make_desk,
    make_inbox,
    round_now,
    ts,
)
from tests.workers.receivers import SmtpReceiver

Maker = async_sessionmaker[AsyncSession]
ZERO_ID = "00000000-0000-0000-0000-000000000000"
SLACK_URL = "https://hooks.slack.com/services/T0001/B0002/sEcReTtOkEn123"
FIELDS = {
    "id",
    "channel",
    "recipient",
    "event_type",
    "event_id",
    "escalation_id",
    "rule",
    "status",
    "attempts",
    "last_status_code",
    "last_error",
    "next_attempt_at",
    "delivered_at",
    "digest_id",
    "created_at",
}


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
    monkeypatch.setattr(settings, "webhook_allow_private", False)
    monkeypatch.setattr(settings, "notify_lease_seconds", 60)
    return smtp_server


async def deliver(sessionmaker: Maker, at: datetime) -> None:
    """One run of the real delivery job, its clock at `at`."""
    await outbox.deliver({"sessionmaker": sessionmaker, "now": lambda: at})


async def add_row(session: AsyncSession, org: Organisation, **over: Any) -> Notification:
    """An outbox row written directly, where timing matters."""
    at = over.pop("created_at")
    row = Notification(
        org_id=org.id,
        event_type=over.pop("event_type", "escalation.sla_warning"),
        channel=over.pop("channel", Channel.email),
        recipient=over.pop("recipient", "email:someone@example.com"),
        rule="category",
        title=over.pop("title", "SLA warning"),
        body="Inbox: Billing",
        payload={"context": {"link": "http://spa/x"}},
        status=over.pop("status", DeliveryStatus.pending),
        attempts=over.pop("attempts", 0),
        next_attempt_at=over.pop("next_attempt_at", at),
        created_at=at,
        dedupe_key=str(uuid.uuid4()),
        **over,
    )
    session.add(row)
    await session.flush()
    return row


async def reload(session: AsyncSession, row_id: uuid.UUID | str) -> Notification:
    row = await session.get(Notification, uuid.UUID(str(row_id)), populate_existing=True)
    assert row is not None
    return row


async def listing(
    client: AsyncClient, desk: Desk, who: str = "admin", **params: Any
) -> dict[str, Any]:
    r = await client.get(
        desk.url("/notification-deliveries"), params=params, headers=desk.headers[who]
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def ids(client: AsyncClient, desk: Desk, **params: Any) -> list[str]:
    return [d["id"] for d in (await listing(client, desk, **params))["items"]]


async def redeliver(
    client: AsyncClient, desk: Desk, delivery_id: Any, who: str = "admin"
) -> Response:
    return await client.post(
        desk.url(f"/notification-deliveries/{delivery_id}/redeliver"), headers=desk.headers[who]
    )


async def endpoint(session: AsyncSession, org: Organisation, **over: Any) -> WebhookEndpoint:
    hook = WebhookEndpoint(
        org_id=org.id,
        url="https://hooks.example.com/x",
        event_types=["*"],
        secret="whsec_" + "A" * 32,
        **over,
    )
    session.add(hook)
    await session.flush()
    return hook


class TestList:
    async def test_escalation_fan_out_lists_emails_but_not_in_app_rows(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        escalation = await escalate(client, session, desk, await make_inbox(client, desk))
        body = await listing(client, desk)
        assert body["next_cursor"] is None and body["dead_count"] == 0
        items = body["items"]
        # The inbox owners (and, by the fallback, the admins and owners), by email; their in-app
        # rows are not deliveries.
        owners = {d["recipient"] for d in items if d["rule"] == "inbox_owner"}
        assert owners == {desk.owner.email, desk.owner2.email}
        assert {d["rule"] for d in items} == {"inbox_owner", "fallback"}
        assert all(set(d) == FIELDS for d in items)
        for d in items:
            assert d["channel"] == "email" and d["status"] == "pending" and d["attempts"] == 0
            assert d["event_type"] == "escalation.created"
            assert d["escalation_id"] == escalation["id"] and d["event_id"] is not None
        in_app = await session.scalar(
            select(Notification.id).where(
                Notification.org_id == desk.org.id, Notification.channel == Channel.in_app
            )
        )
        assert in_app is not None and str(in_app) not in [d["id"] for d in items]

    async def test_filters_by_channel_status_event_type_and_escalation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        escalation = await escalate(client, session, desk, await make_inbox(client, desk))
        hook = await endpoint(session, desk.org)
        now = round_now()
        email = await add_row(session, desk.org, created_at=now, status=DeliveryStatus.dead)
        slack = await add_row(
            session,
            desk.org,
            created_at=now + seconds(1),
            channel=Channel.slack,
            recipient=f"slack:{SLACK_URL}",
            event_type="escalation.sla_breached",
            status=DeliveryStatus.succeeded,
        )
        webhook = await add_row(
            session,
            desk.org,
            created_at=now + seconds(2),
            channel=Channel.webhook,
            recipient=f"webhook:{hook.id}",
            webhook_id=hook.id,
            status=DeliveryStatus.failed,
            attempts=2,
            escalation_id=uuid.UUID(escalation["id"]),
        )
        digested = await add_row(
            session, desk.org, created_at=now + seconds(3), status=DeliveryStatus.digested
        )

        assert await ids(client, desk, channel="slack") == [str(slack.id)]
        assert await ids(client, desk, channel="webhook") == [str(webhook.id)]
        assert await ids(client, desk, status="dead") == [str(email.id)]
        assert await ids(client, desk, status="failed") == [str(webhook.id)]
        assert await ids(client, desk, status="digested") == [str(digested.id)]
        assert await ids(client, desk, event_type="escalation.sla_breached") == [str(slack.id)]
        assert await ids(client, desk, channel="email", status="succeeded") == []
        fan_out = await ids(client, desk, channel="email", event_type="escalation.created")
        by_escalation = await ids(client, desk, escalation_id=escalation["id"])
        assert by_escalation == [str(webhook.id), *fan_out]
        [shown] = (await listing(client, desk, channel="webhook"))["items"]
        assert shown["recipient"] == str(hook.id) and shown["attempts"] == 2

    async def test_pages_are_stable_under_inserts(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        now = round_now()
        # Three share a timestamp: the id breaks the tie.
        rows = [
            await add_row(session, desk.org, created_at=now + seconds(min(i, 2))) for i in range(5)
        ]
        expected = [str(r.id) for r in sorted(rows, key=lambda r: (r.created_at, str(r.id)))][::-1]
        first = await listing(client, desk, limit=2)
        assert [d["id"] for d in first["items"]] == expected[:2]
        # Something new arrives between pages: the next pages neither repeat nor skip.
        newer = await add_row(session, desk.org, created_at=now + seconds(60))
        second = await listing(client, desk, limit=2, cursor=first["next_cursor"])
        third = await listing(client, desk, limit=2, cursor=second["next_cursor"])
        assert [d["id"] for d in second["items"] + third["items"]] == expected[2:]
        assert third["next_cursor"] is None
        assert (await ids(client, desk))[0] == str(newer.id)

    async def test_dead_count_is_the_last_7_days_whatever_the_filters(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        now = round_now()
        for age in (timedelta(0), timedelta(days=6, hours=23)):
            await add_row(session, desk.org, created_at=now - age, status=DeliveryStatus.dead)
        await add_row(session, desk.org, created_at=now - timedelta(days=8), status="dead")
        await add_row(session, desk.org, created_at=now, status=DeliveryStatus.failed)
        await add_row(session, other.org, created_at=now, status=DeliveryStatus.dead)
        await add_row(
            session, desk.org, created_at=now, channel=Channel.in_app, status="dead"
        )  # not a delivery, whatever its status
        with frozen(now):
            assert (await listing(client, desk))["dead_count"] == 2
            body = await listing(client, desk, channel="slack", limit=1)
        assert body["dead_count"] == 2 and body["items"] == []
        assert len(await ids(client, desk, status="dead")) == 3  # the list itself has no window

    async def test_the_slack_url_is_never_shown(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        desk = await make_desk(session)
        now = round_now()
        # The real worker refuses a loopback target: the row dies with the SSRF refusal.
        secret_url = "http://127.0.0.1:9/services/T0001/B0002/sEcReTtOkEn123"
        refused = await add_row(
            session,
            desk.org,
            created_at=now,
            channel=Channel.slack,
            recipient=f"slack:{secret_url}",
        )
        await session.commit()
        await deliver(sessionmaker, now)
        assert (await reload(session, refused.id)).status is DeliveryStatus.dead
        # An error text that quotes the URL (as some transport errors do).
        await add_row(
            session,
            desk.org,
            created_at=now + seconds(1),
            channel=Channel.slack,
            recipient=f"slack:{SLACK_URL}",
            status=DeliveryStatus.failed,
            last_error=f"ConnectError: cannot reach {SLACK_URL} (path /services/T0001/B0002/"
            "sEcReTtOkEn123)",
        )
        r = await client.get(desk.url("/notification-deliveries"), headers=desk.headers["admin"])
        assert r.status_code == 200
        assert "sEcReTtOkEn123" not in r.text and "/services/" not in r.text
        quoted, dead = r.json()["items"]
        assert dead["recipient"] == "127.0.0.1" and dead["status"] == "dead"
        assert "SSRF" in dead["last_error"]
        assert quoted["recipient"] == "hooks.slack.com"
        assert quoted["last_error"].startswith("ConnectError: cannot reach [redacted]")
        r = await redeliver(client, desk, quoted["id"])
        assert r.status_code == 202 and "sEcReTtOkEn123" not in r.text

    @pytest.mark.parametrize(
        ("params", "status", "code"),
        [
            ({"channel": "in_app"}, 422, "validation-error"),
            ({"channel": "sms"}, 422, "validation-error"),
            ({"status": "PENDING"}, 422, "validation-error"),
            ({"status": "lost"}, 422, "validation-error"),
            ({"event_type": "escalation.exploded"}, 422, "validation-error"),
            ({"event_type": "x" * 65}, 422, "validation-error"),
            ({"escalation_id": "not-a-uuid"}, 422, "validation-error"),
            ({"limit": 0}, 422, "validation-error"),
            ({"limit": 201}, 422, "validation-error"),
            ({"cursor": "%%%"}, 400, "invalid-cursor"),
        ],
        ids=[
            "in_app",
            "sms",
            "upper",
            "status",
            "event",
            "event-long",
            "escalation",
            "limit0",
            "limit201",
            "cursor",
        ],
    )
    async def test_bad_query_is_4xx(
        self,
        client: AsyncClient,
        session: AsyncSession,
        params: dict[str, Any],
        status: int,
        code: str,
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(
            desk.url("/notification-deliveries"), params=params, headers=desk.headers["admin"]
        )
        assert_problem(r, status, code)

    async def test_digest_events_are_a_known_filter(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        assert await ids(client, desk, event_type="notification.digest") == []


class TestRedeliver:
    async def test_a_dead_email_goes_out_again_with_the_same_message_id(
        self, client: AsyncClient, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        desk = await make_desk(session)
        now = round_now()
        row = await add_row(session, desk.org, created_at=now, recipient="email:ops@example.com")
        await session.commit()
        smtp.reply = "550 5.1.1 No such mailbox"
        await deliver(sessionmaker, now)
        [dead] = (await listing(client, desk, status="dead"))["items"]
        assert dead["id"] == str(row.id) and dead["recipient"] == "ops@example.com"
        assert dead["attempts"] == 1 and dead["last_status_code"] == 550
        assert "No such mailbox" in dead["last_error"] and dead["next_attempt_at"] is None

        at = now + timedelta(hours=1)
        with frozen(at):
            r = await redeliver(client, desk, row.id)
        assert r.status_code == 202, r.text
        again = r.json()
        assert again["id"] == str(row.id) and again["status"] == "pending"
        assert again["attempts"] == 0 and ts(again["next_attempt_at"]) == at
        assert again["last_status_code"] == 550  # what the last attempt got, until the next one
        assert again["delivered_at"] is None

        smtp.reply = None
        await deliver(sessionmaker, at)
        [message] = smtp.messages
        assert message["Message-ID"] == f"<{row.id}@escalations>"
        [sent] = (await listing(client, desk))["items"]
        assert sent["status"] == "succeeded" and sent["attempts"] == 1
        assert sent["last_status_code"] == 250 and sent["last_error"] is None
        assert ts(sent["delivered_at"]) == at
        count = await session.scalar(select(func.count()).where(Notification.org_id == desk.org.id))
        assert count == 1  # the same row, not a copy

    async def test_storm_control_does_not_fold_a_redelivered_email(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        smtp: SmtpReceiver,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(get_settings(), "notify_storm_limit", 1)
        monkeypatch.setattr(get_settings(), "notify_storm_window_seconds", 3600)
        desk = await make_desk(session)
        now = round_now()
        # `early` is older but only due later (written out of order): once it is sent on its
        # own, anything after it in the window would be folded into a digest.
        early = await add_row(
            session, desk.org, created_at=now - seconds(5), next_attempt_at=now + seconds(100)
        )
        row = await add_row(session, desk.org, created_at=now, event_type="escalation.moved")
        await session.commit()
        smtp.reply = "550 5.1.1 No such mailbox"
        await deliver(sessionmaker, now)
        smtp.reply = None
        await deliver(sessionmaker, now + seconds(100))
        assert (await reload(session, early.id)).status is DeliveryStatus.succeeded
        assert (await reload(session, row.id)).status is DeliveryStatus.dead

        with frozen(now + seconds(200)):
            assert (await redeliver(client, desk, row.id)).status_code == 202
        await deliver(sessionmaker, now + seconds(200))
        sent = await reload(session, row.id)
        assert sent.status is DeliveryStatus.succeeded and sent.digest_id is None
        assert smtp.ids()[f"<{row.id}@escalations>"] == 1

    async def test_a_redelivered_digest_takes_in_nothing_new(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        smtp: SmtpReceiver,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        window = 3600
        monkeypatch.setattr(get_settings(), "notify_storm_limit", 1)
        monkeypatch.setattr(get_settings(), "notify_storm_window_seconds", window)
        desk = await make_desk(session)
        now = round_now()
        first = await add_row(session, desk.org, created_at=now, event_type="escalation.moved")
        folded = await add_row(session, desk.org, created_at=now + seconds(1))
        late = await add_row(
            session,
            desk.org,
            created_at=now + seconds(10),
            event_type="escalation.resolved",
            next_attempt_at=now + seconds(window + 50),
        )
        await session.commit()
        smtp.reply = "550 5.1.1 No such mailbox"
        await deliver(sessionmaker, now + seconds(2))
        digest_id = (await reload(session, folded.id)).digest_id
        assert digest_id is not None
        assert (await reload(session, first.id)).status is DeliveryStatus.dead
        await deliver(sessionmaker, now + seconds(window + 1))
        assert (await reload(session, digest_id)).status is DeliveryStatus.dead

        [listed] = (await listing(client, desk, event_type="notification.digest"))["items"]
        assert listed["id"] == str(digest_id) and listed["rule"] == "digest"
        folded_shown = (await listing(client, desk, status="digested"))["items"]
        assert [d["digest_id"] for d in folded_shown] == [str(digest_id)]
        with frozen(now + seconds(window + 20)):
            assert (await redeliver(client, desk, digest_id)).status_code == 202
        smtp.reply = None
        await deliver(sessionmaker, now + seconds(window + 60))
        # The late one started a digest of its own; the redelivered one went out as it was.
        late_row = await reload(session, late.id)
        assert late_row.digest_id not in (None, digest_id)
        digest = await reload(session, digest_id)
        assert digest.status is DeliveryStatus.succeeded
        [message] = [m for m in smtp.messages if m["Message-ID"] == f"<{digest_id}@escalations>"]
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "1 escalation update" in str(message["Subject"]) and "SLA warning" in text

    async def test_digested_and_deduplicated_rows_are_409(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        now = round_now()
        for status in (DeliveryStatus.digested, DeliveryStatus.deduplicated):
            row = await add_row(session, desk.org, created_at=now, status=status)
            assert_problem(
                await redeliver(client, desk, row.id), 409, "notification-delivery-covered"
            )
            assert (await reload(session, row.id)).status is status

    async def test_a_disabled_endpoints_webhook_delivery_is_409_until_re_enabled(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await endpoint(session, desk.org, enabled=False, disabled_reason="410 Gone")
        row = await add_row(
            session,
            desk.org,
            created_at=round_now(),
            channel=Channel.webhook,
            recipient=f"webhook:{hook.id}",
            webhook_id=hook.id,
            status=DeliveryStatus.dead,
            attempts=3,
            last_status_code=410,
            next_attempt_at=None,
        )
        body = assert_problem(await redeliver(client, desk, row.id), 409, "webhook-disabled")
        assert body["webhook_id"] == str(hook.id)
        assert (await reload(session, row.id)).status is DeliveryStatus.dead
        await session.execute(
            update(WebhookEndpoint).where(WebhookEndpoint.id == hook.id).values(enabled=True)
        )
        r = await redeliver(client, desk, row.id)
        assert r.status_code == 202, r.text
        assert r.json()["channel"] == "webhook" and r.json()["attempts"] == 0

    async def test_unknown_and_in_app_rows_are_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        in_app = await add_row(
            session,
            desk.org,
            created_at=round_now(),
            channel=Channel.in_app,
            recipient=f"user:{desk.admin.id}",
            user_id=desk.admin.id,
            status=DeliveryStatus.succeeded,
        )
        for target in (ZERO_ID, in_app.id):
            r = await redeliver(client, desk, target)
            assert_problem(r, 404, "notification-delivery-not-found")
        assert_problem(await redeliver(client, desk, "nope"), 422, "validation-error")


class TestAccess:
    @pytest.mark.parametrize(
        ("who", "allowed"),
        [("agent", False), ("supervisor", False), ("admin", True), ("org_owner", True)],
    )
    async def test_admins_and_owners_only(
        self, client: AsyncClient, session: AsyncSession, who: str, allowed: bool
    ) -> None:
        desk = await make_desk(session)
        row = await add_row(session, desk.org, created_at=round_now(), status="dead")
        r = await client.get(desk.url("/notification-deliveries"), headers=desk.headers[who])
        listed = await redeliver(client, desk, row.id, who=who)
        if allowed:
            assert r.status_code == 200 and r.json()["items"][0]["id"] == str(row.id)
            assert listed.status_code == 202
        else:
            assert_problem(r, 403)
            assert_problem(listed, 403)
            assert (await reload(session, row.id)).status is DeliveryStatus.dead

    async def test_without_token_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        assert_problem(await client.get(desk.url("/notification-deliveries")), 401)
        r = await client.post(desk.url(f"/notification-deliveries/{ZERO_ID}/redeliver"))
        assert_problem(r, 401)

    async def test_another_organisations_deliveries_are_404_and_unlisted(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await add_row(session, other.org, created_at=round_now(), status="dead")
        assert_problem(
            await redeliver(client, desk, theirs.id), 404, "notification-delivery-not-found"
        )
        body = await listing(client, desk)
        assert body["items"] == [] and body["dead_count"] == 0
        # Through their organisation's path the caller is not a member at all.
        r = await client.get(other.url("/notification-deliveries"), headers=desk.headers["admin"])
        assert_problem(r, 404, "organisation-not-found")
        r = await client.post(
            other.url(f"/notification-deliveries/{theirs.id}/redeliver"),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "organisation-not-found")
        assert (await reload(session, theirs.id)).status is DeliveryStatus.dead
