"""Thirty days of resolved escalations, so the dashboard and the audit trails have a past.

One at a time, each from the contact's first message to its close, on weekdays in office hours
(London), with a fixed random seed: the same demo every time, relative to `now`.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.demo import _acts as act
from app.demo._acts import Cast
from app.demo.desk import OFFICE_ZONE, ROUND_THE_CLOCK_TARGETS
from app.models.conversations import Channel
from app.models.escalations import Escalation, Priority
from app.models.rules import Approval, ApprovalStatus
from app.schemas.escalations import Handoff

DAYS = 30
# The last history ends well before the agents' current conversations begin (40 hours ago), so
# an inbox never holds a past escalation and a current one at once.
QUIET_BEFORE_NOW = timedelta(hours=44)
OWNERS = {
    "billing": ["billing@example.com", "billing@example.com", "lead@example.com"],
    "technical": ["tech@example.com"],
    "callbacks": ["supervisor@example.com", "lead@example.com"],
    "legal": ["legal@example.com"],
}
SIGN_OFF = "Glad that is sorted. I am closing this now; write any time."
CONTACTS = [
    "Ruth Akande", "Ben Carter", "Mei Lin", "Jonas Weber", "Nadia Rahman", "Paolo Ricci",
    "Sara Lindqvist", "Kofi Asante", "Emma Wilson", "Hugo Lefebvre", "Leila Navarro",
    "Tom O'Brien", "Anya Ivanova", "Raj Malhotra", "Julia Santos", "Finn Murphy",
]  # fmt: skip


@dataclass(frozen=True)
class Case:
    inbox: str
    category: str
    priority: Priority | None
    channel: Channel
    opening: str  # the contact's first message
    follow_up: str  # their answer to the agent's first reply
    handoff: Handoff | None  # None: a rule escalates it (or asks for approval)
    reply: str  # the inbox owner's first answer
    thanks: str  # the contact's answer to it
    note: str  # the closing note
    ending: str = "resolve"  # or "de_escalate", or "move:<inbox>"


def _handoff(reason: str, steps: str, help_needed: str, offers: str | None = None) -> Handoff:
    return Handoff(reason=reason, steps_taken=steps, offers_made=offers, help_needed=help_needed)


CASES = [
    Case(
        "billing", "billing", Priority.normal, Channel.email,
        "I was charged twice for my March invoice.",
        "The second charge is still on my statement today.",
        _handoff("Double charge on the March invoice", "Checked the order: one invoice",
                 "Refund the duplicate charge"),
        "I can see the duplicate charge; the refund is on its way (3 to 5 days).",
        "Thank you, that is all I needed.", "Duplicate charge refunded.",
    ),
    Case(
        "billing", "billing", Priority.high, Channel.sms,
        "Why did my plan price go up without notice?",
        "Nobody told me about a price change.",
        _handoff("Price rise not announced to the customer", "Explained the new price list",
                 "Decide on a goodwill credit", "Offered to switch plans"),
        "You are right that the notice went out late; I have applied a one-month credit.",
        "Great, thanks for sorting it.", "One-month goodwill credit applied.",
    ),
    Case(
        "billing", "billing", Priority.normal, Channel.chat,
        "The app crashes every time I open the checkout page.",
        "I cannot pay my bill because of it.",
        _handoff("Cannot pay: checkout crashes", "Asked for the app version",
                 "Find out why the payment fails"),
        "Thanks for waiting: our engineers are looking at the crash.",
        "OK, I will wait.", "Fixed in the app's next release; payment taken by phone.",
        ending="move:technical",
    ),
    Case(
        "billing", "billing", Priority.normal, Channel.email,
        "What is this pending charge of 1.00 on my card?",
        "I did not order anything new.",
        _handoff("Unknown pending charge", "Looked up the account's orders",
                 "Explain the charge"),
        "That is a card check when you updated your details; it disappears by itself.",
        "Ah, makes sense. Thanks!", "A card pre-authorisation; nothing to refund.",
        ending="de_escalate",
    ),
    Case(
        "technical", "technical", Priority.high, Channel.chat,
        "My smart thermostat has been offline since this morning.",
        "Restarting it did not help.",
        _handoff("Thermostat offline", "Restart, checked Wi-Fi settings",
                 "Remote diagnosis of the device"),
        "The device lost its pairing; I have re-paired it remotely. Can you check?",
        "It is back online, thank you!", "Re-paired remotely.",
    ),
    Case(
        "technical", "returns", Priority.normal, Channel.email,
        "The speaker I received has a cracked casing.",
        "I would like a replacement, not a refund.",
        _handoff("Damaged on arrival", "Photos received", "Send a replacement"),
        "A replacement ships today; the courier collects the old one.",
        "Perfect, thanks.", "Replacement shipped, return label sent.",
    ),
    Case(
        "technical", "technical", Priority.urgent, Channel.voice,
        "Our payment terminal in the shop stopped accepting cards.",
        "We are losing sales right now.",
        _handoff("Shop terminal down", "Power cycle, cable check",
                 "Get the terminal working today"),
        "Pushed a configuration fix to the terminal; please try a card now.",
        "Cards go through again. Thanks!", "Terminal configuration restored.",
    ),
    Case(
        "callbacks", "complaint", None, Channel.sms,
        "I need to speak to a manager about how I was treated in store.",
        "Still waiting for someone to call me.",
        None,
        "I am the duty supervisor; I called you and we agreed a voucher as an apology.",
        "Thank you for calling.", "Called back; apology and voucher.",
    ),
    Case(
        "legal", "legal", None, Channel.email,
        "Your delivery driver damaged my fence and my solicitor says you must pay.",
        "I have photos of the damage.",
        None,
        "Legal here: please send the photos and a quote for the repair; we will cover it.",
        "Sent both just now.", "Repair cost covered; no admission of liability.",
    ),
]  # fmt: skip


def _office_day(day: date, minutes_after_nine: int) -> datetime:
    local = datetime.combine(day, time(9, 0), tzinfo=ZoneInfo(OFFICE_ZONE))
    return local + timedelta(minutes=minutes_after_nine)


async def _pending_approval(session: AsyncSession, conversation_id: uuid.UUID) -> Approval:
    approval = await session.scalar(
        select(Approval).where(
            Approval.conversation_id == conversation_id,
            Approval.status == ApprovalStatus.pending,
        )
    )
    if approval is None:
        raise act.StoryBroken(f"no approval was requested for {conversation_id}")
    return approval


async def _escalated(
    session: AsyncSession,
    cast: Cast,
    case: Case,
    conversation_id: uuid.UUID,
    *,
    agent: str,
    at: datetime,
) -> tuple[uuid.UUID, datetime]:
    """The escalation and when it reached its inbox: the agent escalates, or a rule did (and a
    supervisor approves what waits for approval)."""
    if case.handoff is not None:
        done = await act.escalate(
            session,
            cast,
            conversation_id,
            by=agent,
            inbox=case.inbox,
            priority=case.priority,
            category=case.category,
            handoff=case.handoff,
            at=at,
        )
        return done.id, at
    if case.inbox != "legal":
        return await act.escalation_of(session, conversation_id), at
    approval = await _pending_approval(session, conversation_id)
    approved_at = at + timedelta(minutes=20)
    await act.tick_until(session, cast, approved_at)
    reason = "Approved: Legal answers the contact."
    return await act.approve(
        session, cast, approval, by="supervisor@example.com", reason=reason, at=approved_at
    ), approved_at


def _claim_delay(rng: random.Random, case: Case, escalation: Escalation) -> timedelta:
    """Usually within the hour; now and then late enough, around the clock, to breach the
    first-response target (so the dashboard shows misses as well as hits)."""
    if case.inbox in ("technical", "callbacks") and rng.random() < 0.25:
        target = ROUND_THE_CLOCK_TARGETS[escalation.priority.value]["first_response_minutes"]
        return timedelta(minutes=target + rng.randint(5, 40))
    return timedelta(minutes=rng.randint(5, 40))


async def _opened(
    session: AsyncSession, cast: Cast, case: Case, *, contact: str, t0: datetime, rng: random.Random
) -> tuple[uuid.UUID, Escalation, datetime]:
    """The contact writes, the agent tries, and the conversation reaches its inbox: returns the
    conversation, its escalation and when it arrived."""
    agent = "agent1@example.com" if rng.random() < 0.5 else "agent2@example.com"
    conversation_id = await act.contact_writes(
        session,
        cast,
        contact=contact,
        agent=agent,
        body=case.opening,
        at=t0,
        campaign=rng.randrange(3),
        channel=case.channel,
    )
    if case.handoff is not None:
        # The agent tries first; escalating while the contact owes us a reply would start the
        # resolution clock paused, so the contact answers before the hand-off.
        await act.message(
            session,
            cast,
            conversation_id,
            by=agent,
            body="Let me look into that for you.",
            at=t0 + timedelta(minutes=4),
        )
        await act.message(
            session,
            cast,
            conversation_id,
            by=agent,
            body=case.follow_up,
            at=t0 + timedelta(minutes=9),
            inbound=True,
        )
    escalation_id, arrived = await _escalated(
        session, cast, case, conversation_id, agent=agent, at=t0 + timedelta(minutes=12)
    )
    escalation = await session.get(Escalation, escalation_id)
    assert escalation is not None
    return conversation_id, escalation, arrived


async def _one(
    session: AsyncSession, cast: Cast, case: Case, *, contact: str, t0: datetime, rng: random.Random
) -> None:
    """One escalation from the contact's first message to its close, by an owner of its inbox."""
    conversation_id, escalation, arrived = await _opened(
        session, cast, case, contact=contact, t0=t0, rng=rng
    )
    inbox, owner = case.inbox, rng.choice(OWNERS[case.inbox])
    at = arrived + _claim_delay(rng, case, escalation)
    await act.tick_until(session, cast, at)
    await act.claim(session, cast, by=owner, inbox=inbox, expect=escalation.id, at=at)
    if case.ending.startswith("move:"):
        at += timedelta(minutes=5)
        inbox = case.ending.removeprefix("move:")
        await act.move(
            session,
            cast,
            escalation.id,
            by=owner,
            inbox=inbox,
            note="Not a billing question: the checkout crashes.",
            at=at,
        )
        owner = OWNERS[inbox][0]
        at += timedelta(minutes=rng.randint(5, 20))
        await act.tick_until(session, cast, at)
        await act.claim(session, cast, by=owner, inbox=inbox, expect=escalation.id, at=at)
    steps = [rng.randint(3, 12), rng.randint(8, 25), rng.randint(3, 12)]
    at += timedelta(minutes=steps[0])
    await act.tick_until(session, cast, at)
    await act.message(session, cast, conversation_id, by=owner, body=case.reply, at=at)
    at += timedelta(minutes=steps[1])
    await act.message(
        session, cast, conversation_id, by=owner, body=case.thanks, at=at, inbound=True
    )
    at += timedelta(minutes=steps[2])
    await act.tick_until(session, cast, at)
    # The last word is ours, so the closed conversation does not wait for an answer.
    await act.message(session, cast, conversation_id, by=owner, body=SIGN_OFF, at=at)
    close = act.de_escalate if case.ending == "de_escalate" else act.resolve
    await close(session, cast, escalation.id, by=owner, note=case.note, at=at)


async def load(session: AsyncSession, cast: Cast, *, now: datetime) -> int:
    """The past month, oldest first; returns how many escalations it made."""
    rng = random.Random(27)
    today = now.astimezone(ZoneInfo(OFFICE_ZONE)).date()
    made = 0
    for back in range(DAYS, 1, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        starts = sorted(rng.sample(range(15, 420, 25), rng.choice([1, 2, 2, 3])))
        for start in starts:
            t0 = _office_day(day, start)
            if t0 > now - QUIET_BEFORE_NOW:
                break
            case = CASES[rng.randrange(len(CASES))]
            contact = CONTACTS[made % len(CONTACTS)]
            await _one(session, cast, case, contact=contact, t0=t0, rng=rng)
            made += 1
    return made
