"""The last two hours: escalations in every state a newcomer should find when they sign in.

  Technical escalations (around the clock)
    - claimed by Tess 20 minutes ago: her claim runs for 40 more minutes, first answer given
    - escalated 45 minutes ago: its 30-minute SLA warning has fired, first answer due in 15
    - escalated by the "Two or more RMAs" rule 25 minutes ago: its first warning comes in 5
  Billing disputes (office hours)
    - claimed by Bill, who asked the contact for their card details: paused, awaiting the contact
    - two unclaimed
  Supervisor call-backs: the two conversations where a contact asked for a manager (earlier, in
    the agents' queues) were escalated by the "Supervisor requested" rule, never claimed, and
    have breached their targets: each raised a level and in priority (see app/demo/people.py)
  Legal & compliance (restricted): an injury report the "Health, safety or legal" rule sent
    there waits for a supervisor's approval

Around-the-clock inboxes carry the stories that need a deadline in reach: in office hours a demo
loaded on a Sunday would have every deadline on Monday.
"""

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.demo import _acts as act
from app.demo._acts import Cast
from app.models.conversations import Channel
from app.models.escalations import Priority
from app.schemas.escalations import Handoff


class Ago:
    """`ago(20)`: twenty minutes before the demo's now."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self, minutes: int) -> datetime:
        return self.now - timedelta(minutes=minutes)


async def _technical(session: AsyncSession, cast: Cast, ago: Ago) -> None:
    router = await act.contact_writes(
        session,
        cast,
        contact="Tomasz Nowak",
        agent="agent1@example.com",
        at=ago(58),
        body="Since the firmware update my router drops the connection every few minutes.",
    )
    await act.message(
        session,
        cast,
        router,
        by="agent1@example.com",
        at=ago(55),
        body="Sorry to hear that! Could you try a factory reset?",
    )
    await act.message(
        session,
        cast,
        router,
        by="agent1@example.com",
        at=ago(53),
        inbound=True,
        body="Yes, twice already. Still dropping.",
    )
    claimed = await act.escalate(
        session,
        cast,
        router,
        by="agent1@example.com",
        inbox="technical",
        priority=Priority.high,
        category="technical",
        at=ago(50),
        handoff=Handoff(
            reason="Router drops the connection since the firmware update",
            steps_taken="Factory reset (twice), checked the cables",
            help_needed="Roll back the firmware or find the fault",
        ),
    )
    vpn = await act.contact_writes(
        session,
        cast,
        contact="Ingrid Johansson",
        agent="agent2@example.com",
        at=ago(47),
        body="Our whole office lost the VPN after your maintenance window. Nobody can work.",
        channel=Channel.email,
        campaign=1,
    )
    await act.escalate(
        session,
        cast,
        vpn,
        by="agent2@example.com",
        inbox="technical",
        priority=Priority.high,
        category="technical",
        at=ago(45),
        handoff=Handoff(
            reason="A business customer's VPN is down after maintenance",
            steps_taken="Confirmed the maintenance window; no other reports yet",
            help_needed="Check the VPN gateway for their account",
        ),
    )
    # Contact attributes are what the RMA rule reads: the third faulty headset escalates itself.
    await act.contact_writes(
        session,
        cast,
        contact="Ravi Kumar",
        agent="agent1@example.com",
        at=ago(25),
        body="The replacement headset stopped working too. That is the third one.",
        attributes={"rma_count": 2, "tier": "gold"},
        campaign=2,
    )
    await act.tick_until(session, cast, ago(20))
    await act.claim(
        session, cast, by="tech@example.com", inbox="technical", expect=claimed.id, at=ago(20)
    )
    await act.message(
        session,
        cast,
        router,
        by="tech@example.com",
        at=ago(12),
        body="I can see the fault on our side. Could you unplug it for a minute?",
    )
    await act.message(
        session,
        cast,
        router,
        by="tech@example.com",
        at=ago(6),
        inbound=True,
        body="Done, it is restarting now.",
    )


async def _billing(session: AsyncSession, cast: Cast, ago: Ago) -> None:
    twice = await act.contact_writes(
        session,
        cast,
        contact="Olivia Brown",
        agent="agent2@example.com",
        at=ago(70),
        body="You charged me 49.99 twice this month.",
        channel=Channel.email,
    )
    paused = await act.escalate(
        session,
        cast,
        twice,
        by="agent2@example.com",
        inbox="billing",
        priority=Priority.normal,
        category="billing",
        at=ago(65),
        handoff=Handoff(
            reason="Charged twice this month",
            steps_taken="Found only one invoice on the account",
            help_needed="Find the second charge and refund it",
        ),
    )
    await act.tick_until(session, cast, ago(30))
    await act.claim(
        session, cast, by="billing@example.com", inbox="billing", expect=paused.id, at=ago(30)
    )
    # Our answer asks the contact something: the resolution clock pauses until they reply.
    await act.message(
        session,
        cast,
        twice,
        by="billing@example.com",
        at=ago(25),
        body="I can only see one charge. Could you send the bank statement line?",
    )
    refund = await act.contact_writes(
        session,
        cast,
        contact="Ahmed Hassan",
        agent="agent1@example.com",
        at=ago(31),
        body="Where is my refund for order #5530? You promised it last week.",
        channel=Channel.sms,
    )
    await act.message(
        session,
        cast,
        refund,
        by="agent1@example.com",
        at=ago(29),
        body="Let me check with our billing team.",
    )
    await act.message(
        session,
        cast,
        refund,
        by="agent1@example.com",
        at=ago(28),
        inbound=True,
        body="Please hurry, I need that money.",
    )
    await act.escalate(
        session,
        cast,
        refund,
        by="agent1@example.com",
        inbox="billing",
        priority=Priority.high,
        category="billing",
        at=ago(27),
        handoff=Handoff(
            reason="Refund promised last week has not arrived",
            steps_taken="Refund was approved on the order",
            help_needed="Find out why the refund has not been paid",
            offers_made="Told the contact we would chase it today",
        ),
    )
    fee = await act.contact_writes(
        session,
        cast,
        contact="Chloe Dubois",
        agent="agent2@example.com",
        at=ago(15),
        body="I was charged a cancellation fee I never agreed to.",
        channel=Channel.whatsapp,
    )
    await act.escalate(
        session,
        cast,
        fee,
        by="agent2@example.com",
        inbox="billing",
        priority=None,
        category="billing",
        at=ago(12),
        handoff=Handoff(
            reason="Disputes a cancellation fee",
            steps_taken="Read the contract terms to the contact",
            help_needed="Decide whether to waive the fee",
        ),
    )


async def _legal(session: AsyncSession, cast: Cast, ago: Ago) -> None:
    await act.contact_writes(
        session,
        cast,
        contact="Marcus Reid",
        agent="agent2@example.com",
        at=ago(40),
        body="I slipped on a wet floor in your Leeds store and hurt my back. "
        "My solicitor will be in touch.",
        channel=Channel.voice,
    )


async def load(session: AsyncSession, cast: Cast, *, now: datetime) -> None:
    """Each inbox's story in time order (the inboxes do not touch each other), then the SLA
    worker catches up to `now`."""
    ago = Ago(now)
    await act.tick_until(session, cast, ago(90))
    await _technical(session, cast, ago)
    await _legal(session, cast, ago)
    await _billing(session, cast, ago)
    await act.tick_until(session, cast, now)
