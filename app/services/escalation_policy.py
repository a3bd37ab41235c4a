"""The escalation policy: categories and who hears of escalations in each."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.errors import NotFound, RuleViolation
from app.models.escalations import Escalation
from app.models.notifications import EscalationPolicy, WebhookEndpoint
from app.models.organisations import Membership
from app.services._versions import check_version
from app.services.notifications import ssrf

FALLBACK_CATEGORY = "other"
_MEMO = "escalation_policy"  # session.info key: the policies read in this transaction
DEFAULT_CATEGORIES: list[dict[str, Any]] = [
    {"key": "service", "name": "Service", "recipients": []},
    {"key": "accounting", "name": "Accounting", "recipients": []},
    {"key": "other", "name": "Other", "recipients": []},
]


class UnknownCategory(RuleViolation):
    code = "unknown-category"
    title = "Unknown escalation category"


class RecipientNotFound(NotFound):
    code = "recipient-not-found"
    title = "A recipient is not a member or webhook of this organisation"


@dataclass
class PolicyView:
    categories: list[dict[str, Any]]
    default_recipients: list[dict[str, Any]]
    updated_at: datetime | None = None  # None: never saved, the defaults


async def get(session: AsyncSession, *, org_id: uuid.UUID) -> PolicyView:
    # Kept for the rest of the transaction: an escalation checks its category and then fans
    # out by the same policy, and an SLA tick fans out a batch by it. The identity map cannot
    # keep it (it holds rows weakly, and an organisation with no saved policy has no row).
    memo: dict[uuid.UUID, PolicyView] = session.info.setdefault(_MEMO, {})
    if org_id in memo:
        return memo[org_id]
    row = await session.get(EscalationPolicy, org_id)
    if row is None:
        view = PolicyView(categories=[dict(c) for c in DEFAULT_CATEGORIES], default_recipients=[])
    else:
        view = PolicyView(
            categories=row.categories,
            default_recipients=row.default_recipients,
            updated_at=row.updated_at,
        )
    memo[org_id] = view
    return view


def _forget(session: AsyncSession | Session) -> None:
    session.info.pop(_MEMO, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_ended(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint's end is not the transaction's
        _forget(session)


async def has_category(session: AsyncSession, *, org_id: uuid.UUID, key: str) -> bool:
    return any(c["key"] == key for c in (await get(session, org_id=org_id)).categories)


async def require_category(session: AsyncSession, *, org_id: uuid.UUID, key: str) -> None:
    if not await has_category(session, org_id=org_id, key=key):
        keys = [c["key"] for c in (await get(session, org_id=org_id)).categories]
        raise UnknownCategory(f"Category must be one of: {', '.join(keys)}.", category=key)


async def _check_recipients(
    session: AsyncSession, *, org_id: uuid.UUID, recipients: list[dict[str, Any]]
) -> None:
    members = {uuid.UUID(str(r["user_id"])) for r in recipients if r["type"] == "member"}
    hooks = {uuid.UUID(str(r["webhook_id"])) for r in recipients if r["type"] == "webhook"}
    found_members = (
        set(
            await session.scalars(
                select(Membership.user_id).where(
                    Membership.org_id == org_id, Membership.user_id.in_(members)
                )
            )
        )
        if members
        else set()
    )
    found_hooks = (
        set(
            await session.scalars(
                select(WebhookEndpoint.id).where(
                    WebhookEndpoint.org_id == org_id, WebhookEndpoint.id.in_(hooks)
                )
            )
        )
        if hooks
        else set()
    )
    missing = (members - found_members) | (hooks - found_hooks)
    if missing:
        raise RecipientNotFound(ids=sorted(str(m) for m in missing))


async def replace(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    categories: list[dict[str, Any]],
    default_recipients: list[dict[str, Any]],
    now: datetime,
    if_match: Sequence[str] | None = None,
) -> PolicyView:
    if if_match is not None:
        row = await session.get(EscalationPolicy, org_id, with_for_update=True)
        check_version(row.updated_at if row else None, if_match)
    everyone = [r for c in categories for r in c["recipients"]] + default_recipients
    await _check_recipients(session, org_id=org_id, recipients=everyone)
    for slack in {str(r["url"]) for r in everyone if r["type"] == "slack"}:
        # As for webhook endpoints: refused when saved, not first discovered dead at send time.
        await ssrf.check_saved(slack)
    before = {c["key"] for c in (await get(session, org_id=org_id)).categories}
    if removed := before - {c["key"] for c in categories}:
        # Nothing is left in a category that no longer exists.
        await session.execute(
            update(Escalation)
            .where(Escalation.org_id == org_id, Escalation.category.in_(removed))
            .values(category=FALLBACK_CATEGORY)
            .execution_options(synchronize_session=False)
        )
    values = {"categories": categories, "default_recipients": default_recipients, "updated_at": now}
    await session.execute(
        insert(EscalationPolicy)
        .values(org_id=org_id, **values)
        .on_conflict_do_update(index_elements=["org_id"], set_=values)
    )
    session.expire_all()
    _forget(session)
    return PolicyView(categories=categories, default_recipients=default_recipients, updated_at=now)


async def forget_member(
    session: AsyncSession, *, org_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> None:
    """Take someone who leaves the organisation out of every recipient list.

    A category left with nobody falls back along the chain (default recipients, then admins and
    owners), so nothing they used to hear of goes unheard."""
    _forget(session)
    row = await session.get(EscalationPolicy, org_id, with_for_update=True)
    if row is None:
        return

    def others(recipients: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            r
            for r in recipients
            if not (r["type"] == "member" and str(r.get("user_id")) == str(user_id))
        ]

    categories = [{**c, "recipients": others(c.get("recipients") or [])} for c in row.categories]
    default_recipients = others(row.default_recipients)
    if categories != row.categories or default_recipients != row.default_recipients:
        row.categories, row.default_recipients = categories, default_recipients
        row.updated_at = now
        await session.flush()
