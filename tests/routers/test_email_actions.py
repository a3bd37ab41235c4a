"""One-click email actions: the Claim link in a real email (aiosmtpd), then GET (describes,
changes nothing) and POST (claims once, by the API's rules) as the member it was sent to."""

import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import jwt
import pytest
from arq import ArqRedis
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import get_settings
from app.models import EscalationEvent, User
from app.services import action_links
from app.workers import outbox
from tests.escalation_helpers import (
    Desk,
    assert_problem,
    escalate,
    event_types,
    frozen,
    make_desk,
    make_inbox,
    round_now,
)
from tests.factories import make_api_key
from tests.routers.test_sessions import cookie_sign_in
from tests.workers.receivers import SmtpReceiver

Maker = async_sessionmaker[AsyncSession]
_LINK = re.compile(r"/actions/([A-Za-z0-9_\-.]+)")


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def smtp(smtp_server: SmtpReceiver, monkeypatch: pytest.MonkeyPatch) -> SmtpReceiver:
    smtp_server.clear()
    monkeypatch.setattr(get_settings(), "smtp_url", smtp_server.url)
    return smtp_server


def mint(desk: Desk, esc: dict[str, Any], user: User, at: datetime, **over: Any) -> str:
    fields: dict[str, Any] = {
        "token_id": uuid.uuid4(),
        "user_id": user.id,
        "org_id": desk.org.id,
        "escalation_id": uuid.UUID(esc["id"]),
        "action": "claim",
        "issued_at": at,
        **over,
    }
    return action_links.mint(**fields)


async def setup(client: AsyncClient, session: AsyncSession) -> tuple[Desk, dict[str, Any]]:
    desk = await make_desk(session)
    inbox = await make_inbox(client, desk, owner_ids=[str(desk.owner.id), str(desk.owner2.id)])
    return desk, await escalate(client, session, desk, inbox)


async def uses(redis: ArqRedis) -> int:
    return len(await redis.keys("email-action:used:*"))


class TestEmailedLink:
    async def test_the_owners_email_carries_a_claim_link_that_claims_once(
        self,
        client: AsyncClient,
        session: AsyncSession,
        sessionmaker: Maker,
        smtp: SmtpReceiver,
    ) -> None:
        desk, esc = await setup(client, session)
        soon = round_now() + timedelta(seconds=2)  # the rows are due from the escalation's time
        await outbox.deliver({"sessionmaker": sessionmaker, "now": lambda: soon})
        [message] = smtp.to(desk.owner.email)
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        [token] = _LINK.findall(text)
        assert f'href="{get_settings().base_url}/actions/{token}"' in html
        # The other owner's email has a link of their own.
        [other] = smtp.to(desk.owner2.email)
        assert _LINK.findall(other.get_body(("plain",)).get_content()) != [token]  # type: ignore[union-attr]

        url = f"/api/v1/actions/{token}"
        r = await client.get(url, headers=desk.headers["owner"])
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "valid" and r.json()["action"] == "claim"
        assert r.json()["escalation"]["id"] == esc["id"]

        r = await client.post(url, headers=desk.headers["owner"])
        assert r.status_code == 200, r.text
        assert r.json()["escalation"]["status"] == "claimed"
        assert r.json()["escalation"]["claimed_by"] == str(desk.owner.id)
        assert (await event_types(client, desk, esc["id"])).count("escalation.claimed") == 1

        replay = assert_problem(await client.post(url, headers=desk.headers["owner"]), 409)
        assert replay["type"].endswith("/action-link-used") and replay["used_at"]
        r = await client.get(url, headers=desk.headers["owner"])
        assert r.json()["state"] == "used" and r.json()["used_at"]
        assert (await event_types(client, desk, esc["id"])).count("escalation.claimed") == 1


