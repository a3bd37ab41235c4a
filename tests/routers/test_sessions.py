"""Cookie sessions, cross-site request forgery, and sessions that can be ended from anywhere."""

from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models import AuthSession, Role, SecurityEvent, SecurityEventKind, User
from app.models.base import utcnow
from app.services import sessions
from tests.factories import API, PASSWORD, assert_problem, auth, make_member, make_org, make_user

ME = f"{API}/users/me"
SESSIONS = f"{API}/users/me/sessions"
# What a browser sends with a fetch from our own page (the test app is served at http://test).
SAME_ORIGIN = {"Origin": "http://test", "Sec-Fetch-Site": "same-origin"}
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)


def session_cookie(response: Response) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    return cookie


async def cookie_sign_in(
    client: AsyncClient, user: User, headers: dict[str, str] | None = None
) -> dict[str, str]:
    """Sign in as the SPA does; the headers a browser would send with the cookie afterwards."""
    r = await client.post(
        f"{API}/auth/cookie/login",
        data={"username": user.email, "password": PASSWORD},
        headers={**SAME_ORIGIN, "User-Agent": CHROME, **(headers or {})},
    )
    assert r.status_code == 204, r.text
    value = session_cookie(r)["escalations_session"].value
    return {"Cookie": f"escalations_session={value}", **SAME_ORIGIN}


