"""The SLA report agrees exactly with figures computed independently from the events.

A seeded history on two policies: office hours in Berlin, in two intervals a day, across the
change from summer time (Sunday 25 October 2026), and round the clock with the resolution clock
paused while the contact owes an answer. The independent side walks calendars minute by minute
(not the closed-form arithmetic the product uses) over the times the events record.
"""

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import (
    Escalation,
    EscalationEvent,
    Inbox,
    InboxOwner,
    Membership,
    Organisation,
    Role,
)
from app.models.conversations import Direction
from app.models.escalations import EventType, Priority
from app.services import conversations, escalations
from app.services.reports import breaches
from app.services.reports import sla as report
from app.services.sla import calendars, policies
from app.workers import sla as sla_worker
from tests.factories import make_campaign, make_member, make_org

BERLIN = ZoneInfo("Europe/Berlin")
HANDOFF = {"reason": "r", "steps_taken": "s", "offers_made": None, "help_needed": "h"}
OFFICE = [(time(9), time(12)), (time(13), time(17))]  # Monday to Friday
TARGETS = {
    "normal": {"first_response_minutes": 60, "resolution_minutes": 240},
    "high": {"first_response_minutes": 30, "resolution_minutes": 120},
}
LEVELS = [{"level": 1, "notify": ["inbox_owners"]}, {"level": 2, "notify": ["supervisors"]}]


def berlin(day: int, hour: int, minute: int = 0, month: int = 10) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def office_minutes(start: datetime, end: datetime) -> int:
    """Open minutes in [start, end), one minute at a time, in Berlin's local time."""
    total, at = 0, start
    while at < end:
        local = at.astimezone(BERLIN)
        if local.weekday() < 5 and any(a <= local.time() < b for a, b in OFFICE):
            total += 1
        at += timedelta(minutes=1)
    return total


def wall_minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def p90(values: list[float]) -> float:
    """PostgreSQL's percentile_cont: linear between the two nearest ranks."""
    ordered = sorted(values)
    rank = 0.9 * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Desk:
    org: Organisation
    agent: Membership
    owner: Membership
    office: Inbox
    always: Inbox
    campaign_id: Any


async def _desk(session: AsyncSession) -> Desk:
    org = await make_org(session)
    org.time_zone = "Europe/Berlin"
    campaign = await make_campaign(session, org)
    agent = await make_member(session, org, Role.agent)
    owner = await make_member(session, org, Role.supervisor)
    t0 = berlin(1, 8)
    calendar = await calendars.create(
        session,
        org_id=org.id,
        now=t0,
        data={
            "name": "Berlin office",
            "time_zone": "Europe/Berlin",
            "holidays": [],
            "intervals": [
                {"weekday": d, "start": a.strftime("%H:%M"), "end": b.strftime("%H:%M")}
                for d in range(5)
                for a, b in OFFICE
            ],
        },
    )
    office_policy = await policies.create(
        session,
        org_id=org.id,
        now=t0,
        data={
            "name": "Office",
            "calendar_id": calendar.id,
            "targets": TARGETS,
            "warnings_minutes": [],
            "pause_while_awaiting_contact": False,
            "levels": LEVELS,
            "is_default": True,
        },
    )
    always_policy = await policies.create(
        session,
        org_id=org.id,
        now=t0,
        data={
            "name": "Round the clock",
            "calendar_id": None,
            "targets": TARGETS,
            "warnings_minutes": [],
            "pause_while_awaiting_contact": True,
            "levels": LEVELS,
            "is_default": False,
        },
    )
    inboxes = []
    for name, policy in (("Office", office_policy), ("Always", always_policy)):
        inbox = Inbox(
            org_id=org.id,
            name=name,
            batch_size=10,
            assignment_duration_minutes=30,
            sla_policy_id=policy.id,
        )
        session.add(inbox)
        await session.flush()
        session.add(InboxOwner(inbox_id=inbox.id, user_id=owner.id))
        inboxes.append(inbox)
    await session.flush()
    members = {
        m.user_id: m
        for m in await session.scalars(select(Membership).where(Membership.org_id == org.id))
    }
    return Desk(org, members[agent.id], members[owner.id], *inboxes, campaign.id)


# (inbox, priority, escalated, [(minutes after, "out" | "in")], resolved after, or None)
# Minutes are wall-clock minutes after the escalation.
HISTORY: list[tuple[str, str, datetime, list[tuple[int, str]], int | None]] = [
    # Friday afternoon before the change, answered on Monday after it.
    ("office", "normal", berlin(23, 16, 30), [(3 * 24 * 60 - 6 * 60, "out")], 3 * 24 * 60 - 4 * 60),
    ("office", "normal", berlin(26, 9, 0), [(45, "out")], 200),  # in time twice
    ("office", "high", berlin(26, 11, 40), [(75, "out")], 300),  # lunch in between; late
    ("office", "normal", berlin(27, 16, 50), [(17 * 60, "out")], 18 * 60),
    ("always", "normal", berlin(24, 22, 0), [(20, "out"), (180, "in")], 300),  # paused 160 min
    ("always", "high", berlin(25, 1, 30), [(40, "out"), (60, "in")], 200),  # through 03:00→02:00
    ("always", "normal", berlin(28, 12, 0), [(90, "out")], None),  # late answer, then paused
    ("office", "normal", berlin(28, 10, 0), [(90, "out")], None),  # late; breaches while open
    # The previous period (12-18 October): two in the office inbox.
    ("office", "normal", berlin(14, 10, 0), [(30, "out")], 100),
    ("office", "high", berlin(15, 15, 0), [(120, "out")], 24 * 60),
]


