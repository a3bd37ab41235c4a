"""Creating, editing, ordering and deleting an organisation's rules.

Every save compiles the conditions (a regex over the limits is a 422 here, never a stall later)
and checks that what the rule names (inboxes, campaigns, calendars, members, categories) belongs
to the organisation. An edit bumps the version; `rule.applied` events name the version that acted.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound, RuleViolation
from app.models.campaigns import Campaign
from app.models.inboxes import Inbox
from app.models.organisations import Membership
from app.models.rules import Rule
from app.models.sla import Calendar
from app.services import escalation_policy
from app.services._inbox_access import live_inboxes
from app.services._pagination import Page, paginate
from app.services.rules.conditions import compile_condition, walk

MAX_RULES = 500


class RuleNotFound(NotFound):
    code = "rule-not-found"
    title = "Rule not found"


class RuleReferenceInvalid(RuleViolation):
    code = "rule-reference-invalid"
    title = "The rule names something this organisation does not have"


class RuleShapeInvalid(RuleViolation):
    code = "rule-invalid"
    title = "The rule's actions do not fit together"


class TooManyRules(RuleViolation):
    code = "too-many-rules"
    title = "The organisation has as many rules as it may have"


class OrderMismatch(RuleViolation):
    code = "rule-order-mismatch"
    title = "The order must list every rule of the organisation exactly once"


async def _in_org(session: AsyncSession, model: Any, row_id: Any, org_id: uuid.UUID) -> bool:
    row = await session.get(model, uuid.UUID(str(row_id)))
    return row is not None and row.org_id == org_id


async def _check_refs(
    session: AsyncSession,
    org_id: uuid.UUID,
    conditions: dict[str, Any],
    actions: list[dict[str, Any]],
) -> None:
    def bad(what: str, value: Any) -> RuleReferenceInvalid:
        return RuleReferenceInvalid(
            f"No such {what} in this organisation: {value}", reference=str(value)
        )

    for leaf in walk(conditions):
        for cid in leaf.get("any_of", []) if leaf["type"] == "campaign" else []:
            if not await _in_org(session, Campaign, cid, org_id):
                raise bad("campaign", cid)
        if leaf["type"] == "business_hours" and not await _in_org(
            session, Calendar, leaf["calendar_id"], org_id
        ):
            raise bad("calendar", leaf["calendar_id"])
    for action in actions:
        if "inbox_id" in action:
            stmt = live_inboxes(org_id).where(Inbox.id == uuid.UUID(str(action["inbox_id"])))
            if await session.scalar(stmt) is None:
                raise bad("inbox", action["inbox_id"])
        category = action.get("category")
        if category and not await escalation_policy.has_category(
            session, org_id=org_id, key=category
        ):
            raise bad("category", category)
        target = action.get("target") or {}
        member_id = target.get("user_id") if target.get("type") == "member" else None
        if member_id and await session.get(Membership, (org_id, uuid.UUID(member_id))) is None:
            raise bad("member", member_id)
    kinds = [a["type"] for a in actions]
    if "require_approval" in kinds and "escalate" not in kinds:
        raise RuleShapeInvalid("require_approval goes with an escalate action in the same rule.")
    if kinds.count("escalate") > 1:
        raise RuleShapeInvalid("A rule escalates at most once.")


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


async def _validate(
    session: AsyncSession,
    org_id: uuid.UUID,
    conditions: dict[str, Any],
    actions: list[dict[str, Any]],
) -> None:
    compile_condition(conditions)  # raises RegexRefused (422) for a pattern over the limits
    await _check_refs(session, org_id, conditions, actions)


async def create(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    name: str,
    enabled: bool,
    trigger: str,
    conditions: dict[str, Any],
    actions: list[dict[str, Any]],
    position: int | None,
    now: datetime,
) -> Rule:
    conditions, actions = _plain(conditions), _plain(actions)
    await _validate(session, org_id, conditions, actions)
    count = await session.scalar(select(func.count()).where(Rule.org_id == org_id)) or 0
    if count >= MAX_RULES:
        raise TooManyRules(limit=MAX_RULES)
    at = count if position is None else min(position, count)
    await session.execute(
        update(Rule)
        .where(Rule.org_id == org_id, Rule.position >= at)
        .values(position=Rule.position + 1)
        .execution_options(synchronize_session=False)
    )
    rule = Rule(
        org_id=org_id,
        name=name,
        enabled=enabled,
        trigger=trigger,
        position=at,
        version=1,
        conditions=conditions,
        actions=actions,
        created_at=now,
        updated_at=now,
    )
    session.add(rule)
    await session.flush()
    return rule


async def get(
    session: AsyncSession, *, org_id: uuid.UUID, rule_id: uuid.UUID, for_update: bool = False
) -> Rule:
    stmt = select(Rule).where(Rule.id == rule_id, Rule.org_id == org_id)
    rule = await session.scalar(
        (stmt.with_for_update() if for_update else stmt).execution_options(populate_existing=True)
    )
    if rule is None:
        raise RuleNotFound()
    return rule


async def list_for_org(
    session: AsyncSession, *, org_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[Rule]:
    return await paginate(
        session,
        select(Rule).where(Rule.org_id == org_id),
        keys=[Rule.position, Rule.id],
        descending=False,
        limit=limit,
        cursor=cursor,
    )


async def update_rule(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    rule_id: uuid.UUID,
    changes: dict[str, Any],
    now: datetime,
) -> Rule:
    rule = await get(session, org_id=org_id, rule_id=rule_id, for_update=True)
    changes = {k: _plain(v) for k, v in changes.items() if v is not None}
    conditions = changes.get("conditions", rule.conditions)
    actions = changes.get("actions", rule.actions)
    await _validate(session, org_id, conditions, actions)
    changed = {k: v for k, v in changes.items() if getattr(rule, k) != v}
    if changed:
        for field, value in changed.items():
            setattr(rule, field, value)
        rule.version += 1
        rule.updated_at = now
        await session.flush()
    return rule


async def delete(session: AsyncSession, *, org_id: uuid.UUID, rule_id: uuid.UUID) -> None:
    rule = await get(session, org_id=org_id, rule_id=rule_id, for_update=True)
    await session.delete(rule)
    await session.flush()
    await _renumber(session, org_id)


async def _renumber(session: AsyncSession, org_id: uuid.UUID) -> None:
    ids = list(
        await session.scalars(
            select(Rule.id).where(Rule.org_id == org_id).order_by(Rule.position, Rule.id)
        )
    )
    await _place(session, ids)


async def _place(session: AsyncSession, ids: list[uuid.UUID]) -> None:
    for position, rule_id in enumerate(ids):
        await session.execute(
            update(Rule)
            .where(Rule.id == rule_id)
            .values(position=position)
            .execution_options(synchronize_session=False)
        )


async def reorder(
    session: AsyncSession, *, org_id: uuid.UUID, rule_ids: list[uuid.UUID]
) -> list[Rule]:
    """Every rule in the given order; positions only, so versions stay as they are."""
    current = set(
        await session.scalars(select(Rule.id).where(Rule.org_id == org_id).with_for_update())
    )
    if len(rule_ids) != len(set(rule_ids)) or set(rule_ids) != current:
        raise OrderMismatch()
    await _place(session, rule_ids)
    return list(
        await session.scalars(
            select(Rule)
            .where(Rule.org_id == org_id)
            .order_by(Rule.position)
            .execution_options(populate_existing=True)
        )
    )
