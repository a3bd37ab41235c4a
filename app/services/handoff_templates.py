"""Hand-off templates: admins write a hand-off once, per inbox and category, and the escalate
dialog starts from it, with the contact's name and attributes filled in.

A template only prefills: the escalation's own rules (reason, steps taken and help needed
required) apply to what is finally sent, so a template may leave any field empty. Placeholders
are `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and
`{{contact.attributes.<key>}}`; anything else in double braces is refused when the template is
saved (a typo would otherwise reach a colleague as literal braces). A value the contact lacks
renders as nothing.
"""

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound, RuleViolation
from app.models.conversations import Contact
from app.models.handoff_templates import HandoffTemplate
from app.models.organisations import Membership
from app.services import conversations
from app.services._inbox_access import get_live

FIELDS = ("reason", "steps_taken", "offers_made", "help_needed")
LIMIT = 200  # templates per organisation: a dialog offers a handful, never a catalogue
_BRACES = re.compile(r"\{\{(.*?)\}\}")
_PLACEHOLDER = re.compile(r"\s*contact\.(name|email|phone|attributes\.([A-Za-z0-9_.-]{1,100}))\s*")


class TemplateNotFound(NotFound):
    code = "handoff-template-not-found"
    title = "Hand-off template not found"


class UnknownPlaceholder(RuleViolation):
    code = "unknown-placeholder"
    title = "The template uses a placeholder that does not exist"


class EmptyTemplate(RuleViolation):
    code = "empty-handoff-template"
    title = "A template prefills at least one field of the hand-off"


class TooManyTemplates(RuleViolation):
    code = "too-many-handoff-templates"
    title = "The organisation has as many hand-off templates as it may"


@dataclass
class Suggestion:
    template_id: uuid.UUID
    name: str
    inbox_id: uuid.UUID | None
    category: str | None
    handoff: dict[str, str | None]


def _check(values: dict[str, Any]) -> None:
    for field in FIELDS:
        for found in _BRACES.finditer(values.get(field) or ""):
            if not _PLACEHOLDER.fullmatch(found.group(1)):
                raise UnknownPlaceholder(
                    f"{found.group(0)} is not a placeholder: use {{{{contact.name}}}}, "
                    "{{contact.email}}, {{contact.phone}} or {{contact.attributes.<key>}}.",
                    field=field,
                    placeholder=found.group(0),
                )
    if not any((values.get(field) or "").strip() for field in FIELDS):
        raise EmptyTemplate()


async def _get(
    session: AsyncSession, *, org_id: uuid.UUID, template_id: uuid.UUID
) -> HandoffTemplate:
    template = await session.scalar(
        select(HandoffTemplate).where(
            HandoffTemplate.org_id == org_id, HandoffTemplate.id == template_id
        )
    )
    if template is None:
        raise TemplateNotFound()
    return template


async def create(
    session: AsyncSession, *, actor: Membership, values: dict[str, Any]
) -> HandoffTemplate:
    _check(values)
    if values.get("inbox_id") is not None:
        await get_live(session, org_id=actor.org_id, inbox_id=values["inbox_id"])
    count = await session.scalar(select(func.count()).where(HandoffTemplate.org_id == actor.org_id))
    if (count or 0) >= LIMIT:
        raise TooManyTemplates(limit=LIMIT)
    template = HandoffTemplate(org_id=actor.org_id, **values)
    session.add(template)
    await session.flush()
    return template


async def list_all(session: AsyncSession, *, org_id: uuid.UUID) -> list[HandoffTemplate]:
    rows = await session.scalars(
        select(HandoffTemplate)
        .where(HandoffTemplate.org_id == org_id)
        .order_by(HandoffTemplate.name, HandoffTemplate.id)
    )
    return list(rows)


async def update(
    session: AsyncSession, *, actor: Membership, template_id: uuid.UUID, changes: dict[str, Any]
) -> HandoffTemplate:
    template = await _get(session, org_id=actor.org_id, template_id=template_id)
    merged = {field: getattr(template, field) for field in FIELDS} | changes
    _check(merged)
    if changes.get("inbox_id") is not None:
        await get_live(session, org_id=actor.org_id, inbox_id=changes["inbox_id"])
    for field, value in changes.items():
        setattr(template, field, value)
    await session.flush()
    return template


async def delete(session: AsyncSession, *, actor: Membership, template_id: uuid.UUID) -> None:
    template = await _get(session, org_id=actor.org_id, template_id=template_id)
    await session.delete(template)
    await session.flush()


def _value(contact: Contact, path: str) -> str:
    if path.startswith("attributes."):
        value = (contact.attributes or {}).get(path.removeprefix("attributes."))
    else:
        value = getattr(contact, path)
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def render(text: str | None, contact: Contact) -> str | None:
    if text is None:
        return None
    return _BRACES.sub(lambda m: _value(contact, m.group(1).strip().removeprefix("contact.")), text)


async def offered(
    session: AsyncSession,
    *,
    viewer: Membership,
    conversation_id: uuid.UUID,
    inbox_id: uuid.UUID | None,
    category: str | None,
) -> list[Suggestion]:
    """The templates for escalating this conversation into `inbox_id` under `category`, filled
    in for its contact: those made for both first, then for either, then for any."""
    conversation = await conversations.get(
        session, viewer=viewer, conversation_id=conversation_id
    )  # or 404
    specific = case((HandoffTemplate.inbox_id.is_not(None), 2), else_=0) + case(
        (HandoffTemplate.category.is_not(None), 1), else_=0
    )
    rows = await session.scalars(
        select(HandoffTemplate)
        .where(
            HandoffTemplate.org_id == viewer.org_id,
            or_(HandoffTemplate.inbox_id.is_(None), HandoffTemplate.inbox_id == inbox_id),
            or_(HandoffTemplate.category.is_(None), HandoffTemplate.category == category),
        )
        .order_by(specific.desc(), HandoffTemplate.name, HandoffTemplate.id)
    )
    return [
        Suggestion(
            template_id=t.id,
            name=t.name,
            inbox_id=t.inbox_id,
            category=t.category,
            handoff={f: render(getattr(t, f), conversation.contact) for f in FIELDS},
        )
        for t in rows
    ]
