"""Business-calendar arithmetic: examples, properties, and a minute-by-minute reference model."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.business_hours import (
    ALWAYS_OPEN,
    BeyondSupportedRange,
    BusinessCalendar,
    NeverOpen,
    OpeningInterval,
    add_business_minutes,
    business_minutes_between,
    holiday_dates,
    open_windows,
    parse_clock,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
MINUTE = timedelta(minutes=1)

# Zones with unusual DST: 30-minute shifts (Lord Howe), a :45 offset (Chatham), southern
# hemisphere with DST changes at local midnight until 2019 (Sao Paulo), and none at all (Kolkata).
ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/Sao_Paulo",
]

# (weekday, start minute, end minute); end 1440 is "24:00", end <= start runs overnight.
Spec = tuple[int, int, int]


def interval(weekday: int, start: str, end: str) -> OpeningInterval:
    return OpeningInterval.parse(weekday, start, end)


def from_specs(zone: str, specs: Iterable[Spec], holidays: Iterable[date] = ()) -> BusinessCalendar:
    intervals = tuple(
        OpeningInterval(w, time(s // 60, s % 60), None if e == 1440 else time(e // 60, e % 60))
        for w, s, e in specs
    )
    return BusinessCalendar(zone, intervals, frozenset(holidays))


def weekdays_9_to_17(
    zone: str = "Europe/London", holidays: Iterable[date] = ()
) -> BusinessCalendar:
    return from_specs(zone, [(w, 9 * 60, 17 * 60) for w in range(5)], holidays)


def local(zone: ZoneInfo, *fields: int, fold: int = 0) -> datetime:
    """datetime(year, month, day, ...) on that zone's wall clock."""
    year, month, day, hour, minute, second, microsecond = (*fields, 0, 0, 0, 0)[:7]
    return datetime(year, month, day, hour, minute, second, microsecond, zone, fold=fold)


# --- the deliberately simple reference model ---------------------------------------------------


def reference_is_open(specs: list[Spec], zone: ZoneInfo, holidays: set[date], at: datetime) -> bool:
    """Is the local wall clock at `at` inside an opening interval on a non-holiday date?"""
    wall = at.astimezone(zone)
    if wall.date() in holidays:
        return False
    minute, today = wall.hour * 60 + wall.minute, wall.weekday()
    for weekday, start, end in specs:
        if end > start:
            if weekday == today and start <= minute < end:
                return True
        elif (weekday == today and minute >= start) or (
            (weekday + 1) % 7 == today and minute < end
        ):
            return True
    return False


def reference_open_minutes(
    specs: list[Spec], zone: ZoneInfo, holidays: set[date], start: datetime, minutes: int
) -> list[bool]:
    # Every boundary (intervals, these zones' offsets) is on a whole minute, so one probe per
    # minute decides the whole minute.
    return [reference_is_open(specs, zone, holidays, start + i * MINUTE) for i in range(minutes)]


def reference_windows(start: datetime, flags: list[bool]) -> list[tuple[datetime, datetime]]:
    windows: list[tuple[datetime, datetime]] = []
    for i, is_open in enumerate(flags):
        if not is_open:
            continue
        at = start + i * MINUTE
        if windows and windows[-1][1] == at:
            windows[-1] = (windows[-1][0], at + MINUTE)
        else:
            windows.append((at, at + MINUTE))
    return windows


@cache
def offset_changes(zone_name: str) -> list[datetime]:
    """UTC midnights just before each change of the zone's UTC offset, 2012-2030."""
    zone = ZoneInfo(zone_name)
    day = datetime(2012, 1, 1, tzinfo=UTC)
    changes, previous = [], day.astimezone(zone).utcoffset()
    while day.year < 2031:
        day += timedelta(days=1)
        offset = day.astimezone(zone).utcoffset()
        if offset != previous:
            changes.append(day - timedelta(days=1))
        previous = offset
    # A zone without DST still gets checked, on arbitrary days.
    return changes or [datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=41 * i) for i in range(9)]


# --- strategies --------------------------------------------------------------------------------

