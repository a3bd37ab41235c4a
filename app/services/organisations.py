"""Organisations and memberships: who belongs where, with which role."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, Forbidden, NotFound
from app.models.organisations import Membership, Organisation, Role
from app.models.security import SecurityEventKind
from app.models.sessions import SessionEndReason
from app.models.users import User
from app.services import escalation_policy, inboxes, security_audit, sessions
from app.services._pagination import Page, paginate


class OrganisationNotFound(NotFound):
    code = "organisation-not-found"
    title = "Organisation not found"


class UserNotFound(NotFound):
    code = "user-not-found"
    title = "User not found"


class MemberNotFound(NotFound):
    code = "member-not-found"
    title = "Member not found"


class AlreadyMember(Conflict):
    code = "already-member"
    title = "Already a member"


class LastOwner(Conflict):
    code = "last-owner"
    title = "An organisation needs an owner"


class OwnerRoleReserved(Forbidden):
    code = "owner-role-reserved"
    title = "Only owners manage owners"


class InsufficientRole(Forbidden):
    code = "insufficient-role"
    title = "Your role does not allow this"


class TwoFactorEnrolmentRequired(Forbidden):
    code = "two-factor-enrolment-required"
    title = "Enable two-factor sign-in first"


class EnrolBeforeRequiring(Conflict):
    code = "two-factor-enrol-before-requiring"
    title = "Enable two-factor sign-in yourself first"


# The roles an organisation's two-factor requirement applies to.
_TWO_FACTOR_ROLES = Role.supervisor
_TWO_FACTOR_FLAGS = frozenset({"org_requires_two_factor", "two_factor_enabled"})


@dataclass
class MembershipView:
    """A membership as the API shows it: the member's account details beside the role."""

    org_id: uuid.UUID
    user_id: uuid.UUID
    email: str
    display_name: str | None
    role: Role
    created_at: datetime


@dataclass
class OrganisationView:
    id: uuid.UUID
    name: str
    time_zone: str
    require_two_factor: bool
    role: Role
    created_at: datetime

    @classmethod
    def of(cls, org: Organisation, role: Role) -> "OrganisationView":
        return cls(
            id=org.id,
            name=org.name,
            time_zone=org.time_zone,
            require_two_factor=org.require_two_factor,
            role=role,
            created_at=org.created_at,
        )


def require_role(membership: Membership, minimum: Role) -> None:
    if not membership.role.at_least(minimum):
        raise InsufficientRole(f"This needs the {minimum.value} role or higher.")


def require_two_factor(membership: Membership) -> None:
    """A supervisor, admin or owner of an organisation that requires two factors, acting in it
    without two-factor sign-in enabled, is sent to enrol first. Both flags are read with the
    membership itself (column properties on Membership): no statement of their own."""
    if not membership.role.at_least(_TWO_FACTOR_ROLES):
        return
    if membership.org_requires_two_factor and not membership.two_factor_enabled:
        raise TwoFactorEnrolmentRequired(
            "This organisation requires two-factor sign-in of its owners, admins and "
            "supervisors: enable it under Security (/users/me/two-factor) first.",
            enrolment="/api/v1/users/me/two-factor/enrolment",
        )


async def create(
    session: AsyncSession, *, user_id: uuid.UUID, name: str, time_zone: str = "UTC"
) -> OrganisationView:
    org = Organisation(name=name, time_zone=time_zone)
    session.add(org)
    await session.flush()
    session.add(Membership(org_id=org.id, user_id=user_id, role=Role.owner))
    await session.flush()
    return OrganisationView.of(org, Role.owner)


