"""`clock.schedule()`: an escalation's deadlines and pending checkpoints, pure and fixed-clock."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.services.business_hours import NeverOpen
from app.services.sla import clock
from app.services.sla.clock import FIRST_RESPONSE, RESOLUTION, ClockState, schedule

# A Wednesday, far from any DST change.
T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
OFFICE = {
    "time_zone": "Europe/London",
    "intervals": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
    "holidays": [],
}


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def snapshot(
    first: int | None = 30,
    resolution: int | None = 120,
    warnings: list[int] | None = None,
    calendar: dict[str, Any] | None = None,
    priority: str = "normal",
) -> dict[str, Any]:
    return {
        "calendar": calendar,
        "targets": {priority: {"first_response_minutes": first, "resolution_minutes": resolution}},
        "warnings_minutes": warnings or [],
        "pause_while_awaiting_contact": False,
        "levels": [],
    }


def state(**over: Any) -> ClockState:
    values: dict[str, Any] = {
        "priority": "normal",
        "escalated_at": T0,
        "first_responded_at": None,
        "spent_minutes": 0.0,
        "clock_started_at": T0,
        "fired": frozenset(),
        **over,
    }
    return ClockState(**values)


def keys(result: clock.Schedule) -> list[str]:
    return [c.key for c in result.pending]


class TestDeadlines:
    def test_around_the_clock(self) -> None:
        result = schedule(snapshot(), state())
        assert result.first_response_due_at == T0 + minutes(30)
        assert result.resolution_due_at == T0 + minutes(120)
        assert keys(result) == ["first_response:breach", "resolution:breach"]
        assert result.next_check_at == T0 + minutes(30)

    def test_breach_checkpoints_point_at_their_deadline(self) -> None:
        result = schedule(snapshot(), state())
        first, last = result.pending
        assert (first.target, first.kind, first.at, first.due_at) == (
            FIRST_RESPONSE,
            "breach",
            T0 + minutes(30),
            T0 + minutes(30),
        )
        assert (last.target, last.kind, last.minutes_before) == (RESOLUTION, "breach", None)

    @pytest.mark.parametrize(
        ("first", "resolution"), [(None, 120), (30, None), (None, None)], ids=["fr", "res", "both"]
    )
    def test_a_null_target_has_no_deadline(self, first: int | None, resolution: int | None) -> None:
        result = schedule(snapshot(first, resolution), state())
        assert (result.first_response_due_at is None) == (first is None)
        assert (result.resolution_due_at is None) == (resolution is None)
        assert len(result.pending) == (first is not None) + (resolution is not None)

    def test_a_priority_without_targets_has_no_deadlines(self) -> None:
        result = schedule(snapshot(priority="normal"), state(priority="critical"))
        assert result.first_response_due_at is None and result.resolution_due_at is None
        assert result.pending == () and result.next_check_at is None

    def test_business_calendar_carries_over_the_weekend(self) -> None:
        friday = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)  # London is on UTC in March
        result = schedule(
            snapshot(60, 120, calendar=OFFICE), state(escalated_at=friday, clock_started_at=friday)
        )
        assert result.first_response_due_at == datetime(2026, 3, 9, 9, 30, tzinfo=UTC)
        assert result.resolution_due_at == datetime(2026, 3, 9, 10, 30, tzinfo=UTC)

    def test_holiday_in_the_snapshot_closes_the_day(self) -> None:
        friday = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
        closed_monday = {**OFFICE, "holidays": ["2026-03-09"]}
        result = schedule(
            snapshot(60, None, calendar=closed_monday),
            state(escalated_at=friday, clock_started_at=friday),
        )
        assert result.first_response_due_at == datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


class TestWarnings:
    def test_warnings_only_when_shorter_than_the_target(self) -> None:
        result = schedule(snapshot(30, 120, warnings=[200, 120, 30, 10]), state())
        # 30 before a 30-minute target would fire at once; 120 and 200 likewise for resolution.
        assert sorted(keys(result)) == sorted(
            [
                "first_response:warning:10",
                "first_response:breach",
                "resolution:warning:30",
                "resolution:warning:10",
                "resolution:breach",
            ]
        )

    def test_warning_times_and_order(self) -> None:
        result = schedule(snapshot(30, 120, warnings=[10, 30]), state())
        assert [(c.key, c.at) for c in result.pending] == [
            ("first_response:warning:10", T0 + minutes(20)),
            ("first_response:breach", T0 + minutes(30)),
            ("resolution:warning:30", T0 + minutes(90)),
            ("resolution:warning:10", T0 + minutes(110)),
            ("resolution:breach", T0 + minutes(120)),
        ]
        warning = result.pending[0]
        assert (warning.kind, warning.minutes_before, warning.due_at) == (
            "warning",
            10,
            T0 + minutes(30),
        )
        assert result.next_check_at == T0 + minutes(20)

    def test_warning_counts_business_minutes_back_from_the_deadline(self) -> None:
        friday = datetime(2026, 3, 6, 16, 50, tzinfo=UTC)
        result = schedule(
            snapshot(30, None, warnings=[15], calendar=OFFICE),
            state(escalated_at=friday, clock_started_at=friday),
        )
        # Ten minutes on Friday, the rest on Monday: the warning at 15 business minutes in.
        warning, breach = result.pending
        assert warning.at == datetime(2026, 3, 9, 9, 5, tzinfo=UTC)
        assert breach.at == datetime(2026, 3, 9, 9, 20, tzinfo=UTC)

    def test_same_instant_sorts_by_key(self) -> None:
        result = schedule(snapshot(30, 30), state())
        assert keys(result) == ["first_response:breach", "resolution:breach"]
        assert result.pending[0].at == result.pending[1].at


class TestFired:
    def test_fired_keys_are_skipped(self) -> None:
        fired = frozenset({"first_response:warning:10", "first_response:breach"})
        result = schedule(snapshot(30, 120, warnings=[10]), state(fired=fired))
        assert keys(result) == ["resolution:warning:10", "resolution:breach"]
        # The deadline itself still stands.
        assert result.first_response_due_at == T0 + minutes(30)

    def test_everything_fired_leaves_nothing_to_check(self) -> None:
        fired = frozenset(
            {
                "first_response:warning:10",
                "first_response:breach",
                "resolution:warning:10",
                "resolution:breach",
            }
        )
        result = schedule(snapshot(30, 120, warnings=[10]), state(fired=fired))
        assert result.pending == () and result.next_check_at is None
        assert result.resolution_due_at == T0 + minutes(120)

    def test_first_response_given_drops_its_checkpoints_but_keeps_the_deadline(self) -> None:
        result = schedule(
            snapshot(30, 120, warnings=[10]), state(first_responded_at=T0 + minutes(5))
        )
        assert keys(result) == ["resolution:warning:10", "resolution:breach"]
        assert result.first_response_due_at == T0 + minutes(30)


class TestPausedAndResumed:
    def test_paused_resolution_clock_has_no_resolution_checkpoints(self) -> None:
        result = schedule(
            snapshot(30, 120, warnings=[10]), state(clock_started_at=None, spent_minutes=40)
        )
        assert result.resolution_due_at is None
        assert keys(result) == ["first_response:warning:10", "first_response:breach"]

    def test_remaining_budget_runs_from_the_resume(self) -> None:
        resumed = T0 + minutes(200)
        result = schedule(
            snapshot(30, 120, warnings=[10]),
            state(
                first_responded_at=T0 + minutes(5),
                spent_minutes=50,
                clock_started_at=resumed,
            ),
        )
        assert result.resolution_due_at == resumed + minutes(70)
        assert [(c.key, c.at) for c in result.pending] == [
            ("resolution:warning:10", resumed + minutes(60)),
            ("resolution:breach", resumed + minutes(70)),
        ]

    def test_warning_is_kept_for_the_whole_target_not_the_rest(self) -> None:
        # 110 of 120 minutes spent: a 30-minute warning is now overdue, so it is due at once.
        resumed = T0 + minutes(300)
        result = schedule(
            snapshot(None, 120, warnings=[30]),
            state(spent_minutes=110, clock_started_at=resumed),
        )
        assert result.resolution_due_at == resumed + minutes(10)
        warning, breach = result.pending
        assert warning.key == "resolution:warning:30" and warning.at == resumed
        assert breach.at == resumed + minutes(10)

    def test_budget_spent_already_is_due_at_the_resume(self) -> None:
        resumed = T0 + minutes(300)
        result = schedule(snapshot(None, 120), state(spent_minutes=150, clock_started_at=resumed))
        assert result.resolution_due_at == resumed
        assert result.next_check_at == resumed

    def test_fractional_spent_minutes(self) -> None:
        result = schedule(snapshot(None, 120), state(spent_minutes=0.5))
        assert result.resolution_due_at == T0 + minutes(119.5)


class TestNeverOpens:
    def test_a_calendar_that_never_opens_gives_no_deadline(self) -> None:
        closed = {"time_zone": "Europe/London", "intervals": [], "holidays": []}
        result = schedule(snapshot(30, 120, warnings=[10], calendar=closed), state())
        assert result.first_response_due_at is None
        assert result.resolution_due_at is None
        assert result.pending == () and result.next_check_at is None

    def test_add_minutes_itself_raises(self) -> None:
        closed = {"time_zone": "UTC", "intervals": [], "holidays": []}
        with pytest.raises(NeverOpen):
            clock.add_minutes({"calendar": closed}, T0, 1)

    def test_minutes_between_on_it_is_zero(self) -> None:
        closed = {"time_zone": "UTC", "intervals": [], "holidays": []}
        assert clock.minutes_between({"calendar": closed}, T0, T0 + minutes(600)) == 0


class TestMinutesHelpers:
    def test_around_the_clock_is_elapsed_time(self) -> None:
        assert clock.minutes_between({"calendar": None}, T0, T0 + minutes(90)) == 90
        assert clock.add_minutes({"calendar": None}, T0, 90) == T0 + minutes(90)

    def test_add_and_between_agree_on_a_calendar(self) -> None:
        spec = {"calendar": OFFICE}
        friday = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
        for amount in (0, 1, 30, 31, 480, 481, 1000):
            due = clock.add_minutes(spec, friday, amount)
            assert clock.minutes_between(spec, friday, due) == amount
