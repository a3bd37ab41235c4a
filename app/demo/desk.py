"""The escalation desk: office hours, SLA policies, categories, inboxes with owners, and rules.

Every piece goes through the same schema and service an admin's request would, so what is
stored is what the API would have stored.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.organisations import Membership
from app.schemas.escalation_policy import EscalationPolicyBody
from app.schemas.inboxes import InboxCreate
from app.schemas.rules import RuleCreate
from app.schemas.sla import CalendarCreate, SlaPolicyCreate, dump_targets
from app.services import escalation_policy, inboxes
from app.services.rules import manage
from app.services.sla import calendars, policies

OFFICE_ZONE = "Europe/London"

# Business minutes: the office is open 8.5 hours a day. Around the clock, minutes are minutes.
OFFICE_TARGETS = {
    "normal": {"first_response_minutes": 240, "resolution_minutes": 1530},
    "high": {"first_response_minutes": 120, "resolution_minutes": 1020},
    "urgent": {"first_response_minutes": 60, "resolution_minutes": 510},
    "critical": {"first_response_minutes": 30, "resolution_minutes": 240},
}
ROUND_THE_CLOCK_TARGETS = {
    "normal": {"first_response_minutes": 120, "resolution_minutes": 1440},
    "high": {"first_response_minutes": 60, "resolution_minutes": 720},
    "urgent": {"first_response_minutes": 30, "resolution_minutes": 240},
    "critical": {"first_response_minutes": 15, "resolution_minutes": 120},
}

# (key, name, inbox owners' emails, SLA policy: None follows the organisation's default)
INBOXES = [
    ("billing", "Billing disputes", ["billing@example.com", "lead@example.com"], None),
    ("technical", "Technical escalations", ["tech@example.com"], "round_the_clock"),
    ("callbacks", "Supervisor call-backs", ["supervisor@example.com", "lead@example.com"],
     "round_the_clock"),
    ("legal", "Legal & compliance", ["legal@example.com"], "office"),
]  # fmt: skip
DESCRIPTIONS = {
    "billing": "Double charges, refunds and chargebacks the campaign agents cannot settle.",
    "technical": "Faults, returns and RMAs that need a specialist; staffed around the clock.",
    "callbacks": "Contacts who asked for a supervisor: call them back within the hour.",
    "legal": "Legal threats, injuries and safety reports. Restricted: a supervisor approves.",
}


@dataclass
class Desk:
    inbox_ids: dict[str, uuid.UUID]
    calendar_id: uuid.UUID
    policy_ids: dict[str, uuid.UUID]


async def _calendar(session: AsyncSession, *, org_id: uuid.UUID, now: datetime) -> uuid.UUID:
    body = CalendarCreate.model_validate(
        {
            "name": "London office hours",
            "time_zone": OFFICE_ZONE,
            "intervals": [{"weekday": d, "start": "09:00", "end": "17:30"} for d in range(5)],
            # England's public holidays come from the country; the company's own days are listed.
            "holiday_country": "GB",
            "holiday_subdivision": "ENG",
            "holidays": [
                {"date": f"{now.year}-12-24", "name": "Christmas Eve (office closed)"},
                {"date": f"{now.year}-12-31", "name": "New Year's Eve (office closed)"},
            ],
        }
    )
    calendar = await calendars.create(
        session, org_id=org_id, data=body.model_dump(mode="json"), now=now
    )
    return calendar.id


async def _policy(
    session: AsyncSession, *, org_id: uuid.UUID, now: datetime, **fields: Any
) -> uuid.UUID:
    body = SlaPolicyCreate(**fields)
    data = body.model_dump(mode="json")
    data["targets"] = dump_targets(body.targets)
    data["calendar_id"] = body.calendar_id  # a UUID column, as the router passes it
    return (await policies.create(session, org_id=org_id, data=data, now=now)).id


async def _categories(
    session: AsyncSession, *, org_id: uuid.UUID, users: dict[str, uuid.UUID], now: datetime
) -> None:
    def member(email: str) -> dict[str, Any]:
        return {"type": "member", "user_id": users[email]}

    body = EscalationPolicyBody.model_validate(
        {
            "categories": [
                {"key": "billing", "name": "Billing & refunds",
                 "recipients": [member("billing@example.com")]},
                {"key": "technical", "name": "Technical fault",
                 "recipients": [member("tech@example.com")]},
                {"key": "returns", "name": "Returns & RMAs",
                 "recipients": [member("tech@example.com"), member("lead@example.com")]},
                {"key": "legal", "name": "Legal, health & safety",
                 "recipients": [member("legal@example.com"), member("admin@example.com")]},
                {"key": "complaint", "name": "Complaint / call-back",
                 "recipients": [member("supervisor@example.com")]},
                {"key": "other", "name": "Other", "recipients": []},
            ],
            # Anything without recipients of its own reaches the team lead.
            "default_recipients": [member("lead@example.com")],
        }
    )  # fmt: skip
    data = body.model_dump(mode="json")
    await escalation_policy.replace(
        session,
        org_id=org_id,
        categories=data["categories"],
        default_recipients=data["default_recipients"],
        now=now,
    )


async def _rules(session: AsyncSession, *, org_id: uuid.UUID, desk: Desk, now: datetime) -> None:
    """The three rules the product was specified with, in evaluation order."""
    rules: list[dict[str, Any]] = [
        {
            "name": "Supervisor requested",
            "trigger": "message.received",
            "conditions": {
                "type": "keywords",
                "any_of": ["speak to a supervisor", "speak to a manager", "talk to a manager"],
            },
            "actions": [
                {
                    "type": "escalate",
                    "inbox_id": desk.inbox_ids["callbacks"],
                    "priority": "urgent",
                    "category": "complaint",
                    "note": "Call the contact back within the hour.",
                }
            ],
        },
        {
            "name": "Health, safety or legal",
            "trigger": "message.received",
            "conditions": {
                "type": "any",
                "conditions": [
                    {"type": "keywords", "any_of": ["injured", "injury", "unsafe", "hurt my"]},
                    {"type": "regex", "pattern": r"\b(lawyer|solicitor|attorney|sue|court)\b"},
                ],
            },
            "actions": [
                {"type": "add_tag", "tag": "legal"},
                {
                    "type": "escalate",
                    "inbox_id": desk.inbox_ids["legal"],
                    "priority": "urgent",
                    "category": "legal",
                    "note": "Do not admit liability; Legal answers the contact.",
                },
                {"type": "stop"},
            ],
        },
        {
            "name": "Two or more RMAs",
            "trigger": "message.received",
            "conditions": {
                "type": "contact_attribute",
                "key": "rma_count",
                "op": "gte",
                "value": 2,
            },
            "actions": [
                {
                    "type": "escalate",
                    "inbox_id": desk.inbox_ids["technical"],
                    "priority": "high",
                    "category": "returns",
                    "note": "Repeat return: offer a replacement from new stock.",
                }
            ],
        },
    ]
    for rule in rules:
        body = RuleCreate.model_validate(rule)
        await manage.create(session, org_id=org_id, now=now, **body.model_dump(mode="json"))


async def build(
    session: AsyncSession, *, owner: Membership, users: dict[str, uuid.UUID], now: datetime
) -> Desk:
    """The desk as an admin would set it up on day one (`now`: before any history)."""
    org_id = owner.org_id
    calendar_id = await _calendar(session, org_id=org_id, now=now)
    policy_ids = {
        "office": await _policy(
            session,
            org_id=org_id,
            now=now,
            name="Office hours",
            calendar_id=calendar_id,
            targets=OFFICE_TARGETS,
            warnings_minutes=[60, 15],
            pause_while_awaiting_contact=True,
            is_default=True,
        ),
        "round_the_clock": await _policy(
            session,
            org_id=org_id,
            now=now,
            name="Around the clock",
            calendar_id=None,
            targets=ROUND_THE_CLOCK_TARGETS,
            warnings_minutes=[30, 10],
            pause_while_awaiting_contact=True,
        ),
    }
    await _categories(session, org_id=org_id, users=users, now=now)
    await session.refresh(owner)  # saving the categories expired every loaded row
    inbox_ids = {}
    for key, name, owners, policy in INBOXES:
        body = InboxCreate(
            name=name,
            description=DESCRIPTIONS[key],
            owner_ids=[users[email] for email in owners],
            batch_size=5,
            assignment_duration_minutes=60,
            sla_policy_id=policy_ids[policy] if policy else None,
            restricted=key == "legal",
        )
        view = await inboxes.create(session, actor=owner, now=now, **body.model_dump())
        inbox_ids[key] = view.id
    desk = Desk(inbox_ids=inbox_ids, calendar_id=calendar_id, policy_ids=policy_ids)
    await _rules(session, org_id=org_id, desk=desk, now=now)
    return desk
