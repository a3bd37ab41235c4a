"""OpenID Connect sign-in against a real provider (oidc-provider on loopback): the whole flow, and
each way it must fail with a clear problem and no session."""

import secrets
import socket
from collections.abc import Iterator
from datetime import timedelta
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from httpx import AsyncClient, Response
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.deps import _now
from app.main import app
from app.models import Membership, Organisation, Role, SecurityEvent, SecurityEventKind, User
from app.models.base import utcnow
from app.services import sso
from tests.factories import API, PASSWORD, assert_problem, auth, make_member, make_org, make_user
from tests.oidc import ALPHA, BETA, CALLBACK, UNVERIFIED, running_provider, sign_in_at_provider

DOMAIN = "acme.example.com"
NIA = f"nia@{DOMAIN}"
MALLORY = "mallory@evil.example.com"


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with running_provider() as url:
        yield url


@pytest.fixture(autouse=True)
def served_at_test(monkeypatch: pytest.MonkeyPatch) -> None:
    # The provider knows the callback as http://test/…, where the test client reaches the app.
    monkeypatch.setattr(get_settings(), "base_url", "http://test")


async def configure(
    client: AsyncClient, org: Organisation, admin: User, issuer: str, **over: Any
) -> dict[str, Any]:
    body = {
        "name": "Acme SSO",
        "issuer": issuer,
        "client_id": ALPHA.client_id,
        "client_secret": ALPHA.client_secret,
        "allowed_domains": ["acme.example.com"],
        "default_role": "agent",
        **over,
    }
    r = await client.put(f"{API}/orgs/{org.id}/sso", json=body, headers=await auth(admin))
    assert r.status_code == 200, r.text
    return r.json()


async def start(client: AsyncClient, provider_id: str, next_path: str = "/orgs") -> tuple[str, str]:
    """The authorization URL the app sends the browser to, and the state cookie it set."""
    r = await client.get(f"{API}/auth/sso/{provider_id}/start", params={"next": next_path})
    assert r.status_code == 302, r.text
    cookie = SimpleCookie()
    cookie.load(r.headers["set-cookie"])
    return r.headers["location"], cookie["escalations_sso_state"].value


async def finish(client: AsyncClient, callback_url: str, state_cookie: str) -> Response:
    query = urlsplit(callback_url).query
    return await client.get(
        f"{API}/auth/sso/callback?{query}",
        headers={"Cookie": f"escalations_sso_state={state_cookie}"},
    )


def session_cookie(response: Response) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        if "escalations_session" in cookie and cookie["escalations_session"].value:
            return cookie["escalations_session"].value
    return None


@pytest.fixture
async def acme(
    client: AsyncClient, session: AsyncSession, issuer: str
) -> tuple[Organisation, dict[str, Any]]:
    org = await make_org(session)
    admin = await make_member(session, org, Role.admin)
    return org, await configure(client, org, admin, issuer)


