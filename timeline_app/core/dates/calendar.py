"""Calendar arithmetic: TimeML values and the date intervals they cover."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from timeline_app.core.dates.lexicon import MONTH_NAMES, SEASON_MONTHS, SEASON_NAMES


@dataclass(frozen=True)
class Period:
    """A calendar period at one granularity: its TimeML value and its interval."""

    value: str
    earliest: dt.date
    latest: dt.date
    granularity: str

    def describe(self) -> str:
        """How a reader would say it: '12 April 2017', 'week of 1 May 2017', 'April 2017'."""
        return describe_period(self.granularity, self.earliest, self.value)


def describe_period(granularity: str, earliest: dt.date, value: str = "") -> str:
    g = granularity
    if g in ("day", "part-of-day", "hour", "minute"):
        return f"{earliest.day} {MONTH_NAMES[earliest.month - 1]} {earliest.year}"
    if g == "week":
        return f"week of {earliest.day} {MONTH_NAMES[earliest.month - 1]} {earliest.year}"
    if g == "month":
        return f"{MONTH_NAMES[earliest.month - 1]} {earliest.year}"
    if g == "quarter":
        return f"Q{(earliest.month - 1) // 3 + 1} {earliest.year}"
    if g == "half":
        return f"H{(earliest.month - 1) // 6 + 1} {earliest.year}"
    if g == "season":
        code = value[-2:] if value else ""
        return f"{SEASON_NAMES.get(code, 'season')} {earliest.year}"
    if g == "year":
        return str(earliest.year)
    if g == "decade":
        return f"the {earliest.year}s"
    if g == "century":
        n = earliest.year // 100 + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    return value


def day(d: dt.date) -> Period:
    return Period(d.isoformat(), d, d, "day")


def week(d: dt.date) -> Period:
    monday = d - dt.timedelta(days=d.weekday())
    iso_year, iso_week, _ = d.isocalendar()
    return Period(f"{iso_year}-W{iso_week:02d}", monday, monday + dt.timedelta(days=6), "week")


def weekend(d: dt.date) -> Period:
    saturday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
    iso_year, iso_week, _ = d.isocalendar()
    return Period(f"{iso_year}-W{iso_week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "week")


def month(year: int, m: int) -> Period:
    last = _cal.monthrange(year, m)[1]
    return Period(f"{year:04d}-{m:02d}", dt.date(year, m, 1), dt.date(year, m, last), "month")


def quarter(year: int, q: int) -> Period:
    first = dt.date(year, 3 * q - 2, 1)
    end_month = 3 * q
    return Period(f"{year:04d}-Q{q}", first,
                  dt.date(year, end_month, _cal.monthrange(year, end_month)[1]), "quarter")


def half(year: int, h: int) -> Period:
    first = dt.date(year, 6 * h - 5, 1)
    return Period(f"{year:04d}-H{h}", first,
                  dt.date(year, 6 * h, _cal.monthrange(year, 6 * h)[1]), "half")


def season(year: int, code: str) -> Period:
    first_month, length = SEASON_MONTHS[code]
    start = dt.date(year, first_month, 1)
    end_year, end_month = year + (first_month + length - 2) // 12, (first_month + length - 2) % 12 + 1
    end = dt.date(end_year, end_month, _cal.monthrange(end_year, end_month)[1])
    return Period(f"{year:04d}-{code}", start, end, "season")


def year(y: int) -> Period:
    return Period(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def decade(y: int) -> Period:
    first = y - y % 10
    return Period(f"{first // 10:03d}", dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")


def century(y: int) -> Period:
    first = y - y % 100
    return Period(f"{first // 100:02d}", dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "century")


def add_months(d: dt.date, n: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return dt.date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def shift(unit: str, anchor: dt.date, n: int) -> Period:
    """The period of `unit` that lies `n` units from the one containing `anchor`."""
    if unit in ("day", "night"):
        return day(anchor + dt.timedelta(days=n))
    if unit in ("week", "fortnight"):
        return week(anchor + dt.timedelta(weeks=n))
    if unit == "weekend":
        return weekend(anchor + dt.timedelta(weeks=n))
    if unit == "month":
        shifted = add_months(anchor, n)
        return month(shifted.year, shifted.month)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return quarter(index // 4, index % 4 + 1)
    if unit == "half":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + n
        return half(index // 2, index % 2 + 1)
    if unit == "year":
        return year(anchor.year + n)
    if unit == "decade":
        return decade(anchor.year + 10 * n)
    if unit == "century":
        return century(anchor.year + 100 * n)
    raise ValueError(f"no calendar period for unit {unit!r}")


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day_ = divmod(h + l - 7 * m + 114, 31)
    return dt.date(y, month, day_ + 1)


def nth_weekday(y: int, month_: int, weekday: int, n: int) -> dt.date:
    """The n-th (or, with n = -1, the last) given weekday of a month."""
    if n > 0:
        first = dt.date(y, month_, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(y, month_, _cal.monthrange(y, month_)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def parse_value_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """Interval of a TimeML DATE value (for values computed elsewhere, e.g. by dateparser)."""
    import re

    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", value):
        p = day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        return p.earliest, p.latest, "day" if not m[4] else "part-of-day"
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        p = month(int(m[1]), int(m[2]))
        return p.earliest, p.latest, "month"
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + dt.timedelta(days=6), "week"
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        p = quarter(int(m[1]), int(m[2]))
        return p.earliest, p.latest, "quarter"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        p = season(int(m[1]), m[2])
        return p.earliest, p.latest, "season"
    if m := re.fullmatch(r"(\d{4})", value):
        p = year(int(m[1]))
        return p.earliest, p.latest, "year"
    if m := re.fullmatch(r"(\d{3})", value):
        p = decade(int(m[1]) * 10)
        return p.earliest, p.latest, "decade"
    return None


#: Granularities from finest to coarsest, for comparing them.
GRAIN_ORDER = {g: i for i, g in enumerate((
    "second", "minute", "hour", "part-of-day", "day", "week", "month", "quarter",
    "season", "half", "year", "decade", "century"))}
