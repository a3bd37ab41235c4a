"""Signing in to an account with two-factor sign-in: the password step opens nothing, the code
step opens the session (cookie or bearer), once."""

from datetime import timedelta

import jwt
import pyotp
from arq import ArqRedis
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models import AuthSession, SecurityEvent, SecurityEventKind, User
from app.models.base import utcnow
from app.services import two_factor
from tests.factories import API, PASSWORD, assert_problem, make_user

ME = f"{API}/users/me"
SAME_ORIGIN = {"Origin": "http://test", "Sec-Fetch-Site": "same-origin"}


async def enrolled(session: AsyncSession, redis: ArqRedis) -> tuple[User, pyotp.TOTP, list[str]]:
    """A user with two-factor sign-in, enrolled with the previous 30-second step's code, so the
    current one is still unused."""
    user = await make_user(session)
    earlier = utcnow() - timedelta(seconds=30)
    started = await two_factor.start_enrolment(
        session, user_id=user.id, email=user.email, now=earlier
    )
    totp = pyotp.TOTP(started.secret)
    codes = await two_factor.confirm_enrolment(
        session, redis, user_id=user.id, code=totp.at(earlier), now=earlier
    )
    return user, totp, codes


async def password_step(client: AsyncClient, user: User, transport: str = "jwt") -> str:
    r = await client.post(
        f"{API}/auth/{transport}/login",
        data={"username": user.email, "password": PASSWORD},
        headers=SAME_ORIGIN,
    )
    problem = assert_problem(r, 401, "two-factor-required")
    assert "set-cookie" not in r.headers
    assert problem["expires_in"] == 300
    challenge: str = problem["challenge"]
    return challenge


async def open_sessions(session: AsyncSession, user: User) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(AuthSession).where(AuthSession.user_id == user.id)
        )
        or 0
    )


class TestBearer:
    async def test_the_password_alone_opens_nothing_and_a_code_opens_the_session(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        challenge = await password_step(client, user)
        assert await open_sessions(session, user) == 0
        r = await client.post(
            f"{API}/auth/jwt/two-factor", json={"challenge": challenge, "code": totp.now()}
        )
        assert r.status_code == 200, r.text
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        assert (await client.get(ME, headers=headers)).status_code == 200
        assert await open_sessions(session, user) == 1

    async def test_a_challenge_completes_one_sign_in_only(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, _, codes = await enrolled(session, redis)
        challenge = await password_step(client, user)
        url = f"{API}/auth/jwt/two-factor"
        r = await client.post(url, json={"challenge": challenge, "code": codes[0]})
        assert r.status_code == 200, r.text
        r = await client.post(url, json={"challenge": challenge, "code": codes[1]})
        assert_problem(r, 401, "two-factor-challenge-invalid")
        assert await open_sessions(session, user) == 1

    async def test_a_code_cannot_be_used_twice(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        code = totp.now()
        url = f"{API}/auth/jwt/two-factor"
        first = await password_step(client, user)
        assert (await client.post(url, json={"challenge": first, "code": code})).status_code == 200
        second = await password_step(client, user)
        r = await client.post(url, json={"challenge": second, "code": code})
        assert_problem(r, 422)
        assert await open_sessions(session, user) == 1

    async def test_a_wrong_code_is_refused_and_audited(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        challenge = await password_step(client, user)
        wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
        r = await client.post(
            f"{API}/auth/jwt/two-factor", json={"challenge": challenge, "code": wrong}
        )
        assert_problem(r, 422)
        assert await open_sessions(session, user) == 0
        failed = await session.scalar(
            select(func.count())
            .select_from(SecurityEvent)
            .where(
                SecurityEvent.user_id == user.id,
                SecurityEvent.kind == SecurityEventKind.two_factor_failed,
            )
        )
        assert failed == 1

    async def test_a_backup_code_works_once(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, _, codes = await enrolled(session, redis)
        url = f"{API}/auth/jwt/two-factor"
        challenge = await password_step(client, user)
        r = await client.post(url, json={"challenge": challenge, "code": codes[3]})
        assert r.status_code == 200, r.text
        challenge = await password_step(client, user)
        assert_problem(await client.post(url, json={"challenge": challenge, "code": codes[3]}), 422)

    async def test_an_expired_or_forged_challenge_is_refused(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        secret = get_settings().secret_key.get_secret_value()
        claims = {"sub": str(user.id), "tr": "bearer", "jti": "x", "aud": "escalations:two-factor"}
        expired = jwt.encode({**claims, "exp": utcnow() - timedelta(seconds=1)}, secret)
        forged = jwt.encode(claims, "another-secret-of-at-least-thirty-two-bytes!")
        for challenge in (expired, forged, "not a token"):
            r = await client.post(
                f"{API}/auth/jwt/two-factor", json={"challenge": challenge, "code": totp.now()}
            )
            assert_problem(r, 401, "two-factor-challenge-invalid")

    async def test_an_access_token_is_no_challenge(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        _, totp, _ = await enrolled(session, redis)
        other = await make_user(session)
        r = await client.post(
            f"{API}/auth/jwt/login", data={"username": other.email, "password": PASSWORD}
        )
        r = await client.post(
            f"{API}/auth/jwt/two-factor",
            json={"challenge": r.json()["access_token"], "code": totp.now()},
        )
        assert_problem(r, 401, "two-factor-challenge-invalid")


class TestCookie:
    async def test_the_code_step_sets_the_session_cookie(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        challenge = await password_step(client, user, "cookie")
        r = await client.post(
            f"{API}/auth/cookie/two-factor",
            json={"challenge": challenge, "code": totp.now()},
            headers=SAME_ORIGIN,
        )
        assert r.status_code == 204, r.text
        assert "escalations_session=" in r.headers["set-cookie"]
        assert "httponly" in r.headers["set-cookie"].lower()

    async def test_a_challenge_is_bound_to_its_transport(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        challenge = await password_step(client, user, "cookie")
        r = await client.post(
            f"{API}/auth/jwt/two-factor", json={"challenge": challenge, "code": totp.now()}
        )
        assert_problem(r, 401, "two-factor-challenge-invalid")

    async def test_the_code_step_refuses_another_sites_page(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user, totp, _ = await enrolled(session, redis)
        challenge = await password_step(client, user, "cookie")
        r = await client.post(
            f"{API}/auth/cookie/two-factor",
            json={"challenge": challenge, "code": totp.now()},
            headers={"Sec-Fetch-Site": "cross-site"},
        )
        assert_problem(r, 403, "cross-site-request")