async def _seed(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], desk: Desk
) -> list[Escalation]:
    made = []
    for inbox_name, priority, at, messages, resolved_after in HISTORY:
        inbox = desk.office if inbox_name == "office" else desk.always
        conversation = await conversations.create(
            session,
            actor=desk.agent,
            campaign_id=desk.campaign_id,
            contact=conversations.ContactData(name="Ann"),
            assignee_id=desk.agent.user_id,
            channel=conversations.Channel.sms,
            first_message="Hello?",
            now=at - timedelta(minutes=5),
        )
        escalation = await escalations.open_escalation(
            session,
            conversation=conversation,
            inbox=inbox,
            priority=Priority(priority),
            category="other",
            handoff=HANDOFF,
            escalated_by=desk.agent.user_id,
            now=at,
        )
        for after, direction in messages:
            await conversations.add_message(
                session,
                viewer=desk.owner,
                conversation_id=conversation.id,
                body="…",
                direction=Direction.outbound if direction == "out" else Direction.inbound,
                now=at + timedelta(minutes=after),
            )
        if resolved_after is not None:
            await escalations.resolve(
                session,
                actor=desk.owner,
                escalation_id=escalation.id,
                note=None,
                now=at + timedelta(minutes=resolved_after),
            )
        made.append(escalation)
    await session.flush()
    # The worker notices the open one's resolution breach (and raises its level) a day later.
    later = berlin(29, 12, 0)
    await sla_worker.tick({"sessionmaker": sessionmaker, "now": lambda: later})
    return made


async def _events(session: AsyncSession, escalation_id: Any) -> list[EscalationEvent]:
    rows = await session.scalars(
        select(EscalationEvent)
        .where(EscalationEvent.escalation_id == escalation_id)
        .order_by(EscalationEvent.seq)
    )
    return list(rows)


async def _expected(
    session: AsyncSession, made: list[Escalation], *, since: datetime, until: datetime
) -> dict[str, dict[str, Any]]:
    """Per inbox, from the events alone: answered and resolved times, business minutes, met or
    breached against the targets, level raises."""
    out: dict[str, dict[str, Any]] = {}
    for escalation, (inbox_name, priority, *_rest) in zip(made, HISTORY, strict=True):
        events = await _events(session, escalation.id)
        created = next(e for e in events if e.type == EventType.created.value).created_at
        if not since <= created < until:
            continue
        measure = office_minutes if inbox_name == "office" else wall_minutes
        figures = out.setdefault(
            inbox_name,
            {"n": 0, "fr": [], "res": [], "fr_met": 0, "fr_late": 0, "res_met": 0, "res_late": 0,
             "raises": 0},
        )  # fmt: skip
        figures["n"] += 1
        target = TARGETS[priority]
        answered = next((e for e in events if e.type == EventType.first_response.value), None)
        if answered is not None:
            minutes = measure(created, answered.created_at)
            figures["fr"].append(minutes)
            late = minutes > target["first_response_minutes"]
            figures["fr_late" if late else "fr_met"] += 1
        paused = 0.0
        pause_started = None
        for event in events:
            if event.type == EventType.sla_paused.value:
                pause_started = event.created_at
            elif event.type == EventType.sla_resumed.value and pause_started is not None:
                paused += measure(pause_started, event.created_at)
                pause_started = None
        closed = next((e for e in events if e.type == EventType.resolved.value), None)
        if closed is not None:
            end = pause_started or closed.created_at
            minutes = measure(created, end) - paused
            figures["res"].append(minutes)
            late = minutes > target["resolution_minutes"]
            figures["res_late" if late else "res_met"] += 1
        elif any(e.type == EventType.sla_breached.value and e.data["target"] == "resolution"
                 for e in events):  # fmt: skip
            figures["res_late"] += 1
        figures["raises"] += sum(1 for e in events if e.type == EventType.level_raised.value)
    return out


def _check(figures: report.Figures, expected: dict[str, Any]) -> None:
    assert figures.escalations == expected["n"]
    assert figures.first_response_met == expected["fr_met"]
    assert figures.first_response_breached == expected["fr_late"]
    assert figures.resolution_met == expected["res_met"]
    assert figures.resolution_breached == expected["res_late"]
    assert figures.level_raises == expected["raises"]
    assert figures.first_response_median_minutes == pytest.approx(statistics.median(expected["fr"]))
    assert figures.first_response_p90_minutes == pytest.approx(p90(expected["fr"]), abs=0.01)
    assert figures.resolution_median_minutes == pytest.approx(statistics.median(expected["res"]))
    assert figures.resolution_p90_minutes == pytest.approx(p90(expected["res"]), abs=0.01)
    decided = expected["fr_met"] + expected["fr_late"]
    assert figures.first_response_attainment == pytest.approx(
        round(100 * expected["fr_met"] / decided, 2)
    )


