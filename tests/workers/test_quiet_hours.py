"""Quiet hours: the real delivery job holds a member's email outside their hours for one digest
at the start of them, lets always-urgent priorities through, and sends nothing twice."""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Membership, Organisation, Role
from app.models.notifications import Channel, DeliveryStatus
from tests.factories import make_member, make_org
from tests.workers.assignment_helpers import office_calendar
from tests.workers.receivers import SmtpReceiver
from tests.workers.sla_helpers import HANDOFF
from tests.workers.test_outbox import add_row, deliver, rows_of, smtp, smtp_server

__all__ = ["smtp", "smtp_server"]  # the SMTP receiver fixtures, shared with the outbox tests

Maker = async_sessionmaker[AsyncSession]
# Wednesday 4 March 2026, 23:00 in Berlin (CET, UTC+1); Berlin's 09:00 next day is 08:00 UTC.
NIGHT = datetime(2026, 3, 4, 22, 0, tzinfo=UTC)
MORNING = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)


def _context(priority: str) -> dict[str, Any]:
    return {
        "context": {
            "inbox_name": "Billing",
            "priority": priority,
            "category": "other",
            "handoff": HANDOFF,
            "contact_name": "Ann",
            "link": "http://spa/orgs/o/escalations/e",
        }
    }


async def _night_owl(session: AsyncSession, **over: Any) -> tuple[Organisation, Any]:
    org = await make_org(session)
    user = await make_member(session, org, Role.agent)
    calendar = await office_calendar(session, org.id, "Europe/Berlin", weekdays=range(5))
    await session.execute(
        update(Membership)
        .where(Membership.user_id == user.id)
        .values(calendar_id=calendar.id, **over)
    )
    return org, user


async def _email(
    session: AsyncSession, org: Organisation, user: Any, at: datetime, priority: str, title: str
) -> Any:
    return await add_row(
        session,
        org,
        recipient=f"email:{user.email}",
        user_id=user.id,
        created_at=at,
        event_type=f"escalation.{title}",
        title=title,
        payload=_context(priority),
    )


class TestQuietHours:
    async def test_night_mail_waits_for_one_digest_at_the_start_of_hours(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org, user = await _night_owl(session)
        await _email(session, org, user, NIGHT, "high", "first")
        await _email(session, org, user, NIGHT.replace(hour=23), "normal", "second")
        critical = await _email(session, org, user, NIGHT.replace(hour=23), "critical", "fire")
        in_app = await add_row(
            session,
            org,
            channel=Channel.in_app,
            recipient=f"user:{user.id}",
            user_id=user.id,
            created_at=NIGHT,
            payload=_context("normal"),
        )
        await session.commit()

        await deliver(sessionmaker, NIGHT.replace(hour=23))
        # Only the critical one goes out at night.
        assert [str(m["Subject"]) for m in smtp.messages] == ["fire"]
        [sent] = await rows_of(session, id=critical.id)
        assert sent.status is DeliveryStatus.succeeded
        digest = next(r for r in await rows_of(session, org_id=org.id) if r.rule == "digest")
        assert digest.next_attempt_at == MORNING
        [app_row] = await rows_of(session, id=in_app.id)
        assert app_row.status is not DeliveryStatus.digested  # in-app is never held

        await deliver(sessionmaker, MORNING - timedelta(seconds=1))
        assert len(smtp.messages) == 1
        await deliver(sessionmaker, MORNING)
        await deliver(sessionmaker, MORNING)  # a rerun sends nothing twice
        assert len(smtp.messages) == 2
        assert smtp.messages[1]["Subject"] == "2 escalation updates"
        text = smtp.messages[1].get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "first" in text and "second" in text and "fire" not in text

    async def test_priorities_marked_urgent_pass_and_daytime_is_untouched(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org, user = await _night_owl(session, urgent_priorities=["urgent", "critical"])
        await _email(session, org, user, NIGHT, "urgent", "loud")
        await _email(session, org, user, NIGHT, "normal", "quiet")
        await _email(session, org, user, MORNING, "normal", "day")
        await session.commit()
        await deliver(sessionmaker, NIGHT)
        assert [str(m["Subject"]) for m in smtp.messages] == ["loud"]
        await deliver(sessionmaker, MORNING)
        assert sorted(str(m["Subject"]) for m in smtp.messages) == [
            "1 escalation update",
            "day",
            "loud",
        ]

    async def test_no_calendar_means_no_quiet_hours(
        self, session: AsyncSession, sessionmaker: Maker, smtp: SmtpReceiver
    ) -> None:
        org = await make_org(session)
        user = await make_member(session, org, Role.agent)
        await _email(session, org, user, NIGHT, "normal", "anytime")
        await session.commit()
        await deliver(sessionmaker, NIGHT)
        assert [str(m["Subject"]) for m in smtp.messages] == ["anytime"]
