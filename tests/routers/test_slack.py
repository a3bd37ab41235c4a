"""Slack actions over HTTP: the organisation's Slack app, interactivity requests signed exactly as
Slack signs them (slack_sdk's SignatureVerifier is the reference), linking a Slack user to a
member, and the outcome sent to a loopback receiver standing in for the response_url."""

import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from httpx import AsyncClient, Response
from pydantic import SecretStr
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import get_settings
from app.models import Escalation, EscalationEvent, EventType, Notification, User
from app.models.slack import SlackIntegration
from app.services.events import event_row
from app.services.notifications import webhook_sender
from app.services.slack import signing
from app.workers import outbox
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    claim,
    escalate,
    event_types,
    make_desk,
    make_inbox,
    round_now,
)
from tests.workers.receivers import HttpReceiver

Maker = async_sessionmaker[AsyncSession]
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM = "T0001ABC"
INTERACTIONS = "/api/v1/integrations/slack/interactions"


@pytest.fixture
async def receiver(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[HttpReceiver]:
    monkeypatch.setattr(get_settings(), "webhook_allow_private", True)  # the receiver is loopback
    http = await HttpReceiver().start()
    yield http
    await http.stop()


async def connect(client: AsyncClient, desk: Desk, secret: str = SECRET) -> Response:
    return await client.put(
        desk.url("/integrations/slack"),
        json={"team_id": TEAM, "signing_secret": secret},
        headers=desk.headers["admin"],
    )


def payload(
    esc: dict[str, Any], response_url: str, *, user: str = "U0SLACK1", action: str = "claim"
) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "acme"},
        "user": {"id": user, "username": "ann", "name": "ann", "team_id": TEAM},
        "api_app_id": "A0APP",
        "trigger_id": str(uuid.uuid4()),  # each press is a request of its own
        "response_url": response_url,
        "actions": [
            {
                "action_id": action,
                "block_id": "b1",
                "value": esc["id"],
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
        "message": {
            "type": "message",
            "text": "New escalation",
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": "*New escalation*"}},
                {
                    "type": "actions",
                    "elements": [
                        {"type": "button", "action_id": "claim", "value": esc["id"]},
                        {"type": "button", "action_id": "open", "url": "https://spa/e"},
                    ],
                },
            ],
        },
    }


def signed(body: dict[str, Any], *, secret: str = SECRET, at: int | None = None) -> dict[str, Any]:
    """The request as Slack sends it: form-encoded `payload`, signed by slack_sdk's verifier."""
    raw = urlencode({"payload": json.dumps(body)}).encode()
    timestamp = str(at if at is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=raw)
    assert signature is not None
    return {
        "content": raw,
        "headers": {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature,
        },
    }


async def press(client: AsyncClient, body: dict[str, Any], **signing_over: Any) -> Response:
    return await client.post(INTERACTIONS, **signed(body, **signing_over))


async def deliver(sessionmaker: Maker) -> None:
    soon = round_now() + timedelta(seconds=2)
    await outbox.deliver({"sessionmaker": sessionmaker, "now": lambda: soon})


async def setup(client: AsyncClient, session: AsyncSession) -> tuple[Desk, dict[str, Any]]:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk)
    esc = await escalate(client, session, desk, inbox)
    assert (await connect(client, desk)).status_code == 200
    return desk, esc


def replies(receiver: HttpReceiver) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in receiver.requests if r.path.startswith("/response")]


async def link_slack_user(
    client: AsyncClient, receiver: HttpReceiver, sessionmaker: Maker, desk: Desk, who: str
) -> None:
    """Press as an unknown Slack user, follow the ephemeral link, confirm as `who`."""
    receiver.requests.clear()
    r = await press(client, payload({"id": str(uuid.uuid4())}, f"{receiver.url}/response"))
    assert r.status_code == 200, r.text
    await deliver(sessionmaker)
    [note] = replies(receiver)
    assert note["response_type"] == "ephemeral" and note["replace_original"] is False
    token = note["text"].split("/slack/link/")[1].split("|")[0]
    r = await client.post(f"/api/v1/slack/links/{token}", headers=desk.headers[who])
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "linked"
    receiver.requests.clear()


