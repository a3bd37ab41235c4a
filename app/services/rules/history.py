"""Reading what rules did (the `rule_run` records)."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.rules import RuleRun
from app.services._pagination import Page, paginate


async def list_runs(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    rule_id: uuid.UUID | None,
    conversation_id: uuid.UUID | None,
    limit: int,
    cursor: str | None,
) -> Page[RuleRun]:
    stmt = select(RuleRun).where(RuleRun.org_id == org_id)
    if rule_id is not None:
        stmt = stmt.where(RuleRun.rule_id == rule_id)
    if conversation_id is not None:
        stmt = stmt.where(RuleRun.conversation_id == conversation_id)
    return await paginate(
        session,
        stmt,
        keys=[RuleRun.created_at, RuleRun.id],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
