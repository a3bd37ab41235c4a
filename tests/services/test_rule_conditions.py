"""The pure half of the rules engine: every condition, the combinators, order and stop, the
regex limits and the compiled-rule cache. No database: conditions are functions of Facts."""

import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from app.models.escalations import Priority
from app.services.business_hours import BusinessCalendar, OpeningInterval
from app.services.rules import conditions as c
from app.services.rules.evaluation import RuleCache, compile_rule, evaluate

CAMPAIGN = uuid.uuid4()
CAL = uuid.uuid4()
# Wednesday 4 March 2026, 10:00 UTC (11:00 in Berlin).
WED_10 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
WED_20 = datetime(2026, 3, 4, 20, 0, tzinfo=UTC)
# Passes the save-time probes, yet backtracks catastrophically on this text.
SLOW, SLOW_TEXT = r"(x+y+)+w", "xy" * 3000 + "!"


def facts(**over: Any) -> c.Facts:
    base: dict[str, Any] = {
        "text": "Hello, I want to speak to a supervisor now",
        "channel": "sms",
        "campaign_id": CAMPAIGN,
        "attributes": {"tier": "vip", "rma_count": 2, "score": 4.5, "beta": True},
        "priority": Priority.high,
        "category": "service",
        "level": 2,
        "now": WED_10,
        "calendars": {
            CAL: BusinessCalendar(
                time_zone="Europe/Berlin",
                intervals=tuple(OpeningInterval.parse(d, "09:00", "17:00") for d in range(5)),
            )
        },
    }
    return c.Facts(**{**base, **over})


def check(node: dict[str, Any], **over: Any) -> bool:
    return c.compile_condition(node)(facts(**over))


class TestKeywords:
    def test_any_keyword_matches_case_insensitively(self) -> None:
        assert check({"type": "keywords", "any_of": ["refund", "SUPERVISOR"]})

    def test_whole_words_only(self) -> None:
        assert not check({"type": "keywords", "any_of": ["super"]})
        assert check({"type": "keywords", "any_of": ["speak to a"]})

    def test_no_text_no_match(self) -> None:
        assert not check({"type": "keywords", "any_of": ["supervisor"]}, text=None)


class TestRegex:
    def test_matches(self) -> None:
        assert check({"type": "regex", "pattern": r"speak\s+to\s+a\s+(manager|supervisor)"})
        assert not check({"type": "regex", "pattern": "^supervisor", "ignore_case": False})

    def test_invalid_pattern_is_refused(self) -> None:
        with pytest.raises(c.RegexRefused):
            c.compile_regex("(unclosed", ignore_case=True)

    def test_compiled_size_is_bounded(self) -> None:
        with pytest.raises(c.RegexRefused, match="larger than"):
            c.compile_regex("(a{100}){100}", ignore_case=False)

    def test_catastrophic_backtracking_is_refused_quickly(self) -> None:
        started = time.monotonic()
        with pytest.raises(c.RegexRefused, match="catastrophically"):
            c.compile_regex(r"(a|aa)+$", ignore_case=False)
        with pytest.raises(c.RegexRefused, match="catastrophically"):
            c.compile_regex(r"(q+q+)+y", ignore_case=False)  # its own letters are probed
        assert time.monotonic() - started < 2

    def test_a_match_that_runs_out_of_time_is_no_match_and_flagged(self) -> None:
        # Past the probes (none of their inputs triggers it), the match-time limit still holds.
        check_fn = c.compile_condition({"type": "regex", "pattern": SLOW, "ignore_case": False})
        f = facts(text=SLOW_TEXT)
        started = time.monotonic()
        assert check_fn(f) is False
        assert f.timed_out is True
        assert time.monotonic() - started < 1


