"""The security audit trail: what is recorded, and how an organisation's admins read it."""

from datetime import datetime, timedelta

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Organisation, Role, SecurityEvent, SecurityEventKind, User
from app.models.base import utcnow
from app.services import security_audit
from tests.factories import API, assert_problem, auth, make_member, make_org, make_user


def _events(org_id: object) -> str:
    return f"{API}/orgs/{org_id}/security-events"


class TestRecord:
    async def test_clips_long_text_and_keeps_an_unknown_email(self, session: AsyncSession) -> None:
        await security_audit.record(
            session,
            kind=SecurityEventKind.sign_in_failed,
            user_id=None,
            ip="203.0.113.9",
            user_agent="x" * 2000,
            detail={"email": "a" * 5000 + "@example.com"},
            at=utcnow(),
        )
        event = await session.scalar(
            select(SecurityEvent).where(SecurityEvent.kind == SecurityEventKind.sign_in_failed)
        )
        assert event is not None and event.user_id is None
        assert len(event.user_agent or "") == security_audit.MAX_USER_AGENT
        assert event.detail["email"].startswith("aaa")
        assert len(event.detail["email"]) == security_audit.MAX_DETAIL_TEXT


class TestApiKeyEvents:
    async def test_creating_and_revoking_a_key_is_recorded_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        headers = {**await auth(admin), "User-Agent": "audit-test/1.0"}
        r = await client.post(
            f"{API}/orgs/{org.id}/api-keys",
            json={"name": "Bridge", "scopes": ["read"]},
            headers=headers,
        )
        assert r.status_code == 201, r.text
        key_id = r.json()["id"]
        for _ in range(2):  # revoking twice is one revocation
            r = await client.post(f"{API}/orgs/{org.id}/api-keys/{key_id}/revoke", headers=headers)
            assert r.status_code == 200, r.text

        r = await client.get(_events(org.id), headers=headers)
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        assert [e["kind"] for e in items] == ["api_key_revoked", "api_key_created"]
        created = items[1]
        assert created["user_id"] == str(admin.id) and created["user_email"] == admin.email
        assert created["org_id"] == str(org.id)
        assert created["detail"] == {"api_key_id": key_id, "name": "Bridge", "scopes": ["read"]}
        assert created["user_agent"] == "audit-test/1.0" and created["ip"]


class TestListSecurityEvents:
    async def _seed(self, session: AsyncSession) -> tuple[Organisation, User, User, datetime]:
        """An organisation with an admin and an agent, each with events an hour apart, plus an
        outsider's event and another organisation's API key event (neither may show)."""
        org, other = await make_org(session), await make_org(session)
        admin = await make_member(session, org, Role.admin)
        agent = await make_member(session, org, Role.agent)
        outsider = await make_member(session, other, Role.owner)
        start = utcnow() - timedelta(hours=10)
        kinds = [SecurityEventKind.sign_in, SecurityEventKind.two_factor_failed]
        for i in range(6):
            await security_audit.record(
                session,
                kind=kinds[i % 2],
                user_id=(admin, agent)[i % 2].id,
                at=start + timedelta(hours=i),
            )
        await security_audit.record(
            session, kind=SecurityEventKind.sign_in, user_id=outsider.id, at=start
        )
        await security_audit.record(
            session,
            kind=SecurityEventKind.api_key_created,
            user_id=outsider.id,
            org_id=other.id,
            at=start,
        )
        # The agent belongs to `other` too: an API key event of `other` stays `other`'s.
        await make_member(session, other, Role.admin, user=agent)
        await security_audit.record(
            session,
            kind=SecurityEventKind.api_key_revoked,
            user_id=agent.id,
            org_id=other.id,
            at=start,
        )
        return org, admin, agent, start

    async def test_members_events_newest_first_page_by_page(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org, admin, _, _ = await self._seed(session)
        headers, cursor = await auth(admin), None
        seen: list[dict[str, object]] = []
        while True:
            params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
            r = await client.get(_events(org.id), params=params, headers=headers)
            assert r.status_code == 200, r.text
            seen += r.json()["items"]
            cursor = r.json()["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == 6
        stamps = [e["at"] for e in seen]
        assert stamps == sorted(stamps, reverse=True)
        assert {e["kind"] for e in seen} == {"sign_in", "two_factor_failed"}

    async def test_filters_by_kind_member_and_time(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org, admin, agent, start = await self._seed(session)
        headers, url = await auth(admin), _events(org.id)

        r = await client.get(url, params={"kind": "two_factor_failed"}, headers=headers)
        assert [e["user_id"] for e in r.json()["items"]] == [str(agent.id)] * 3

        r = await client.get(url, params={"user_id": str(admin.id)}, headers=headers)
        assert {e["kind"] for e in r.json()["items"]} == {"sign_in"}
        assert len(r.json()["items"]) == 3

        since, until = start + timedelta(hours=1), start + timedelta(hours=3)
        r = await client.get(
            url,
            params={"since": since.isoformat(), "until": until.isoformat()},
            headers=headers,
        )
        got = [datetime.fromisoformat(e["at"]) for e in r.json()["items"]]
        assert got == [start + timedelta(hours=h) for h in (2, 1)]  # since in, until out

        r = await client.get(
            url, params={"kind": ["sign_in", "two_factor_failed"], "limit": 200}, headers=headers
        )
        assert len(r.json()["items"]) == 6

    async def test_bad_filters_are_422_not_500(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        headers = await auth(admin)
        for params in (
            {"kind": "nonsense"},
            {"since": "0001-01-01T00:00:00+14:00"},
            {"until": "2026-01-01T00:00:00"},  # no offset
        ):
            assert_problem(await client.get(_events(org.id), params=params, headers=headers), 422)

    async def test_agents_and_supervisors_are_403_other_orgs_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        for role in (Role.agent, Role.supervisor):
            member = await make_member(session, org, role)
            assert_problem(
                await client.get(_events(org.id), headers=await auth(member)),
                403,
                "insufficient-role",
            )
        owner = await make_member(session, org, Role.owner)
        assert (await client.get(_events(org.id), headers=await auth(owner))).status_code == 200
        stranger = await make_user(session)
        assert_problem(
            await client.get(_events(org.id), headers=await auth(stranger)),
            404,
            "organisation-not-found",
        )
