"""Webhook endpoints (Standard Webhooks) and their deliveries: CRUD, secrets, the SSRF guard,
fan-out into deliveries, redelivery, secret rotation with its grace period (signed deliveries
checked with the reference Standard Webhooks library), access and bad input."""

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook, WebhookVerificationError

from app.config import get_settings
from app.models import Notification
from app.models.escalations import EventType
from app.models.notifications import WebhookEndpoint
from app.services.notifications import webhook_sender
from app.services.notifications._outcome import Result
from app.services.notifications.senders import Senders
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
from tests.workers.receivers import HttpReceiver, Request

URL = "https://hooks.example.com/escalations"
ZERO_ID = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def allow_private(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set WEBHOOK_ALLOW_PRIVATE for one test: `allow_private(True)`."""

    def set_to(value: bool) -> None:
        monkeypatch.setattr(get_settings(), "webhook_allow_private", value)

    set_to(False)
    return set_to


async def create(
    client: AsyncClient, desk: Desk, who: str = "admin", **over: Any
) -> dict[str, Any]:
    body = {"url": URL, "event_types": ["escalation.created"], **over}
    r = await client.post(desk.url("/webhooks"), json=body, headers=desk.headers[who])
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


async def deliveries(
    client: AsyncClient, desk: Desk, hook_id: str, **params: Any
) -> list[dict[str, Any]]:
    r = await client.get(
        desk.url(f"/webhooks/{hook_id}/deliveries"), params=params, headers=desk.headers["admin"]
    )
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def assert_signs_and_verifies(secret: str) -> None:
    """The secret works with the reference Standard Webhooks library, both ways."""
    hook = Webhook(secret)
    payload = json.dumps({"type": "escalation.created", "data": {"n": 1}})
    msg_id, at = f"msg_{uuid.uuid4().hex}", round_now()
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": hook.sign(msg_id, at, payload),
    }
    assert hook.verify(payload, headers) == json.loads(payload)


async def rotate(
    client: AsyncClient, desk: Desk, hook_id: str, body: Any = None, who: str = "admin"
) -> Response:
    kwargs: dict[str, Any] = {} if body is None else {"json": body}
    return await client.post(
        desk.url(f"/webhooks/{hook_id}/rotate-secret"), headers=desk.headers[who], **kwargs
    )


async def stored_secrets(session: AsyncSession, hook_id: str) -> WebhookEndpoint:
    endpoint = await session.get(WebhookEndpoint, uuid.UUID(hook_id), populate_existing=True)
    assert endpoint is not None
    return endpoint


class Receiver(HttpReceiver):
    @property
    def hook_url(self) -> str:
        return f"{self.url}/hooks"


@pytest.fixture
async def receiver(allow_private: Any) -> AsyncIterator[Receiver]:
    """A real HTTP receiver on loopback (so private targets are allowed for the test)."""
    allow_private(True)
    receiver = Receiver()
    await receiver.start()
    yield receiver
    await receiver.stop()


async def send_one(session: AsyncSession, receiver: Receiver, hook_id: str) -> Request:
    """One delivery to the endpoint as it is stored now, sent by the delivery worker's own
    transports (the real `send_webhook`), and the request the receiver got."""
    endpoint = await stored_secrets(session, hook_id)
    row = Notification(id=uuid.uuid4(), payload={"type": "test", "data": {"n": 1}})
    async with Senders(concurrency=1) as senders:
        outcome = await webhook_sender.send_webhook(senders.http, row, endpoint, allow_private=True)
    assert outcome.result is Result.sent, outcome
    request = receiver.requests[-1]
    assert request.headers["webhook-id"] == str(row.id)
    return request


def sign_like(request: Request, secret: str) -> str:
    """The `v1,…` signature `secret` makes for this request."""
    at = datetime.fromtimestamp(int(request.headers["webhook-timestamp"]), UTC)
    return Webhook(secret).sign(request.headers["webhook-id"], at, request.body.decode())


def assert_verifies_with_only(request: Request, secret: str, *, old: list[str]) -> None:
    assert request.headers["webhook-signature"] == sign_like(request, secret)
    Webhook(secret).verify(request.body, request.headers)
    for previous in old:
        with pytest.raises(WebhookVerificationError):
            Webhook(previous).verify(request.body, request.headers)


class TestCreateWebhook:
    async def test_admin_creates_with_a_standard_webhooks_secret(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, description="Our helpdesk")
        assert set(hook) == {
            "id",
            "url",
            "description",
            "event_types",
            "enabled",
            "secret",
            "disabled_reason",
            "previous_secret_expires_at",
            "created_at",
            "updated_at",
        }
        assert hook["url"] == URL and hook["description"] == "Our helpdesk"
        assert hook["event_types"] == ["escalation.created"]
        assert hook["enabled"] is True and hook["disabled_reason"] is None
        assert hook["previous_secret_expires_at"] is None
        secret = hook["secret"]
        assert secret.startswith("whsec_") and len(secret) == len("whsec_") + 32
        assert_signs_and_verifies(secret)

    async def test_each_endpoint_gets_its_own_secret(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        first, second = await create(client, desk), await create(client, desk)
        assert first["secret"] != second["secret"]

    async def test_owner_creates_disabled_for_every_event(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, "org_owner", event_types=["*"], enabled=False)
        assert hook["event_types"] == ["*"] and hook["enabled"] is False

    async def test_every_known_event_type_is_accepted(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        every = [t.value for t in EventType]
        assert (await create(client, desk, event_types=every))["event_types"] == every

    async def test_repeated_event_types_are_kept_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        types = ["escalation.created", "escalation.resolved", "escalation.created"]
        hook = await create(client, desk, event_types=types)
        assert hook["event_types"] == ["escalation.created", "escalation.resolved"]

    @pytest.mark.parametrize("who", ["agent", "supervisor", "owner"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/webhooks"),
            json={"url": URL, "event_types": ["*"]},
            headers=desk.headers[who],
        )
        assert_problem(r, 403)

    async def test_without_token_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.post(desk.url("/webhooks"), json={"url": URL, "event_types": ["*"]})
        assert_problem(r, 401)


class TestUnsafeUrls:
    UNSAFE = [
        "http://127.0.0.1/hook",
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://localhost/hook",
        "https://192.168.1.20:8443/hook",
        "http://[::ffff:127.0.0.1]/hook",
    ]

    @pytest.mark.parametrize("url", UNSAFE)
    async def test_private_targets_are_refused(
        self, client: AsyncClient, session: AsyncSession, allow_private: Any, url: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/webhooks"),
            json={"url": url, "event_types": ["*"]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "unsafe-webhook-url")
        assert await session.scalar(select(WebhookEndpoint.id)) is None

    @pytest.mark.parametrize("url", UNSAFE)
    async def test_allowed_when_the_setting_says_so(
        self, client: AsyncClient, session: AsyncSession, allow_private: Any, url: str
    ) -> None:
        allow_private(True)
        desk = await make_desk(session)
        assert (await create(client, desk, url=url))["url"] == url

    async def test_patch_to_a_private_url_is_refused(
        self, client: AsyncClient, session: AsyncSession, allow_private: Any
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await client.patch(
            desk.url(f"/webhooks/{hook['id']}"),
            json={"url": "http://127.0.0.1:9000/hook"},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "unsafe-webhook-url")
        r = await client.get(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers["admin"])
        assert r.json()["url"] == URL

    async def test_re_enabling_checks_the_url_again(
        self, client: AsyncClient, session: AsyncSession, allow_private: Any
    ) -> None:
        allow_private(True)
        desk = await make_desk(session)
        hook = await create(client, desk, url="http://10.1.2.3/hook", enabled=False)
        allow_private(False)
        path = desk.url(f"/webhooks/{hook['id']}")
        r = await client.patch(path, json={"enabled": True}, headers=desk.headers["admin"])
        assert_problem(r, 422, "unsafe-webhook-url")
        # Editing something else leaves the stored URL alone.
        r = await client.patch(path, json={"description": "x"}, headers=desk.headers["admin"])
        assert r.status_code == 200 and r.json()["enabled"] is False


class TestListWebhooks:
    async def test_oldest_first_without_secrets(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = [await create(client, desk, description=f"hook {i}") for i in range(3)]
        r = await client.get(desk.url("/webhooks"), headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        body = r.json()
        assert [h["id"] for h in body["items"]] == [h["id"] for h in made]
        assert body["next_cursor"] is None
        assert all("secret" not in h for h in body["items"])

    async def test_pages(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = [await create(client, desk) for _ in range(3)]
        seen: list[str] = []
        cursor = None
        for _ in range(3):
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            r = await client.get(
                desk.url("/webhooks"), params=params, headers=desk.headers["org_owner"]
            )
            assert r.status_code == 200, r.text
            seen += [h["id"] for h in r.json()["items"]]
            cursor = r.json()["next_cursor"]
            if cursor is None:
                break
        assert seen == [h["id"] for h in made]

    @pytest.mark.parametrize(
        ("params", "status", "code"),
        [
            ({"limit": 0}, 422, "validation-error"),
            ({"limit": 201}, 422, "validation-error"),
            ({"limit": "x"}, 422, "validation-error"),
            ({"cursor": "not-a-cursor"}, 400, "invalid-cursor"),
        ],
        ids=["limit0", "limit201", "limit-x", "cursor"],
    )
    async def test_bad_paging_is_4xx(
        self,
        client: AsyncClient,
        session: AsyncSession,
        params: dict[str, Any],
        status: int,
        code: str,
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/webhooks"), params=params, headers=desk.headers["admin"])
        assert_problem(r, status, code)


class TestGetWebhook:
    async def test_admin_reads_it_without_secret(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await client.get(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        expected = {k: v for k, v in hook.items() if k != "secret"}
        assert r.json() == expected

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url(f"/webhooks/{ZERO_ID}"), headers=desk.headers["admin"])
        assert_problem(r, 404, "webhook-not-found")


class TestReadAccess:
    """Reads are admin+ too: URLs, secrets' existence and delivery results are sensitive."""

    @pytest.mark.parametrize("who", ["agent", "supervisor", "owner"])
    @pytest.mark.parametrize("suffix", ["", "/{id}", "/{id}/deliveries"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str, suffix: str
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        path = desk.url("/webhooks" + suffix.format(id=hook["id"]))
        assert_problem(await client.get(path, headers=desk.headers[who]), 403)


class TestUpdateWebhook:
    async def test_admin_edits_fields(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, description="before")
        change = {
            "url": "https://other.example.org/in?token=abc",
            "description": None,
            "event_types": ["*"],
            "enabled": False,
        }
        r = await client.patch(
            desk.url(f"/webhooks/{hook['id']}"), json=change, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        assert {k: r.json()[k] for k in change} == change
        assert "secret" not in r.json()
        r = await client.get(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers["admin"])
        assert {k: r.json()[k] for k in change} == change

    async def test_empty_patch_changes_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await client.patch(
            desk.url(f"/webhooks/{hook['id']}"), json={}, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        assert r.json() == {k: v for k, v in hook.items() if k != "secret"}

    async def test_re_enabling_clears_the_disabled_reason(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        # What the delivery worker does after too many failures.
        await session.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == uuid.UUID(hook["id"]))
            .values(enabled=False, disabled_reason="410 Gone")
        )
        path = desk.url(f"/webhooks/{hook['id']}")
        r = await client.get(path, headers=desk.headers["admin"])
        assert r.json()["enabled"] is False and r.json()["disabled_reason"] == "410 Gone"
        r = await client.patch(path, json={"enabled": True}, headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        assert r.json()["enabled"] is True and r.json()["disabled_reason"] is None

    @pytest.mark.parametrize("who", ["agent", "supervisor", "owner"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await client.patch(
            desk.url(f"/webhooks/{hook['id']}"),
            json={"enabled": False},
            headers=desk.headers[who],
        )
        assert_problem(r, 403)

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.patch(
            desk.url(f"/webhooks/{ZERO_ID}"), json={"enabled": False}, headers=desk.headers["admin"]
        )
        assert_problem(r, 404, "webhook-not-found")


class TestDeleteWebhook:
    async def test_deleted_with_its_deliveries(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        await escalate(client, session, desk, await make_inbox(client, desk))
        assert len(await deliveries(client, desk, hook["id"])) == 1
        path = desk.url(f"/webhooks/{hook['id']}")
        r = await client.delete(path, headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        assert_problem(
            await client.get(path, headers=desk.headers["admin"]), 404, "webhook-not-found"
        )
        rows = await session.scalars(
            select(Notification).where(Notification.webhook_id == uuid.UUID(hook["id"]))
        )
        assert list(rows) == []

    @pytest.mark.parametrize("where", ["category", "default"])
    async def test_named_in_the_escalation_policy_is_409_until_removed(
        self, client: AsyncClient, session: AsyncSession, where: str
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        recipient = [{"type": "webhook", "webhook_id": hook["id"]}]
        policy: dict[str, Any] = {
            "categories": [
                {
                    "key": "service",
                    "name": "Service",
                    "recipients": recipient if where == "category" else [],
                },
                {"key": "other", "name": "Other", "recipients": []},
            ],
            "default_recipients": recipient if where == "default" else [],
        }
        r = await client.put(
            desk.url("/escalation-policy"), json=policy, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        path = desk.url(f"/webhooks/{hook['id']}")
        problem = assert_problem(
            await client.delete(path, headers=desk.headers["admin"]), 409, "webhook-in-use"
        )
        assert problem["webhook_id"] == hook["id"]
        assert (await client.get(path, headers=desk.headers["admin"])).status_code == 200

        policy["categories"][0]["recipients"] = []
        policy["default_recipients"] = []
        r = await client.put(
            desk.url("/escalation-policy"), json=policy, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        assert (await client.delete(path, headers=desk.headers["admin"])).status_code == 204

    @pytest.mark.parametrize("who", ["agent", "supervisor", "owner"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await client.delete(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers[who])
        assert_problem(r, 403)

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.delete(desk.url(f"/webhooks/{ZERO_ID}"), headers=desk.headers["admin"])
        assert_problem(r, 404, "webhook-not-found")


class TestRotateSecret:
    """A rotation signs with the new secret at once, and with the old one too for a grace period
    (default 24 h), so receivers can move over without rejecting deliveries."""

    async def test_new_secret_replaces_the_old(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await rotate(client, desk, hook["id"])
        assert r.status_code == 200, r.text
        assert set(r.json()) == {"secret", "previous_secret_expires_at"}
        secret = r.json()["secret"]
        assert secret != hook["secret"] and secret.startswith("whsec_")
        assert_signs_and_verifies(secret)
        # A signature made with the new secret does not verify with the old one.
        payload, at = '{"type": "escalation.created"}', round_now()
        headers = {
            "webhook-id": "msg_1",
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": Webhook(secret).sign("msg_1", at, payload),
        }
        with pytest.raises(WebhookVerificationError):
            Webhook(hook["secret"]).verify(payload, headers)
        stored = await stored_secrets(session, hook["id"])
        assert stored.secret == secret and stored.previous_secret == hook["secret"]

    async def test_without_a_body_both_secrets_sign_for_24_hours(
        self, client: AsyncClient, session: AsyncSession, receiver: Receiver
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, url=receiver.hook_url)
        at = round_now()
        with frozen(at):
            r = await rotate(client, desk, hook["id"])
        assert r.status_code == 200, r.text
        new, until = r.json()["secret"], at + timedelta(hours=24)
        assert ts(r.json()["previous_secret_expires_at"]) == until
        read = await client.get(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers["admin"])
        listed = await client.get(desk.url("/webhooks"), headers=desk.headers["admin"])
        for shown in (read.json(), *listed.json()["items"]):
            assert ts(shown["previous_secret_expires_at"]) == until
            assert "secret" not in shown and "previous_secret" not in shown

        request = await send_one(session, receiver, hook["id"])
        # Both signatures, the new one first, as the Standard Webhooks header allows.
        assert request.headers["webhook-signature"] == " ".join(
            sign_like(request, secret) for secret in (new, hook["secret"])
        )
        for secret in (new, hook["secret"]):
            assert Webhook(secret).verify(request.body, request.headers)["type"] == "test"

    @pytest.mark.parametrize("minutes", [1, 60, 10080])
    async def test_grace_minutes_set_the_overlap(
        self, client: AsyncClient, session: AsyncSession, minutes: int
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        at = round_now()
        with frozen(at):
            r = await rotate(client, desk, hook["id"], {"grace_minutes": minutes})
        assert r.status_code == 200, r.text
        assert ts(r.json()["previous_secret_expires_at"]) == at + timedelta(minutes=minutes)

    async def test_grace_zero_ends_the_old_secret_at_once(
        self, client: AsyncClient, session: AsyncSession, receiver: Receiver
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, url=receiver.hook_url)
        r = await rotate(client, desk, hook["id"], {"grace_minutes": 0})
        assert r.status_code == 200, r.text
        assert r.json()["previous_secret_expires_at"] is None
        stored = await stored_secrets(session, hook["id"])
        assert stored.previous_secret is None and stored.previous_secret_expires_at is None

        request = await send_one(session, receiver, hook["id"])
        assert_verifies_with_only(request, r.json()["secret"], old=[hook["secret"]])

    async def test_after_the_grace_period_only_the_new_secret_signs(
        self, client: AsyncClient, session: AsyncSession, receiver: Receiver
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, url=receiver.hook_url)
        new = (await rotate(client, desk, hook["id"], {"grace_minutes": 60})).json()["secret"]
        # The sender judges expiry by the real clock: move the expiry, not the clock.
        await session.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == uuid.UUID(hook["id"]))
            .values(previous_secret_expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )

        request = await send_one(session, receiver, hook["id"])
        assert_verifies_with_only(request, new, old=[hook["secret"]])
        r = await client.get(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers["admin"])
        assert r.json()["previous_secret_expires_at"] is None

    async def test_rotating_again_keeps_only_the_then_current_secret(
        self, client: AsyncClient, session: AsyncSession, receiver: Receiver
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, url=receiver.hook_url)
        at = round_now()
        with frozen(at):
            middle = (await rotate(client, desk, hook["id"])).json()["secret"]
        with frozen(at + timedelta(minutes=10)):
            r = await rotate(client, desk, hook["id"], {"grace_minutes": 60})
        newest = r.json()["secret"]
        assert ts(r.json()["previous_secret_expires_at"]) == at + timedelta(minutes=70)
        stored = await stored_secrets(session, hook["id"])
        assert (stored.secret, stored.previous_secret) == (newest, middle)

        request = await send_one(session, receiver, hook["id"])
        assert len(request.headers["webhook-signature"].split(" ")) == 2
        for secret in (newest, middle):
            Webhook(secret).verify(request.body, request.headers)
        with pytest.raises(WebhookVerificationError):
            Webhook(hook["secret"]).verify(request.body, request.headers)

    async def test_grace_zero_during_a_grace_period_ends_both_old_secrets(
        self, client: AsyncClient, session: AsyncSession, receiver: Receiver
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, url=receiver.hook_url)
        middle = (await rotate(client, desk, hook["id"])).json()["secret"]
        r = await rotate(client, desk, hook["id"], {"grace_minutes": 0})
        assert r.json()["previous_secret_expires_at"] is None
        request = await send_one(session, receiver, hook["id"])
        assert_verifies_with_only(request, r.json()["secret"], old=[middle, hook["secret"]])

    BAD_GRACE: ClassVar[dict[str, Any]] = {
        "20000": {"grace_minutes": 20000},
        "10081": {"grace_minutes": 10081},
        "negative": {"grace_minutes": -1},
        "string": {"grace_minutes": "60"},
        "float": {"grace_minutes": 60.5},
        "bool": {"grace_minutes": True},
        "null": {"grace_minutes": None},
        "unknown-field": {"grace": 60},
        "list": [60],
        "bare-string": "60",
    }

    @pytest.mark.parametrize("body", BAD_GRACE.values(), ids=BAD_GRACE.keys())
    async def test_bad_grace_is_422_and_changes_nothing(
        self, client: AsyncClient, session: AsyncSession, body: Any
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        assert_problem(await rotate(client, desk, hook["id"], body), 422, "validation-error")
        stored = await stored_secrets(session, hook["id"])
        assert stored.secret == hook["secret"] and stored.previous_secret is None

    @pytest.mark.parametrize(
        "content", [b"", b"null", b"{}"], ids=["empty", "null", "empty-object"]
    )
    async def test_an_empty_body_means_the_default(
        self, client: AsyncClient, session: AsyncSession, content: bytes
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        at = round_now()
        with frozen(at):
            r = await client.post(
                desk.url(f"/webhooks/{hook['id']}/rotate-secret"),
                content=content,
                headers={**desk.headers["admin"], "content-type": "application/json"},
            )
        assert r.status_code == 200, r.text
        assert ts(r.json()["previous_secret_expires_at"]) == at + timedelta(hours=24)

    @pytest.mark.parametrize("body", [None, {"grace_minutes": 0}], ids=["no-body", "body"])
    @pytest.mark.parametrize("who", ["agent", "supervisor", "owner"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str, body: Any
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        assert_problem(await rotate(client, desk, hook["id"], body, who=who), 403)
        assert (await stored_secrets(session, hook["id"])).secret == hook["secret"]

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await rotate(client, desk, ZERO_ID, {"grace_minutes": 60})
        assert_problem(r, 404, "webhook-not-found")


class TestDeliveries:
    async def test_subscribed_endpoints_get_a_pending_delivery(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        created_only = await create(client, desk, event_types=["escalation.created"])
        everything = await create(client, desk, event_types=["*"])
        elsewhere = await create(client, desk, event_types=["escalation.resolved"])
        disabled = await create(client, desk, event_types=["*"], enabled=False)
        inbox = await make_inbox(client, desk)
        at = round_now()
        with frozen(at):
            escalation = await escalate(client, session, desk, inbox)
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}/events"),
            headers=desk.headers["supervisor"],
        )
        created_event = next(e for e in r.json()["items"] if e["type"] == "escalation.created")

        for hook in (created_only, everything):
            items = await deliveries(client, desk, hook["id"])
            assert [d["event_type"] for d in items] == ["escalation.created"]
            delivery = items[0]
            assert set(delivery) == {
                "id",
                "event_id",
                "event_type",
                "status",
                "attempts",
                "last_status_code",
                "next_attempt_at",
                "created_at",
            }
            assert delivery["event_id"] == created_event["id"]
            assert delivery["status"] == "pending" and delivery["attempts"] == 0
            assert delivery["last_status_code"] is None
            assert ts(delivery["next_attempt_at"]) == at
            row = await session.get(Notification, uuid.UUID(delivery["id"]))
            assert row is not None and row.channel.value == "webhook"
            assert row.payload["type"] == "escalation.created"
            assert row.payload["data"]["escalation"]["id"] == escalation["id"]
        assert await deliveries(client, desk, elsewhere["id"]) == []
        assert await deliveries(client, desk, disabled["id"]) == []

    async def test_newest_first_filtered_and_paged(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk, event_types=["*"])
        inbox = await make_inbox(client, desk)
        start = round_now()
        for minutes in range(3):
            with frozen(start + timedelta(minutes=minutes)):
                await escalate(client, session, desk, inbox)
        items = await deliveries(client, desk, hook["id"])
        assert len(items) == 3
        created = [ts(d["created_at"]) for d in items]
        assert created == [start + timedelta(minutes=m) for m in (2, 1, 0)]
        # The worker has delivered the oldest one.
        await session.execute(
            update(Notification)
            .where(Notification.id == uuid.UUID(items[-1]["id"]))
            .values(status="succeeded", attempts=1, last_status_code=200, next_attempt_at=None)
        )
        done = await deliveries(client, desk, hook["id"], status="succeeded")
        assert [d["id"] for d in done] == [items[-1]["id"]]
        assert done[0]["last_status_code"] == 200 and done[0]["attempts"] == 1
        pending = await deliveries(client, desk, hook["id"], status="pending")
        assert [d["id"] for d in pending] == [d["id"] for d in items[:2]]
        assert await deliveries(client, desk, hook["id"], status="dead") == []

        r = await client.get(
            desk.url(f"/webhooks/{hook['id']}/deliveries"),
            params={"limit": 2},
            headers=desk.headers["admin"],
        )
        first = r.json()
        assert [d["id"] for d in first["items"]] == [d["id"] for d in items[:2]]
        r = await client.get(
            desk.url(f"/webhooks/{hook['id']}/deliveries"),
            params={"limit": 2, "cursor": first["next_cursor"]},
            headers=desk.headers["admin"],
        )
        assert [d["id"] for d in r.json()["items"]] == [items[2]["id"]]
        assert r.json()["next_cursor"] is None

    @pytest.mark.parametrize(
        ("params", "status", "code"),
        [
            ({"status": "digested"}, 422, "validation-error"),
            ({"status": "PENDING"}, 422, "validation-error"),
            ({"limit": 0}, 422, "validation-error"),
            ({"cursor": "%%%"}, 400, "invalid-cursor"),
        ],
        ids=["digested", "upper", "limit0", "cursor"],
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
        hook = await create(client, desk)
        r = await client.get(
            desk.url(f"/webhooks/{hook['id']}/deliveries"),
            params=params,
            headers=desk.headers["admin"],
        )
        assert_problem(r, status, code)

    async def test_unknown_endpoint_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(
            desk.url(f"/webhooks/{ZERO_ID}/deliveries"), headers=desk.headers["admin"]
        )
        assert_problem(r, 404, "webhook-not-found")


class TestRedeliver:
    async def _dead_delivery(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        hook = await create(client, desk, event_types=["*"])
        await escalate(client, session, desk, await make_inbox(client, desk))
        [delivery] = await deliveries(client, desk, hook["id"])
        # What the worker leaves behind when it runs out of attempts.
        await session.execute(
            update(Notification)
            .where(Notification.id == uuid.UUID(delivery["id"]))
            .values(status="dead", attempts=8, last_status_code=503, next_attempt_at=None)
        )
        return hook, delivery

    async def test_dead_delivery_goes_out_again_under_the_same_id(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook, delivery = await self._dead_delivery(client, session, desk)
        at = round_now() + timedelta(hours=1)
        with frozen(at):
            r = await client.post(
                desk.url(f"/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver"),
                headers=desk.headers["admin"],
            )
        assert r.status_code == 202, r.text
        again = r.json()
        assert again["id"] == delivery["id"] and again["event_id"] == delivery["event_id"]
        assert again["status"] == "pending" and again["attempts"] == 0
        assert ts(again["next_attempt_at"]) == at
        assert again["last_status_code"] == 503  # what the last attempt got, until the next one
        [listed] = await deliveries(client, desk, hook["id"])
        assert listed == again
        rows = await session.scalars(
            select(Notification).where(Notification.webhook_id == uuid.UUID(hook["id"]))
        )
        assert len(list(rows)) == 1

    async def test_disabled_endpoint_is_409_until_re_enabled(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook, delivery = await self._dead_delivery(client, session, desk)
        path = desk.url(f"/webhooks/{hook['id']}")
        r = await client.patch(path, json={"enabled": False}, headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        redeliver = desk.url(f"/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver")
        r = await client.post(redeliver, headers=desk.headers["admin"])
        assert_problem(r, 409, "webhook-disabled")
        [still] = await deliveries(client, desk, hook["id"])
        assert still["status"] == "dead"
        r = await client.patch(path, json={"enabled": True}, headers=desk.headers["admin"])
        assert r.status_code == 200, r.text
        assert (await client.post(redeliver, headers=desk.headers["admin"])).status_code == 202

    async def test_another_endpoints_delivery_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook, delivery = await self._dead_delivery(client, session, desk)
        other = await create(client, desk)
        for path in (
            f"/webhooks/{other['id']}/deliveries/{delivery['id']}/redeliver",
            f"/webhooks/{hook['id']}/deliveries/{ZERO_ID}/redeliver",
        ):
            r = await client.post(desk.url(path), headers=desk.headers["admin"])
            assert_problem(r, 404, "webhook-delivery-not-found")

    async def test_an_email_row_is_not_a_delivery(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        await escalate(client, session, desk, await make_inbox(client, desk))
        email = await session.scalar(
            select(Notification.id).where(Notification.channel == "email").limit(1)
        )
        r = await client.post(
            desk.url(f"/webhooks/{hook['id']}/deliveries/{email}/redeliver"),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "webhook-delivery-not-found")

    @pytest.mark.parametrize("who", ["agent", "supervisor", "owner"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        hook, delivery = await self._dead_delivery(client, session, desk)
        r = await client.post(
            desk.url(f"/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver"),
            headers=desk.headers[who],
        )
        assert_problem(r, 403)


class TestCrossOrganisation:
    """Another organisation's endpoints and deliveries are invisible on every route."""

    ROUTES = [
        ("GET", "/webhooks/{hook}", {}),
        ("PATCH", "/webhooks/{hook}", {"json": {"description": "mine now"}}),
        ("DELETE", "/webhooks/{hook}", {}),
        ("POST", "/webhooks/{hook}/rotate-secret", {}),
        ("POST", "/webhooks/{hook}/rotate-secret", {"json": {"grace_minutes": 0}}),
        ("GET", "/webhooks/{hook}/deliveries", {}),
        ("POST", "/webhooks/{hook}/deliveries/{delivery}/redeliver", {}),
    ]
    IDS = ["get", "patch", "delete", "rotate", "rotate-grace", "deliveries", "redeliver"]

    async def _theirs(
        self, client: AsyncClient, session: AsyncSession
    ) -> tuple[Desk, Desk, dict[str, Any], dict[str, Any]]:
        desk, other = await make_desk(session), await make_desk(session)
        hook = await create(client, other, event_types=["*"])
        await escalate(client, session, other, await make_inbox(client, other))
        [delivery] = await deliveries(client, other, hook["id"])
        return desk, other, hook, delivery

    @pytest.mark.parametrize(("method", "path", "kwargs"), ROUTES, ids=IDS)
    async def test_their_ids_under_my_org_are_404(
        self,
        client: AsyncClient,
        session: AsyncSession,
        method: str,
        path: str,
        kwargs: dict[str, Any],
    ) -> None:
        desk, other, hook, delivery = await self._theirs(client, session)
        url = desk.url(path.format(hook=hook["id"], delivery=delivery["id"]))
        r = await client.request(method, url, headers=desk.headers["admin"], **kwargs)
        assert_problem(r, 404, "webhook-not-found")
        # Through their organisation's path the caller is not a member at all.
        url = other.url(path.format(hook=hook["id"], delivery=delivery["id"]))
        r = await client.request(method, url, headers=desk.headers["admin"], **kwargs)
        assert_problem(r, 404, "organisation-not-found")
        # Untouched.
        r = await client.get(other.url(f"/webhooks/{hook['id']}"), headers=other.headers["admin"])
        assert r.status_code == 200 and r.json()["description"] is None

    async def test_my_endpoint_with_their_delivery_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, _, _, delivery = await self._theirs(client, session)
        mine = await create(client, desk)
        r = await client.post(
            desk.url(f"/webhooks/{mine['id']}/deliveries/{delivery['id']}/redeliver"),
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "webhook-delivery-not-found")

    async def test_lists_show_none_of_theirs(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other, _, _ = await self._theirs(client, session)
        r = await client.get(desk.url("/webhooks"), headers=desk.headers["admin"])
        assert r.status_code == 200 and r.json()["items"] == []
        r = await client.get(other.url("/webhooks"), headers=desk.headers["admin"])
        assert_problem(r, 404, "organisation-not-found")
        r = await client.post(
            other.url("/webhooks"),
            json={"url": URL, "event_types": ["*"]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "organisation-not-found")


BAD_BODIES = {
    "url-missing": {"event_types": ["*"]},
    "event_types-missing": {"url": URL},
    "url-int": {"url": 123, "event_types": ["*"]},
    "url-list": {"url": [URL], "event_types": ["*"]},
    "url-ftp": {"url": "ftp://example.com/x", "event_types": ["*"]},
    "url-javascript": {"url": "javascript:alert(1)", "event_types": ["*"]},
    "url-no-host": {"url": "https:///path", "event_types": ["*"]},
    "url-relative": {"url": "/hooks", "event_types": ["*"]},
    "url-empty": {"url": "", "event_types": ["*"]},
    "url-oversize": {"url": "https://example.com/" + "a" * 1990, "event_types": ["*"]},
    "url-nul": {"url": "https://example.com/\x00", "event_types": ["*"]},
    "url-space": {"url": "https://example.com/a b", "event_types": ["*"]},
    "url-newline": {"url": "https://example.com/\nHost: x", "event_types": ["*"]},
    "url-bad-port": {"url": "https://example.com:99999/", "event_types": ["*"]},
    "url-bad-ipv6": {"url": "http://[::1/", "event_types": ["*"]},
    "types-empty": {"url": URL, "event_types": []},
    "types-string": {"url": URL, "event_types": "escalation.created"},
    "types-unknown": {"url": URL, "event_types": ["escalation.exploded"]},
    "types-star-and-more": {"url": URL, "event_types": ["*", "escalation.created"]},
    "types-int": {"url": URL, "event_types": [1]},
    "types-nul": {"url": URL, "event_types": ["escalation.created\x00"]},
    "types-oversize": {"url": URL, "event_types": ["escalation.created"] * 100},
    "types-null": {"url": URL, "event_types": None},
    "description-int": {"url": URL, "event_types": ["*"], "description": 5},
    "description-oversize": {"url": URL, "event_types": ["*"], "description": "x" * 2001},
    "description-nul": {"url": URL, "event_types": ["*"], "description": "a\x00b"},
    "enabled-list": {"url": URL, "event_types": ["*"], "enabled": [True]},
    "enabled-string": {"url": URL, "event_types": ["*"], "enabled": "maybe"},
    "unknown-field": {"url": URL, "event_types": ["*"], "colour": "red"},
    "secret-field": {"url": URL, "event_types": ["*"], "secret": "whsec_bWluZQ=="},
    "disabled_reason-field": {"url": URL, "event_types": ["*"], "disabled_reason": "x"},
}

BAD_PATCHES = {
    "url-null": {"url": None},
    "event_types-null": {"event_types": None},
    "enabled-null": {"enabled": None},
    "url-int": {"url": 5},
    "url-ftp": {"url": "ftp://example.com/x"},
    "url-oversize": {"url": "https://example.com/" + "a" * 1990},
    "url-nul": {"url": "https://example.com/\x00"},
    "types-empty": {"event_types": []},
    "types-unknown": {"event_types": ["nope"]},
    "types-string": {"event_types": "*"},
    "description-nul": {"description": "\x00"},
    "description-oversize": {"description": "x" * 2001},
    "enabled-dict": {"enabled": {"a": 1}},
    "unknown-field": {"colour": "red"},
    "secret-field": {"secret": "whsec_bWluZQ=="},
    "id-field": {"id": ZERO_ID},
}

UNPARSEABLE = [b"", b"{", b"[]", b"null", b'"x"', b"\xff\xfe", b'{"url": "\\ud800"}']


class TestBadInput:
    @pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
    async def test_bad_create_is_422(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(desk.url("/webhooks"), json=body, headers=desk.headers["admin"])
        assert_problem(r, 422, "validation-error")
        assert await session.scalar(select(WebhookEndpoint.id)) is None

    @pytest.mark.parametrize("body", BAD_PATCHES.values(), ids=BAD_PATCHES.keys())
    async def test_bad_patch_is_422(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        r = await client.patch(
            desk.url(f"/webhooks/{hook['id']}"), json=body, headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")
        r = await client.get(desk.url(f"/webhooks/{hook['id']}"), headers=desk.headers["admin"])
        assert r.json() == {k: v for k, v in hook.items() if k != "secret"}

    @pytest.mark.parametrize("content", UNPARSEABLE, ids=lambda c: repr(c))
    @pytest.mark.parametrize("method", ["POST", "PATCH"])
    async def test_unparseable_body_is_4xx(
        self, client: AsyncClient, session: AsyncSession, content: bytes, method: str
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        path = desk.url("/webhooks" if method == "POST" else f"/webhooks/{hook['id']}")
        r = await client.request(
            method,
            path,
            content=content,
            headers={**desk.headers["admin"], "content-type": "application/json"},
        )
        assert 400 <= r.status_code < 500, r.text
        assert_problem(r, r.status_code)

    async def test_lone_surrogate_in_description_is_4xx(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/webhooks"),
            content=b'{"url": "https://example.com/", "event_types": ["*"], '
            b'"description": "\\ud800"}',
            headers={**desk.headers["admin"], "content-type": "application/json"},
        )
        assert 400 <= r.status_code < 500, r.text
        assert_problem(r, r.status_code)

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("GET", "/webhooks/{bad}"),
            ("PATCH", "/webhooks/{bad}"),
            ("DELETE", "/webhooks/{bad}"),
            ("POST", "/webhooks/{bad}/rotate-secret"),
            ("GET", "/webhooks/{bad}/deliveries"),
            ("POST", "/webhooks/{bad}/deliveries/{ok}/redeliver"),
            ("POST", "/webhooks/{ok}/deliveries/{bad}/redeliver"),
        ],
        ids=["get", "patch", "delete", "rotate", "deliveries", "redeliver-hook", "redeliver-id"],
    )
    @pytest.mark.parametrize("bad", ["not-a-uuid", "1", "%00", ZERO_ID + "0"])
    async def test_malformed_ids_are_422(
        self, client: AsyncClient, session: AsyncSession, method: str, path: str, bad: str
    ) -> None:
        desk = await make_desk(session)
        hook = await create(client, desk)
        kwargs: dict[str, Any] = {"json": {"enabled": True}} if method == "PATCH" else {}
        r = await client.request(
            method,
            desk.url(path.format(bad=bad, ok=hook["id"])),
            headers=desk.headers["admin"],
            **kwargs,
        )
        assert_problem(r, 422, "validation-error")

    async def test_malformed_org_id_is_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            "/api/v1/orgs/nope/webhooks",
            json={"url": URL, "event_types": ["*"]},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "validation-error")
