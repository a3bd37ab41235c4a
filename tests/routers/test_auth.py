"""Accounts: register, log in, and the caller (`/users/me`), through fastapi-users."""

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from tests.factories import API, PASSWORD, assert_problem, auth, make_user

REGISTER = f"{API}/auth/register"
LOGIN = f"{API}/auth/jwt/login"
ME = f"{API}/users/me"


class TestRegister:
    async def test_creates_an_active_unprivileged_user(self, client: AsyncClient) -> None:
        r = await client.post(
            REGISTER, json={"email": "ann@example.com", "password": "s3cret-pass"}
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["email"] == "ann@example.com"
        assert body["is_active"] is True and body["is_superuser"] is False
        assert "password" not in body and "hashed_password" not in body
        uuid.UUID(body["id"])

    async def test_cannot_make_itself_superuser(self, client: AsyncClient) -> None:
        r = await client.post(
            REGISTER,
            json={"email": "eve@example.com", "password": "s3cret-pass", "is_superuser": True},
        )
        assert r.status_code == 201, r.text
        assert r.json()["is_superuser"] is False

    async def test_duplicate_email_is_400(self, client: AsyncClient, session: AsyncSession) -> None:
        await make_user(session, email="taken@example.com")
        r = await client.post(
            REGISTER, json={"email": "taken@example.com", "password": "s3cret-pass"}
        )
        body = assert_problem(r, 400, "bad-request")
        assert body["error_code"] == "REGISTER_USER_ALREADY_EXISTS"

    async def test_duplicate_email_in_other_case_is_400(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        await make_user(session, email="case@example.com")
        r = await client.post(
            REGISTER, json={"email": "CASE@example.com", "password": "s3cret-pass"}
        )
        assert_problem(r, 400, "bad-request")

    @pytest.mark.parametrize(
        ("password", "says"),
        [
            ("short", "at least 8"),
            ("x" * 257, "at most 256"),
            ("weak@example.com-suffix", "email"),
            ("password123", "most common"),  # breached lists (NIST 800-63B)
            ("Qwertyuiop", "most common"),  # in any case
        ],
        ids=["too-short", "too-long", "contains-email", "breached", "breached-any-case"],
    )
    async def test_weak_password_is_400(
        self, client: AsyncClient, password: str, says: str
    ) -> None:
        r = await client.post(REGISTER, json={"email": "weak@example.com", "password": password})
        body = assert_problem(r, 400, "bad-request")
        assert body["error_code"] == "REGISTER_INVALID_PASSWORD"
        assert says in str(body)

    @pytest.mark.parametrize("email", ["not-an-email", "a@", "", "a\x00b@example.com", 42])
    async def test_bad_email_is_422(self, client: AsyncClient, email: object) -> None:
        r = await client.post(REGISTER, json={"email": email, "password": "s3cret-pass"})
        assert_problem(r, 422, "validation-error")

    async def test_missing_password_is_422(self, client: AsyncClient) -> None:
        r = await client.post(REGISTER, json={"email": "ann@example.com"})
        body = assert_problem(r, 422, "validation-error")
        assert ["body", "password"] in [e["loc"] for e in body["errors"]]

    async def test_unknown_field_is_422(self, client: AsyncClient) -> None:
        r = await client.post(
            REGISTER, json={"email": "ann@example.com", "password": "s3cret-pass", "role": "owner"}
        )
        assert_problem(r, 422, "validation-error")


class TestLogin:
    async def test_returns_a_bearer_token_that_works(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session, email="bo@example.com")
        r = await client.post(LOGIN, data={"username": "bo@example.com", "password": PASSWORD})
        assert r.status_code == 200, r.text
        assert r.json()["token_type"] == "bearer"
        me = await client.get(ME, headers={"Authorization": f"Bearer {r.json()['access_token']}"})
        assert me.status_code == 200 and me.json()["id"] == str(user.id)

    async def test_wrong_password_is_400(self, client: AsyncClient, session: AsyncSession) -> None:
        await make_user(session, email="bo@example.com")
        r = await client.post(LOGIN, data={"username": "bo@example.com", "password": "wrong-one"})
        body = assert_problem(r, 400, "bad-request")
        assert body["error_code"] == "LOGIN_BAD_CREDENTIALS"

    async def test_unknown_user_is_400(self, client: AsyncClient) -> None:
        r = await client.post(LOGIN, data={"username": "nobody@example.com", "password": PASSWORD})
        assert_problem(r, 400, "bad-request")

    async def test_inactive_user_is_400(self, client: AsyncClient, session: AsyncSession) -> None:
        user = await make_user(session, email="gone@example.com")
        user.is_active = False
        await session.flush()
        r = await client.post(LOGIN, data={"username": "gone@example.com", "password": PASSWORD})
        assert_problem(r, 400, "bad-request")

    async def test_json_instead_of_form_is_422(self, client: AsyncClient) -> None:
        r = await client.post(LOGIN, json={"username": "bo@example.com", "password": PASSWORD})
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        "field, value",
        [("username", "bo\x00@example.com"), ("password", "pass\x00word")],
    )
    async def test_nul_byte_is_a_4xx_not_a_500(
        self, client: AsyncClient, session: AsyncSession, field: str, value: str
    ) -> None:
        await make_user(session, email="bo@example.com")
        data = {"username": "bo@example.com", "password": PASSWORD, field: value}
        r = await client.post(LOGIN, data=data)
        assert_problem(r, 400)
        # The failed login leaves the account usable.
        ok = await client.post(LOGIN, data={"username": "bo@example.com", "password": PASSWORD})
        assert ok.status_code == 200, ok.text


def _token(user_id: uuid.UUID, *, expires_at: datetime, secret: str | None = None) -> str:
    payload = {"sub": str(user_id), "aud": ["fastapi-users:auth"], "exp": expires_at}
    key = secret or get_settings().secret_key.get_secret_value()
    return jwt.encode(payload, key, algorithm="HS256")


class TestMe:
    async def test_returns_the_caller(self, client: AsyncClient, session: AsyncSession) -> None:
        user = await make_user(session)
        r = await client.get(ME, headers=await auth(user))
        assert r.status_code == 200, r.text
        assert r.json()["id"] == str(user.id) and r.json()["email"] == user.email

    async def test_without_token_is_401(self, client: AsyncClient) -> None:
        assert_problem(await client.get(ME), 401, "unauthorized")

    @pytest.mark.parametrize(
        "header",
        ["Bearer garbage", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "garbage"],
    )
    async def test_garbage_token_is_401(self, client: AsyncClient, header: str) -> None:
        r = await client.get(ME, headers={"Authorization": header})
        assert_problem(r, 401, "unauthorized")

    async def test_expired_token_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        user = await make_user(session)
        token = _token(user.id, expires_at=datetime.now(UTC) - timedelta(seconds=5))
        r = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
        assert_problem(r, 401, "unauthorized")

    async def test_token_signed_with_another_key_is_401(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        token = _token(user.id, expires_at=datetime.now(UTC) + timedelta(hours=1), secret="x" * 40)
        r = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
        assert_problem(r, 401, "unauthorized")

    async def test_token_of_an_unknown_user_is_401(self, client: AsyncClient) -> None:
        token = _token(uuid.uuid4(), expires_at=datetime.now(UTC) + timedelta(hours=1))
        r = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
        assert_problem(r, 401, "unauthorized")

    async def test_token_of_a_deactivated_user_is_401(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        user.is_active = False
        await session.flush()
        assert_problem(await client.get(ME, headers=await auth(user)), 401, "unauthorized")


class TestUpdateMe:
    async def test_sets_display_name(self, client: AsyncClient, session: AsyncSession) -> None:
        user = await make_user(session)
        r = await client.patch(ME, json={"display_name": "Ann"}, headers=await auth(user))
        assert r.status_code == 200, r.text
        assert r.json()["display_name"] == "Ann"

    async def test_cannot_make_itself_superuser(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.patch(ME, json={"is_superuser": True}, headers=await auth(user))
        assert r.status_code == 200, r.text
        assert r.json()["is_superuser"] is False

    @pytest.mark.parametrize(
        "body",
        [{"display_name": "x" * 121}, {"display_name": 5}, {"email": "nope"}, {"colour": "red"}],
        ids=["too-long", "wrong-type", "bad-email", "unknown-field"],
    )
    async def test_bad_input_is_422(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, object]
    ) -> None:
        user = await make_user(session)
        r = await client.patch(ME, json=body, headers=await auth(user))
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("field", ["email", "password"])
    async def test_null_email_or_password_is_422_and_changes_nothing(
        self, client: AsyncClient, session: AsyncSession, field: str
    ) -> None:
        user = await make_user(session)
        h = await auth(user)
        r = await client.patch(ME, json={field: None}, headers=h)
        assert_problem(r, 422, "validation-error")
        me = await client.get(ME, headers=h)
        assert me.status_code == 200 and me.json()["email"] == user.email

    async def test_null_display_name_clears_it(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session, display_name="Ann")
        r = await client.patch(ME, json={"display_name": None}, headers=await auth(user))
        assert r.status_code == 200 and r.json()["display_name"] is None

    async def test_nul_in_display_name_is_4xx(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.patch(ME, json={"display_name": "a\x00b"}, headers=await auth(user))
        assert r.status_code in (400, 422), r.text
        assert_problem(r, r.status_code)

    async def test_without_token_is_401(self, client: AsyncClient) -> None:
        assert_problem(await client.patch(ME, json={"display_name": "x"}), 401, "unauthorized")


class TestLogout:
    async def test_is_204(self, client: AsyncClient, session: AsyncSession) -> None:
        user = await make_user(session)
        r = await client.post(f"{API}/auth/jwt/logout", headers=await auth(user))
        assert r.status_code == 204 and r.content == b""

    async def test_without_token_is_401(self, client: AsyncClient) -> None:
        assert_problem(await client.post(f"{API}/auth/jwt/logout"), 401, "unauthorized")


class TestVerifiedTokens:
    """A token's signature is checked once and its verdict kept (app/auth.py), so these make sure
    the kept verdict never outlives the token or covers a forged one."""

    async def test_an_expired_token_is_refused_after_it_was_accepted(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from app import access_tokens

        user = await make_user(session)
        headers = await auth(user)
        assert (await client.get(ME, headers=headers)).status_code == 200
        real_time = access_tokens.time.time
        lifetime = get_settings().access_token_lifetime_seconds
        monkeypatch.setattr(access_tokens.time, "time", lambda: real_time() + lifetime + 1)
        assert_problem(await client.get(ME, headers=headers), 401)

    async def test_a_token_signed_with_another_secret_is_refused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        headers = await auth(user)
        assert (await client.get(ME, headers=headers)).status_code == 200
        # The very claims of a live session, signed with another key.
        claims = jwt.decode(headers["Authorization"][7:], options={"verify_signature": False})
        forged = jwt.encode(
            {"sub": claims["sub"], "sid": claims["sid"], "aud": ["fastapi-users:auth"]},
            "another-secret-of-at-least-thirty-two-bytes!",
            algorithm="HS256",
        )
        r = await client.get(ME, headers={"Authorization": f"Bearer {forged}"})
        assert_problem(r, 401)