class TestDescribe:
    async def test_get_changes_nothing(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        desk, esc = await setup(client, session)
        token = mint(desk, esc, desk.owner, round_now())
        events_before = await session.scalar(select(func.count()).select_from(EscalationEvent))
        for _ in range(2):
            r = await client.get(f"/api/v1/actions/{token}", headers=desk.headers["owner"])
            assert r.status_code == 200, r.text
            assert r.json()["state"] == "valid" and r.json()["used_at"] is None
            assert r.json()["escalation"]["status"] == "open"
        assert await uses(redis) == 0
        assert (
            await session.scalar(select(func.count()).select_from(EscalationEvent)) == events_before
        )

    async def test_signed_out_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        desk, esc = await setup(client, session)
        token = mint(desk, esc, desk.owner, round_now())
        assert_problem(await client.get(f"/api/v1/actions/{token}"), 401)
        assert_problem(await client.post(f"/api/v1/actions/{token}"), 401)

    async def test_expired_link_is_described_as_expired(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, esc = await setup(client, session)
        at = round_now()
        token = mint(desk, esc, desk.owner, at - action_links.LIFETIME)
        r = await client.get(f"/api/v1/actions/{token}", headers=desk.headers["owner"])
        assert r.status_code == 200 and r.json()["state"] == "expired"


class TestPerform:
    async def test_expired_is_refused(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        desk, esc = await setup(client, session)
        at = round_now()
        token = mint(desk, esc, desk.owner, at)
        with frozen(at + action_links.LIFETIME + timedelta(seconds=1)):
            r = await client.post(f"/api/v1/actions/{token}", headers=desk.headers["owner"])
        assert_problem(r, 409, "action-link-expired")
        assert await uses(redis) == 0

    async def test_another_member_is_refused(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        desk, esc = await setup(client, session)
        token = mint(desk, esc, desk.owner, round_now())
        for method in ("GET", "POST"):
            r = await client.request(
                method, f"/api/v1/actions/{token}", headers=desk.headers["owner2"]
            )
            assert_problem(r, 403, "action-link-not-yours")
        assert await uses(redis) == 0

    async def test_a_non_owner_is_refused_and_the_link_stays_usable(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        desk, esc = await setup(client, session)
        token = mint(desk, esc, desk.supervisor, round_now())
        url = f"/api/v1/actions/{token}"
        assert_problem(
            await client.post(url, headers=desk.headers["supervisor"]), 403, "not-inbox-owner"
        )
        assert await uses(redis) == 0
        r = await client.get(url, headers=desk.headers["supervisor"])
        assert r.json()["state"] == "valid"

    async def test_a_lost_race_says_who_won(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, esc = await setup(client, session)
        at = round_now()
        theirs = mint(desk, esc, desk.owner2, at)
        mine = mint(desk, esc, desk.owner, at)
        r = await client.post(f"/api/v1/actions/{theirs}", headers=desk.headers["owner2"])
        assert r.status_code == 200, r.text
        lost = assert_problem(
            await client.post(f"/api/v1/actions/{mine}", headers=desk.headers["owner"]),
            409,
            "escalation-already-claimed",
        )
        assert lost["claimed_by"] == str(desk.owner2.id)
        assert lost["claimed_by_name"]
        r = await client.get(f"/api/v1/actions/{mine}", headers=desk.headers["owner"])
        assert r.json()["state"] == "valid"  # the refused claim did not use the link

    @pytest.mark.parametrize(
        "tamper",
        ["garbage", "forged", "other-audience", "unknown-action"],
    )
    async def test_a_bad_token_is_a_clear_problem(
        self, client: AsyncClient, session: AsyncSession, tamper: str
    ) -> None:
        desk, esc = await setup(client, session)
        at = round_now()
        claims = {
            "aud": action_links.AUDIENCE,
            "jti": str(uuid.uuid4()),
            "sub": str(desk.owner.id),
            "org": str(desk.org.id),
            "esc": esc["id"],
            "act": "claim",
            "exp": int((at + timedelta(hours=1)).timestamp()),
        }
        key = action_links._key()
        token = {
            "garbage": "not.a.token",
            "forged": jwt.encode(claims, b"x" * 32, algorithm="HS256"),
            "other-audience": jwt.encode({**claims, "aud": "elsewhere"}, key, algorithm="HS256"),
            "unknown-action": jwt.encode({**claims, "act": "resolve"}, key, algorithm="HS256"),
        }[tamper]
        for method in ("GET", "POST"):
            r = await client.request(
                method, f"/api/v1/actions/{token}", headers=desk.headers["owner"]
            )
            assert_problem(r, 404, "action-link-invalid")
        r = await client.get("/api/v1/actions/%3Cscript%3E", headers=desk.headers["owner"])
        assert_problem(r, 422)

    async def test_api_keys_cannot_use_links(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, esc = await setup(client, session)
        _, key_headers = await make_api_key(session, desk.org, scopes=["read", "claim"])
        token = mint(desk, esc, desk.owner, round_now())
        r = await client.post(f"/api/v1/actions/{token}", headers=key_headers)
        assert_problem(r, 403, "missing-scope")


class TestFromTheBrowser:
    async def test_the_spa_confirms_with_its_cookie_and_another_sites_page_cannot(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        desk, esc = await setup(client, session)
        url = f"/api/v1/actions/{mint(desk, esc, desk.owner, round_now())}"
        browser = await cookie_sign_in(client, desk.owner)
        forged = await client.post(
            url,
            headers={
                "Cookie": browser["Cookie"],
                "Origin": "https://evil.example",
                "Sec-Fetch-Site": "cross-site",
            },
        )
        assert_problem(forged, 403, "cross-site-request")
        assert await uses(redis) == 0
        r = await client.post(url, headers=browser)
        assert r.status_code == 200, r.text
        assert r.json()["escalation"]["claimed_by"] == str(desk.owner.id)
