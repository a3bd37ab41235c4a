"""The weekly digest job: Monday from 09:00 in each recipient's time zone, opted-in admins and
inbox owners get last week's figures of their inboxes, once, by email through the outbox."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import get_settings
from app.models import Inbox, InboxOwner, Membership, Role
from app.models.conversations import Direction
from app.models.notifications import Notification, NotificationPreference
from app.models.sla import Calendar
from app.services import conversations, escalations
from app.services.sla import policies
from app.workers import outbox, reports
from tests.factories import make_campaign, make_member, make_org
from tests.workers.receivers import SmtpReceiver

BERLIN = ZoneInfo("Europe/Berlin")
HANDOFF = {"reason": "r", "steps_taken": "s", "offers_made": None, "help_needed": "h"}
# Monday 7 December 2026; last week is 30 November to 6 December.
MONDAY = datetime(2026, 12, 7, tzinfo=BERLIN)
LAST_WEEK = datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)


def at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute).astimezone(UTC)


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def smtp(smtp_server: SmtpReceiver, monkeypatch: pytest.MonkeyPatch) -> SmtpReceiver:
    smtp_server.clear()
    monkeypatch.setattr(get_settings(), "smtp_url", smtp_server.url)
    return smtp_server


async def _opt_in(
    session: AsyncSession, member: Membership, *, muted: list[str] | None = None
) -> None:
    session.add(
        NotificationPreference(
            org_id=member.org_id,
            user_id=member.user_id,
            muted_channels=muted or [],
            weekly_digest=True,
        )
    )
    await session.flush()


async def _run(sessionmaker: async_sessionmaker[AsyncSession], when: datetime) -> int:
    return await reports.weekly_digest({"sessionmaker": sessionmaker, "now": lambda: when})


async def test_once_a_week_from_nine_in_each_recipients_zone_with_their_inboxes(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], smtp: SmtpReceiver
) -> None:
    org = await make_org(session)
    org.time_zone = "Europe/Berlin"
    campaign = await make_campaign(session, org)
    users = {
        role: await make_member(session, org, r)
        for role, r in (
            ("admin", Role.admin),
            ("owner", Role.agent),
            ("new_york_owner", Role.agent),
            ("supervisor", Role.supervisor),  # opted in, owns nothing: nothing to report
            ("silent_owner", Role.agent),  # owns an inbox, did not opt in
            ("muted_admin", Role.admin),  # opted in, but mutes email
        )
    }
    members = {
        m.user_id: m
        for m in await session.scalars(select(Membership).where(Membership.org_id == org.id))
    }
    member = {name: members[user.id] for name, user in users.items()}
    await policies.create(
        session,
        org_id=org.id,
        now=at(LAST_WEEK, 9),
        data={
            "name": "Standard",
            "calendar_id": None,
            "targets": {"normal": {"first_response_minutes": 30, "resolution_minutes": 600}},
            "warnings_minutes": [],
            "pause_while_awaiting_contact": False,
            "levels": [{"level": 1, "notify": ["inbox_owners"]}],
            "is_default": True,
        },
    )
    inboxes = {}
    for name, owners in (("Billing", ["owner", "new_york_owner"]), ("Legal", ["silent_owner"])):
        inbox = Inbox(org_id=org.id, name=name, batch_size=5, assignment_duration_minutes=30)
        session.add(inbox)
        await session.flush()
        for owner in owners:
            session.add(InboxOwner(inbox_id=inbox.id, user_id=users[owner].id))
        inboxes[name] = inbox
    new_york = Calendar(
        org_id=org.id, name="NY", time_zone="America/New_York", holidays=[], intervals=[]
    )
    session.add(new_york)
    await session.flush()
    member["new_york_owner"].calendar_id = new_york.id
    for name in ("admin", "owner", "new_york_owner", "supervisor"):
        await _opt_in(session, member[name])
    await _opt_in(session, member["muted_admin"], muted=["email"])
    # Last week: Billing answered one of two in time; Legal had one, unanswered.
    for inbox, answer_after in (
        (inboxes["Billing"], 10),
        (inboxes["Billing"], 45),
        (inboxes["Legal"], None),
    ):
        conversation = await conversations.create(
            session,
            actor=member["admin"],
            campaign_id=campaign.id,
            contact=conversations.ContactData(name="Ann"),
            assignee_id=None,
            channel=conversations.Channel.sms,
            first_message="Hello?",
            now=at(LAST_WEEK, 9),
        )
        await escalations.open_escalation(
            session,
            conversation=conversation,
            inbox=inbox,
            priority=None,
            category="other",
            handoff=HANDOFF,
            escalated_by=member["admin"].user_id,
            now=at(LAST_WEEK, 10),
        )
        if answer_after is not None:
            await conversations.add_message(
                session,
                viewer=member["admin"],
                conversation_id=conversation.id,
                body="On it",
                direction=Direction.outbound,
                now=at(LAST_WEEK, 10, answer_after),
            )
    await session.flush()

    assert await _run(sessionmaker, at(MONDAY, 8, 55)) == 0  # not yet nine in Berlin
    assert await _run(sessionmaker, at(MONDAY, 9, 0)) == 2  # the admin and the Berlin owner
    assert await _run(sessionmaker, at(MONDAY, 9, 15)) == 0  # once
    assert await _run(sessionmaker, at(MONDAY, 15, 0)) == 1  # nine in New York
    assert await _run(sessionmaker, at(MONDAY + timedelta(days=1), 9, 0)) == 0
    digests = {
        row.user_id: row
        for row in await session.scalars(
            select(Notification).where(Notification.event_type == "report.weekly_digest")
        )
    }
    assert set(digests) == {users[n].id for n in ("admin", "owner", "new_york_owner")}
    owner_body = digests[users["owner"].id].body
    assert "Billing: 2 escalations (week before: 0); first response 50%" in owner_body
    assert "Legal" not in owner_body
    admin_body = digests[users["admin"].id].body
    assert "Legal: 1 escalations" in admin_body and "All: 3 escalations" in admin_body
    assert digests[users["owner"].id].title == "Your week in escalations: 30 Nov to 06 Dec"

    # The worker's delivery sends each by email, to its member.
    await outbox.deliver({"sessionmaker": sessionmaker, "now": lambda: at(MONDAY, 16)})
    subject = "Your week in escalations: 30 Nov to 06 Dec"
    sent = [m for m in smtp.to(users["owner"].email) if m["Subject"] == subject]
    assert len(sent) == 1  # beside the escalations' own notifications
    text = sent[0].get_body(("plain",))
    assert text is not None and "first response 50%" in text.get_content()
    # A week later, the next one.
    assert await _run(sessionmaker, at(MONDAY + timedelta(days=7), 9, 0)) == 2
