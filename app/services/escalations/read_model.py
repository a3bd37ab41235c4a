"""Escalations in their API shape for the lists (an inbox's page, the owner view).

Through the ORM a page of 50 escalations built 150 objects (each with its conversation and
contact) that pydantic then read attribute by attribute: 4.4 ms of CPU to load and 0.7 ms to
validate, where the same rows cost 0.7 ms from the driver. Here PostgreSQL builds each row as the
JSON object `EscalationRead` expects, from that schema's own field list, and pydantic validates
the page once from JSON: no objects in between, and the same validation (and the same rule that
a lapsed claim reads as open) as every other answer that carries an escalation.
"""

import re
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Select,
    Text,
    cast,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import KeyedColumnElement

from app.models.conversations import Contact, Conversation
from app.models.escalations import Escalation, Priority, PriorityType
from app.schemas.escalations import ConversationBrief, EscalationRead

# UTC with microseconds and a Z whatever the connection's TimeZone setting: PostgreSQL's own JSON
# rendering of a timestamptz follows that setting, and an offset would reach the API as written.
# Constants written into the statement rather than bound: two dozen parameters per statement.
_UTC = literal_column("'UTC'", Text)
_UTC_FORMAT = literal_column("""'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'""", Text)
_ONE = literal_column("1", Integer)
_PRIORITY_NAMES = "(ARRAY[" + ", ".join(f"'{p.value}'" for p in Priority) + "])"
# json_build_object takes at most 100 arguments (PostgreSQL's FUNC_MAX_ARGS): 50 fields.
_MAX_FIELDS = 50


def _as_json_value(column: KeyedColumnElement[Any]) -> ColumnElement[Any]:
    if isinstance(column.type, PriorityType):  # stored as its rank; the API says its name
        names = literal_column(_PRIORITY_NAMES, ARRAY(Text))
        return names[type_coerce(column, Integer) + _ONE]
    if isinstance(column.type, DateTime):
        return func.to_char(func.timezone(_UTC, column), _UTC_FORMAT)
    return column


def _object(fields: dict[str, ColumnElement[Any]]) -> ColumnElement[Any]:
    assert len(fields) <= _MAX_FIELDS, "split the object: json_build_object's argument limit"
    arguments: list[ColumnElement[Any]] = []
    for name, value in fields.items():
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), name  # written into the SQL as is
        arguments += [literal_column(f"'{name}'"), value]
    return func.json_build_object(*arguments)


def _columns_for(schema: type, table_columns: Any, **special: Any) -> dict[str, ColumnElement[Any]]:
    """Every field of `schema`, from the table's column of the same name unless `special`
    says otherwise; a field with neither fails here, at import, not in a request."""
    fields: dict[str, ColumnElement[Any]] = {}
    for name in schema.model_fields:  # type: ignore[attr-defined]
        if name in special:
            fields[name] = special[name]
        elif name in table_columns:
            fields[name] = _as_json_value(table_columns[name])
        else:
            raise LookupError(f"{schema.__name__}.{name}: no column of that name to read it from")
    return fields


_CONVERSATION = _object(
    _columns_for(ConversationBrief, Conversation.__table__.c, contact_name=Contact.name)
)
# As text: the driver would otherwise parse the JSON into dicts only for pydantic to walk them.
ESCALATION_JSON: ColumnElement[str] = cast(
    _object(_columns_for(EscalationRead, Escalation.__table__.c, conversation=_CONVERSATION)),
    Text,
).label("escalation_json")

_PAGE = TypeAdapter(list[EscalationRead])


def select_escalations(*extra: Any) -> Select[Any]:
    """`ESCALATION_JSON` (and `extra` columns) of escalations with their conversation and
    contact joined; add the where clause and the order."""
    return (
        select(ESCALATION_JSON, *extra)
        .select_from(Escalation)
        .join(Conversation, Conversation.id == Escalation.conversation_id)
        .join(Contact, Contact.id == Conversation.contact_id)
    )


def validate(rows: Sequence[str]) -> list[EscalationRead]:
    """The JSON objects of `select_escalations` as `EscalationRead`, in one pass of pydantic."""
    if not rows:
        return []
    return _PAGE.validate_json("[" + ",".join(rows) + "]")