class TestCookieSignIn:
    async def test_the_session_is_an_httponly_lax_cookie_and_no_token_reaches_script(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.post(
            f"{API}/auth/cookie/login",
            data={"username": user.email, "password": PASSWORD},
            headers=SAME_ORIGIN,
        )
        assert r.status_code == 204 and r.content == b""  # nothing for script to read
        morsel = session_cookie(r)["escalations_session"]
        assert morsel["httponly"] is True
        assert morsel["samesite"] == "lax"
        assert morsel["path"] == "/"
        assert int(morsel["max-age"]) == get_settings().access_token_lifetime_seconds
        assert not morsel["secure"]  # BASE_URL is http here

    async def test_the_cookie_is_secure_when_the_app_is_served_over_https(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "base_url", "https://escalations.example.com")
        user = await make_user(session)
        r = await client.post(
            f"{API}/auth/cookie/login",
            data={"username": user.email, "password": PASSWORD},
            headers={"Sec-Fetch-Site": "same-origin"},
        )
        assert r.status_code == 204, r.text
        assert session_cookie(r)["escalations_session"]["secure"] is True

    async def test_the_cookie_authenticates_reads_and_same_origin_changes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        cookie = await cookie_sign_in(client, user)
        r = await client.get(ME, headers={"Cookie": cookie["Cookie"]})
        assert r.status_code == 200 and r.json()["id"] == str(user.id)
        r = await client.post(f"{API}/orgs", json={"name": "Acme"}, headers=cookie)
        assert r.status_code == 201, r.text

    async def test_wrong_password_is_a_400_and_is_audited(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.post(
            f"{API}/auth/cookie/login",
            data={"username": user.email, "password": "not the password"},
            headers=SAME_ORIGIN,
        )
        problem = assert_problem(r, 400, "bad-request")
        assert problem["error_code"] == "LOGIN_BAD_CREDENTIALS"
        assert "set-cookie" not in r.headers
        failed = await session.scalar(
            select(SecurityEvent).where(
                SecurityEvent.user_id == user.id,
                SecurityEvent.kind == SecurityEventKind.sign_in_failed,
            )
        )
        assert failed is not None and failed.detail == {"email": user.email}


class TestCrossSiteRequests:
    """SameSite=Lax keeps the cookie off most cross-site requests; Origin and Fetch Metadata
    refuse the rest. A forged form post is what an attacker's page sends."""

    async def test_a_forged_cross_site_form_post_is_refused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        cookie = (await cookie_sign_in(client, user))["Cookie"]
        r = await client.post(
            f"{API}/orgs",
            json={"name": "Forged"},
            headers={
                "Cookie": cookie,
                "Origin": "https://evil.example",
                "Sec-Fetch-Site": "cross-site",
            },
        )
        assert_problem(r, 403, "cross-site-request")

    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "https://evil.example"},  # an older browser: no Fetch Metadata
            {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site's page too
            {"Origin": "null"},  # a sandboxed frame or a data: URL
            {},  # no browser would send a cookie without saying where from
        ],
    )
    async def test_unsafe_requests_that_do_not_come_from_our_pages_are_refused(
        self, client: AsyncClient, session: AsyncSession, headers: dict[str, str]
    ) -> None:
        user = await make_user(session)
        cookie = (await cookie_sign_in(client, user))["Cookie"]
        r = await client.patch(
            ME, json={"display_name": "Forged"}, headers={"Cookie": cookie, **headers}
        )
        assert_problem(r, 403, "cross-site-request")
        r = await client.get(ME, headers={"Cookie": cookie})
        assert r.json()["display_name"] != "Forged"

    async def test_a_bearer_token_needs_no_origin(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.post(f"{API}/orgs", json={"name": "Script"}, headers=await auth(user))
        assert r.status_code == 201, r.text

    async def test_a_cross_site_sign_in_is_refused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        """Login CSRF: a page elsewhere must not sign the victim in to the attacker's account."""
        user = await make_user(session)
        r = await client.post(
            f"{API}/auth/cookie/login",
            data={"username": user.email, "password": PASSWORD},
            headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        )
        assert_problem(r, 403, "cross-site-request")
        assert "set-cookie" not in r.headers


class TestEndingSessions:
    async def test_cookie_sign_out_ends_the_session_on_the_server(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        cookie = await cookie_sign_in(client, user)
        r = await client.post(f"{API}/auth/cookie/logout", headers=cookie)
        assert r.status_code == 204
        cleared = session_cookie(r)["escalations_session"]
        assert cleared.value == "" and cleared["max-age"] == "0"
        # A copy of the cookie kept elsewhere (stolen) is worthless now.
        assert_problem(await client.get(ME, headers={"Cookie": cookie["Cookie"]}), 401)

    async def test_bearer_sign_out_ends_the_token(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.post(
            f"{API}/auth/jwt/login", data={"username": user.email, "password": PASSWORD}
        )
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        assert (await client.get(ME, headers=headers)).status_code == 200
        assert (await client.post(f"{API}/auth/jwt/logout", headers=headers)).status_code == 204
        assert_problem(await client.get(ME, headers=headers), 401)

    async def test_a_session_ended_from_another_device_fails_there_at_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        laptop = await cookie_sign_in(client, user)
        phone = await auth(user)
        listed = (await client.get(SESSIONS, headers=laptop)).json()
        assert len(listed) == 2
        this, other = sorted(listed, key=lambda s: not s["current"])
        assert this["current"] and this["transport"] == "cookie"
        assert this["device"] == "Chrome 156 on Linux"
        assert other["transport"] == "bearer" and not other["current"]
        r = await client.delete(f"{SESSIONS}/{other['id']}", headers=laptop)
        assert r.status_code == 204
        assert_problem(await client.get(ME, headers=phone), 401)
        assert (await client.get(ME, headers=laptop)).status_code == 200
        ended = await session.scalar(
            select(SecurityEvent).where(
                SecurityEvent.user_id == user.id,
                SecurityEvent.kind == SecurityEventKind.session_ended,
            )
        )
        assert ended is not None
        assert ended.detail == {"session_id": other["id"], "reason": "ended_by_member"}

    async def test_ending_every_other_session_keeps_this_one(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        here = await cookie_sign_in(client, user)
        elsewhere = [await auth(user) for _ in range(3)]
        r = await client.delete(SESSIONS, headers=here)
        assert r.status_code == 200 and r.json() == {"ended": 3}
        for headers in elsewhere:
            assert_problem(await client.get(ME, headers=headers), 401)
        assert (await client.get(ME, headers=here)).status_code == 200
        assert len((await client.get(SESSIONS, headers=here)).json()) == 1

    async def test_someone_elses_session_is_not_found(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user, other = await make_user(session), await make_user(session)
        theirs = await auth(other)
        their_id = (await client.get(SESSIONS, headers=theirs)).json()[0]["id"]
        r = await client.delete(f"{SESSIONS}/{their_id}", headers=await auth(user))
        assert_problem(r, 404, "session-not-found")
        assert (await client.get(ME, headers=theirs)).status_code == 200

    async def test_a_password_change_ends_every_other_session(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        here = await cookie_sign_in(client, user)
        stolen = await auth(user)
        r = await client.patch(ME, json={"password": "a new and long passphrase 42"}, headers=here)
        assert r.status_code == 200, r.text
        assert_problem(await client.get(ME, headers=stolen), 401)
        assert (await client.get(ME, headers=here)).status_code == 200
        kinds = set(
            await session.scalars(
                select(SecurityEvent.kind).where(SecurityEvent.user_id == user.id)
            )
        )
        assert {SecurityEventKind.password_changed, SecurityEventKind.session_ended} <= kinds

    async def test_a_deactivated_account_is_signed_out_everywhere(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        admin = await make_user(session, is_superuser=True)
        devices = [await auth(user), await auth(user)]
        r = await client.patch(
            f"{API}/users/{user.id}", json={"is_active": False}, headers=await auth(admin)
        )
        assert r.status_code == 200, r.text
        open_sessions = await session.scalars(
            select(AuthSession).where(
                AuthSession.user_id == user.id, AuthSession.ended_at.is_(None)
            )
        )
        assert list(open_sessions) == []
        for headers in devices:
            assert_problem(await client.get(ME, headers=headers), 401)

    async def test_a_member_removed_from_an_organisation_is_signed_out(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        member = await make_member(session, org, Role.agent)
        theirs = await auth(member)
        r = await client.delete(
            f"{API}/orgs/{org.id}/members/{member.id}", headers=await auth(admin)
        )
        assert r.status_code == 204, r.text
        assert_problem(await client.get(ME, headers=theirs), 401)
        reason = await session.scalar(
            select(AuthSession.end_reason).where(AuthSession.user_id == member.id)
        )
        assert reason == "removed_from_organisation"

    async def test_an_expired_session_is_refused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        headers = await auth(user)
        await session.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user.id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        assert_problem(await client.get(ME, headers=headers), 401)


class TestLastSeen:
    async def test_moves_at_most_once_a_minute(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        headers = await auth(user)
        then = utcnow() - sessions.LAST_SEEN_GRANULARITY - timedelta(seconds=5)
        await session.execute(
            update(AuthSession).where(AuthSession.user_id == user.id).values(last_seen_at=then)
        )
        assert (await client.get(ME, headers=headers)).status_code == 200
        seen = await session.scalar(
            select(AuthSession.last_seen_at).where(AuthSession.user_id == user.id)
        )
        assert seen is not None and seen > then
        # Within the minute, requests write nothing.
        recent = utcnow() - timedelta(seconds=10)
        await session.execute(
            update(AuthSession).where(AuthSession.user_id == user.id).values(last_seen_at=recent)
        )
        assert (await client.get(ME, headers=headers)).status_code == 200
        again = await session.scalar(
            select(AuthSession.last_seen_at).where(AuthSession.user_id == user.id)
        )
        assert again == recent


class TestKeys:
    async def test_an_api_key_cannot_list_or_end_sessions(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        from tests.factories import make_api_key

        org = await make_org(session)
        _, headers = await make_api_key(session, org)
        assert_problem(await client.get(SESSIONS, headers=headers), 403, "missing-scope")
