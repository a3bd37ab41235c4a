"""Organisation API keys: managing them, and calling the API with one."""

from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models import ApiKey, Membership, Notification, Role
from app.models.base import utcnow
from tests.escalation_helpers import HANDOFF, make_desk, make_inbox
from tests.factories import (
    API,
    assert_problem,
    auth,
    make_api_key,
    make_campaign,
    make_conversation,
    make_member,
    make_org,
)


class TestCreateApiKey:
    async def test_secret_is_shown_once_and_stored_hashed(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        r = await client.post(
            f"{API}/orgs/{org.id}/api-keys",
            json={"name": "Zendesk bridge", "scopes": ["read", "escalate"]},
            headers=await auth(admin),
        )
        assert r.status_code == 201, r.text
        created = r.json()
        secret = created["secret"]
        assert secret.startswith(f"eik_{created['prefix']}_")
        assert created["scopes"] == ["read", "escalate"]
        assert created["created_by"] == str(admin.id)

        key = await session.get(ApiKey, created["id"])
        assert key is not None and secret not in key.secret_hash and len(key.secret_hash) == 64
        r = await client.get(f"{API}/orgs/{org.id}/api-keys", headers=await auth(admin))
        assert r.status_code == 200
        [listed] = r.json()["items"]
        assert "secret" not in listed and listed["prefix"] == created["prefix"]
        assert secret not in r.text

    async def test_key_is_a_service_member_with_a_role_from_its_scopes(
        self, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        reader, _ = await make_api_key(session, org, ["read", "claim"])
        admin_key, _ = await make_api_key(session, org, ["admin"])
        roles = dict(
            (await session.execute(select(Membership.user_id, Membership.role))).tuples().all()
        )
        assert roles[reader.id] is Role.supervisor
        assert roles[admin_key.id] is Role.admin

    async def test_agents_cannot_manage_keys(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        agent = await make_member(session, org, Role.agent)
        r = await client.post(
            f"{API}/orgs/{org.id}/api-keys",
            json={"name": "x", "scopes": ["read"]},
            headers=await auth(agent),
        )
        assert_problem(r, 403, "insufficient-role")

    async def test_expiry_in_the_past_is_refused(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        past = (utcnow() - timedelta(minutes=1)).isoformat()
        r = await client.post(
            f"{API}/orgs/{org.id}/api-keys",
            json={"name": "x", "scopes": ["read"], "expires_at": past},
            headers=await auth(admin),
        )
        assert_problem(r, 422, "api-key-expiry-in-past")

    async def test_unknown_scope_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        r = await client.post(
            f"{API}/orgs/{org.id}/api-keys",
            json={"name": "x", "scopes": ["root"]},
            headers=await auth(admin),
        )
        assert_problem(r, 422, "validation-error")


class TestCallWithApiKey:
    async def test_key_authenticates_and_records_last_use(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        key, headers = await make_api_key(session, org, ["read"])
        assert key.last_used_at is None
        r = await client.get(f"{API}/orgs/{org.id}/campaigns", headers=headers)
        assert r.status_code == 200, r.text
        stored = await session.scalar(select(ApiKey.last_used_at).where(ApiKey.id == key.id))
        assert stored is not None

    async def test_revoked_key_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        key, headers = await make_api_key(session, org, ["read"])
        r = await client.post(
            f"{API}/orgs/{org.id}/api-keys/{key.id}/revoke", headers=await auth(admin)
        )
        assert r.status_code == 200 and r.json()["revoked_at"], r.text
        r = await client.get(f"{API}/orgs/{org.id}/campaigns", headers=headers)
        body = assert_problem(r, 401, "unauthorized")
        assert "revoked" in body["detail"]

    async def test_expired_key_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        _, headers = await make_api_key(
            session, org, ["read"], expires_at=utcnow() - timedelta(seconds=1)
        )
        r = await client.get(f"{API}/orgs/{org.id}/campaigns", headers=headers)
        assert_problem(r, 401, "unauthorized")

    async def test_wrong_secret_with_a_real_prefix_is_401(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        key, _ = await make_api_key(session, org, ["read"])
        forged = {"Authorization": f"Bearer eik_{key.prefix}_{'A' * 43}"}
        r = await client.get(f"{API}/orgs/{org.id}/campaigns", headers=forged)
        assert_problem(r, 401, "unauthorized")

    async def test_missing_scope_is_403(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        campaign = await make_campaign(session, org)
        conv = await make_conversation(session, campaign)
        _, headers = await make_api_key(session, org, ["read"])
        r = await client.post(
            f"{API}/orgs/{org.id}/conversations/{conv.id}/escalate",
            json={"inbox_id": str(conv.id), "handoff": HANDOFF},
            headers=headers,
        )
        body = assert_problem(r, 403, "missing-scope")
        assert body["required_scope"] == "escalate"

    async def test_other_organisation_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org, other = await make_org(session), await make_org(session)
        _, headers = await make_api_key(session, org)
        r = await client.get(f"{API}/orgs/{other.id}/campaigns", headers=headers)
        assert_problem(r, 404, "organisation-not-found")
        r = await client.get(f"{API}/orgs", headers=headers)
        assert [o["id"] for o in r.json()["items"]] == [str(org.id)]

    async def test_a_key_cannot_create_organisations_or_edit_its_account(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        _, headers = await make_api_key(session, org)
        r = await client.post(f"{API}/orgs", json={"name": "Mine"}, headers=headers)
        assert_problem(r, 403, "missing-scope")
        r = await client.patch(f"{API}/users/me", json={"password": "x" * 20}, headers=headers)
        assert_problem(r, 403, "missing-scope")

    async def test_actions_are_audited_with_the_key_id(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign)
        key, headers = await make_api_key(session, desk.org, ["read", "escalate"])
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={"inbox_id": inbox["id"], "handoff": HANDOFF},
            headers=headers,
        )
        assert r.status_code == 201, r.text
        esc = r.json()["escalation"]
        assert esc["escalated_by"] == str(key.id)
        r = await client.get(desk.url(f"/escalations/{esc['id']}/events"), headers=headers)
        assert [(e["type"], e["actor_id"]) for e in r.json()["items"]] == [
            ("escalation.created", str(key.id))
        ]

    async def test_rate_limit_counts_per_key(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "rate_limit_enabled", True)
        monkeypatch.setattr(get_settings(), "rate_limit_per_user", "2/minute")
        org = await make_org(session)
        _, first = await make_api_key(session, org, ["read"])
        _, second = await make_api_key(session, org, ["read"])
        url = f"{API}/orgs/{org.id}/campaigns"
        assert (await client.get(url, headers=first)).status_code == 200
        assert (await client.get(url, headers=first)).status_code == 200
        assert_problem(await client.get(url, headers=first), 429, "rate-limited")
        assert (await client.get(url, headers=second)).status_code == 200


class TestServiceMembers:
    async def test_an_admin_key_is_not_notified_as_an_admin(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        key, _ = await make_api_key(session, desk.org, ["admin", "escalate"])
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/escalate"),
            json={"inbox_id": inbox["id"], "handoff": HANDOFF, "category": "other"},
            headers=desk.headers["agent"],
        )
        assert r.status_code == 201, r.text
        recipients = set((await session.scalars(select(Notification.user_id).distinct())).all())
        assert desk.admin.id in recipients and key.id not in recipients
