"""Rules compiled once per (rule, version) and evaluated in memory, in order: pure, no I/O."""

import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from app.services.rules.conditions import Check, Facts, compile_condition, walk

_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class CompiledRule:
    id: uuid.UUID
    version: int
    name: str
    check: Check
    actions: tuple[dict[str, Any], ...]
    stops: bool
    # The contact attributes its conditions read: a priority it sets came from the customer.
    attribute_keys: tuple[str, ...]
    calendar_ids: frozenset[uuid.UUID]


@dataclass
class Outcome:
    matched: list[CompiledRule]
    timed_out: list[CompiledRule]
    evaluated: int


def compile_rule(
    rule_id: uuid.UUID,
    version: int,
    name: str,
    conditions: dict[str, Any],
    actions: list[dict[str, Any]],
) -> CompiledRule:
    leaves = walk(conditions)
    return CompiledRule(
        id=rule_id,
        version=version,
        name=name,
        check=compile_condition(conditions),
        actions=tuple(actions),
        stops=any(a["type"] == "stop" for a in actions),
        attribute_keys=tuple(leaf["key"] for leaf in leaves if leaf["type"] == "contact_attribute"),
        calendar_ids=frozenset(
            uuid.UUID(str(leaf["calendar_id"]))
            for leaf in leaves
            if leaf["type"] == "business_hours"
        ),
    )


class RuleCache:
    """Compiled rules by (id, version): an edit bumps the version, so nothing is ever stale."""

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._size = size
        self._rules: OrderedDict[tuple[uuid.UUID, int], CompiledRule] = OrderedDict()

    def get(self, rule_id: uuid.UUID, version: int) -> CompiledRule | None:
        found = self._rules.get((rule_id, version))
        if found is not None:
            self._rules.move_to_end((rule_id, version))
        return found

    def put(self, rule: CompiledRule) -> CompiledRule:
        self._rules[rule.id, rule.version] = rule
        while len(self._rules) > self._size:
            self._rules.popitem(last=False)
        return rule


CACHE = RuleCache()


def evaluate(
    rules: list[CompiledRule], facts: Facts, *, skip: frozenset[uuid.UUID] = frozenset()
) -> Outcome:
    """The rules that match, in order, up to and including the first that stops processing.

    `skip`: rules that already acted in this chain of events; they are not run again."""
    matched: list[CompiledRule] = []
    timed_out: list[CompiledRule] = []
    evaluated = 0
    for rule in rules:
        if rule.id in skip:
            continue
        evaluated += 1
        facts.timed_out = False
        hit = rule.check(facts)
        if facts.timed_out:
            timed_out.append(rule)
        if hit:
            matched.append(rule)
            if rule.stops:
                break
    return Outcome(matched=matched, timed_out=timed_out, evaluated=evaluated)
