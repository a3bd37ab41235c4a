"""Organisations and their members: who may do what, the owner rules, and tenant isolation."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Membership, Organisation, Role, User
from tests.factories import (
    API,
    assert_problem,
    auth,
    make_campaign,
    make_conversation,
    make_member,
    make_org,
    make_user,
)

ROLES = [Role.owner, Role.admin, Role.supervisor, Role.agent]


def members_url(org: Organisation, user: User | uuid.UUID | None = None) -> str:
    base = f"{API}/orgs/{org.id}/members"
    if user is None:
        return base
    return f"{base}/{user.id if isinstance(user, User) else user}"


async def role_of(session: AsyncSession, org: Organisation, user: User) -> Role | None:
    membership = await session.get(Membership, (org.id, user.id), populate_existing=True)
    return membership.role if membership else None


class TestCreateOrganisation:
    async def test_caller_becomes_its_owner(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        h = await auth(user)
        r = await client.post(f"{API}/orgs", json={"name": "  Acme  "}, headers=h)
        assert r.status_code == 201, r.text
        org = r.json()
        assert org["name"] == "Acme" and org["role"] == "owner"
        members = await client.get(f"{API}/orgs/{org['id']}/members", headers=h)
        assert members.status_code == 200, members.text
        assert [(m["user_id"], m["role"]) for m in members.json()["items"]] == [
            (str(user.id), "owner")
        ]

    async def test_name_of_200_characters_is_fine(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        h = await auth(await make_user(session))
        r = await client.post(f"{API}/orgs", json={"name": "n" * 200}, headers=h)
        assert r.status_code == 201, r.text

    @pytest.mark.parametrize(
        "body",
        [{}, {"name": ""}, {"name": "   "}, {"name": "n" * 201}, {"name": 7}, {"name": "a\x00b"}],
        ids=["missing", "empty", "blank", "too-long", "wrong-type", "nul"],
    )
    async def test_bad_name_is_422(
        self, client: AsyncClient, session: AsyncSession, body: dict[str, Any]
    ) -> None:
        h = await auth(await make_user(session))
        assert_problem(await client.post(f"{API}/orgs", json=body, headers=h), 422)

    async def test_without_token_is_401(self, client: AsyncClient) -> None:
        assert_problem(await client.post(f"{API}/orgs", json={"name": "x"}), 401, "unauthorized")


class TestListOrganisations:
    async def test_lists_only_mine_with_my_role(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        me = await make_user(session)
        mine_a, mine_b, other = [await make_org(session) for _ in range(3)]
        await make_member(session, mine_a, Role.owner, user=me)
        await make_member(session, mine_b, Role.agent, user=me)
        await make_member(session, other, Role.owner)
        r = await client.get(f"{API}/orgs", headers=await auth(me))
        assert r.status_code == 200, r.text
        got = {(o["id"], o["role"]) for o in r.json()["items"]}
        assert got == {(str(mine_a.id), "owner"), (str(mine_b.id), "agent")}

    async def test_none_is_an_empty_page(self, client: AsyncClient, session: AsyncSession) -> None:
        r = await client.get(f"{API}/orgs", headers=await auth(await make_user(session)))
        assert r.status_code == 200 and r.json() == {"items": [], "next_cursor": None}

    async def test_pages_through_every_one_once(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        me = await make_user(session)
        orgs = [await make_org(session) for _ in range(5)]
        for org in orgs:
            await make_member(session, org, Role.agent, user=me)
        h = await auth(me)
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            r = await client.get(f"{API}/orgs", params=params, headers=h)
            assert r.status_code == 200, r.text
            seen += [o["id"] for o in r.json()["items"]]
            cursor = r.json()["next_cursor"]
            if cursor is None:
                break
        assert seen == [str(o.id) for o in orgs]  # oldest first

    async def test_without_token_is_401(self, client: AsyncClient) -> None:
        assert_problem(await client.get(f"{API}/orgs"), 401, "unauthorized")


class TestListMembers:
    @pytest.mark.parametrize("role", ROLES)
    async def test_every_member_sees_every_member(
        self, client: AsyncClient, session: AsyncSession, role: Role
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        me = await make_member(session, org, role)
        r = await client.get(members_url(org), headers=await auth(me))
        assert r.status_code == 200, r.text
        by_id = {m["user_id"]: m for m in r.json()["items"]}
        assert by_id.keys() == {str(owner.id), str(me.id)}
        assert by_id[str(me.id)]["role"] == role.value
        assert by_id[str(me.id)]["email"] == me.email

    async def test_pages_past_the_first(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await make_org(session)
        users = [await make_member(session, org, Role.agent) for _ in range(5)]
        h = await auth(users[0])
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            r = await client.get(members_url(org), params=params, headers=h)
            assert r.status_code == 200, r.text
            seen += [m["user_id"] for m in r.json()["items"]]
            cursor = r.json()["next_cursor"]
            if cursor is None:
                break
        assert seen == [str(u.id) for u in users]  # oldest first, each once


@dataclass
class Team:
    org: Organisation
    owner: User
    admin: User
    supervisor: User
    agent: User
    target: User  # an agent the admin actions are tried on

    def by_role(self, role: Role) -> User:
        return getattr(self, role.value)


@pytest.fixture
async def team(session: AsyncSession) -> Team:
    org = await make_org(session)
    return Team(
        org=org,
        owner=await make_member(session, org, Role.owner),
        admin=await make_member(session, org, Role.admin),
        supervisor=await make_member(session, org, Role.supervisor),
        agent=await make_member(session, org, Role.agent),
        target=await make_member(session, org, Role.agent),
    )


async def _add_member(client: AsyncClient, session: AsyncSession, team: Team, h: dict) -> Any:
    newcomer = await make_user(session)
    return await client.post(
        members_url(team.org), json={"email": newcomer.email, "role": "agent"}, headers=h
    )


async def _change_role(client: AsyncClient, session: AsyncSession, team: Team, h: dict) -> Any:
    return await client.patch(
        members_url(team.org, team.target), json={"role": "supervisor"}, headers=h
    )


async def _remove_member(client: AsyncClient, session: AsyncSession, team: Team, h: dict) -> Any:
    return await client.delete(members_url(team.org, team.target), headers=h)


async def _create_campaign(client: AsyncClient, session: AsyncSession, team: Team, h: dict) -> Any:
    return await client.post(f"{API}/orgs/{team.org.id}/campaigns", json={"name": "C"}, headers=h)


ADMIN_ACTIONS = {
    "add-member": (_add_member, 201),
    "change-role": (_change_role, 200),
    "remove-member": (_remove_member, 204),
    "create-campaign": (_create_campaign, 201),
}


class TestRoleMatrix:
    @pytest.mark.parametrize("action", ADMIN_ACTIONS)
    @pytest.mark.parametrize("role", ROLES)
    async def test_owner_and_admin_may_others_get_403(
        self, client: AsyncClient, session: AsyncSession, team: Team, role: Role, action: str
    ) -> None:
        perform, success = ADMIN_ACTIONS[action]
        r = await perform(client, session, team, await auth(team.by_role(role)))
        if role in (Role.owner, Role.admin):
            assert r.status_code == success, r.text
        else:
            assert_problem(r, 403, "insufficient-role")


class TestAddMember:
    async def test_adds_a_registered_user_by_email(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        newcomer = await make_user(session, email="New.Person@example.com")
        r = await client.post(
            members_url(team.org),
            json={"email": "new.person@EXAMPLE.com", "role": "supervisor"},
            headers=await auth(team.admin),
        )
        assert r.status_code == 201, r.text
        assert r.json()["user_id"] == str(newcomer.id)
        assert r.json()["email"] == newcomer.email and r.json()["role"] == "supervisor"
        assert await role_of(session, team.org, newcomer) is Role.supervisor

    async def test_unknown_email_is_404(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.post(
            members_url(team.org),
            json={"email": "nobody@example.com", "role": "agent"},
            headers=await auth(team.owner),
        )
        assert_problem(r, 404, "user-not-found")

    async def test_already_a_member_is_409(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.post(
            members_url(team.org),
            json={"email": team.agent.email, "role": "admin"},
            headers=await auth(team.owner),
        )
        assert_problem(r, 409, "already-member")
        assert await role_of(session, team.org, team.agent) is Role.agent

    async def test_owner_may_add_an_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        newcomer = await make_user(session)
        r = await client.post(
            members_url(team.org),
            json={"email": newcomer.email, "role": "owner"},
            headers=await auth(team.owner),
        )
        assert r.status_code == 201, r.text
        assert await role_of(session, team.org, newcomer) is Role.owner

    async def test_admin_may_not_add_an_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        newcomer = await make_user(session)
        r = await client.post(
            members_url(team.org),
            json={"email": newcomer.email, "role": "owner"},
            headers=await auth(team.admin),
        )
        assert_problem(r, 403, "owner-role-reserved")
        assert await role_of(session, team.org, newcomer) is None

    @pytest.mark.parametrize(
        "body",
        [
            {"email": "x@example.com"},
            {"role": "agent"},
            {"email": "x@example.com", "role": "king"},
            {"email": "not-an-email", "role": "agent"},
            {"email": "x@example.com", "role": "agent", "extra": 1},
        ],
        ids=["no-role", "no-email", "unknown-role", "bad-email", "extra-field"],
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, team: Team, body: dict[str, Any]
    ) -> None:
        r = await client.post(members_url(team.org), json=body, headers=await auth(team.owner))
        assert_problem(r, 422, "validation-error")


class TestChangeRole:
    async def test_admin_changes_a_non_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.patch(
            members_url(team.org, team.agent),
            json={"role": "admin"},
            headers=await auth(team.admin),
        )
        assert r.status_code == 200, r.text
        assert r.json()["role"] == "admin" and r.json()["user_id"] == str(team.agent.id)
        assert await role_of(session, team.org, team.agent) is Role.admin

    async def test_owner_grants_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.patch(
            members_url(team.org, team.admin),
            json={"role": "owner"},
            headers=await auth(team.owner),
        )
        assert r.status_code == 200, r.text
        assert await role_of(session, team.org, team.admin) is Role.owner

    async def test_admin_may_not_grant_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.patch(
            members_url(team.org, team.admin),
            json={"role": "owner"},
            headers=await auth(team.admin),
        )
        assert_problem(r, 403, "owner-role-reserved")
        assert await role_of(session, team.org, team.admin) is Role.admin

    async def test_admin_may_not_demote_an_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        await make_member(session, team.org, Role.owner)  # not the last owner either
        r = await client.patch(
            members_url(team.org, team.owner),
            json={"role": "agent"},
            headers=await auth(team.admin),
        )
        assert_problem(r, 403, "owner-role-reserved")
        assert await role_of(session, team.org, team.owner) is Role.owner

    async def test_last_owner_cannot_demote_themselves(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.patch(
            members_url(team.org, team.owner),
            json={"role": "admin"},
            headers=await auth(team.owner),
        )
        assert_problem(r, 409, "last-owner")
        assert await role_of(session, team.org, team.owner) is Role.owner

    async def test_an_owner_can_step_down_when_another_remains(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        second = await make_member(session, team.org, Role.owner)
        r = await client.patch(
            members_url(team.org, team.owner), json={"role": "admin"}, headers=await auth(second)
        )
        assert r.status_code == 200, r.text
        assert await role_of(session, team.org, team.owner) is Role.admin
        # Now `second` is the last owner.
        r = await client.patch(
            members_url(team.org, second), json={"role": "admin"}, headers=await auth(second)
        )
        assert_problem(r, 409, "last-owner")

    async def test_owner_to_owner_is_a_no_op(self, client: AsyncClient, team: Team) -> None:
        r = await client.patch(
            members_url(team.org, team.owner),
            json={"role": "owner"},
            headers=await auth(team.owner),
        )
        assert r.status_code == 200, r.text

    async def test_non_member_is_404(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        stranger = await make_user(session)
        h = await auth(team.owner)
        for target in (stranger.id, uuid.uuid4()):
            r = await client.patch(members_url(team.org, target), json={"role": "agent"}, headers=h)
            assert_problem(r, 404, "member-not-found")

    @pytest.mark.parametrize(
        "body", [{}, {"role": "king"}, {"role": None}, {"role": "agent", "x": 1}]
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, team: Team, body: dict[str, Any]
    ) -> None:
        r = await client.patch(
            members_url(team.org, team.agent), json=body, headers=await auth(team.owner)
        )
        assert_problem(r, 422, "validation-error")

    async def test_malformed_user_id_is_422(self, client: AsyncClient, team: Team) -> None:
        r = await client.patch(
            f"{members_url(team.org)}/not-a-uuid",
            json={"role": "agent"},
            headers=await auth(team.owner),
        )
        assert_problem(r, 422, "validation-error")


class TestRemoveMember:
    async def test_removed_member_loses_access(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.delete(members_url(team.org, team.agent), headers=await auth(team.admin))
        assert r.status_code == 204 and r.content == b""
        assert await role_of(session, team.org, team.agent) is None
        r = await client.get(members_url(team.org), headers=await auth(team.agent))
        assert_problem(r, 404, "organisation-not-found")

    async def test_last_owner_cannot_leave(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.delete(members_url(team.org, team.owner), headers=await auth(team.owner))
        assert_problem(r, 409, "last-owner")
        assert await role_of(session, team.org, team.owner) is Role.owner

    async def test_owner_removes_another_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        second = await make_member(session, team.org, Role.owner)
        r = await client.delete(members_url(team.org, second), headers=await auth(team.owner))
        assert r.status_code == 204, r.text
        assert await role_of(session, team.org, second) is None

    async def test_admin_may_not_remove_an_owner(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        await make_member(session, team.org, Role.owner)
        r = await client.delete(members_url(team.org, team.owner), headers=await auth(team.admin))
        assert_problem(r, 403, "owner-role-reserved")
        assert await role_of(session, team.org, team.owner) is Role.owner

    async def test_admin_may_leave(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        r = await client.delete(members_url(team.org, team.admin), headers=await auth(team.admin))
        assert r.status_code == 204, r.text

    async def test_non_member_is_404(
        self, client: AsyncClient, session: AsyncSession, team: Team
    ) -> None:
        stranger = await make_user(session)
        h = await auth(team.owner)
        for target in (stranger.id, uuid.uuid4()):
            r = await client.delete(members_url(team.org, target), headers=h)
            assert_problem(r, 404, "member-not-found")

    async def test_malformed_user_id_is_422(self, client: AsyncClient, team: Team) -> None:
        r = await client.delete(f"{members_url(team.org)}/123", headers=await auth(team.owner))
        assert_problem(r, 422, "validation-error")


# --- Tenant isolation ---------------------------------------------------------------------------


@dataclass
class Tenants:
    a: Organisation
    a_owner: User
    b: Organisation
    b_owner: User
    b_agent: User
    b_campaign_id: uuid.UUID
    b_conversation_id: uuid.UUID
    outsider: User  # a member of no organisation


@pytest.fixture
async def tenants(session: AsyncSession) -> Tenants:
    a, b = await make_org(session), await make_org(session)
    a_owner = await make_member(session, a, Role.owner)
    await make_campaign(session, a)
    b_owner = await make_member(session, b, Role.owner)
    b_agent = await make_member(session, b, Role.agent)
    b_campaign = await make_campaign(session, b)
    b_conversation = await make_conversation(session, b_campaign, assignee=b_agent)
    return Tenants(
        a=a,
        a_owner=a_owner,
        b=b,
        b_owner=b_owner,
        b_agent=b_agent,
        b_campaign_id=b_campaign.id,
        b_conversation_id=b_conversation.id,
        outsider=await make_user(session),
    )


def _org_routes(t: Tenants, org: Organisation) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every org-scoped route, aimed at organisation B's objects, under `org`'s path."""
    base = f"{API}/orgs/{org.id}"
    conv = f"{base}/conversations/{t.b_conversation_id}"
    conversation_body = {
        "campaign_id": str(t.b_campaign_id),
        "contact": {"name": "Eve"},
        "message": {"body": "hi"},
    }
    return [
        ("GET", f"{base}/members", None),
        ("POST", f"{base}/members", {"email": "x@example.com", "role": "agent"}),
        ("PATCH", f"{base}/members/{t.b_agent.id}", {"role": "admin"}),
        ("DELETE", f"{base}/members/{t.b_agent.id}", None),
        ("GET", f"{base}/campaigns", None),
        ("POST", f"{base}/campaigns", {"name": "Mine now"}),
        ("GET", f"{base}/campaigns/{t.b_campaign_id}", None),
        ("POST", f"{base}/conversations", conversation_body),
        ("GET", f"{base}/conversations", None),
        ("GET", f"{base}/conversations/counts", None),
        ("GET", conv, None),
        ("POST", f"{conv}/messages", {"body": "hello", "direction": "outbound"}),
        ("GET", f"{conv}/messages", None),
        ("GET", f"{base}/queue", None),
    ]