class TestFields:
    def test_channel_and_campaign(self) -> None:
        assert check({"type": "channel", "any_of": ["sms", "chat"]})
        assert not check({"type": "channel", "any_of": ["email"]})
        assert check({"type": "campaign", "any_of": [str(CAMPAIGN)]})
        assert not check({"type": "campaign", "any_of": [str(uuid.uuid4())]})

    @pytest.mark.parametrize(
        ("key", "op", "value", "expected"),
        [
            ("tier", "eq", "vip", True),
            ("tier", "ne", "vip", False),
            ("rma_count", "gte", 2, True),
            ("rma_count", "gt", 2, False),
            ("rma_count", "lt", 3, True),
            ("score", "lte", 4.5, True),
            ("tier", "in", ["gold", "vip"], True),
            ("beta", "eq", True, True),
            ("beta", "eq", 1, False),  # typed: a boolean is not the number 1
            ("rma_count", "eq", "2", False),  # typed: the number 2 is not the string "2"
            ("tier", "gt", 3, False),  # a string never compares with a number (no error)
            ("missing", "eq", "x", False),
            ("tier", "exists", None, True),
            ("missing", "missing", None, True),
        ],
    )
    def test_contact_attribute(self, key: str, op: str, value: Any, expected: bool) -> None:
        node = {"type": "contact_attribute", "key": key, "op": op, "value": value}
        assert check(node) is expected

    def test_priority_compares_by_rank(self) -> None:
        assert check({"type": "priority", "op": "gte", "value": "high"})
        assert not check({"type": "priority", "op": "gt", "value": "high"})
        assert not check({"type": "priority", "op": "gte", "value": "normal"}, priority=None)

    def test_category_and_level(self) -> None:
        assert check({"type": "category", "any_of": ["service"]})
        assert not check({"type": "category", "any_of": ["accounting"]})
        assert check({"type": "escalation_level", "op": "eq", "value": 2})
        assert not check({"type": "escalation_level", "op": "gte", "value": 3})

    def test_business_hours_within_and_outside(self) -> None:
        within = {"type": "business_hours", "calendar_id": str(CAL), "within": True}
        outside = {**within, "within": False}
        assert check(within, now=WED_10) and not check(outside, now=WED_10)
        assert check(outside, now=WED_20) and not check(within, now=WED_20)
        assert not check(within, calendars={})  # a deleted calendar: neither


class TestCombinators:
    def test_all_any_not(self) -> None:
        vip = {"type": "contact_attribute", "key": "tier", "op": "eq", "value": "vip"}
        email = {"type": "channel", "any_of": ["email"]}
        assert check({"type": "all", "conditions": [vip]})
        assert not check({"type": "all", "conditions": [vip, email]})
        assert check({"type": "any", "conditions": [vip, email]})
        assert check({"type": "not", "condition": email})
        assert check({"type": "all", "conditions": []})  # always


def rule(name: str, node: dict[str, Any], *actions: dict[str, Any], version: int = 1) -> Any:
    return compile_rule(uuid.uuid4(), version, name, node, list(actions) or [{"type": "add_tag"}])


class TestEvaluate:
    def test_in_order_and_stop_processing(self) -> None:
        always = {"type": "all", "conditions": []}
        never = {"type": "channel", "any_of": ["voice"]}
        rules = [
            rule("a", always),
            rule("b", never),
            rule("c", always, {"type": "stop"}),
            rule("d", always),
        ]
        outcome = evaluate(rules, facts())
        assert [r.name for r in outcome.matched] == ["a", "c"]
        assert outcome.evaluated == 3

    def test_timed_out_rules_are_reported(self) -> None:
        slow = rule("slow", {"type": "regex", "pattern": SLOW})
        outcome = evaluate([slow], facts(text=SLOW_TEXT))
        assert outcome.matched == [] and [r.name for r in outcome.timed_out] == ["slow"]

    def test_attribute_keys_are_known_for_priority_sources(self) -> None:
        node = {
            "type": "any",
            "conditions": [
                {"type": "contact_attribute", "key": "rma_count", "op": "gte", "value": 2},
                {"type": "keywords", "any_of": ["x"]},
            ],
        }
        assert rule("r", node).attribute_keys == ("rma_count",)


class TestCache:
    def test_by_id_and_version(self) -> None:
        cache = RuleCache(size=2)
        r1 = rule("r", {"type": "all", "conditions": []})
        cache.put(r1)
        assert cache.get(r1.id, 1) is r1
        assert cache.get(r1.id, 2) is None  # an edit bumps the version: recompiled
        cache.put(rule("x", {"type": "all", "conditions": []}))
        cache.put(rule("y", {"type": "all", "conditions": []}))
        assert len(cache._rules) == 2
