"""The owner view: my inboxes first, their escalations grouped by campaign, with counts.

Every owner's screen refreshes it, so it costs three statements, each built once with bound
parameters (building the clauses and their cache keys on every refresh cost more CPU than
PostgreSQL spent running them): the inboxes with whether the viewer owns each, the items in
their API shape (read_model.py) with their campaign's name, and the counts with the viewer's
own claims.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.selectable import LateralFromClause

from app.models.campaigns import Campaign
from app.models.escalations import Escalation, EscalationStatus
from app.models.inboxes import Inbox
from app.models.organisations import Membership, Role
from app.schemas.escalations import EscalationRead
from app.services._inbox_access import Counts, claim_live, counts_for, owned_by, status_in
from app.services.escalations import read_model


@dataclass(frozen=True)
class CampaignName:
    id: uuid.UUID
    name: str


@dataclass
class CampaignGroup:
    campaign: CampaignName
    items: list[EscalationRead]


@dataclass
class OwnerInbox:
    inbox: Inbox
    is_owner: bool
    counts: Counts
    groups: list[CampaignGroup]
    my_open_claims: int = 0  # the viewer's live claims here (against the inbox's capacity)


_NOW = bindparam("now", type_=DateTime(timezone=True))
_VIEWER: BindParameter[uuid.UUID] = bindparam("viewer_id")
_INBOX_IDS: BindParameter[list[uuid.UUID]] = bindparam("inbox_ids", expanding=True)
_LIVE = claim_live(_NOW)
_MINE = and_(_LIVE, Escalation.claimed_by == _VIEWER)
_OTHERS = and_(_LIVE, Escalation.claimed_by != _VIEWER)
_ORDER = (Escalation.priority.desc(), Escalation.created_at, Escalation.id)


def _inboxes(*, staff: bool) -> Select[Any]:
    owns = owned_by(Inbox.id, _VIEWER)
    stmt = select(Inbox, owns).where(
        Inbox.org_id == bindparam("org_id"), Inbox.deleted_at.is_(None)
    )
    return stmt if staff else stmt.where(owns)


def _items(*, others_claims: bool) -> Select[Any]:
    """Per inbox: the viewer's live claims first, then the unclaimed (waiting, or a claim that
    lapsed), then (with `others_claims`) the live claims of others, each part highest priority
    then oldest, at most `per_inbox` in all.

    Not a window over every live escalation of each inbox: that sorted the whole backlog on every
    refresh (15 ms of PostgreSQL for 10,000 waiting). Each part is read along an index in the
    view's own order, `per_inbox` rows at most: the viewer's claims (few), and per inbox the
    first waiting (`ix_escalation_claimable`) and the first lapsed claims; the union is ordered
    here and cut per inbox by the caller."""
    inbox = select(Inbox.id).where(Inbox.id.in_(_INBOX_IDS)).subquery("visible_inbox")

    def first(*conditions: ColumnElement[bool]) -> LateralFromClause:
        return (
            select(Escalation.id)
            .where(Escalation.inbox_id == inbox.c.id, *conditions)
            .order_by(*_ORDER)
            .limit(bindparam("per_inbox", type_=Integer))
            .lateral()
        )

    waiting = first(status_in(EscalationStatus.open))
    lapsed = first(status_in(EscalationStatus.claimed), Escalation.claim_expires_at <= _NOW)
    parts = [
        select(Escalation.id).where(Escalation.inbox_id.in_(_INBOX_IDS), _MINE),
        select(waiting.c.id).select_from(inbox.join(waiting, true())),
        select(lapsed.c.id).select_from(inbox.join(lapsed, true())),
    ]
    if others_claims:
        held = first(_OTHERS)
        parts.append(select(held.c.id).select_from(inbox.join(held, true())))
    return (
        read_model.select_escalations(Escalation.inbox_id, Campaign.id, Campaign.name)
        .join(Campaign, Campaign.id == Escalation.origin_campaign_id)
        .where(Escalation.id.in_(union_all(*parts)))
        .order_by(case((_MINE, 0), (_OTHERS, 2), else_=1), *_ORDER)
    )


_INBOXES = {staff: _inboxes(staff=staff) for staff in (False, True)}
_ITEMS = {others: _items(others_claims=others) for others in (False, True)}


async def owner_view(
    session: AsyncSession,
    *,
    viewer: Membership,
    per_inbox: int,
    now: datetime,
    others_claims: bool = False,
) -> list[OwnerInbox]:
    """The caller's inboxes first (staff also see the rest), each with unclaimed escalations
    and the caller's own claims (with `others_claims`, also the live claims others hold in
    them), grouped by campaign; at most `per_inbox` items per inbox."""
    staff = viewer.role.at_least(Role.supervisor)
    rows = await session.execute(
        _INBOXES[staff], {"org_id": viewer.org_id, "viewer_id": viewer.user_id}
    )
    owned: dict[uuid.UUID, bool] = {}
    inboxes = []
    for inbox, is_owner in rows:
        owned[inbox.id] = is_owner
        inboxes.append(inbox)
    if not inboxes:
        return []
    inboxes.sort(key=lambda i: (not owned[i.id], i.name.lower()))
    items: dict[uuid.UUID, list[tuple[str, CampaignName]]] = {i.id: [] for i in inboxes}
    for escalation_json, inbox_id, campaign_id, campaign_name in await session.execute(
        _ITEMS[others_claims],
        {"inbox_ids": list(owned), "viewer_id": viewer.user_id, "now": now, "per_inbox": per_inbox},
    ):
        if len(items[inbox_id]) < per_inbox:
            items[inbox_id].append((escalation_json, CampaignName(campaign_id, campaign_name)))
    counts = await counts_for(session, list(owned), now=now, viewer_id=viewer.user_id)
    return [
        OwnerInbox(
            inbox=inbox,
            is_owner=owned[inbox.id],
            counts=counts.get(inbox.id, Counts()),
            groups=_group_by_campaign(items[inbox.id]),
            my_open_claims=counts.get(inbox.id, Counts()).mine,
        )
        for inbox in inboxes
    ]


def _group_by_campaign(items: list[tuple[str, CampaignName]]) -> list[CampaignGroup]:
    escalations = read_model.validate([escalation_json for escalation_json, _ in items])
    groups: dict[uuid.UUID, CampaignGroup] = {}
    for escalation, (_, campaign) in zip(escalations, items, strict=True):
        groups.setdefault(campaign.id, CampaignGroup(campaign=campaign, items=[])).items.append(
            escalation
        )
    return sorted(groups.values(), key=lambda g: g.campaign.name.lower())