ROUTE_IDS = [
    "list-members",
    "add-member",
    "change-role",
    "remove-member",
    "list-campaigns",
    "create-campaign",
    "get-campaign",
    "create-conversation",
    "list-conversations",
    "count-conversations",
    "get-conversation",
    "add-message",
    "list-messages",
    "queue",
]


async def _b_is_untouched(session: AsyncSession, t: Tenants) -> None:
    assert await role_of(session, t.b, t.b_agent) is Role.agent


class TestCrossOrganisation:
    @pytest.mark.parametrize("index", range(len(ROUTE_IDS)), ids=ROUTE_IDS)
    async def test_member_of_a_gets_404_on_b(
        self, client: AsyncClient, session: AsyncSession, tenants: Tenants, index: int
    ) -> None:
        method, url, body = _org_routes(tenants, tenants.b)[index]
        r = await client.request(method, url, json=body, headers=await auth(tenants.a_owner))
        assert_problem(r, 404, "organisation-not-found")
        await _b_is_untouched(session, tenants)

    @pytest.mark.parametrize("index", range(len(ROUTE_IDS)), ids=ROUTE_IDS)
    async def test_member_of_no_org_gets_404(
        self, client: AsyncClient, session: AsyncSession, tenants: Tenants, index: int
    ) -> None:
        method, url, body = _org_routes(tenants, tenants.b)[index]
        r = await client.request(method, url, json=body, headers=await auth(tenants.outsider))
        assert_problem(r, 404, "organisation-not-found")
        await _b_is_untouched(session, tenants)

    @pytest.mark.parametrize("index", range(len(ROUTE_IDS)), ids=ROUTE_IDS)
    async def test_unknown_org_is_404(
        self, client: AsyncClient, tenants: Tenants, index: int
    ) -> None:
        ghost = Organisation(id=uuid.uuid4(), name="ghost")
        method, url, body = _org_routes(tenants, ghost)[index]
        r = await client.request(method, url, json=body, headers=await auth(tenants.a_owner))
        assert_problem(r, 404, "organisation-not-found")

    @pytest.mark.parametrize(
        "index, code",
        [
            (2, "member-not-found"),
            (3, "member-not-found"),
            (6, "campaign-not-found"),
            (7, "campaign-not-found"),
            (10, "conversation-not-found"),
            (11, "conversation-not-found"),
            (12, "conversation-not-found"),
        ],
        ids=[ROUTE_IDS[i] for i in (2, 3, 6, 7, 10, 11, 12)],
    )
    async def test_bs_objects_through_as_path_are_404(
        self, client: AsyncClient, session: AsyncSession, tenants: Tenants, index: int, code: str
    ) -> None:
        method, url, body = _org_routes(tenants, tenants.a)[index]
        r = await client.request(method, url, json=body, headers=await auth(tenants.a_owner))
        assert_problem(r, 404, code)
        await _b_is_untouched(session, tenants)

    async def test_bs_member_is_not_addable_as_an_assignee_in_a(
        self, client: AsyncClient, session: AsyncSession, tenants: Tenants
    ) -> None:
        campaign = await make_campaign(session, tenants.a)
        r = await client.post(
            f"{API}/orgs/{tenants.a.id}/conversations",
            json={
                "campaign_id": str(campaign.id),
                "contact": {"name": "Eve"},
                "assignee_id": str(tenants.b_agent.id),
            },
            headers=await auth(tenants.a_owner),
        )
        assert_problem(r, 404, "assignee-not-found")

    async def test_as_lists_never_show_bs_rows(self, client: AsyncClient, tenants: Tenants) -> None:
        h = await auth(tenants.a_owner)
        base = f"{API}/orgs/{tenants.a.id}"
        campaigns = (await client.get(f"{base}/campaigns", headers=h)).json()["items"]
        assert str(tenants.b_campaign_id) not in {c["id"] for c in campaigns}
        conversations = (await client.get(f"{base}/conversations", headers=h)).json()["items"]
        assert conversations == []
        counts = (await client.get(f"{base}/conversations/counts", headers=h)).json()
        assert counts == {"total": 0, "needs_response": 0}
        members = (await client.get(f"{base}/members", headers=h)).json()["items"]
        assert {m["user_id"] for m in members} == {str(tenants.a_owner.id)}
