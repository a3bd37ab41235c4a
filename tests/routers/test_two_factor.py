"""Two-factor over HTTP: a member's own endpoints, and organisations that require it."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from arq import ArqRedis
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import _now
from app.main import app
from app.models import Organisation, Role, SecurityEvent, SecurityEventKind, User
from app.services import two_factor
from tests.factories import (
    API,
    PASSWORD,
    assert_problem,
    auth,
    make_api_key,
    make_member,
    make_org,
    make_user,
)

TWO_FACTOR = f"{API}/users/me/two-factor"
START = datetime(2026, 12, 1, 12, 0, 5, tzinfo=UTC)
STEP = timedelta(seconds=30)


@pytest.fixture
def clock(client: AsyncClient) -> Iterator[list[datetime]]:
    """The requests' clock, moved by the test (a TOTP code is accepted once per 30 s step)."""
    now = [START]
    app.dependency_overrides[_now] = lambda: now[0]
    yield now
    app.dependency_overrides.pop(_now, None)


async def enrol_over_http(
    client: AsyncClient, user: User, clock: list[datetime]
) -> tuple[pyotp.TOTP, list[str]]:
    headers = await auth(user)
    r = await client.post(f"{TWO_FACTOR}/enrolment", headers=headers)
    assert r.status_code == 201, r.text
    totp = pyotp.TOTP(r.json()["secret"])
    r = await client.post(
        f"{TWO_FACTOR}/enrolment/confirm", json={"code": totp.at(clock[0])}, headers=headers
    )
    assert r.status_code == 200, r.text
    clock[0] += STEP  # the next request uses a fresh step
    return totp, r.json()["backup_codes"]


async def enable_directly(session: AsyncSession, redis: ArqRedis, user: User) -> pyotp.TOTP:
    started = await two_factor.start_enrolment(
        session, user_id=user.id, email=user.email, now=START - STEP
    )
    totp = pyotp.TOTP(started.secret)
    await two_factor.confirm_enrolment(
        session, redis, user_id=user.id, code=totp.at(START - STEP), now=START - STEP
    )
    return totp


