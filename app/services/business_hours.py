"""Business-calendar arithmetic for SLA deadlines: pure functions, no database, no I/O.

Business time is real elapsed time during which the calendar's local wall clock is inside an
opening interval, on a local date that is not a holiday (a holiday closes its whole date). So a
repeated wall-clock hour on a DST fall-back day counts twice and a skipped hour counts zero.

Everything below works in integer microseconds since the Unix epoch (UTC instants) or since
1970-01-01 00:00 on the local wall clock, so that sums and differences are exact and
`add(add(t, a), b) == add(t, a + b)` holds to the microsecond.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import holidays as holidays_lib

__all__ = [
    "ALWAYS_OPEN",
    "MAX_HORIZON",
    "BeyondSupportedRange",
    "BusinessCalendar",
    "NeverOpen",
    "OpeningInterval",
    "add_business_minutes",
    "business_minutes_between",
    "holiday_dates",
    "iana_zone_names",
    "next_opening",
    "open_windows",
    "parse_clock",
]

MINUTE_US = 60_000_000
DAY_MINUTES = 24 * 60
_SECOND_US = 1_000_000
_DAY_US = DAY_MINUTES * MINUTE_US
_ONE_US = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# 1970-01-01 was a Thursday: day number d (days since the epoch) has weekday (d + 3) % 7.
_EPOCH_WEEKDAY = 3
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# datetime cannot go past 9999-12-31; keep the search horizon (and its zone years) inside it.
_LAST_US = (datetime(9999, 12, 31, tzinfo=UTC) - _EPOCH) // timedelta(microseconds=1)
_LAST_YEAR = 9999
# Local day numbers past this one have no `date` (a +14:00 zone reaches 10000-01-01 locally).
_LAST_DAY = date.max.toordinal() - _EPOCH_ORDINAL
# Every real UTC offset change is at least months apart; probing once a day can only miss a pair
# of changes that cancel out within 24 hours, which no zone in the tz database has in modern times.
_PROBE_STEP_S = 24 * 3600

# How far add_business_minutes looks before deciding the calendar effectively never opens.
MAX_HORIZON = timedelta(days=3660)

_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})")


class NeverOpen(ValueError):
    """The calendar has no business time within MAX_HORIZON of the start."""


class BeyondSupportedRange(NeverOpen):
    """The answer would lie after 9999-12-31, the last instant a datetime can hold.

    A NeverOpen, so SLA code that sets no deadline rather than a false one treats it alike; the
    calendar API tells the two apart (a clear "out of range" rather than "never opens").
    """


# zoneinfo also lists names that are files in the tz directory but not IANA zones: the host's
# own zone ("localtime"), the "Factory" placeholder and the "posixrules" template, and on some
# systems whole "posix/" and "right/" (leap-second) copies of the database.
_NOT_IANA = {"localtime", "Factory", "posixrules"}


@cache
def iana_zone_names() -> frozenset[str]:
    """Every IANA time zone name this process knows (the tz database is read once)."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in _NOT_IANA and not name.startswith(("posix/", "right/"))
    )


def parse_clock(text: str) -> int:
    """Minutes since midnight for "HH:MM" (00:00 .. 24:00); anything else is a ValueError."""
    match = _CLOCK.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a clock time as 'HH:MM', got {text!r}")
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes != 0):
        raise ValueError(f"not a clock time between 00:00 and 24:00: {text!r}")
    return hours * 60 + minutes


