"""The caller and their membership are read in one statement on every request (app/auth.py,
sessions.load_caller), never cached: a role change, a removal or a deactivation applies to
the very next request."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Role, User
from tests.factories import API, assert_problem, auth, make_member, make_org


class TestCallerMembership:
    async def test_a_role_change_applies_to_the_next_request(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        agent = await make_member(session, org, Role.agent)
        webhooks, member = (
            f"{API}/orgs/{org.id}/webhooks",
            f"{API}/orgs/{org.id}/members/{agent.id}",
        )
        as_agent, as_owner = await auth(agent), await auth(owner)
        assert_problem(await client.get(webhooks, headers=as_agent), 403)

        r = await client.patch(member, json={"role": "admin"}, headers=as_owner)
        assert r.status_code == 200, r.text
        assert (await client.get(webhooks, headers=as_agent)).status_code == 200

        r = await client.patch(member, json={"role": "agent"}, headers=as_owner)
        assert r.status_code == 200, r.text
        assert_problem(await client.get(webhooks, headers=as_agent), 403)

    async def test_a_removed_member_is_signed_out_and_then_gets_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        agent = await make_member(session, org, Role.agent)
        inboxes, as_agent = f"{API}/orgs/{org.id}/inboxes", await auth(agent)
        assert (await client.get(inboxes, headers=as_agent)).status_code == 200

        r = await client.delete(
            f"{API}/orgs/{org.id}/members/{agent.id}", headers=await auth(owner)
        )
        assert r.status_code == 204, r.text
        assert_problem(await client.get(inboxes, headers=as_agent), 401)  # their sessions ended
        assert_problem(await client.get(inboxes, headers=await auth(agent)), 404)

    async def test_a_deactivated_user_gets_401_at_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        agent = await make_member(session, org, Role.agent)
        inboxes, as_agent = f"{API}/orgs/{org.id}/inboxes", await auth(agent)
        assert (await client.get(inboxes, headers=as_agent)).status_code == 200

        found = await session.get(User, agent.id)
        assert found is not None
        found.is_active = False
        await session.flush()
        assert_problem(await client.get(inboxes, headers=as_agent), 401)
