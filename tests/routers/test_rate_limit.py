"""Rate limits: sign-in per IP and per email, authenticated requests per user, 429 problems with
Retry-After; health endpoints never limited; off switch; Redis down fails open."""

import logging
import socket
from collections.abc import Iterator

import pytest
from arq import ArqRedis
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.deps import get_redis
from app.main import app
from tests.factories import API, PASSWORD, assert_problem, auth, make_user

LOGIN = f"{API}/auth/jwt/login"
REGISTER = f"{API}/auth/register"
ME = f"{API}/users/me"


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Small limits: 10 sign-ins per email, 100 per IP, 5 requests per user, per minute."""
    settings = get_settings()
    monkeypatch.setattr(settings, "rate_limit_enabled", True)
    monkeypatch.setattr(settings, "rate_limit_sign_in_per_email", "10/minute")
    monkeypatch.setattr(settings, "rate_limit_sign_in_per_ip", "100/minute")
    monkeypatch.setattr(settings, "rate_limit_per_user", "5/minute")
    yield None


async def login(client: AsyncClient, email: str, password: str = "wrong-password") -> Response:
    return await client.post(LOGIN, data={"username": email, "password": password})


def assert_rate_limited(response: Response) -> None:
    body = assert_problem(response, 429, "rate-limited")
    assert body["detail"]
    assert 1 <= int(response.headers["Retry-After"]) <= 60


class TestSignIn:
    async def test_eleventh_login_for_one_email_is_429(
        self, client: AsyncClient, limits: None
    ) -> None:
        for _ in range(10):
            assert_problem(await login(client, "ann@example.com"), 400, "bad-request")
        assert_rate_limited(await login(client, "ann@example.com"))

    async def test_a_limited_email_is_refused_even_with_the_right_password(
        self, client: AsyncClient, session: AsyncSession, limits: None
    ) -> None:
        await make_user(session, email="bob@example.com")
        for _ in range(10):
            await login(client, "bob@example.com")
        assert_rate_limited(await login(client, "bob@example.com", PASSWORD))

    async def test_email_is_counted_case_insensitively(
        self, client: AsyncClient, limits: None
    ) -> None:
        for i in range(10):
            await login(client, "Cat@Example.com" if i % 2 else "cat@example.com")
        assert_rate_limited(await login(client, "CAT@EXAMPLE.COM"))

    async def test_another_email_from_the_same_ip_hits_the_ip_limit(
        self, client: AsyncClient, limits: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_sign_in_per_ip", "3/minute")
        for i in range(3):
            assert_problem(await login(client, f"user{i}@example.com"), 400)
        assert_rate_limited(await login(client, "fresh@example.com"))

    async def test_register_shares_the_email_budget(
        self, client: AsyncClient, limits: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_sign_in_per_email", "1/minute")
        r = await client.post(
            REGISTER, json={"email": "dan@example.com", "password": "s3cret-pass"}
        )
        assert r.status_code == 201, r.text
        assert_rate_limited(await login(client, "dan@example.com", "s3cret-pass"))

    async def test_under_the_limit_login_works(
        self, client: AsyncClient, session: AsyncSession, limits: None
    ) -> None:
        await make_user(session, email="eve@example.com")
        r = await login(client, "eve@example.com", PASSWORD)
        assert r.status_code == 200, r.text
        assert r.json()["token_type"] == "bearer"


class TestPerUser:
    async def test_a_user_over_the_limit_gets_429_and_another_user_is_unaffected(
        self, client: AsyncClient, session: AsyncSession, limits: None
    ) -> None:
        busy, other = await make_user(session), await make_user(session)
        for _ in range(5):
            assert (await client.get(ME, headers=await auth(busy))).status_code == 200
        assert_rate_limited(await client.get(ME, headers=await auth(busy)))
        assert_rate_limited(await client.get(f"{API}/orgs", headers=await auth(busy)))
        r = await client.get(ME, headers=await auth(other))
        assert r.status_code == 200, r.text

    async def test_no_token_is_still_401(self, client: AsyncClient, limits: None) -> None:
        for _ in range(7):
            assert_problem(await client.get(ME), 401, "unauthorized")

    async def test_unknown_org_is_still_404_under_the_limit(
        self, client: AsyncClient, session: AsyncSession, limits: None
    ) -> None:
        user = await make_user(session)
        r = await client.get(
            f"{API}/orgs/00000000-0000-0000-0000-000000000000/campaigns", headers=await auth(user)
        )
        assert_problem(r, 404)


class TestNeverLimited:
    async def test_health_endpoints(
        self, client: AsyncClient, limits: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_sign_in_per_ip", "1/minute")
        monkeypatch.setattr(get_settings(), "rate_limit_per_user", "1/minute")
        for _ in range(5):
            assert (await client.get("/healthz")).status_code == 200
            assert (await client.get("/readyz")).status_code == 200

    async def test_nothing_when_disabled(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        settings = get_settings()
        monkeypatch.setattr(settings, "rate_limit_enabled", False)
        monkeypatch.setattr(settings, "rate_limit_sign_in_per_ip", "1/minute")
        monkeypatch.setattr(settings, "rate_limit_sign_in_per_email", "1/minute")
        monkeypatch.setattr(settings, "rate_limit_per_user", "1/minute")
        user = await make_user(session)
        for _ in range(5):
            assert_problem(await login(client, "fay@example.com"), 400, "bad-request")
            assert (await client.get(ME, headers=await auth(user))).status_code == 200


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TestRedisDown:
    async def test_requests_are_served_and_a_warning_logged(
        self,
        client: AsyncClient,
        session: AsyncSession,
        limits: None,
        monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_sign_in_per_email", "1/minute")
        monkeypatch.setattr(get_settings(), "rate_limit_per_user", "1/minute")
        down = ArqRedis(host="127.0.0.1", port=closed_port(), socket_connect_timeout=1)
        app.dependency_overrides[get_redis] = lambda: down
        user = await make_user(session, email="gus@example.com")
        with caplog.at_level(logging.WARNING, logger="app.ratelimit"):
            for _ in range(3):
                assert (await login(client, "gus@example.com", PASSWORD)).status_code == 200
                assert (await client.get(ME, headers=await auth(user))).status_code == 200
        assert any("redis unreachable" in r.getMessage() for r in caplog.records)
        await down.aclose()


class TestOpenApi:
    async def test_429_is_documented_where_limits_apply(self, client: AsyncClient) -> None:
        paths = (await client.get("/openapi.json")).json()["paths"]
        assert "429" in paths["/api/v1/auth/jwt/login"]["post"]["responses"]
        assert "429" in paths["/api/v1/auth/register"]["post"]["responses"]
        assert "429" in paths["/api/v1/users/me"]["get"]["responses"]
        assert "429" in paths["/api/v1/orgs"]["get"]["responses"]
        assert "429" not in paths["/healthz"]["get"]["responses"]
