"""Async builders for test data. Each takes the test session and returns flushed rows."""

import itertools
import uuid
from datetime import datetime
from typing import Any

from fastapi_users.password import PasswordHelper
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from app.auth import open_session_token
from app.models import (
    ApiKey,
    Campaign,
    Channel,
    Contact,
    Conversation,
    Direction,
    Membership,
    Message,
    Organisation,
    Role,
    Scope,
    SessionTransport,
    User,
)
from app.models.base import utcnow

PASSWORD = "correct horse battery staple"
_hashed: str | None = None
_seq = itertools.count(1)


def _password_hash() -> str:
    # Hash once per run: the default hasher is deliberately slow.
    global _hashed
    if _hashed is None:
        _hashed = PasswordHelper().hash(PASSWORD)
    return _hashed


async def make_user(session: AsyncSession, *, email: str | None = None, **over: object) -> User:
    user = User(
        email=email or f"user{next(_seq)}-{uuid.uuid4().hex[:6]}@example.com",
        hashed_password=_password_hash(),
        is_active=True,
        is_verified=True,
        **over,
    )
    session.add(user)
    await session.flush()
    return user


async def make_org(session: AsyncSession, *, name: str | None = None) -> Organisation:
    org = Organisation(name=name or f"Org {next(_seq)}")
    session.add(org)
    await session.flush()
    return org


async def make_member(
    session: AsyncSession, org: Organisation, role: Role = Role.agent, *, user: User | None = None
) -> User:
    user = user or await make_user(session)
    session.add(Membership(org_id=org.id, user_id=user.id, role=role))
    await session.flush()
    return user


async def make_campaign(
    session: AsyncSession, org: Organisation, *, name: str | None = None
) -> Campaign:
    campaign = Campaign(org_id=org.id, name=name or f"Campaign {next(_seq)}")
    session.add(campaign)
    await session.flush()
    return campaign


async def make_conversation(
    session: AsyncSession,
    campaign: Campaign,
    *,
    assignee: User | None = None,
    needs_response: bool = True,
    since: datetime | None = None,
    channel: Channel = Channel.sms,
) -> Conversation:
    contact = Contact(org_id=campaign.org_id, name=f"Contact {next(_seq)}", phone="+15550100")
    session.add(contact)
    await session.flush()
    at = since or utcnow()
    conversation = Conversation(
        org_id=campaign.org_id,
        campaign_id=campaign.id,
        contact_id=contact.id,
        assignee_id=assignee.id if assignee else None,
        channel=channel,
        needs_response=needs_response,
        needs_response_since=at if needs_response else None,
        last_message_at=at,
        created_at=at,
    )
    session.add(conversation)
    await session.flush()
    return conversation


# The test's own session (set by the `session` fixture), for users that a request has detached.
test_session: AsyncSession | None = None


async def auth(user: User, session: AsyncSession | None = None) -> dict[str, str]:
    """Bearer headers with a new session of the user's, opened in `session`: by default the one
    the user was built in (so a committing block commits it too), else the test's session."""
    db = session or async_object_session(user) or test_session
    assert db is not None, "auth(user, session): the user is detached; pass the session"
    token = await open_session_token(db, user_id=user.id, transport=SessionTransport.bearer)
    return {"Authorization": f"Bearer {token}"}


# --- HTTP helpers for router tests ---------------------------------------------------------------

API = "/api/v1"
PROBLEM_JSON = "application/problem+json"


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """An RFC 9457 problem with this status (and `type` ending in `/code`); returns the body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON, response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= body.keys()
    if code is not None:
        assert body["type"].endswith(f"/{code}"), body["type"]
    if status == 422 and body["type"].endswith("/validation-error"):
        assert body["errors"], body
        for issue in body["errors"]:
            assert isinstance(issue["loc"], list) and isinstance(issue["msg"], str)
    return body


async def membership(session: AsyncSession, org: Organisation, user: User) -> Membership:
    """The Membership row of `user` in `org` (what services take as `actor` / `viewer`)."""
    found = await session.get(Membership, (org.id, user.id))
    assert found is not None
    return found


async def make_message(
    session: AsyncSession,
    conversation: Conversation,
    *,
    direction: Direction = Direction.inbound,
    body: str = "hello",
    at: datetime | None = None,
) -> Message:
    message = Message(
        org_id=conversation.org_id,
        conversation_id=conversation.id,
        direction=direction,
        body=body,
        created_at=at or utcnow(),
    )
    session.add(message)
    await session.flush()
    return message


async def make_api_key(
    session: AsyncSession,
    org: Organisation,
    scopes: list[str] | None = None,
    *,
    name: str = "Helpdesk",
    **over: Any,
) -> tuple[ApiKey, dict[str, str]]:
    """A key of `org` (created by a new admin) and the headers that authenticate with it."""
    from app.services import api_keys

    admin = await make_member(session, org, Role.admin)
    actor = await session.get(Membership, (org.id, admin.id))
    assert actor is not None
    created = await api_keys.create(
        session,
        actor=actor,
        name=name,
        scopes=[Scope(s) for s in (scopes or list(Scope))],
        expires_at=None,
        now=utcnow(),
    )
    for field, value in over.items():
        setattr(created.key, field, value)
    await session.flush()
    return created.key, {"Authorization": f"Bearer {created.secret}"}
