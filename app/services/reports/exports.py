"""Exports: escalations and breaches of any period as CSV or JSON Lines, in constant memory.

Rows come from a server-side cursor in partitions and leave as text chunk by chunk: a year of
escalations never sits in the process. CSV cells are spreadsheet-safe: text that a spreadsheet
would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading `'`
(OWASP's advice on CSV injection); JSON Lines is for programs and stays as stored.
"""

import csv
import enum
import io
import json
import typing
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import astuple
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Table, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.campaigns import Campaign
from app.models.conversations import Conversation
from app.models.escalations import Escalation, EscalationEvent
from app.models.inboxes import Inbox
from app.models.users import User
from app.services.reports import breaches
from app.services.reports.sla import Filters, org_zone, period_bounds

PARTITION = 2000  # rows per fetch from the cursor, and per chunk written
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Format(enum.StrEnum):
    csv = "csv"
    jsonl = "jsonl"


MEDIA_TYPES = {Format.csv: "text/csv; charset=utf-8", Format.jsonl: "application/x-ndjson"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _escalation_rows(org_id: uuid.UUID, since: datetime, until: datetime, filters: Filters) -> Any:
    # Through the table: fastapi-users declares the model's columns as plain attributes.
    users = typing.cast(Table, User.__table__)
    escalated_by, claimed_by = users.alias("escalated_by"), users.alias("claimed_by")
    return (
        select(
            Escalation.id.label("escalation_id"),
            Escalation.conversation_id,
            Conversation.external_id.label("conversation_external_id"),
            Escalation.inbox_id,
            Inbox.name.label("inbox"),
            Escalation.origin_campaign_id.label("campaign_id"),
            Campaign.name.label("campaign"),
            Escalation.category,
            Conversation.channel,
            Escalation.priority,
            Escalation.priority_source["kind"].astext.label("priority_source"),
            Escalation.handoff["reason"].astext.label("handoff_reason"),
            Escalation.status,
            escalated_by.c.email.label("escalated_by"),
            claimed_by.c.email.label("claimed_by"),
            Escalation.created_at,
            Escalation.first_responded_at,
            Escalation.closed_at,
            Escalation.first_response_minutes,
            Escalation.resolution_minutes,
            Escalation.breached_first_response,
            Escalation.breached_resolution,
            Escalation.level,
        )
        .join(Conversation, Conversation.id == Escalation.conversation_id)
        .join(Inbox, Inbox.id == Escalation.inbox_id)
        .join(Campaign, Campaign.id == Escalation.origin_campaign_id)
        .outerjoin(escalated_by, escalated_by.c.id == Escalation.escalated_by)
        .outerjoin(claimed_by, claimed_by.c.id == Escalation.last_claimed_by)
        .where(
            and_(
                Escalation.org_id == org_id,
                Escalation.created_at >= since,
                Escalation.created_at < until,
                *filters.clauses(),
            )
        )
        .order_by(Escalation.created_at, Escalation.id)
    )


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return _plain(value)


async def _chunks(
    rows: AsyncIterator[Sequence[Sequence[Any]]], columns: list[str], fmt: Format
) -> AsyncIterator[str]:
    """Rows (values in `columns` order) as text, one chunk per partition."""
    if fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        async for partition in rows:
            writer.writerows([[_csv_cell(v) for v in row] for row in partition])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
    else:
        async for partition in rows:
            yield "".join(
                json.dumps(dict(zip(columns, map(_plain, row), strict=True))) + "\n"
                for row in partition
            )


async def _partitions(
    session: AsyncSession, stmt: Select[Any], shape: Callable[[Any], Sequence[Any]] | None = None
) -> AsyncIterator[Sequence[Sequence[Any]]]:
    result = await session.stream(stmt.execution_options(yield_per=PARTITION))
    async for partition in result.partitions():
        yield partition if shape is None else [shape(row) for row in partition]


BREACH_COLUMNS = list(breaches.Breach.__dataclass_fields__)


async def escalations_export(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    start: date,
    end: date,
    filters: Filters,
    fmt: Format,
) -> AsyncIterator[str]:
    """One row per escalation created in the period, oldest first. The session must stay open
    (its transaction holds the cursor) until the last chunk is taken."""
    since, until = period_bounds(await org_zone(session, org_id), start, end)
    stmt = _escalation_rows(org_id, since, until, filters)
    columns = list(stmt.selected_columns.keys())  # the labels, in the rows' order
    return _chunks(_partitions(session, stmt), columns, fmt)


async def breaches_export(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    query: breaches.BreachQuery,
    fmt: Format,
    now: datetime,
) -> AsyncIterator[str]:
    """The breach list of the period, every page of it, oldest first."""
    stmt = await breaches.statement(session, org_id, query)
    stmt = stmt.order_by(EscalationEvent.created_at, EscalationEvent.id)
    rows = _partitions(session, stmt, lambda row: astuple(breaches.to_breach(row, now)))
    return _chunks(rows, BREACH_COLUMNS, fmt)