async def update(
    session: AsyncSession,
    *,
    actor: Membership,
    name: str | None,
    time_zone: str | None,
    require_two_factor: bool | None = None,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> OrganisationView:
    """Rename it, move where its reporting days begin, or require two factors of its
    supervisors and up (admin+, checked by the caller)."""
    org = await session.get_one(Organisation, actor.org_id, with_for_update=True)
    if name is not None:
        org.name = name
    if time_zone is not None:
        org.time_zone = time_zone
    if require_two_factor is not None and require_two_factor != org.require_two_factor:
        await _set_two_factor_requirement(
            session, org=org, actor=actor, required=require_two_factor, now=now, origin=origin
        )
    await session.flush()
    return OrganisationView.of(org, actor.role)


async def _set_two_factor_requirement(
    session: AsyncSession,
    *,
    org: Organisation,
    actor: Membership,
    required: bool,
    now: datetime,
    origin: security_audit.Origin | None,
) -> None:
    # Requiring it without having it would lock the admin out of the very next request.
    if required and not await _has_two_factor(session, actor):
        raise EnrolBeforeRequiring(
            "Enable two-factor sign-in for yourself first (Security), or this setting would "
            "lock you out of the organisation at once."
        )
    org.require_two_factor = required
    await security_audit.record_from(
        session,
        origin,
        kind=SecurityEventKind.two_factor_requirement_changed,
        user_id=actor.user_id,
        org_id=org.id,
        detail={"require_two_factor": required},
        at=now,
    )


async def _has_two_factor(session: AsyncSession, membership: Membership) -> bool:
    if "two_factor_enabled" in inspect(membership).unloaded:
        await session.refresh(membership, ["two_factor_enabled"])
    return membership.two_factor_enabled


async def list_for_user(
    session: AsyncSession, *, user_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[OrganisationView]:
    stmt = (
        select(Organisation, Membership.role)
        .join(Membership, Membership.org_id == Organisation.id)
        .where(Membership.user_id == user_id)
    )
    page = await paginate(
        session,
        stmt,
        keys=[Organisation.created_at, Organisation.id],
        descending=False,
        limit=limit,
        cursor=cursor,
        scalars=False,
    )
    page.items = [OrganisationView.of(o, role) for o, role in page.items]
    return page


async def get_membership(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    known: Membership | None = None,
) -> Membership:
    """The caller's membership; an organisation they are not in does not exist for them.

    `known`: the same row as read with the caller (`sessions.load_caller`), taken into this session
    without another round trip."""
    if known is not None and (known.org_id, known.user_id) == (org_id, user_id):
        membership: Membership | None = await session.merge(known, load=False)
    else:
        membership = await session.get(Membership, (org_id, user_id))
    if membership is None:
        raise OrganisationNotFound()
    unloaded = inspect(membership).unloaded & _TWO_FACTOR_FLAGS
    if unloaded:  # a membership made in this very session (tests, the CLI): read them now
        await session.refresh(membership, list(unloaded))
    return membership


def _view(membership: Membership, user: User) -> MembershipView:
    return MembershipView(
        org_id=membership.org_id,
        user_id=membership.user_id,
        email=user.email,
        display_name=user.display_name,
        role=membership.role,
        created_at=membership.created_at,
    )


async def list_members(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[MembershipView]:
    stmt = select(Membership, User).join(Membership.user).where(Membership.org_id == org_id)
    page = await paginate(
        session,
        stmt,
        keys=[Membership.created_at, Membership.user_id],
        descending=False,
        limit=limit,
        cursor=cursor,
        scalars=False,
    )
    page.items = [_view(m, u) for m, u in page.items]
    return page


async def add_member(
    session: AsyncSession, *, actor: Membership, email: str, role: Role
) -> MembershipView:
    if role is Role.owner and actor.role is not Role.owner:
        raise OwnerRoleReserved("Only an owner can add another owner.")
    user = await session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None:
        raise UserNotFound("No account uses that email; ask them to register first.")
    if await session.get(Membership, (actor.org_id, user.id)) is not None:
        raise AlreadyMember(user_id=user.id)
    membership = Membership(org_id=actor.org_id, user_id=user.id, role=role)
    session.add(membership)
    await session.flush()
    return _view(membership, user)


async def _member_for_update(
    session: AsyncSession, *, org_id: uuid.UUID, user_id: uuid.UUID
) -> tuple[Membership, User]:
    row = (
        await session.execute(
            select(Membership, User)
            .join(Membership.user)
            .where(Membership.org_id == org_id, Membership.user_id == user_id)
            .with_for_update(of=Membership)
        )
    ).one_or_none()
    if row is None:
        raise MemberNotFound()
    return row[0], row[1]


async def _ensure_another_owner(session: AsyncSession, *, org_id: uuid.UUID) -> None:
    # Lock every owner row so two concurrent demotions cannot both see "another owner".
    owners = (
        await session.scalars(
            select(Membership.user_id)
            .where(Membership.org_id == org_id, Membership.role == Role.owner)
            .with_for_update()
        )
    ).all()
    if len(owners) <= 1:
        raise LastOwner("Make someone else an owner first.")


async def change_role(
    session: AsyncSession, *, actor: Membership, user_id: uuid.UUID, role: Role
) -> MembershipView:
    membership, user = await _member_for_update(session, org_id=actor.org_id, user_id=user_id)
    touches_owner = Role.owner in (membership.role, role)
    if touches_owner and actor.role is not Role.owner:
        raise OwnerRoleReserved("Only an owner can grant or take away the owner role.")
    if membership.role is Role.owner and role is not Role.owner:
        await _ensure_another_owner(session, org_id=actor.org_id)
    membership.role = role
    await session.flush()
    return _view(membership, user)


async def remove_member(
    session: AsyncSession, *, actor: Membership, user_id: uuid.UUID, now: datetime
) -> None:
    membership, _ = await _member_for_update(session, org_id=actor.org_id, user_id=user_id)
    if membership.role is Role.owner:
        if actor.role is not Role.owner:
            raise OwnerRoleReserved("Only an owner can remove an owner.")
        await _ensure_another_owner(session, org_id=actor.org_id)
    # Whoever leaves owns no inbox and holds no claim any more: nothing waits on them.
    await inboxes.forget_member(
        session, org_id=actor.org_id, user_id=user_id, actor_id=actor.user_id, now=now
    )
    await escalation_policy.forget_member(session, org_id=actor.org_id, user_id=user_id, now=now)
    await session.delete(membership)
    # Signed out everywhere at once, including live streams' next check: the organisation's
    # data is what they were removed from, and a session is not per organisation.
    await sessions.end_all(
        session, user_id=user_id, reason=SessionEndReason.removed_from_organisation, now=now
    )
    await session.flush()
