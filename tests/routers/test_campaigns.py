"""Campaigns: create (admin+), list newest first, get."""

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Campaign, Role
from tests.factories import API, assert_problem, auth, make_campaign, make_member, make_org


class TestCreateCampaign:
    async def test_admin_creates_one(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        admin = await make_member(session, org, Role.admin)
        r = await client.post(
            f"{API}/orgs/{org.id}/campaigns", json={"name": " Spring "}, headers=await auth(admin)
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["name"] == "Spring" and body["org_id"] == str(org.id)
        assert await session.get(Campaign, uuid.UUID(body["id"])) is not None

    @pytest.mark.parametrize("role", [Role.supervisor, Role.agent])
    async def test_below_admin_is_403_and_creates_nothing(
        self, client: AsyncClient, session: AsyncSession, role: Role
    ) -> None:
        org = await make_org(session)
        member = await make_member(session, org, role)
        r = await client.post(
            f"{API}/orgs/{org.id}/campaigns", json={"name": "Nope"}, headers=await auth(member)
        )
        assert_problem(r, 403, "insufficient-role")
        assert (
            await session.scalars(select(Campaign).where(Campaign.org_id == org.id))
        ).all() == []

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"name": ""},
            {"name": "n" * 201},
            {"name": ["x"]},
            {"name": "x\x00"},
            {"name": "x", "y": 1},
        ],
        ids=["missing", "empty", "too-long", "wrong-type", "nul", "extra-field"],
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        r = await client.post(
            f"{API}/orgs/{org.id}/campaigns", json=body, headers=await auth(owner)
        )
        assert_problem(r, 422, "validation-error")

    async def test_without_token_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        r = await client.post(f"{API}/orgs/{org.id}/campaigns", json={"name": "x"})
        assert_problem(r, 401, "unauthorized")


class TestListCampaigns:
    async def test_newest_first_for_any_member(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        agent = await make_member(session, org, Role.agent)
        older = await make_campaign(session, org, name="Older")
        newer = await make_campaign(session, org, name="Newer")
        await make_campaign(session, await make_org(session))  # another org's
        r = await client.get(f"{API}/orgs/{org.id}/campaigns", headers=await auth(agent))
        assert r.status_code == 200, r.text
        assert [c["id"] for c in r.json()["items"]] == [str(newer.id), str(older.id)]
        assert r.json()["next_cursor"] is None


class TestGetCampaign:
    async def test_returns_it(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        agent = await make_member(session, org, Role.agent)
        campaign = await make_campaign(session, org, name="Autumn")
        r = await client.get(
            f"{API}/orgs/{org.id}/campaigns/{campaign.id}", headers=await auth(agent)
        )
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Autumn" and r.json()["id"] == str(campaign.id)

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        agent = await make_member(session, org, Role.agent)
        r = await client.get(
            f"{API}/orgs/{org.id}/campaigns/{uuid.uuid4()}", headers=await auth(agent)
        )
        assert_problem(r, 404, "campaign-not-found")

    async def test_malformed_id_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        agent = await make_member(session, org, Role.agent)
        r = await client.get(f"{API}/orgs/{org.id}/campaigns/nope", headers=await auth(agent))
        assert_problem(r, 422, "validation-error")
