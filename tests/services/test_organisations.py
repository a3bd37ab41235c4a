"""Organisation and membership rules, called directly with the test session and a fixed clock."""

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Membership, Organisation, Role, User
from app.services import organisations
from app.services._pagination import InvalidCursor
from app.services.organisations import (
    AlreadyMember,
    InsufficientRole,
    LastOwner,
    MemberNotFound,
    OrganisationNotFound,
    OwnerRoleReserved,
    UserNotFound,
)
from tests.factories import make_member, make_org, make_user, membership

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROLES = [Role.agent, Role.supervisor, Role.admin, Role.owner]


async def _role(session: AsyncSession, org: Organisation, user: User) -> Role | None:
    found = await session.get(Membership, (org.id, user.id), populate_existing=True)
    return found.role if found else None


class TestRoles:
    @pytest.mark.parametrize("minimum", ROLES)
    @pytest.mark.parametrize("role", ROLES)
    def test_at_least_follows_the_ranking(self, role: Role, minimum: Role) -> None:
        assert role.at_least(minimum) is (ROLES.index(role) >= ROLES.index(minimum))

    @pytest.mark.parametrize("minimum", ROLES)
    @pytest.mark.parametrize("role", ROLES)
    def test_require_role_raises_insufficient_role(self, role: Role, minimum: Role) -> None:
        member = Membership(org_id=uuid.uuid4(), user_id=uuid.uuid4(), role=role)
        if role.at_least(minimum):
            organisations.require_role(member, minimum)
        else:
            with pytest.raises(InsufficientRole):
                organisations.require_role(member, minimum)


class TestCreate:
    async def test_creator_is_the_owner(self, session: AsyncSession) -> None:
        user = await make_user(session)
        view = await organisations.create(session, user_id=user.id, name="Acme")
        assert view.name == "Acme" and view.role is Role.owner
        org = await session.get(Organisation, view.id)
        assert org is not None
        assert await _role(session, org, user) is Role.owner


class TestListForUser:
    async def test_only_mine_oldest_first_with_my_role(self, session: AsyncSession) -> None:
        me = await make_user(session)
        first, second = await make_org(session), await make_org(session)
        await make_member(session, first, Role.agent, user=me)
        await make_member(session, second, Role.admin, user=me)
        await make_member(session, await make_org(session), Role.owner)
        page = await organisations.list_for_user(session, user_id=me.id, limit=10, cursor=None)
        assert [(o.id, o.role) for o in page.items] == [
            (first.id, Role.agent),
            (second.id, Role.admin),
        ]
        assert page.next_cursor is None

    async def test_pages_with_a_cursor(self, session: AsyncSession) -> None:
        me = await make_user(session)
        orgs = [await make_org(session) for _ in range(3)]
        for org in orgs:
            await make_member(session, org, Role.agent, user=me)
        one = await organisations.list_for_user(session, user_id=me.id, limit=2, cursor=None)
        two = await organisations.list_for_user(
            session, user_id=me.id, limit=2, cursor=one.next_cursor
        )
        assert [o.id for o in one.items + two.items] == [o.id for o in orgs]
        assert two.next_cursor is None

    async def test_malformed_cursor_raises(self, session: AsyncSession) -> None:
        with pytest.raises(InvalidCursor):
            await organisations.list_for_user(session, user_id=uuid.uuid4(), limit=2, cursor="x")


class TestGetMembership:
    async def test_a_non_member_finds_no_organisation(self, session: AsyncSession) -> None:
        org = await make_org(session)
        stranger = await make_user(session)
        with pytest.raises(OrganisationNotFound):
            await organisations.get_membership(session, org_id=org.id, user_id=stranger.id)

    async def test_a_member_gets_their_membership(self, session: AsyncSession) -> None:
        org = await make_org(session)
        user = await make_member(session, org, Role.supervisor)
        found = await organisations.get_membership(session, org_id=org.id, user_id=user.id)
        assert found.role is Role.supervisor


