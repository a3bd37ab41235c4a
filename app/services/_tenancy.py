"""Tenancy in one place: loading an organisation's rows, and who sees which conversation."""

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Uuid, bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from app.models.base import Base
from app.models.conversations import Conversation
from app.models.escalations import Escalation
from app.models.inboxes import InboxOwner
from app.models.organisations import Membership, Role
from app.services._inbox_access import live_escalation_of
from app.services._pagination import Page, paginate
from app.services._versions import check_version

# Any model with `id`, `org_id` and `created_at` columns.
Row = TypeVar("Row", bound=Base)


async def get_in_org(
    session: AsyncSession,
    model: type[Row],
    *,
    org_id: uuid.UUID,
    row_id: uuid.UUID,
    missing: NotFound,
    if_match: Sequence[str] | None = None,
) -> Row:
    """The row if it belongs to the organisation; another organisation's does not exist.

    With `if_match` (the versions a change is conditional on) it is locked and checked."""
    row: Any = await session.get(model, row_id, with_for_update=if_match is not None)
    if row is None or row.org_id != org_id:
        raise missing
    if if_match is not None:
        check_version(row.updated_at, if_match)
    found: Row = row
    return found


async def list_in_org(
    session: AsyncSession,
    model: type[Row],
    *,
    org_id: uuid.UUID,
    limit: int,
    cursor: str | None,
    newest_first: bool = False,
) -> Page[Row]:
    table: Any = model
    return await paginate(
        session,
        select(table).where(table.org_id == org_id),
        keys=[table.created_at, table.id],
        descending=newest_first,
        limit=limit,
        cursor=cursor,
    )


def conversations_visible_to(viewer: Membership) -> ColumnElement[Any]:
    """Supervisors and above see every thread of their organisation. Others see the threads
    assigned to them, and escalated threads only while they own the escalation's inbox."""
    return _conversations_visible(
        viewer.role.at_least(Role.supervisor), viewer.org_id, viewer.user_id
    )


def conversations_visible_by_params(*, staff: bool) -> ColumnElement[Any]:
    """The same rule for statements built once: the viewer comes in as the parameters
    `viewer_org_id` and `viewer_user_id` (see `_inbox_access.visibility_params`)."""
    return _conversations_visible(
        staff, bindparam("viewer_org_id", type_=Uuid), bindparam("viewer_user_id", type_=Uuid)
    )


def _conversations_visible(staff: bool, org_id: Any, user_id: Any) -> ColumnElement[Any]:
    in_org = Conversation.org_id == org_id
    if staff:
        return in_org
    escalated = exists().where(live_escalation_of(Conversation.id))
    owns_inbox = exists().where(
        InboxOwner.inbox_id == Escalation.inbox_id, InboxOwner.user_id == user_id
    )
    in_my_inbox = exists().where(live_escalation_of(Conversation.id), owns_inbox)
    return in_org & (((Conversation.assignee_id == user_id) & ~escalated) | in_my_inbox)
