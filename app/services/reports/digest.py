"""The weekly digest: on Monday from 09:00 in each recipient's own time zone, last week's SLA
figures of their inboxes against the week before, by email, once.

Who: members who opted in (notification preferences) and are admins (every inbox) or own inboxes
(theirs). Their time zone is their working calendar's, else the organisation's. The email goes
through the outbox under one key per member and ISO week, so a worker that runs the job every
few minutes, twice, or only on Tuesday after an outage still sends each digest exactly once; and
as any email to a member, quiet hours hold it until their hours begin. The weeks themselves are
the organisation's (its reports' days), Monday to Sunday.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models.inboxes import Inbox, InboxOwner
from app.models.notifications import Channel, Notification, NotificationPreference
from app.models.organisations import Membership, Organisation, Role
from app.models.sla import Calendar
from app.models.users import User
from app.services.notifications.fanout import outbox_row, write_rows
from app.services.reports import sla

SEND_AT = time(9)
EVENT_TYPE = "report.weekly_digest"
RULE = "weekly_digest"


@dataclass(frozen=True)
class _Due:
    org_id: uuid.UUID
    user_id: uuid.UUID
    email: str
    sees_all: bool
    monday: date  # the recipient's Monday this week
    key: str


def _recipient(email: str) -> str:
    return f"email:{email.lower()}"


def _key(org_id: uuid.UUID, user_id: uuid.UUID, monday: date, email: str) -> str:
    """One per member, ISO week and address (the outbox's (event, channel, recipient) key)."""
    year, week, _ = monday.isocalendar()
    week_key = f"digest:weekly:{org_id}:{user_id}:{year}-W{week:02d}"
    return f"{week_key}:{Channel.email.value}:{_recipient(email)}"


async def _due(session: AsyncSession, now: datetime) -> list[_Due]:
    rows = await session.execute(
        select(Membership, User.email, Organisation.time_zone, Calendar.time_zone)  # type: ignore[call-overload]
        .join(
            NotificationPreference,
            and_(
                NotificationPreference.org_id == Membership.org_id,
                NotificationPreference.user_id == Membership.user_id,
                NotificationPreference.weekly_digest,
                ~NotificationPreference.muted_channels.contains([Channel.email.value]),
            ),
        )
        .join(User, User.id == Membership.user_id)
        .join(Organisation, Organisation.id == Membership.org_id)
        .outerjoin(Calendar, Calendar.id == Membership.calendar_id)
    )
    due = []
    for member, email, org_zone, own_zone in rows.tuples():
        local = now.astimezone(ZoneInfo(own_zone or org_zone))
        monday = local.date() - timedelta(days=local.weekday())
        if local < datetime.combine(monday, SEND_AT, local.tzinfo):
            continue
        sees_all = member.role.at_least(Role.admin)
        key = _key(member.org_id, member.user_id, monday, email)
        due.append(_Due(member.org_id, member.user_id, email, sees_all, monday, key))
    if not due:
        return []
    sent = set(
        await session.scalars(
            select(Notification.dedupe_key).where(Notification.dedupe_key.in_([d.key for d in due]))
        )
    )
    return [d for d in due if d.key not in sent]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _line(group: sla.Group) -> str:
    now, before = group.current, group.previous
    return (
        f"{group.label}: {now.escalations} escalations (week before: {before.escalations}); "
        f"first response {_percent(now.first_response_attainment)} "
        f"({_percent(before.first_response_attainment)}); "
        f"resolution {_percent(now.resolution_attainment)} "
        f"({_percent(before.resolution_attainment)}); "
        f"{now.breaches} breaches ({before.breaches})"
    )


def _body(report: sla.Report, groups: list[sla.Group], sees_all: bool, link: str) -> str:
    lines = [
        f"Week of {report.start:%d %b} to {report.end:%d %b %Y}, against the week before "
        "(attainment: targets met of those decided).",
        "",
    ]
    lines += [_line(g) for g in groups] or ["No escalations in your inboxes."]
    if sees_all and len(groups) > 1:
        lines += ["", _line(report.total)]
    lines += ["", f"The full report: {link}"]
    return "\n".join(lines)


async def write_due(session: AsyncSession, *, now: datetime) -> int:
    """Write the digests due now and not yet written; returns how many were written."""
    due = await _due(session, now)
    owned: dict[tuple[uuid.UUID, uuid.UUID], set[str]] = {}
    if due:
        rows = await session.execute(
            select(Inbox.org_id, InboxOwner.user_id, InboxOwner.inbox_id)
            .join(Inbox, Inbox.id == InboxOwner.inbox_id)
            .where(InboxOwner.user_id.in_({d.user_id for d in due}))
        )
        for org_id, user_id, inbox_id in rows.tuples():
            owned.setdefault((org_id, user_id), set()).add(str(inbox_id))
    reports: dict[tuple[uuid.UUID, date], sla.Report] = {}
    outbox = []
    for item in due:
        mine = owned.get((item.org_id, item.user_id), set())
        if not item.sees_all and not mine:
            continue  # neither an admin nor an owner (any more): nothing of theirs to report
        week = (item.org_id, item.monday)
        if week not in reports:
            reports[week] = await sla.sla_report(
                session,
                org_id=item.org_id,
                start=item.monday - timedelta(days=7),
                end=item.monday - timedelta(days=1),
                group_by=sla.GroupBy.inbox,
                bucket=sla.Bucket.week,
                filters=sla.Filters(),
            )
        report = reports[week]
        groups = [g for g in report.groups if item.sees_all or g.key in mine]
        link = f"{get_settings().base_url.rstrip('/')}/orgs/{item.org_id}/reports"
        title = f"Your week in escalations: {report.start:%d %b} to {report.end:%d %b}"
        base = {
            "org_id": item.org_id,
            "event_id": None,
            "event_type": EVENT_TYPE,
            "escalation_id": None,
            "title": title,
            "body": _body(report, groups, item.sees_all, link),
            "created_at": now,
        }
        outbox.append(
            outbox_row(
                base,
                Channel.email,
                _recipient(item.email),
                RULE,
                item.key,
                {"week": str(report.start)},
                now=now,
                user_id=item.user_id,
            )
        )
    return await write_rows(session, outbox)