class TestListMembers:
    async def test_pages_through_every_member_once(self, session: AsyncSession) -> None:
        org = await make_org(session)
        users = [await make_member(session, org, Role.agent) for _ in range(5)]
        seen: list[uuid.UUID] = []
        cursor = None
        while True:
            page = await organisations.list_members(session, org_id=org.id, limit=2, cursor=cursor)
            seen += [m.user_id for m in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert seen == [u.id for u in users]


class TestAddMember:
    async def test_finds_the_user_by_email_in_any_case(self, session: AsyncSession) -> None:
        org = await make_org(session)
        admin = await membership(session, org, await make_member(session, org, Role.admin))
        user = await make_user(session, email="Mixed.Case@example.com")
        view = await organisations.add_member(
            session, actor=admin, email="mixed.case@EXAMPLE.COM", role=Role.agent
        )
        assert view.user_id == user.id and view.role is Role.agent
        assert await _role(session, org, user) is Role.agent

    async def test_unknown_email(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owner = await membership(session, org, await make_member(session, org, Role.owner))
        with pytest.raises(UserNotFound):
            await organisations.add_member(
                session, actor=owner, email="ghost@example.com", role=Role.agent
            )

    async def test_already_member(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owner = await membership(session, org, await make_member(session, org, Role.owner))
        agent = await make_member(session, org, Role.agent)
        with pytest.raises(AlreadyMember) as caught:
            await organisations.add_member(session, actor=owner, email=agent.email, role=Role.admin)
        assert caught.value.extensions["user_id"] == agent.id

    @pytest.mark.parametrize("actor_role, allowed", [(Role.owner, True), (Role.admin, False)])
    async def test_only_an_owner_adds_an_owner(
        self, session: AsyncSession, actor_role: Role, allowed: bool
    ) -> None:
        org = await make_org(session)
        actor = await membership(session, org, await make_member(session, org, actor_role))
        user = await make_user(session)
        if allowed:
            await organisations.add_member(session, actor=actor, email=user.email, role=Role.owner)
            assert await _role(session, org, user) is Role.owner
        else:
            with pytest.raises(OwnerRoleReserved):
                await organisations.add_member(
                    session, actor=actor, email=user.email, role=Role.owner
                )


class TestChangeRole:
    async def test_changes_it(self, session: AsyncSession) -> None:
        org = await make_org(session)
        admin = await membership(session, org, await make_member(session, org, Role.admin))
        agent = await make_member(session, org, Role.agent)
        view = await organisations.change_role(
            session, actor=admin, user_id=agent.id, role=Role.supervisor
        )
        assert view.role is Role.supervisor
        assert await _role(session, org, agent) is Role.supervisor

    async def test_last_owner_stays_owner(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owner_user = await make_member(session, org, Role.owner)
        owner = await membership(session, org, owner_user)
        with pytest.raises(LastOwner):
            await organisations.change_role(
                session, actor=owner, user_id=owner_user.id, role=Role.admin
            )

    async def test_an_owner_may_step_down_beside_another(self, session: AsyncSession) -> None:
        org = await make_org(session)
        first = await make_member(session, org, Role.owner)
        await make_member(session, org, Role.owner)
        actor = await membership(session, org, first)
        await organisations.change_role(session, actor=actor, user_id=first.id, role=Role.agent)
        assert await _role(session, org, first) is Role.agent

    @pytest.mark.parametrize(
        "from_role, to_role", [(Role.owner, Role.agent), (Role.admin, Role.owner)]
    )
    async def test_admin_never_touches_the_owner_role(
        self, session: AsyncSession, from_role: Role, to_role: Role
    ) -> None:
        org = await make_org(session)
        await make_member(session, org, Role.owner)
        admin = await membership(session, org, await make_member(session, org, Role.admin))
        target = await make_member(session, org, from_role)
        with pytest.raises(OwnerRoleReserved):
            await organisations.change_role(session, actor=admin, user_id=target.id, role=to_role)
        assert await _role(session, org, target) is from_role

    async def test_non_member(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owner = await membership(session, org, await make_member(session, org, Role.owner))
        other_org_member = await make_member(session, await make_org(session), Role.agent)
        for user_id in (other_org_member.id, uuid.uuid4()):
            with pytest.raises(MemberNotFound):
                await organisations.change_role(
                    session, actor=owner, user_id=user_id, role=Role.agent
                )


class TestRemoveMember:
    async def test_removes_them(self, session: AsyncSession) -> None:
        org = await make_org(session)
        admin = await membership(session, org, await make_member(session, org, Role.admin))
        agent = await make_member(session, org, Role.agent)
        await organisations.remove_member(session, actor=admin, user_id=agent.id, now=NOW)
        assert await _role(session, org, agent) is None

    async def test_never_the_last_owner(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owner_user = await make_member(session, org, Role.owner)
        owner = await membership(session, org, owner_user)
        with pytest.raises(LastOwner):
            await organisations.remove_member(session, actor=owner, user_id=owner_user.id, now=NOW)
        assert await _role(session, org, owner_user) is Role.owner

    async def test_admin_cannot_remove_an_owner(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owners = [await make_member(session, org, Role.owner) for _ in range(2)]
        admin = await membership(session, org, await make_member(session, org, Role.admin))
        with pytest.raises(OwnerRoleReserved):
            await organisations.remove_member(session, actor=admin, user_id=owners[0].id, now=NOW)

    async def test_owner_removes_another_owner(self, session: AsyncSession) -> None:
        org = await make_org(session)
        first, second = [await make_member(session, org, Role.owner) for _ in range(2)]
        actor = await membership(session, org, first)
        await organisations.remove_member(session, actor=actor, user_id=second.id, now=NOW)
        assert await _role(session, org, second) is None

    async def test_non_member(self, session: AsyncSession) -> None:
        org = await make_org(session)
        owner = await membership(session, org, await make_member(session, org, Role.owner))
        with pytest.raises(MemberNotFound):
            await organisations.remove_member(session, actor=owner, user_id=uuid.uuid4(), now=NOW)