@dataclass(frozen=True)
class OpeningInterval:
    """Open from `start` on `weekday` (0 = Monday) until `end`; `end=None` means "24:00".

    An `end` that is not after `start` runs past midnight into the next day, and that next-day
    part belongs to the next local date (so that date's holiday closes it).
    """

    weekday: int
    start: time
    end: time | None

    def __post_init__(self) -> None:
        if type(self.weekday) is not int or not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {self.weekday!r}")
        if not isinstance(self.start, time) or (
            self.end is not None and not isinstance(self.end, time)
        ):
            raise ValueError("start and end must be datetime.time values (end None for 24:00)")
        if self.start.tzinfo is not None or (self.end is not None and self.end.tzinfo is not None):
            raise ValueError("opening times are local wall-clock times and must be naive")

    @classmethod
    def parse(cls, weekday: int, start: str, end: str) -> "OpeningInterval":
        """Build from API strings, e.g. `OpeningInterval.parse(4, "22:00", "06:00")`."""
        start_minutes, end_minutes = parse_clock(start), parse_clock(end)
        if start_minutes == DAY_MINUTES:
            raise ValueError("an opening interval cannot start at 24:00")
        return cls(
            weekday=weekday,
            start=_clock_to_time(start_minutes),
            end=None if end_minutes == DAY_MINUTES else _clock_to_time(end_minutes),
        )

    def _day_pieces(self) -> list[tuple[int, int, int]]:
        """(weekday, start_us, end_us) pieces within single local days, end_us <= one day."""
        start, end = _time_us(self.start), _DAY_US if self.end is None else _time_us(self.end)
        if end > start:
            return [(self.weekday, start, end)]
        pieces = [(self.weekday, start, _DAY_US)]
        if end > 0:
            pieces.append(((self.weekday + 1) % 7, 0, end))
        return pieces


def _clock_to_time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _time_us(value: time) -> int:
    return (
        (value.hour * 60 + value.minute) * MINUTE_US + value.second * _SECOND_US + value.microsecond
    )


@dataclass(frozen=True)
class _Compiled:
    zone: ZoneInfo
    # Per weekday, the sorted, merged open (start_us, end_us) pieces of a local day.
    segments: tuple[tuple[tuple[int, int], ...], ...]
    # Holidays as day numbers since 1970-01-01, matching local wall-clock day arithmetic.
    closed_days: frozenset[int]
    # A country's public holidays, looked up per year as the arithmetic reaches it (see
    # _country_days), so a deadline in any year sees that year's holidays.
    region: tuple[str, str | None] | None = None

    @property
    def ever_open(self) -> bool:
        return any(self.segments)

    def closed(self, day: int) -> bool:
        if day in self.closed_days:
            return True
        if self.region is None or day > _LAST_DAY:
            return False
        year = date.fromordinal(day + _EPOCH_ORDINAL).year
        return day in _country_days(*self.region, year)


@dataclass(frozen=True)
class BusinessCalendar:
    time_zone: str
    intervals: tuple[OpeningInterval, ...]
    holidays: frozenset[date] = frozenset()
    # Public holidays of a country (ISO 3166 code) and optionally one of its subdivisions.
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    _compiled: _Compiled = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Accept any iterables for convenience, but store the hashable forms.
        object.__setattr__(self, "intervals", tuple(self.intervals))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        for interval in self.intervals:
            if not isinstance(interval, OpeningInterval):
                raise ValueError(f"intervals must be OpeningInterval values, got {interval!r}")
        for day in self.holidays:
            if not isinstance(day, date) or isinstance(day, datetime):
                raise ValueError(f"holidays must be datetime.date values, got {day!r}")
        compiled = _Compiled(
            zone=_load_zone(self.time_zone),
            segments=_weekly_segments(self.intervals),
            closed_days=frozenset(day.toordinal() - _EPOCH_ORDINAL for day in self.holidays),
            region=(
                None
                if self.holiday_country is None
                else (self.holiday_country, self.holiday_subdivision)
            ),
        )
        object.__setattr__(self, "_compiled", compiled)

    @classmethod
    def always_open(cls) -> "BusinessCalendar":
        """24x7 in UTC with no holidays: business time equals elapsed time."""
        return ALWAYS_OPEN


def _load_zone(key: str) -> ZoneInfo:
    if not isinstance(key, str):
        raise ValueError(f"time_zone must be an IANA time zone name, got {key!r}")
    try:
        return ZoneInfo(key)
    # ZoneInfo raises KeyError for unknown names and ValueError/OSError for malformed keys or
    # files in the tz directory that are not zones; callers only need "not a valid zone".
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown IANA time zone: {key!r}") from exc


def _weekly_segments(
    intervals: Iterable[OpeningInterval],
) -> tuple[tuple[tuple[int, int], ...], ...]:
    per_day: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for interval in intervals:
        for weekday, start, end in interval._day_pieces():
            per_day[weekday].append((start, end))
    return tuple(_merge(pieces) for pieces in per_day)