# Bias towards midnight, the hours around DST changes, and 24:00.
starts = st.one_of(st.sampled_from([0, 60, 90, 120, 150, 165, 180, 1320]), st.integers(0, 1439))
ends = st.one_of(st.sampled_from([0, 60, 120, 180, 195, 360, 1440]), st.integers(0, 1440))


@st.composite
def specs_strategy(draw: st.DrawFn) -> list[Spec]:
    """Zero to three intervals on each weekday."""
    return [
        (weekday, start, end)
        for weekday in range(7)
        for start, end in draw(st.lists(st.tuples(starts, ends), max_size=3))
    ]


# Drawn as local times in several zones, then held in UTC: Python adds a timedelta to an aware
# datetime on the wall clock, so `start + span` from a local start lands an hour off across a DST
# change, and from a time in a spring-forward gap can even land before `start`. The functions
# take any aware datetime; `test_answers_do_not_depend_on_the_input_zone` covers that.
instants = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2035, 12, 31),
    timezones=st.sampled_from([UTC, NEW_YORK, ZoneInfo("Pacific/Chatham")]),
    allow_imaginary=False,
).map(lambda local: local.astimezone(UTC))


@st.composite
def open_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Random calendars with at least one interval, so every search below finishes."""
    specs = draw(specs_strategy().filter(bool))
    holidays = draw(st.sets(st.dates(date(2000, 1, 1), date(2036, 12, 31)), max_size=20))
    return from_specs(draw(st.sampled_from(ZONES)), specs, holidays)


# At least one business minute a week, so this many fit in the 10-year search horizon.
small_minutes = st.integers(0, 480)


# --- explicit examples -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"), [("00:00", 0), ("09:30", 570), ("23:59", 1439), ("24:00", 1440)]
)
def test_parse_clock_accepts_hh_mm_up_to_24_00(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize(
    "text",
    [
        "24:01",
        "25:00",
        "12:60",
        "9:00",
        "09:0",
        "0900",
        "",
        " 09:00",
        "09:00 ",
        "\u0660\u0669:\u0660\u0660",
    ],
)
def test_parse_clock_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(text)


def test_parse_builds_24_00_as_open_end_and_rejects_24_00_start() -> None:
    assert interval(0, "22:00", "24:00") == OpeningInterval(0, time(22), None)
    with pytest.raises(ValueError):
        interval(0, "24:00", "06:00")


@pytest.mark.parametrize("weekday", [-1, 7, 1.0, True])
def test_weekday_outside_0_to_6_is_rejected(weekday: object) -> None:
    with pytest.raises(ValueError):
        OpeningInterval(weekday, time(9), time(17))  # type: ignore[arg-type]


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "America", "../etc/passwd", "EST5EDT "])
def test_unknown_time_zone_is_rejected(zone: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        BusinessCalendar(zone, ())


def test_naive_datetimes_and_negative_or_nan_minutes_are_rejected() -> None:
    calendar = weekdays_9_to_17()
    aware = datetime(2026, 1, 5, 9, tzinfo=UTC)
    with pytest.raises(ValueError, match="aware"):
        add_business_minutes(calendar, datetime(2026, 1, 5, 9), 1)
    with pytest.raises(ValueError, match="aware"):
        business_minutes_between(calendar, aware, datetime(2026, 1, 6))
    for bad in (-1, -0.001, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            add_business_minutes(calendar, aware, bad)


def test_always_open_counts_elapsed_time_and_returns_utc() -> None:
    assert BusinessCalendar.always_open() is ALWAYS_OPEN
    # Across New York's spring-forward night; Python's same-zone aware arithmetic is wall-clock
    # arithmetic, so the elapsed-time expectations are computed in UTC.
    start = local(NEW_YORK, 2026, 3, 7, 12)
    later = start.astimezone(UTC) + timedelta(days=3)
    result = add_business_minutes(ALWAYS_OPEN, start, 24 * 60)
    assert result == start.astimezone(UTC) + timedelta(days=1)
    assert result.tzinfo is UTC
    assert business_minutes_between(ALWAYS_OPEN, start, later) == 3 * 24 * 60
    assert list(open_windows(ALWAYS_OPEN, start, later)) == [(start.astimezone(UTC), later)]


def test_friday_afternoon_plus_an_hour_lands_monday_morning() -> None:
    friday = local(LONDON, 2026, 1, 9, 16, 30)
    assert add_business_minutes(weekdays_9_to_17(), friday, 60) == local(LONDON, 2026, 1, 12, 9, 30)


def test_a_holiday_closes_its_day() -> None:
    calendar = weekdays_9_to_17(holidays={date(2026, 1, 12)})
    friday = local(LONDON, 2026, 1, 9, 16, 30)
    assert add_business_minutes(calendar, friday, 60) == local(LONDON, 2026, 1, 13, 9, 30)


def test_zero_minutes_is_the_start_even_when_closed() -> None:
    saturday = local(LONDON, 2026, 1, 10, 3, 7, 1, 5)
    assert add_business_minutes(weekdays_9_to_17(), saturday, 0) == saturday
    assert add_business_minutes(from_specs("UTC", []), saturday, 0) == saturday


def test_between_is_zero_for_empty_or_reversed_spans() -> None:
    start = local(LONDON, 2026, 1, 12, 10)
    assert business_minutes_between(weekdays_9_to_17(), start, start) == 0
    assert business_minutes_between(weekdays_9_to_17(), start, start - timedelta(hours=5)) == 0


def test_adding_to_a_close_time_lands_exactly_on_it() -> None:
    start = local(LONDON, 2026, 1, 12, 16)
    assert add_business_minutes(weekdays_9_to_17(), start, 60) == local(LONDON, 2026, 1, 12, 17)


def test_fractional_minutes() -> None:
    start = local(LONDON, 2026, 1, 12, 16, 59)
    assert add_business_minutes(weekdays_9_to_17(), start, 1.5) == local(
        LONDON, 2026, 1, 13, 9, 0, 30
    )
    assert (
        business_minutes_between(weekdays_9_to_17(), start, start + timedelta(seconds=45)) == 0.75
    )


# Each DST change: (zone, local date, minutes in a 00:00-24:00 day, in a 01:00-03:00 interval).
DST_DAYS = [
    pytest.param(NEW_YORK, date(2026, 3, 8), 23 * 60, 60, id="new-york-spring-forward"),
    pytest.param(NEW_YORK, date(2026, 11, 1), 25 * 60, 180, id="new-york-fall-back"),
    pytest.param(LONDON, date(2026, 3, 29), 23 * 60, 60, id="london-spring-forward"),
    pytest.param(LONDON, date(2026, 10, 25), 25 * 60, 180, id="london-fall-back"),
]


@pytest.mark.parametrize(("zone", "day", "whole_day", "one_to_three"), DST_DAYS)
def test_dst_days_count_real_elapsed_time(
    zone: ZoneInfo, day: date, whole_day: int, one_to_three: int
) -> None:
    around = (
        datetime.combine(day - timedelta(days=1), time(), zone),
        datetime.combine(day + timedelta(days=2), time(), zone),
    )
    all_day = BusinessCalendar(zone.key, (interval(day.weekday(), "00:00", "24:00"),))
    night = BusinessCalendar(zone.key, (interval(day.weekday(), "01:00", "03:00"),))
    assert business_minutes_between(all_day, *around) == whole_day
    assert business_minutes_between(night, *around) == one_to_three


def test_new_york_fall_back_repeats_the_one_oclock_hour() -> None:
    night = BusinessCalendar("America/New_York", (interval(6, "01:00", "03:00"),))
    day_start = local(NEW_YORK, 2026, 11, 1)
    # 01:00 EDT is 05:00Z; the wall clock leaves 01:00-03:00 at 03:00 EST, 08:00Z.
    assert list(open_windows(night, day_start, day_start + timedelta(days=1))) == [
        (datetime(2026, 11, 1, 5, tzinfo=UTC), datetime(2026, 11, 1, 8, tzinfo=UTC))
    ]
    # Half an hour into the second 01:00 (EST), 90 business minutes have passed.
    # (Compared in UTC: Python never equates a fold=1 time with one in another zone.)
    assert add_business_minutes(night, day_start, 90) == local(
        NEW_YORK, 2026, 11, 1, 1, 30, fold=1
    ).astimezone(UTC)


def test_london_fall_back_window_inside_the_repeated_hour_opens_twice() -> None:
    half_hour = BusinessCalendar("Europe/London", (interval(6, "01:00", "01:30"),))
    day_start = local(LONDON, 2026, 10, 25)
    assert list(open_windows(half_hour, day_start, day_start + timedelta(days=1))) == [
        (datetime(2026, 10, 25, 0, tzinfo=UTC), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (datetime(2026, 10, 25, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    ]


def test_spring_forward_start_in_the_skipped_hour_counts_nothing() -> None:
    skipped = BusinessCalendar("Europe/London", (interval(6, "01:15", "01:45"),))
    day_start = local(LONDON, 2026, 3, 29)
    assert list(open_windows(skipped, day_start, day_start + timedelta(days=1))) == []


@pytest.mark.parametrize(
    ("day", "whole_day"),
    [(date(2026, 4, 5), 24 * 60 + 30), (date(2026, 10, 4), 24 * 60 - 30)],
    ids=["fall-back", "spring-forward"],
)
def test_lord_howe_shifts_by_half_an_hour(day: date, whole_day: int) -> None:
    zone = ZoneInfo("Australia/Lord_Howe")
    calendar = BusinessCalendar(zone.key, (interval(day.weekday(), "00:00", "24:00"),))
    start = datetime.combine(day, time(), zone)
    assert business_minutes_between(calendar, start, start + timedelta(days=2)) == whole_day


def test_overnight_interval_part_on_a_holiday_is_closed() -> None:
    friday_night = (interval(4, "22:00", "06:00"),)
    friday = local(LONDON, 2026, 1, 9)
    week = (friday, friday + timedelta(days=7))
    plain = BusinessCalendar("Europe/London", friday_night)
    saturday_off = BusinessCalendar("Europe/London", friday_night, frozenset({date(2026, 1, 10)}))
    friday_off = BusinessCalendar("Europe/London", friday_night, frozenset({date(2026, 1, 9)}))
    assert list(open_windows(plain, *week)) == [
        (datetime(2026, 1, 9, 22, tzinfo=UTC), datetime(2026, 1, 10, 6, tzinfo=UTC))
    ]
    assert business_minutes_between(saturday_off, *week) == 120
    assert business_minutes_between(friday_off, *week) == 360
    assert add_business_minutes(saturday_off, friday, 121) == local(LONDON, 2026, 1, 16, 22, 1)


def test_overlapping_intervals_union() -> None:
    calendar = BusinessCalendar(
        "UTC",
        (
            interval(0, "09:00", "12:00"),
            interval(0, "11:00", "13:00"),
            interval(0, "12:30", "12:45"),
        ),
    )
    monday = datetime(2026, 1, 5, tzinfo=UTC)
    assert list(open_windows(calendar, monday, monday + timedelta(days=1))) == [
        (datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 5, 13, tzinfo=UTC))
    ]


def test_equal_start_and_end_runs_a_full_day_into_the_next() -> None:
    calendar = BusinessCalendar("UTC", (interval(0, "09:00", "09:00"),))
    monday = datetime(2026, 1, 5, tzinfo=UTC)
    assert list(open_windows(calendar, monday, monday + timedelta(days=7))) == [
        (datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 6, 9, tzinfo=UTC))
    ]


def test_a_calendar_without_intervals_never_opens() -> None:
    with pytest.raises(NeverOpen):
        add_business_minutes(from_specs("Europe/London", []), local(LONDON, 2026, 1, 5), 1)


def test_a_calendar_closed_for_more_than_ten_years_never_opens() -> None:
    first_monday = date(2026, 1, 5)
    every_monday = {first_monday + timedelta(weeks=i) for i in range(11 * 53)}
    calendar = from_specs("Europe/London", [(0, 9 * 60, 10 * 60)], every_monday)
    with pytest.raises(NeverOpen):
        add_business_minutes(calendar, local(LONDON, 2026, 1, 1), 1)


def test_a_year_of_business_minutes_round_trips() -> None:
    calendar = weekdays_9_to_17("America/New_York", holiday_dates("US", None, range(2026, 2028)))
    start = local(NEW_YORK, 2026, 1, 2, 16, 30)
    end = start + timedelta(days=365)
    minutes = business_minutes_between(calendar, start, end)
    assert add_business_minutes(calendar, start, minutes) == local(NEW_YORK, 2026, 12, 31, 17)


def test_us_holidays_include_independence_day_and_its_observed_friday() -> None:
    us = holiday_dates("US", None, range(2026, 2027))
    # July 4 2026 is a Saturday; the package also lists Friday July 3 as "observed".
    assert {date(2026, 7, 4), date(2026, 7, 3), date(2026, 12, 25)} <= us
    assert all(day.year == 2026 for day in us)


def test_subdivision_holidays() -> None:
    epiphany = date(2026, 1, 6)
    assert epiphany in holiday_dates("DE", "BY", range(2026, 2027))
    assert epiphany not in holiday_dates("DE", None, range(2026, 2027))


@pytest.mark.parametrize(("country", "subdivision"), [("XX", None), ("US", "ZZ")])
def test_unknown_country_or_subdivision_is_a_value_error(
    country: str, subdivision: str | None
) -> None:
    with pytest.raises(ValueError, match="no holiday data"):
        holiday_dates(country, subdivision, range(2026, 2027))


# --- properties --------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(open_calendars(), instants, small_minutes, small_minutes)
def test_add_is_monotonic(calendar: BusinessCalendar, start: datetime, a: int, b: int) -> None:
    a, b = sorted((a, b))
    assert add_business_minutes(calendar, start, a) <= add_business_minutes(calendar, start, b)


@PROPERTY_SETTINGS
@given(open_calendars(), instants, st.integers(0, 240), st.integers(0, 240))
def test_add_is_additive(calendar: BusinessCalendar, start: datetime, a: int, b: int) -> None:
    stepwise = add_business_minutes(calendar, add_business_minutes(calendar, start, a), b)
    assert stepwise == add_business_minutes(calendar, start, a + b)


@PROPERTY_SETTINGS
@given(open_calendars(), instants, st.floats(0, 480, allow_nan=False))
def test_between_measures_what_add_added(
    calendar: BusinessCalendar, start: datetime, minutes: float
) -> None:
    end = add_business_minutes(calendar, start, minutes)
    assert business_minutes_between(calendar, start, end) == pytest.approx(minutes, abs=1e-6)


@PROPERTY_SETTINGS
@given(open_calendars(), instants, st.timedeltas(timedelta(0), timedelta(days=10)))
def test_adding_the_minutes_between_never_overshoots(
    calendar: BusinessCalendar, start: datetime, span: timedelta
) -> None:
    end = start + span
    minutes = business_minutes_between(calendar, start, end)
    reached = add_business_minutes(calendar, start, minutes)
    assert reached <= end
    # ... and whatever is left between the two is closed time.
    assert business_minutes_between(calendar, reached, end) == 0


@PROPERTY_SETTINGS
@given(
    open_calendars(),
    instants,
    st.timedeltas(timedelta(0), timedelta(days=6)),
    st.timedeltas(timedelta(0), timedelta(days=6)),
)
def test_between_is_additive_over_a_split_point(
    calendar: BusinessCalendar, start: datetime, first: timedelta, second: timedelta
) -> None:
    middle, end = start + first, start + first + second
    split = business_minutes_between(calendar, start, middle) + business_minutes_between(
        calendar, middle, end
    )
    assert split == pytest.approx(business_minutes_between(calendar, start, end), abs=1e-6)


@PROPERTY_SETTINGS
@given(open_calendars(), instants, st.timedeltas(timedelta(0), timedelta(days=10)))
def test_open_windows_are_sorted_disjoint_and_sum_to_between(
    calendar: BusinessCalendar, start: datetime, span: timedelta
) -> None:
    windows = list(open_windows(calendar, start, start + span))
    assert all(a < b for a, b in windows)
    assert all(earlier[1] < later[0] for earlier, later in pairwise(windows))
    if windows:
        assert start <= windows[0][0] and windows[-1][1] <= start + span
    total = sum(((b - a) for a, b in windows), timedelta()) / MINUTE
    assert total == pytest.approx(business_minutes_between(calendar, start, start + span))


# --- against the reference model ---------------------------------------------------------------


@st.composite
def reference_cases(
    draw: st.DrawFn,
) -> tuple[str, list[Spec], set[date], datetime, int]:
    zone_name = draw(st.sampled_from(ZONES))
    specs = draw(specs_strategy())
    # A span of up to four days that usually contains one of the zone's offset changes (which
    # happens within the 24 hours after `change`); half of them are long enough to be sure to.
    change = draw(st.sampled_from(offset_changes(zone_name)))
    start = change - draw(st.integers(-720, 2 * 1440)) * MINUTE
    length = draw(st.one_of(st.integers(0, 4 * 1440), st.integers(3 * 1440, 4 * 1440)))
    first_day = start.astimezone(ZoneInfo(zone_name)).date()
    holidays = {
        first_day + timedelta(days=d) for d in draw(st.sets(st.integers(-1, 5), max_size=3))
    }
    return zone_name, specs, holidays, start, length


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference_cases())
def test_matches_the_minute_by_minute_reference(
    case: tuple[str, list[Spec], set[date], datetime, int],
) -> None:
    zone_name, specs, holidays, start, length = case
    calendar = from_specs(zone_name, specs, holidays)
    flags = reference_open_minutes(specs, ZoneInfo(zone_name), holidays, start, length)
    end = start + length * MINUTE

    assert list(open_windows(calendar, start, end)) == reference_windows(start, flags)
    assert business_minutes_between(calendar, start, end) == sum(flags)

    # add(start, m) ends with the m-th open minute of the span.
    open_minute_ends = [start + (i + 1) * MINUTE for i, is_open in enumerate(flags) if is_open]
    step = max(1, len(open_minute_ends) // 40)
    for m in range(0, len(open_minute_ends) + 1, step):
        expected = start if m == 0 else open_minute_ends[m - 1]
        assert add_business_minutes(calendar, start, m) == expected


def test_reference_zones_really_change_offsets_in_the_sampled_years() -> None:
    # Guards the reference test against silently sampling only quiet days.
    assert len(offset_changes("America/Sao_Paulo")) >= 10
    assert len(offset_changes("Australia/Lord_Howe")) >= 30


@PROPERTY_SETTINGS
@given(
    open_calendars(),
    instants,
    st.timedeltas(timedelta(0), timedelta(days=3)),
    small_minutes,
    st.sampled_from([NEW_YORK, ZoneInfo("Pacific/Chatham"), ZoneInfo("Europe/London")]),
)
def test_answers_do_not_depend_on_the_input_zone(
    calendar: BusinessCalendar, start: datetime, span: timedelta, minutes: int, zone: ZoneInfo
) -> None:
    end = start + span
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    assert business_minutes_between(calendar, local_start, local_end) == pytest.approx(
        business_minutes_between(calendar, start, end), abs=1e-6
    )
    assert add_business_minutes(calendar, local_start, minutes) == add_business_minutes(
        calendar, start, minutes
    )


# --- the edges of time ------------------------------------------------------------------------
# The API accepts instants from 0002-01-01 to 9998-12-31 (UTC). Walking the calendar from there
# used to step into year 10000 ("year 10000 is out of range", a 500): whatever the zone, the
# answer is an instant or NeverOpen (BeyondSupportedRange when it would lie after 9999-12-31).

EDGE_ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York", "Asia/Kolkata"]
near_the_end = st.datetimes(
    min_value=datetime(9990, 1, 1), max_value=datetime(9998, 12, 31), timezones=st.just(UTC)
)
near_the_start = st.datetimes(
    min_value=datetime(2, 1, 1), max_value=datetime(12, 12, 31), timezones=st.just(UTC)
)


@st.composite
def edge_calendars(draw: st.DrawFn) -> BusinessCalendar:
    specs = draw(specs_strategy().filter(bool))
    return from_specs(draw(st.sampled_from(EDGE_ZONES)), specs)


@PROPERTY_SETTINGS
@given(
    edge_calendars(),
    st.one_of(near_the_end, near_the_start),
    st.integers(0, 5_256_000),
    st.timedeltas(timedelta(0), timedelta(days=20)),
)
def test_near_the_year_bounds_there_is_an_answer_or_never_open(
    calendar: BusinessCalendar, start: datetime, minutes: int, span: timedelta
) -> None:
    try:
        due = add_business_minutes(calendar, start, minutes)
    except BeyondSupportedRange:
        assert start.year >= 9988  # only the end of time is out of reach
    except NeverOpen:
        pass
    else:
        assert start <= due <= datetime(9999, 12, 31, tzinfo=UTC)
    end = min(start + span, datetime(9998, 12, 31, tzinfo=UTC))
    assert 0 <= business_minutes_between(calendar, start, end) <= span / MINUTE


@pytest.mark.parametrize("zone", EDGE_ZONES)
@pytest.mark.parametrize(
    ("start", "minutes"),
    [
        (datetime(9998, 12, 30, tzinfo=UTC), 600_000),
        (datetime(9998, 12, 31, tzinfo=UTC), 1),
        (datetime(9998, 12, 31, tzinfo=UTC), 5_256_000),
        (datetime(9990, 1, 1, tzinfo=UTC), 5_256_000),
    ],
)
def test_past_9999_is_beyond_the_supported_range(zone: str, start: datetime, minutes: int) -> None:
    around_the_clock = from_specs(zone, [(w, 0, 1440) for w in range(7)])
    if timedelta(minutes=minutes) < datetime(9999, 12, 31, tzinfo=UTC) - start:
        assert add_business_minutes(around_the_clock, start, minutes) == start + timedelta(
            minutes=minutes
        )
        return
    with pytest.raises(BeyondSupportedRange):
        add_business_minutes(around_the_clock, start, minutes)


def test_the_last_supported_day_still_counts() -> None:
    around_the_clock = from_specs("Pacific/Kiritimati", [(w, 0, 1440) for w in range(7)])
    start, end = datetime(9998, 12, 30, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC)
    assert business_minutes_between(around_the_clock, start, end) == 1440
    assert add_business_minutes(around_the_clock, start, 1440) == end


# --- country holidays in any year ---------------------------------------------------------------


def us_office(**over: object) -> BusinessCalendar:
    intervals = tuple(interval(w, "09:00", "17:00") for w in range(5))
    return BusinessCalendar("America/New_York", intervals, holiday_country="US", **over)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day_before", "holiday"),
    [
        (date(2019, 7, 3), date(2019, 7, 4)),  # years before "now"
        (date(2026, 12, 24), date(2026, 12, 25)),
        (date(2040, 7, 3), date(2040, 7, 4)),  # years after the old now+5 window
        (date(2045, 12, 22), date(2045, 12, 25)),  # Friday, then Christmas Monday
        (date(2090, 12, 22), date(2090, 12, 25)),
    ],
)
def test_country_holidays_apply_in_every_year(day_before: date, holiday: date) -> None:
    calendar = us_office()
    start = local(NEW_YORK, day_before.year, day_before.month, day_before.day, 16, 30)
    due = add_business_minutes(calendar, start, 60)
    # The 30 minutes left spill over the holiday to the next working morning.
    assert due.astimezone(NEW_YORK).date() > holiday
    assert due.astimezone(NEW_YORK).time() == time(9, 30)


def test_an_observed_day_moved_across_new_year_is_closed() -> None:
    # 1 January 2028 is a Saturday: the US observes it on Friday 31 December 2027.
    calendar = us_office()
    start = local(NEW_YORK, 2027, 12, 30, 16, 30)
    assert add_business_minutes(calendar, start, 60) == local(NEW_YORK, 2028, 1, 3, 9, 30)


def test_years_without_holiday_data_have_none() -> None:
    calendar = us_office()
    start = local(NEW_YORK, 2500, 7, 2, 16, 30)  # Friday; 4 July 2500 is a Sunday
    assert add_business_minutes(calendar, start, 60) == local(NEW_YORK, 2500, 7, 5, 9, 30)