class TestSignIn:
    async def test_a_newcomer_signs_in_joins_with_the_role_and_gets_a_cookie_session(
        self, client: AsyncClient, session: AsyncSession, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        org, provider = acme
        authorize, state = await start(client, provider["id"], "/orgs/here")
        query = parse_qs(urlsplit(authorize).query)
        assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
        assert query["state"] == [state] and query["nonce"] and query["scope"] == ["openid email"]

        r = await finish(client, await sign_in_at_provider(authorize, NIA.title()), state)
        assert r.status_code == 302, r.text
        assert r.headers["location"] == "/signed-in?next=%2Forgs%2Fhere"
        token = session_cookie(r)
        assert token is not None
        me = await client.get(f"{API}/users/me", headers={"Cookie": f"escalations_session={token}"})
        assert me.status_code == 200 and me.json()["email"] == NIA
        user_id = me.json()["id"]
        role = await session.scalar(
            select(Membership.role).where(
                Membership.org_id == org.id, Membership.user_id == user_id
            )
        )
        assert role is Role.agent
        signed_in = await session.scalar(
            select(func.count())
            .select_from(SecurityEvent)
            .where(
                SecurityEvent.user_id == user_id, SecurityEvent.kind == SecurityEventKind.sign_in
            )
        )
        assert signed_in == 1

        # The second time: the same account and membership, a new session.
        authorize, state = await start(client, provider["id"])
        r = await finish(client, await sign_in_at_provider(authorize, NIA), state)
        assert r.status_code == 302 and session_cookie(r) not in (None, token)
        users = await session.scalar(
            select(func.count()).select_from(User).where(User.email == NIA)
        )
        assert users == 1

    async def test_an_existing_account_is_matched_by_email(
        self, client: AsyncClient, session: AsyncSession, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        org, provider = acme
        existing = await make_member(
            session,
            org,
            Role.supervisor,
            user=await make_user(session, email="Sam@" + DOMAIN),
        )
        authorize, state = await start(client, provider["id"])
        r = await finish(client, await sign_in_at_provider(authorize, "sam@" + DOMAIN), state)
        assert r.status_code == 302, r.text
        me = await client.get(
            f"{API}/users/me", headers={"Cookie": f"escalations_session={session_cookie(r)}"}
        )
        assert me.json()["id"] == str(existing.id)
        membership = await session.get(Membership, (org.id, existing.id))
        assert membership is not None and membership.role is Role.supervisor  # not lowered

    async def test_discovery_by_email_domain(
        self, client: AsyncClient, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        _, provider = acme
        r = await client.get(f"{API}/auth/sso/discover", params={"email": "who@ACME.example.com"})
        assert r.status_code == 200
        assert r.json() == {
            "provider": {
                "provider_id": provider["id"],
                "name": "Acme SSO",
                "start_url": f"/api/v1/auth/sso/{provider['id']}/start",
            }
        }
        r = await client.get(
            f"{API}/auth/sso/discover", params={"email": "who@elsewhere.example.com"}
        )
        assert r.status_code == 200 and r.json() == {"provider": None}  # passwords, then


class TestRefused:
    """Each a clear problem, and no session."""

    async def test_a_wrong_state(
        self, client: AsyncClient, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        _, provider = acme
        authorize, state = await start(client, provider["id"])
        callback = await sign_in_at_provider(authorize, NIA)
        r = await finish(client, callback, "another-browsers-state")
        assert_problem(r, 400, "sso-state-invalid")
        assert session_cookie(r) is None
        forged = callback.replace(f"state={state}", "state=made-up")
        r = await finish(client, forged, "made-up")
        assert_problem(r, 400, "sso-state-invalid")

    async def test_a_replayed_code(
        self, client: AsyncClient, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        _, provider = acme
        authorize, state = await start(client, provider["id"])
        callback = await sign_in_at_provider(authorize, NIA)
        assert (await finish(client, callback, state)).status_code == 302
        # The same answer again: its state is used up.
        assert_problem(await finish(client, callback, state), 400, "sso-state-invalid")
        # The same code under a fresh sign-in's state: the provider refuses it.
        _, fresh = await start(client, provider["id"])
        code = parse_qs(urlsplit(callback).query)["code"][0]
        r = await finish(client, f"{CALLBACK}?code={code}&state={fresh}", fresh)
        assert_problem(r, 400, "sso-provider-refused")
        assert session_cookie(r) is None

    async def test_an_expired_id_token(
        self, client: AsyncClient, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        _, provider = acme
        authorize, state = await start(client, provider["id"])
        callback = await sign_in_at_provider(authorize, NIA)
        later = utcnow() + timedelta(hours=2)  # the provider's ID tokens last an hour
        app.dependency_overrides[_now] = lambda: later
        try:
            r = await finish(client, callback, state)
        finally:
            app.dependency_overrides.pop(_now, None)
        problem = assert_problem(r, 401, "sso-id-token-invalid")
        assert "exp" in problem["detail"] or "expired" in problem["detail"].lower()
        assert session_cookie(r) is None

    async def test_an_email_outside_the_allowed_domains(
        self, client: AsyncClient, session: AsyncSession, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        _, provider = acme
        authorize, state = await start(client, provider["id"])
        r = await finish(client, await sign_in_at_provider(authorize, MALLORY), state)
        problem = assert_problem(r, 403, "sso-email-not-allowed")
        assert "acme.example.com" in problem["detail"]
        assert await session.scalar(select(User).where(User.email == MALLORY)) is None

    async def test_an_unverified_email(
        self, client: AsyncClient, acme: tuple[Organisation, dict[str, Any]]
    ) -> None:
        _, provider = acme
        authorize, state = await start(client, provider["id"])
        r = await finish(client, await sign_in_at_provider(authorize, UNVERIFIED), state)
        assert_problem(r, 403, "sso-email-not-allowed")

    async def test_a_provider_that_is_down(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        provider = await configure(client, org, admin, closed_port_url())
        r = await client.get(f"{API}/auth/sso/{provider['id']}/start")
        assert_problem(r, 503, "sso-provider-unavailable")

    async def test_an_id_token_for_another_audience(self, issuer: str) -> None:
        """A real ID token the provider issued to another client (beta) is no token for alpha."""
        id_token, nonce = await id_token_for(issuer, BETA)
        async with httpx.AsyncClient() as http:
            keys = (await http.get(f"{issuer}/jwks")).json()
        claims = sso.verify_id_token(
            id_token, keys, issuer=issuer, client_id=BETA.client_id, nonce=nonce, now=utcnow()
        )
        assert claims["aud"] == BETA.client_id  # genuine for its own audience
        with pytest.raises(sso.SsoIdTokenInvalid, match="aud"):
            sso.verify_id_token(
                id_token, keys, issuer=issuer, client_id=ALPHA.client_id, nonce=nonce, now=utcnow()
            )
        with pytest.raises(sso.SsoIdTokenInvalid, match="nonce"):
            sso.verify_id_token(
                id_token, keys, issuer=issuer, client_id=BETA.client_id, nonce="other", now=utcnow()
            )


class TestSettings:
    async def test_only_admins_and_the_secret_is_never_shown(
        self, client: AsyncClient, session: AsyncSession, issuer: str
    ) -> None:
        org, other = await make_org(session), await make_org(session)
        admin = await make_member(session, org, Role.admin)
        agent = await make_member(session, org, Role.agent)
        saved = await configure(client, org, admin, issuer)
        assert "client_secret" not in saved and "client_secret_encrypted" not in saved
        r = await client.get(f"{API}/orgs/{org.id}/sso", headers=await auth(agent))
        assert_problem(r, 403)
        r = await client.get(f"{API}/orgs/{other.id}/sso", headers=await auth(admin))
        assert_problem(r, 404)
        # A change without the secret keeps it.
        r = await client.put(
            f"{API}/orgs/{org.id}/sso",
            json={
                **{k: saved[k] for k in ("name", "issuer", "client_id", "allowed_domains")},
                "name": "Acme",
            },
            headers=await auth(admin),
        )
        assert r.status_code == 200 and r.json()["name"] == "Acme"

    @pytest.mark.parametrize(
        ("change", "why"),
        [
            ({"issuer": "http://idp.example.com"}, "https"),
            ({"default_role": "owner"}, "owner"),
            ({"allowed_domains": []}, "allowed_domains"),
            ({"client_secret": None}, "secret"),
        ],
    )
    async def test_bad_settings_are_422(
        self,
        client: AsyncClient,
        session: AsyncSession,
        issuer: str,
        change: dict[str, Any],
        why: str,
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        body = {
            "name": "Acme SSO",
            "issuer": issuer,
            "client_id": "alpha",
            "client_secret": "s",
            "allowed_domains": ["acme.example.com"],
            **change,
        }
        r = await client.put(f"{API}/orgs/{org.id}/sso", json=body, headers=await auth(admin))
        assert r.status_code == 422, r.text
        assert why in r.text

    async def test_passwords_can_be_turned_off_for_the_organisation(
        self, client: AsyncClient, session: AsyncSession, issuer: str
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        member = await make_member(session, org, Role.agent)
        await configure(client, org, admin, issuer, passwords_allowed=False)
        r = await client.post(
            f"{API}/auth/jwt/login", data={"username": member.email, "password": PASSWORD}
        )
        assert_problem(r, 403, "password-sign-in-disabled")
        outsider = await make_user(session)
        r = await client.post(
            f"{API}/auth/jwt/login", data={"username": outsider.email, "password": PASSWORD}
        )
        assert r.status_code == 200


def closed_port_url() -> str:
    """An issuer URL on a loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def id_token_for(issuer: str, client: Any) -> tuple[str, str]:
    """A real ID token the provider issues to `client`, through its own authorization-code flow."""
    verifier, nonce, state = (secrets.token_urlsafe(32) for _ in range(3))
    params = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": CALLBACK,
        "scope": "openid email",
        "state": state,
        "nonce": nonce,
        "code_challenge": create_s256_code_challenge(verifier),
        "code_challenge_method": "S256",
    }
    authorize = str(httpx.URL(f"{issuer}/auth", params=params))
    callback = await sign_in_at_provider(authorize, NIA)
    code = parse_qs(urlsplit(callback).query)["code"][0]
    async with httpx.AsyncClient() as http:
        r = await http.post(
            f"{issuer}/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": CALLBACK,
                "code_verifier": verifier,
                "client_id": client.client_id,
                "client_secret": client.client_secret,
            },
        )
    assert r.status_code == 200, r.text
    return r.json()["id_token"], nonce
