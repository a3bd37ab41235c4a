"""Conditions compiled once into plain closures over a message's facts: pure, no I/O.

A rule's conditions are stored as validated JSON (app/schemas/rules.py); `compile_condition`
turns them into a function of `Facts`, so evaluating hundreds of rules per message is a few
Python calls each. Regular expressions are bounded twice: a pattern whose compiled program is too
large, or that backtracks catastrophically on probe inputs, is refused when the rule is saved
(422), and every match runs with a time limit, so one that slips through still cannot stall the
worker: it counts as no match and the time-out is audited.
"""

import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import regex

from app.errors import RuleViolation
from app.models.escalations import Priority
from app.services.business_hours import BusinessCalendar, open_windows

MAX_PATTERN_BYTES = 64 * 1024  # compiled program size (sys.getsizeof of the compiled pattern)
MATCH_TIMEOUT_SECONDS = 0.02
PROBE_TIMEOUT_SECONDS = 0.05
MAX_TEXT = 10_000  # message bodies are at most this long already (LongText)
# Inputs on which catastrophic backtracking shows at once.
_PROBES = ("a" * 2000 + "!", "ab" * 1000 + "!", " " * 2000 + "!", "x" * 2000 + "\n" + "1" * 50)
_ONE_US = timedelta(microseconds=1)


class RegexRefused(RuleViolation):
    code = "rule-regex-refused"
    title = "The regular expression is invalid, too large or too slow"


class RegexTimedOut(Exception):
    """A match ran out of time; evaluation treats it as no match and records it."""


@dataclass
class Facts:
    """What conditions look at: the message, its conversation and its live escalation."""

    text: str | None
    channel: str
    campaign_id: uuid.UUID
    attributes: dict[str, Any]
    priority: Priority | None
    category: str | None
    level: int | None
    now: datetime
    calendars: dict[uuid.UUID, BusinessCalendar] = field(default_factory=dict)
    # Filled while evaluating: rules whose regex timed out, and which contact attributes the
    # matching conditions read (for the priority source).
    timed_out: bool = False
    lowered: str | None = None

    def lower_text(self) -> str:
        if self.lowered is None:
            self.lowered = (self.text or "")[:MAX_TEXT].lower()
        return self.lowered


Check = Callable[[Facts], bool]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


def _comparable(a: Any, b: Any) -> bool:
    """Typed comparison: numbers with numbers, strings with strings, booleans with booleans."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return True
    return isinstance(a, str) and isinstance(b, str)


def compile_regex(pattern: str, *, ignore_case: bool) -> "regex.Pattern[str]":
    """Compile within the limits, or raise RegexRefused (a 422 when a rule is saved)."""
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except (regex.error, OverflowError, RecursionError, MemoryError) as exc:
        raise RegexRefused(f"Invalid regular expression: {exc}", pattern=pattern) from exc
    if sys.getsizeof(compiled) > MAX_PATTERN_BYTES:
        raise RegexRefused(
            f"The compiled pattern is larger than {MAX_PATTERN_BYTES} bytes.", pattern=pattern
        )
    # Each literal letter or digit of the pattern repeated, too: `(q+q+)+y` backtracks on "qqq…".
    letters = sorted({ch for ch in pattern if ch.isalnum()})[:12]
    for probe in (*_PROBES, *(ch * 2000 + "!" for ch in letters)):
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise RegexRefused(
                "The pattern backtracks catastrophically (it ran out of time on a probe input).",
                pattern=pattern,
            ) from exc
    return compiled


def _keywords(words: list[str]) -> Check:
    # One alternation per rule; \b only where the keyword starts or ends with a word character,
    # so "supervisor" does not match "supervisors'" halfway but "C++" still matches.
    parts = []
    for word in sorted({w.lower() for w in words}, key=len, reverse=True):
        escaped = regex.escape(word)
        left = r"\b" if word[:1].isalnum() or word[:1] == "_" else ""
        right = r"\b" if word[-1:].isalnum() or word[-1:] == "_" else ""
        parts.append(f"{left}{escaped}{right}")
    compiled = regex.compile("|".join(parts))
    return lambda facts: compiled.search(facts.lower_text()) is not None


def _regex(pattern: str, ignore_case: bool) -> Check:
    compiled = compile_regex(pattern, ignore_case=ignore_case)

    def check(facts: Facts) -> bool:
        if facts.text is None:
            return False
        try:
            return compiled.search(facts.text[:MAX_TEXT], timeout=MATCH_TIMEOUT_SECONDS) is not None
        except TimeoutError:
            facts.timed_out = True
            return False

    return check


def _attribute(key: str, op: str, value: Any) -> Check:
    if op == "exists":
        return lambda facts: facts.attributes.get(key) is not None
    if op == "missing":
        return lambda facts: facts.attributes.get(key) is None
    if op == "in":
        options = value if isinstance(value, list) else [value]
        return lambda facts: any(
            _comparable(facts.attributes.get(key), o) and facts.attributes.get(key) == o
            for o in options
        )
    compare = _COMPARE[op]

    def check(facts: Facts) -> bool:
        actual = facts.attributes.get(key)
        return actual is not None and _comparable(actual, value) and compare(actual, value)

    return check


def _priority(op: str, value: str) -> Check:
    rank, compare = Priority(value).rank, _COMPARE[op]
    return lambda facts: facts.priority is not None and compare(facts.priority.rank, rank)


def _level(op: str, value: int) -> Check:
    compare = _COMPARE[op]
    return lambda facts: facts.level is not None and compare(facts.level, value)


def _business_hours(calendar_id: uuid.UUID, within: bool) -> Check:
    def check(facts: Facts) -> bool:
        calendar = facts.calendars.get(calendar_id)
        if calendar is None:  # deleted since: neither within nor outside
            return False
        is_open = next(open_windows(calendar, facts.now, facts.now + _ONE_US), None) is not None
        return is_open is within

    return check


def compile_condition(node: dict[str, Any]) -> Check:
    kind = node["type"]
    if kind == "all":
        parts = [compile_condition(c) for c in node["conditions"]]
        return lambda facts: all(p(facts) for p in parts)
    if kind == "any":
        parts = [compile_condition(c) for c in node["conditions"]]
        return lambda facts: any(p(facts) for p in parts)
    if kind == "not":
        inner = compile_condition(node["condition"])
        return lambda facts: not inner(facts)
    if kind == "keywords":
        return _keywords(node["any_of"])
    if kind == "regex":
        return _regex(node["pattern"], node.get("ignore_case", True))
    if kind == "channel":
        channels = frozenset(node["any_of"])
        return lambda facts: facts.channel in channels
    if kind == "campaign":
        campaigns = frozenset(uuid.UUID(str(c)) for c in node["any_of"])
        return lambda facts: facts.campaign_id in campaigns
    if kind == "contact_attribute":
        return _attribute(node["key"], node["op"], node.get("value"))
    if kind == "priority":
        return _priority(node["op"], node["value"])
    if kind == "category":
        categories = frozenset(node["any_of"])
        return lambda facts: facts.category in categories
    if kind == "escalation_level":
        return _level(node["op"], node["value"])
    if kind == "business_hours":
        return _business_hours(uuid.UUID(str(node["calendar_id"])), node.get("within", True))
    raise ValueError(f"unknown condition {kind!r}")


def walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Every leaf condition of a tree."""
    if node["type"] in ("all", "any"):
        return [leaf for c in node["conditions"] for leaf in walk(c)]
    if node["type"] == "not":
        return walk(node["condition"])
    return [node]