async def test_the_report_agrees_with_the_events(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    desk = await _desk(session)
    made = await _seed(session, sessionmaker, desk)
    result = await report.sla_report(
        session,
        org_id=desk.org.id,
        start=date(2026, 10, 19),
        end=date(2026, 10, 31),
        group_by=report.GroupBy.inbox,
        bucket=report.Bucket.week,
        filters=report.Filters(),
    )
    current = await _expected(session, made, since=berlin(19, 0), until=berlin(1, 0, month=11))
    previous = await _expected(session, made, since=berlin(6, 0), until=berlin(19, 0))
    by_label = {g.label: g for g in result.groups}
    assert set(by_label) == {"Office", "Always"}
    _check(by_label["Office"].current, current["office"])
    _check(by_label["Always"].current, current["always"])
    _check(by_label["Office"].previous, previous["office"])
    assert by_label["Always"].previous.escalations == 0
    assert current["office"]["raises"] == 1  # the open one's resolution breach raised its level
    # Weeks start on Mondays in Berlin: 19 and 26 October; each escalation in the week it began.
    office_weeks = {b.start: b.figures.escalations for b in by_label["Office"].series}
    assert office_weeks == {date(2026, 10, 19): 1, date(2026, 10, 26): 4}
    assert result.total.current.escalations == current["office"]["n"] + current["always"]["n"]
    assert (result.previous_start, result.previous_end) == (date(2026, 10, 6), date(2026, 10, 18))
    assert result.time_zone == "Europe/Berlin"


async def test_a_reversed_or_too_finely_bucketed_period_is_refused(session: AsyncSession) -> None:
    org = await make_org(session)
    with pytest.raises(report.PeriodReversed):
        await report.sla_report(
            session,
            org_id=org.id,
            start=date(2026, 10, 2),
            end=date(2026, 10, 1),
            group_by=report.GroupBy.inbox,
            bucket=report.Bucket.day,
            filters=report.Filters(),
        )
    with pytest.raises(report.PeriodTooLong):
        await report.sla_report(
            session,
            org_id=org.id,
            start=date(2024, 1, 1),
            end=date(2026, 1, 1),
            group_by=report.GroupBy.inbox,
            bucket=report.Bucket.day,
            filters=report.Filters(),
        )


async def test_the_breach_list_holds_every_breach_the_report_counts(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    desk = await _desk(session)
    made = await _seed(session, sessionmaker, desk)
    now = berlin(30, 12, 0)
    listed: list[breaches.Breach] = []
    cursor = None
    while True:  # two at a time: the keyset pages join up without gaps or repeats
        page = await breaches.list_breaches(
            session,
            org_id=desk.org.id,
            query=breaches.BreachQuery(date(2026, 10, 6), date(2026, 10, 31), report.Filters()),
            limit=2,
            cursor=cursor,
            now=now,
        )
        listed += page.items
        if (cursor := page.next_cursor) is None:
            break
    assert [b.breached_at for b in listed] == sorted((b.breached_at for b in listed), reverse=True)
    assert len({b.id for b in listed}) == len(listed)
    flagged = {
        (e.id, target)
        for e in await session.scalars(
            select(Escalation)
            .where(Escalation.org_id == desk.org.id)
            .execution_options(populate_existing=True)  # the worker's tick changed them
        )
        for target, flag in (
            ("first_response", e.breached_first_response),
            ("resolution", e.breached_resolution),
        )
        if flag
    }
    assert {(b.escalation_id, b.target) for b in listed} == flagged
    by_escalation = {(b.escalation_id, b.target): b for b in listed}
    # Answered 90 office minutes after escalation against a 60-minute target: 30 late, final.
    open_one = made[7]
    answered_late = by_escalation[(open_one.id, "first_response")]
    assert (answered_late.noticed, answered_late.late_minutes) == ("on_answer", 30)
    assert answered_late.still_open is False
    # Its resolution breached while open (noticed by the worker): late from its due time until
    # now, on the office calendar; the breach raised its level and its priority.
    running = by_escalation[(open_one.id, "resolution")]
    assert running.noticed == "worker" and running.still_open is True
    assert running.due_at is not None
    assert running.late_minutes == office_minutes(running.due_at, now)
    assert (running.level, running.level_raised_to) == (1, 2)
    assert (running.priority_from, running.priority_to) == ("normal", "high")
    only_resolution = await breaches.list_breaches(
        session,
        org_id=desk.org.id,
        query=breaches.BreachQuery(
            date(2026, 10, 6),
            date(2026, 10, 31),
            report.Filters(inbox_id=desk.office.id),
            target="resolution",
        ),
        limit=50,
        cursor=None,
        now=now,
    )
    assert {b.target for b in only_resolution.items} == {"resolution"}
    assert {b.inbox_id for b in only_resolution.items} == {desk.office.id}