class TestEnrolment:
    async def test_enrol_confirm_and_status(
        self, client: AsyncClient, session: AsyncSession, clock: list[datetime]
    ) -> None:
        user = await make_user(session)
        headers = await auth(user)
        r = await client.get(TWO_FACTOR, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json() == {
            "enabled": False,
            "enabled_at": None,
            "enrolment_pending": False,
            "backup_codes_left": 0,
        }
        r = await client.post(f"{TWO_FACTOR}/enrolment", headers=headers)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["qr_svg"].startswith("<svg") and body["secret"] in body["otpauth_uri"]
        assert (await client.get(TWO_FACTOR, headers=headers)).json()["enrolment_pending"]

        code = pyotp.TOTP(body["secret"]).at(clock[0])
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        r = await client.post(
            f"{TWO_FACTOR}/enrolment/confirm", json={"code": wrong}, headers=headers
        )
        assert_problem(r, 422, "two-factor-code-invalid")
        r = await client.post(
            f"{TWO_FACTOR}/enrolment/confirm", json={"code": code}, headers=headers
        )
        assert r.status_code == 200, r.text
        assert len(r.json()["backup_codes"]) == 10

        r = await client.get(TWO_FACTOR, headers=headers)
        assert r.json()["enabled"] and r.json()["backup_codes_left"] == 10
        assert_problem(
            await client.post(f"{TWO_FACTOR}/enrolment", headers=headers),
            409,
            "two-factor-already-enabled",
        )

    async def test_a_wrong_code_is_audited_although_the_request_fails(
        self, client: AsyncClient, session: AsyncSession, clock: list[datetime]
    ) -> None:
        user = await make_user(session)
        await enrol_over_http(client, user, clock)
        r = await client.post(
            f"{TWO_FACTOR}/disable",
            json={"password": PASSWORD, "code": "not-a-code"},
            headers={**await auth(user), "User-Agent": "tfa-test"},
        )
        assert_problem(r, 422, "two-factor-code-invalid")
        failed = (
            await session.scalars(
                select(SecurityEvent).where(
                    SecurityEvent.user_id == user.id,
                    SecurityEvent.kind == SecurityEventKind.two_factor_failed,
                )
            )
        ).all()
        assert [(e.detail, e.user_agent) for e in failed] == [({"reason": "code"}, "tfa-test")]
        assert await two_factor.is_enabled(session, user.id)  # nothing else of it stayed

    async def test_confirm_without_an_enrolment_is_409(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        r = await client.post(
            f"{TWO_FACTOR}/enrolment/confirm", json={"code": "123456"}, headers=await auth(user)
        )
        assert_problem(r, 409, "two-factor-enrolment-not-started")

    async def test_api_keys_cannot_touch_two_factor(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        _, headers = await make_api_key(session, org, ["admin", "read"])
        assert_problem(await client.get(TWO_FACTOR, headers=headers), 403, "missing-scope")
        assert_problem(
            await client.post(f"{TWO_FACTOR}/enrolment", headers=headers), 403, "missing-scope"
        )

    async def test_unauthenticated_is_401(self, client: AsyncClient) -> None:
        assert_problem(await client.get(TWO_FACTOR), 401)


class TestDisable:
    async def test_needs_the_password_and_a_code(
        self, client: AsyncClient, session: AsyncSession, clock: list[datetime]
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol_over_http(client, user, clock)
        headers, url = await auth(user), f"{TWO_FACTOR}/disable"
        code = totp.at(clock[0])
        assert_problem(
            await client.post(url, json={"password": "wrong one", "code": code}, headers=headers),
            422,
            "wrong-password",
        )
        assert_problem(await client.post(url, json={"password": PASSWORD}, headers=headers), 422)
        r = await client.post(url, json={"password": PASSWORD, "code": code}, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["enabled"] is False
        kinds = (
            await session.scalars(
                select(SecurityEvent.kind)
                .where(SecurityEvent.user_id == user.id)
                .order_by(SecurityEvent.at)
            )
        ).all()
        assert kinds[0] is SecurityEventKind.two_factor_enrolled
        assert kinds[-1] is SecurityEventKind.two_factor_disabled
        assert SecurityEventKind.two_factor_failed in kinds  # the wrong password

    async def test_a_backup_code_can_stand_in_for_the_app(
        self, client: AsyncClient, session: AsyncSession, clock: list[datetime]
    ) -> None:
        user = await make_user(session)
        _, codes = await enrol_over_http(client, user, clock)
        r = await client.post(
            f"{TWO_FACTOR}/disable",
            json={"password": PASSWORD, "code": codes[3]},
            headers=await auth(user),
        )
        assert r.status_code == 200, r.text


class TestRegenerateBackupCodes:
    async def test_old_codes_stop_working(
        self, client: AsyncClient, session: AsyncSession, clock: list[datetime]
    ) -> None:
        user = await make_user(session)
        totp, old = await enrol_over_http(client, user, clock)
        headers = await auth(user)
        r = await client.post(
            f"{TWO_FACTOR}/backup-codes",
            json={"password": PASSWORD, "code": totp.at(clock[0])},
            headers=headers,
        )
        assert r.status_code == 200, r.text
        new = r.json()["backup_codes"]
        assert len(new) == 10 and not set(new) & set(old)
        r = await client.post(
            f"{TWO_FACTOR}/disable", json={"password": PASSWORD, "code": old[0]}, headers=headers
        )
        assert_problem(r, 422, "two-factor-code-invalid")


class TestRateLimit:
    async def test_429_with_retry_after_after_repeated_failures(
        self, client: AsyncClient, session: AsyncSession, clock: list[datetime]
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol_over_http(client, user, clock)
        headers, url = await auth(user), f"{TWO_FACTOR}/disable"
        for _ in range(two_factor.MAX_FAILURES):
            r = await client.post(url, json={"password": PASSWORD, "code": "xx"}, headers=headers)
            assert_problem(r, 422, "two-factor-code-invalid")
        r = await client.post(
            url, json={"password": PASSWORD, "code": totp.at(clock[0])}, headers=headers
        )
        body = assert_problem(r, 429, "two-factor-rate-limited")
        assert 0 < int(r.headers["Retry-After"]) <= two_factor.FAILURE_WINDOW_SECONDS
        assert body["retry_after"] == int(r.headers["Retry-After"])


class TestOrganisationRequirement:
    async def test_an_admin_must_enrol_before_requiring_it(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        url, headers = f"{API}/orgs/{org.id}", await auth(admin)
        r = await client.patch(url, json={"require_two_factor": True}, headers=headers)
        assert_problem(r, 409, "two-factor-enrol-before-requiring")

        await enable_directly(session, redis, admin)
        r = await client.patch(url, json={"require_two_factor": True}, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["require_two_factor"] is True
        event = await session.scalar(
            select(SecurityEvent).where(
                SecurityEvent.kind == SecurityEventKind.two_factor_requirement_changed
            )
        )
        assert event is not None and event.org_id == org.id and event.user_id == admin.id

    async def test_supervisors_and_up_without_it_are_sent_to_enrol_until_they_do(
        self, client: AsyncClient, session: AsyncSession, redis: ArqRedis, clock: list[datetime]
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        supervisor = await make_member(session, org, Role.supervisor)
        agent = await make_member(session, org, Role.agent)
        await enable_directly(session, redis, owner)
        r = await client.patch(
            f"{API}/orgs/{org.id}", json={"require_two_factor": True}, headers=await auth(owner)
        )
        assert r.status_code == 200, r.text
        inboxes = f"{API}/orgs/{org.id}/inboxes"

        as_supervisor = await auth(supervisor)
        body = assert_problem(
            await client.get(inboxes, headers=as_supervisor), 403, "two-factor-enrolment-required"
        )
        assert body["enrolment"].endswith("/users/me/two-factor/enrolment")
        assert (await client.get(inboxes, headers=await auth(agent))).status_code == 200
        assert (await client.get(inboxes, headers=await auth(owner))).status_code == 200
        _, key_headers = await make_api_key(session, org, ["read"])
        assert (await client.get(inboxes, headers=key_headers)).status_code == 200
        # The organisation list (a user route) still answers, saying what it requires.
        r = await client.get(f"{API}/orgs", headers=as_supervisor)
        assert r.status_code == 200 and r.json()["items"][0]["require_two_factor"] is True

        await enrol_over_http(client, supervisor, clock)
        assert (await client.get(inboxes, headers=as_supervisor)).status_code == 200

    async def test_an_org_without_the_requirement_asks_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        r = await client.get(f"{API}/orgs/{org.id}/inboxes", headers=await auth(admin))
        assert r.status_code == 200, r.text
        found = await session.get(Organisation, org.id)
        assert found is not None and found.require_two_factor is False