def _merge(pieces: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


ALWAYS_OPEN = BusinessCalendar(
    time_zone="UTC",
    intervals=tuple(OpeningInterval(weekday, time(0, 0), None) for weekday in range(7)),
)


def holiday_dates(country: str, subdivision: str | None, years: range) -> frozenset[date]:
    """Public holidays (including "observed" substitute days) from the `holidays` package."""
    try:
        calendar = holidays_lib.country_holidays(country, subdiv=subdivision, years=years)
    # The package signals an unknown country or subdivision with NotImplementedError.
    except NotImplementedError as exc:
        where = country if subdivision is None else f"{country}-{subdivision}"
        raise ValueError(f"no holiday data for {where!r}: {exc}") from exc
    return frozenset(calendar.keys())


@lru_cache(maxsize=4096)
def _country_days(country: str, subdivision: str | None, year: int) -> frozenset[int]:
    """One year's public holidays as day numbers, computed the first time a calculation needs it.

    The neighbouring years are asked too: an "observed" day can move across New Year (the US
    observes 1 January 2028 on 31 December 2027). Years the `holidays` package has no data for
    (roughly before 1900 and after 2100, depending on the country) simply have none.
    """
    years = range(max(year - 1, 1), min(year + 1, _LAST_YEAR) + 1)
    return frozenset(
        day.toordinal() - _EPOCH_ORDINAL
        for day in holiday_dates(country, subdivision, years)
        if day.year == year
    )


# --- UTC offset periods -------------------------------------------------------------------------


def _offset_us(zone: ZoneInfo, epoch_seconds: int) -> int:
    offset = datetime.fromtimestamp(epoch_seconds, zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has an offset for an aware datetime
    return offset // _ONE_US


@lru_cache(maxsize=4096)
def _zone_year(zone: ZoneInfo, year: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """The offset at the start of a UTC year and the (instant_us, new_offset_us) changes in it.

    zoneinfo does not expose its transition table, so probe daily and bisect to the second
    (tz database transitions fall on whole seconds). Cached: SLA work reuses a few zone-years.
    """
    year_start = _utc_year_start_us(year) // _SECOND_US
    current = start_offset = _offset_us(zone, year_start)
    if year >= 9999:  # the last representable year: nothing after it to probe against
        return start_offset, ()
    year_end = _utc_year_start_us(year + 1) // _SECOND_US
    changes: list[tuple[int, int]] = []
    low = year_start
    while low < year_end:
        high = min(low + _PROBE_STEP_S, year_end)
        if _offset_us(zone, high) == current:
            low = high
            continue
        while high - low > 1:
            middle = (low + high) // 2
            if _offset_us(zone, middle) == current:
                low = middle
            else:
                high = middle
        current = _offset_us(zone, high)
        if high < year_end:  # a change exactly at New Year is the next year's start offset
            changes.append((high * _SECOND_US, current))
        low = high
    return start_offset, tuple(changes)


def _change_points(zone: ZoneInfo, first_year: int) -> Iterator[tuple[int, int]]:
    # Ends with the last year a datetime can hold: going on was "year 10000 is out of range" (a
    # 500 from the deadline API); callers never look past _LAST_US.
    for year in range(first_year, _LAST_YEAR + 1):
        start_offset, changes = _zone_year(zone, year)
        yield _utc_year_start_us(year), start_offset
        yield from changes


@lru_cache(maxsize=4096)
def _utc_year_start_us(year: int) -> int:
    return (datetime(year, 1, 1, tzinfo=UTC) - _EPOCH) // _ONE_US


def _periods(zone: ZoneInfo, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """Split [start, end) into (from_us, to_us, offset_us) pieces of constant UTC offset."""
    points = _change_points(zone, _us_to_datetime(start).year)
    _, offset = next(points)
    low = start
    for instant, new_offset in points:
        if instant <= low:
            offset = new_offset
            continue
        if instant >= end:
            break
        yield low, instant, offset
        low, offset = instant, new_offset
    yield low, end, offset


# --- open windows ------------------------------------------------------------------------------


def _period_windows(
    compiled: _Compiled, start: int, end: int, offset: int
) -> Iterator[tuple[int, int]]:
    """Open UTC windows in [start, end), a span over which the UTC offset is constant.

    With a constant offset, UTC and wall clock differ by a fixed amount, so walk the local days
    the span covers and shift each open piece back by the offset. A fall-back day is simply
    visited from two spans (before and after the change), which is why its repeated hour
    counts twice, and the hour skipped on a spring-forward day lies in neither span.
    """
    wall_start, wall_end = start + offset, end + offset
    segments = compiled.segments
    last_day = (wall_end - 1) // _DAY_US
    day = wall_start // _DAY_US
    while day <= last_day:
        pieces = segments[(day + _EPOCH_WEEKDAY) % 7]
        if pieces and not compiled.closed(day):
            base = day * _DAY_US
            for piece_start, piece_end in pieces:
                low = max(base + piece_start, wall_start)
                high = min(base + piece_end, wall_end)
                if low < high:
                    yield low - offset, high - offset
        day += 1


def _raw_windows(compiled: _Compiled, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Open windows in [start, end) in UTC order; adjacent ones are not yet merged."""
    if not compiled.ever_open or end <= start:
        return
    for low, high, offset in _periods(compiled.zone, start, end):
        yield from _period_windows(compiled, low, high, offset)


def _merged(windows: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    current: tuple[int, int] | None = None
    for low, high in windows:
        if current is not None and low <= current[1]:
            current = (current[0], max(current[1], high))
            continue
        if current is not None:
            yield current
        current = (low, high)
    if current is not None:
        yield current


def open_windows(
    calendar: BusinessCalendar, start: datetime, end: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """Merged open windows, as aware UTC datetimes, clipped to [start, end)."""
    low, high = _datetime_to_us(start, "start"), _datetime_to_us(end, "end")
    for window_start, window_end in _merged(_raw_windows(calendar._compiled, low, high)):
        yield _us_to_datetime(window_start), _us_to_datetime(window_end)


def next_opening(calendar: BusinessCalendar, at: datetime) -> datetime | None:
    """`at` itself when the calendar is open then, else the start of its next open window; None
    when it does not open within MAX_HORIZON (the windows are walked lazily: the first one ends it).
    """
    return next((start for start, _ in open_windows(calendar, at, at + MAX_HORIZON)), None)


def business_minutes_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> float:
    """Business minutes in [start, end); 0 when end <= start."""
    low, high = _datetime_to_us(start, "start"), _datetime_to_us(end, "end")
    total = sum(b - a for a, b in _raw_windows(calendar._compiled, low, high))
    return total / MINUTE_US


def add_business_minutes(calendar: BusinessCalendar, start: datetime, minutes: float) -> datetime:
    """The earliest instant by which `minutes` business minutes have passed since `start`.

    Returns an aware UTC datetime. Raises NeverOpen when that is more than MAX_HORIZON away.
    """
    origin = _datetime_to_us(start, "start")
    remaining = _minutes_to_us(minutes)
    if remaining == 0:
        return _us_to_datetime(origin)
    compiled = calendar._compiled
    horizon = origin + MAX_HORIZON // _ONE_US
    if compiled.ever_open:
        for low, high in _raw_windows(compiled, origin, min(horizon, _LAST_US)):
            if remaining <= high - low:
                return _us_to_datetime(low + remaining)
            remaining -= high - low
        if horizon > _LAST_US:
            raise BeyondSupportedRange(
                f"{minutes} business minutes after {start.isoformat()} end after "
                f"{_us_to_datetime(_LAST_US).date().isoformat()}, the last supported date"
            )
    raise NeverOpen(
        f"{minutes} business minutes do not fit in the {MAX_HORIZON.days} days after "
        f"{start.isoformat()} on this calendar (no opening intervals or all closed)"
    )


# --- conversions -------------------------------------------------------------------------------


def _datetime_to_us(value: datetime, name: str) -> int:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return (value - _EPOCH) // _ONE_US


def _us_to_datetime(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


def _minutes_to_us(minutes: float) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise ValueError(f"minutes must be a number, got {minutes!r}")
    if not minutes >= 0:  # also rejects NaN
        raise ValueError(f"minutes must be a non-negative number, got {minutes!r}")
    if isinstance(minutes, int):
        return minutes * MINUTE_US
    if minutes == float("inf"):
        raise ValueError("minutes must be finite")
    return round(minutes * MINUTE_US)
