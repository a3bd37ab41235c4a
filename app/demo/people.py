"""The demo's people, campaigns and the conversations in the agents' queues.

Nothing here imports the app at module level: the CLI prints the logins without loading it.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.models.organisations import Membership

DEMO_ORG_NAME = "Demo Helpdesk"
DEMO_PASSWORD = "demo-password-2026"
DEMO_OWNER_EMAIL = "admin@example.com"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: str  # their role in the organisation
    does: str  # what they do in the story (the README's logins table says the same)
    try_first: str


# Every demo account uses DEMO_PASSWORD. Inbox ownership is per inbox (app/demo/desk.py), so the
# specialists are plain agents of the organisation who own an escalation inbox.
DEMO_PEOPLE = [
    Person(
        DEMO_OWNER_EMAIL,
        "Ada Admin",
        "owner",
        "runs the organisation",
        "Dashboard (30 days of SLA figures), then Admin: inboxes, SLA policies, calendar, rules",
    ),
    Person(
        "supervisor@example.com",
        "Sam Supervisor",
        "supervisor",
        "owns Supervisor call-backs; decides approvals",
        "Approvals: the legal escalation waiting for a decision; then the breached call-back",
    ),
    Person(
        "lead@example.com",
        "Lena Lead",
        "supervisor",
        "team lead; owns Supervisor call-backs and Billing disputes",
        "All threads: every escalation, its inbox, priority and SLA",
    ),
    Person(
        "billing@example.com",
        "Bill Billing",
        "agent",
        "owns Billing disputes",
        "Escalations: claim the next batch; the paused one waits on the contact",
    ),
    Person(
        "tech@example.com",
        "Tess Tech",
        "agent",
        "owns Technical escalations",
        "Escalations: your running claim's countdown, and the one near its SLA warning",
    ),
    Person(
        "legal@example.com",
        "Lee Legal",
        "agent",
        "owns Legal & compliance (restricted: escalations need approval)",
        "Escalations: empty until a supervisor approves the pending one",
    ),
    Person(
        "agent1@example.com",
        "Alex Agent",
        "agent",
        "front-line agent in the campaigns",
        "Queue: answer a conversation, or escalate one into an inbox",
    ),
    Person(
        "agent2@example.com",
        "Bea Agent",
        "agent",
        "front-line agent in the campaigns",
        "Queue: escalate a conversation into Legal & compliance; it waits for approval",
    ),
]
FRONT_LINE = ["agent1@example.com", "agent2@example.com"]

DEMO_CAMPAIGNS = ["Spring Sale Outreach", "Subscription Renewals", "New Customer Onboarding"]
DEMO_CONTACTS = [
    "Maria Garcia", "James Smith", "Priya Patel", "Chen Wei", "Fatima Zahra",
    "Lars Nielsen", "Aiko Tanaka", "Omar Haddad", "Sofia Rossi", "Kwame Mensah",
    "Elena Petrova", "Diego Fernandez", "Hannah Muller", "Noah Johnson", "Amara Okafor",
    "Lucas Martin", "Yuki Sato", "Zainab Bello", "Ivan Horvat", "Grace Lee",
]  # fmt: skip
# Message scripts: "<" inbound (from the contact), ">" outbound (from the assigned agent). The
# request for a manager matches the "Supervisor requested" rule, which escalates it.
DEMO_THREADS = [
    ["<Hi, I was charged twice for order #4821. Can you help?"],
    ["<Is the spring discount still valid?", ">Yes, until the end of the month!"],
    [
        "<My package has not arrived yet.",
        ">Sorry about that, I am checking with the courier.",
        "<Any news? It has been three days.",
    ],
    ["<Please cancel my subscription.", ">Done: you will get a confirmation email shortly."],
    ["<The app keeps logging me out on my phone."],
    [
        "<I would like to upgrade to the annual plan.",
        ">Great choice! I have sent you the upgrade link.",
        "<The link says it has expired.",
        ">Sorry about that! Here is a fresh one, valid for a week.",
    ],
    ["<Do you ship to Canada?", ">We do: three to five business days."],
    ["<Can I speak to a manager? This is the third time I am asking about my refund."],
]


def logins() -> str:
    """One line for the CLI: who to sign in as."""
    others = ", ".join(p.email for p in DEMO_PEOPLE[1:])
    return f"log in as {DEMO_OWNER_EMAIL} / {DEMO_PASSWORD} (owner); {others} use the same password"


def handle(name: str) -> str:
    return name.lower().replace(" ", ".")


async def users(session: "AsyncSession") -> dict[str, uuid.UUID]:
    """The demo accounts by email, reusing any that already exist (their passwords are left
    alone). Inserted directly with fastapi-users' own hasher: its user manager commits."""
    from fastapi_users.password import PasswordHelper
    from sqlalchemy import func, select

    from app.models.users import User

    hashed = PasswordHelper().hash(DEMO_PASSWORD)  # the same default hasher as UserManager
    ids = {}
    for person in DEMO_PEOPLE:
        user = await session.scalar(select(User).where(func.lower(User.email) == person.email))
        if user is None:
            user = User(
                email=person.email,
                hashed_password=hashed,
                display_name=person.name,
                is_verified=True,
            )
            session.add(user)
            await session.flush()
        ids[person.email] = user.id
    return ids


async def conversations(
    session: "AsyncSession",
    *,
    owner: "Membership",
    agents: list["Membership"],
    campaign_ids: list[uuid.UUID],
    now: datetime,
) -> None:
    """Twenty conversations over the last 40 hours, shared between the front-line agents."""
    from app.models.conversations import Channel, Direction
    from app.services import conversations

    channels = [Channel.sms, Channel.email, Channel.chat, Channel.whatsapp]
    for i, name in enumerate(DEMO_CONTACTS):
        agent = agents[i % len(agents)]
        thread = DEMO_THREADS[i % len(DEMO_THREADS)]
        at = now - timedelta(hours=2 * (len(DEMO_CONTACTS) - i))
        conversation = await conversations.create(
            session,
            actor=owner,
            campaign_id=campaign_ids[i % len(campaign_ids)],
            contact=conversations.ContactData(
                name=name, phone=f"+1555010{i:04d}", email=f"{handle(name)}@example.net"
            ),
            assignee_id=agent.user_id,
            channel=channels[i % len(channels)],
            first_message=thread[0][1:],
            now=at,
        )
        for step, line in enumerate(thread[1:], start=1):
            await conversations.add_message(
                session,
                viewer=agent,
                conversation_id=conversation.id,
                body=line[1:],
                direction=Direction.inbound if line[0] == "<" else Direction.outbound,
                now=at + timedelta(minutes=9 * step),
            )
