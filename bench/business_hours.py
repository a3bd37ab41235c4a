"""Micro-benchmark for app.services.business_hours: `python -m bench.business_hours`.

"Cold" clears the per-zone-year offset cache before every call, so it includes finding that
year's DST changes; "warm" is what a long-running SLA worker sees.
"""

import timeit
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.services import business_hours as bh


def _per_call_ms(function: Callable[[], object], *, cold: bool, number: int) -> float:
    def call() -> None:
        if cold:
            bh._zone_year.cache_clear()
        function()

    best = min(timeit.repeat(call, number=number, repeat=5))
    return best / number * 1000


def main() -> None:
    zone = ZoneInfo("America/New_York")
    calendar = bh.BusinessCalendar(
        zone.key,
        tuple(bh.OpeningInterval.parse(weekday, "09:00", "17:00") for weekday in range(5)),
        bh.holiday_dates("US", None, range(2026, 2028)),
    )
    start = datetime(2026, 1, 2, 16, 30, tzinfo=zone)
    end = start + timedelta(days=365)
    year_minutes = bh.business_minutes_between(calendar, start, end)

    cases: dict[str, Callable[[], object]] = {
        f"add_business_minutes({year_minutes:.0f} min, ~1 year)": lambda: bh.add_business_minutes(
            calendar, start, year_minutes
        ),
        "business_minutes_between(1 year)": lambda: bh.business_minutes_between(
            calendar, start, end
        ),
        "list(open_windows(1 year))": lambda: list(bh.open_windows(calendar, start, end)),
        "add_business_minutes(60 min)": lambda: bh.add_business_minutes(calendar, start, 60),
    }
    for name, function in cases.items():
        warm = _per_call_ms(function, cold=False, number=200)
        cold = _per_call_ms(function, cold=True, number=20)
        print(f"{name:50} warm {warm:7.3f} ms   cold {cold:7.3f} ms")


if __name__ == "__main__":
    main()