class TestIntegration:
    async def test_admin_connects_and_the_secret_is_stored_encrypted_never_shown(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await connect(client, desk)
        assert r.status_code == 200, r.text
        assert r.json()["team_id"] == TEAM and SECRET not in r.text
        r = await client.get(desk.url("/integrations/slack"), headers=desk.headers["admin"])
        assert r.json()["signing_secret_set"] is True and SECRET not in r.text
        stored = await session.scalar(
            select(SlackIntegration.signing_secret_encrypted).where(
                SlackIntegration.org_id == desk.org.id
            )
        )
        assert stored and SECRET not in stored

    async def test_only_admins_configure_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        r = await client.put(
            desk.url("/integrations/slack"),
            json={"team_id": TEAM, "signing_secret": SECRET},
            headers=desk.headers["supervisor"],
        )
        assert_problem(r, 403)
        bad = await client.put(
            desk.url("/integrations/slack"),
            json={"team_id": "not a team", "signing_secret": "short"},
            headers=desk.headers["admin"],
        )
        assert_problem(bad, 422)

    async def test_a_workspace_belongs_to_one_organisation(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        first, second = await make_desk(session), await make_desk(session)
        assert (await connect(client, first)).status_code == 200
        assert_problem(await connect(client, second), 409, "slack-team-taken")


class TestVerification:
    def test_our_signature_is_slacks(self) -> None:
        body = b"payload=%7B%22a%22%3A1%7D"
        reference = SignatureVerifier(SECRET).generate_signature(timestamp="1531420618", body=body)
        assert signing.signature(SECRET, timestamp="1531420618", body=body) == reference

    async def test_a_wrong_signature_an_old_timestamp_and_a_replay_are_refused(
        self, client: AsyncClient, session: AsyncSession, receiver: HttpReceiver
    ) -> None:
        _, esc = await setup(client, session)
        body = payload(esc, f"{receiver.url}/response")
        r = await press(client, body, secret="0" * 32)
        assert_problem(r, 401, "slack-signature-invalid")
        r = await press(client, body, at=int(time.time()) - 6 * 60)
        assert_problem(r, 401, "slack-signature-invalid")
        unsigned = signed(body)
        del unsigned["headers"]["x-slack-signature"]
        assert_problem(await client.post(INTERACTIONS, **unsigned), 401, "slack-signature-invalid")

        once = signed(body)
        assert (await client.post(INTERACTIONS, **once)).status_code == 200
        assert_problem(await client.post(INTERACTIONS, **once), 401, "slack-request-replayed")

    async def test_an_unknown_workspace_and_a_bad_payload_are_refused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        _, esc = await setup(client, session)
        other = {**payload(esc, "https://hooks.slack.com/actions/T/1/x"), "team": {"id": "T0THER"}}
        assert_problem(await press(client, other), 401, "slack-signature-invalid")
        garbage = await client.post(
            INTERACTIONS,
            content=b"payload=not-json",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert_problem(garbage, 422, "slack-payload-invalid")

    async def test_a_secret_stored_under_another_secret_key_is_refused_not_a_500(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, esc = await setup(client, session)
        monkeypatch.setattr(get_settings(), "secret_key", SecretStr("rotated-" + "k" * 40))
        refused = await press(client, payload(esc, "https://hooks.slack.com/actions/T/1/x"))
        body = assert_problem(refused, 401, "slack-signature-invalid")
        assert "enter it again" in body["detail"]

    async def test_response_url_must_be_slacks_unless_private_targets_are_allowed(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "webhook_allow_private", False)
        _, esc = await setup(client, session)
        for url in ("http://127.0.0.1:9/response", "https://hooks.slack.com.evil.test/x"):
            r = await press(client, payload(esc, url))
            assert_problem(r, 422, "slack-response-url-refused")
        r = await press(client, payload(esc, "https://hooks.slack.com/actions/T0001ABC/1/abc"))
        assert r.status_code == 200, r.text


class TestClaimFromSlack:
    async def test_unknown_user_links_then_claims_once_and_the_message_shows_who(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        receiver: HttpReceiver,
    ) -> None:
        desk, esc = await setup(client, session)
        response_url = f"{receiver.url}/response"
        r = await press(client, payload(esc, response_url))
        assert r.status_code == 200, r.text
        assert "escalation.claimed" not in await event_types(client, desk, esc["id"])
        await deliver(sessionmaker)
        [note] = replies(receiver)
        assert note["response_type"] == "ephemeral"
        token = note["text"].split("/slack/link/")[1].split("|")[0]

        url = f"/api/v1/slack/links/{token}"
        r = await client.get(url, headers=desk.headers["owner"])
        assert r.status_code == 200 and r.json()["state"] == "valid"
        assert r.json()["slack_user_id"] == "U0SLACK1" and r.json()["slack_user_name"] == "ann"
        r = await client.post(url, headers=desk.headers["owner"])
        assert r.status_code == 200 and r.json()["state"] == "linked"
        # The link is the owner's now: nobody else can take that Slack user.
        assert_problem(
            await client.post(url, headers=desk.headers["owner2"]), 409, "slack-user-already-linked"
        )

        receiver.requests.clear()
        r = await press(client, payload(esc, response_url))
        assert r.status_code == 200, r.text
        types = await event_types(client, desk, esc["id"])
        assert types.count("escalation.claimed") == 1
        got = await client.get(desk.url(f"/escalations/{esc['id']}"), headers=desk.headers["admin"])
        assert got.json()["claimed_by"] == str(desk.owner.id)

        await deliver(sessionmaker)
        [update] = replies(receiver)
        assert update["replace_original"] is True
        owner = await session.get(User, desk.owner.id)
        assert owner is not None
        context = update["blocks"][-1]["elements"][0]["text"]
        assert f"Claimed by *{owner.display_name or owner.email}*" in context
        buttons = [
            e["action_id"]
            for b in update["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
        ]
        assert buttons == ["open"]  # Claim is gone from the message

    async def test_a_lost_race_says_who_won_and_claims_nothing(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        receiver: HttpReceiver,
    ) -> None:
        desk, esc = await setup(client, session)
        await link_slack_user(client, receiver, sessionmaker, desk, "owner")
        inbox = {"id": esc["inbox_id"]}
        assert (await claim(client, desk, inbox, "owner2")).status_code == 201
        r = await press(client, payload(esc, f"{receiver.url}/response"))
        assert r.status_code == 200, r.text
        await deliver(sessionmaker)
        [note] = replies(receiver)
        assert note["response_type"] == "ephemeral"
        owner2 = await session.get(User, desk.owner2.id)
        assert owner2 is not None
        assert f"{owner2.display_name or owner2.email} claimed it first" in note["text"]
        assert (await event_types(client, desk, esc["id"])).count("escalation.claimed") == 1

    async def test_a_member_who_does_not_own_the_inbox_claims_nothing(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        receiver: HttpReceiver,
    ) -> None:
        desk, esc = await setup(client, session)
        await link_slack_user(client, receiver, sessionmaker, desk, "supervisor")
        r = await press(client, payload(esc, f"{receiver.url}/response"))
        assert r.status_code == 200, r.text
        await deliver(sessionmaker)
        [note] = replies(receiver)
        assert note["text"].startswith("Not claimed: ")
        assert "escalation.claimed" not in await event_types(client, desk, esc["id"])

    async def test_open_is_a_link_and_changes_nothing(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        receiver: HttpReceiver,
    ) -> None:
        _, esc = await setup(client, session)
        r = await press(client, payload(esc, f"{receiver.url}/response", action="open"))
        assert r.status_code == 200, r.text
        await deliver(sessionmaker)
        assert replies(receiver) == []
        rows = await session.scalars(
            select(Notification).where(Notification.event_type.like("slack.%"))
        )
        assert list(rows) == []


class TestMessage:
    def row(self, event_type: str) -> Notification:
        return Notification(
            id=uuid.uuid4(),
            org_id=uuid.uuid4(),
            escalation_id=uuid.uuid4(),
            event_type=event_type,
            title="New escalation in Billing: Ann",
            body="Inbox: Billing\nOpen: http://spa/e",
            payload={"context": {"link": "http://spa/orgs/o/escalations/e"}},
        )

    def test_an_escalation_to_claim_has_claim_and_open_buttons(self) -> None:
        row = self.row("escalation.created")
        message = webhook_sender.slack_message(row, base_url="http://spa")
        [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
        assert [(e["action_id"], e.get("value") or e.get("url")) for e in actions["elements"]] == [
            ("claim", str(row.escalation_id)),
            ("open", "http://spa/orgs/o/escalations/e"),
        ]

    def test_a_resolved_escalation_has_only_open(self) -> None:
        message = webhook_sender.slack_message(self.row("escalation.resolved"), base_url="x")
        [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
        assert [e["action_id"] for e in actions["elements"]] == ["open"]

    def test_a_breach_also_has_acknowledge(self) -> None:
        message = webhook_sender.slack_message(self.row("escalation.sla_breached"), base_url="x")
        [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
        assert [e["action_id"] for e in actions["elements"]] == ["claim", "acknowledge", "open"]


async def breach(session: AsyncSession, esc: dict[str, Any]) -> None:
    """The resolution deadline passed: as the SLA engine leaves an escalation after a breach."""
    escalation = await session.get(Escalation, uuid.UUID(esc["id"]))
    assert escalation is not None
    escalation.breached_resolution = True
    row = event_row(
        escalation.id,
        escalation.org_id,
        EventType.sla_breached,
        actor_id=None,
        now=round_now(),
        target="resolution",
        due_at=round_now(),
    )
    session.add(EscalationEvent(**row))
    await session.flush()


class TestAcknowledgeFromSlack:
    async def test_a_breach_is_acknowledged_once_and_the_message_shows_who(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        receiver: HttpReceiver,
    ) -> None:
        desk, esc = await setup(client, session)
        await link_slack_user(client, receiver, sessionmaker, desk, "owner")
        await breach(session, esc)
        r = await press(client, payload(esc, f"{receiver.url}/response", action="acknowledge"))
        assert r.status_code == 200, r.text
        assert (await event_types(client, desk, esc["id"])).count(
            "escalation.breach_acknowledged"
        ) == 1
        await deliver(sessionmaker)
        [update] = replies(receiver)
        assert update["replace_original"] is True
        assert "Breach acknowledged by *" in update["blocks"][-1]["elements"][0]["text"]

        receiver.requests.clear()
        r = await press(client, payload(esc, f"{receiver.url}/response", action="acknowledge"))
        assert r.status_code == 200, r.text
        await deliver(sessionmaker)
        [note] = replies(receiver)
        assert note["response_type"] == "ephemeral" and "acknowledged it already" in note["text"]
        assert (await event_types(client, desk, esc["id"])).count(
            "escalation.breach_acknowledged"
        ) == 1

    async def test_no_breach_or_not_an_owner_acknowledges_nothing(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        receiver: HttpReceiver,
    ) -> None:
        desk, esc = await setup(client, session)
        await link_slack_user(client, receiver, sessionmaker, desk, "agent")
        for breached in (False, True):
            if breached:
                await breach(session, esc)
            receiver.requests.clear()
            # Each press has a response_url of its own (as Slack gives them).
            url = f"{receiver.url}/response/{int(breached)}"
            r = await press(client, payload(esc, url, action="acknowledge"))
            assert r.status_code == 200, r.text
            await deliver(sessionmaker)
            [note] = replies(receiver)
            assert note["text"].startswith("Not acknowledged: ")
        assert "escalation.breach_acknowledged" not in await event_types(client, desk, esc["id"])
