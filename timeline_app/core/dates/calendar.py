"""Calendar arithmetic for any year: days, TimeML values and the intervals they cover.

Python's `datetime.date` stops at year 1 and at 9999; history does not.  A `Day` is a
proleptic Gregorian day number (1 = 1 January AD 1, as `date.toordinal`) with astronomical
years: year 0 is 1 BC, year -498 is 499 BC.  It offers the part of `datetime.date`'s
interface the rules use (`year`, `month`, `day`, `weekday()`, `isocalendar()`, arithmetic
with `timedelta`, comparison with `date`), so one arithmetic serves every era.

In JSON a day is ISO 8601 with expanded years: `2017-05-10`, `-0498-09-12` (12 September
499 BC, astronomical year -498), `+10000-01-01`.  TimeML values name BC years `BC0499`,
BC centuries `BC04` (the 5th century BC) and the first century AD `00`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline_app.core.dates.lexicon import MONTH_NAMES, SEASON_MONTHS, SEASON_NAMES

_DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_DATE_MAX_ORDINAL = dt.date.max.toordinal()


def is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def days_in_month(y: int, m: int) -> int:
    if m == 2:
        return 29 if is_leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _ordinal(y: int, m: int, d: int) -> int:
    """Day number of a proleptic Gregorian date, any (astronomical) year."""
    y1 = y - 1
    before_year = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    return before_year + _DAYS_BEFORE_MONTH[m - 1] + (m > 2 and is_leap(y)) + d


def _civil(n: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number; the inverse of `_ordinal`."""
    # shift to 1 March of year 0 (an era of 400 years = 146097 days), H. Hinnant's algorithm
    z = n + 305  # days since 1 March of year 0
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


class Day:
    """One day of the proleptic Gregorian calendar, in any year (astronomical numbering)."""

    __slots__ = ("_n", "year", "month", "day")

    def __init__(self, year: int, month: int, day: int) -> None:
        if not 1 <= month <= 12:
            raise ValueError(f"month must be in 1..12, not {month}")
        if not 1 <= day <= days_in_month(year, month):
            raise ValueError(f"day {day} is out of range for {year:04d}-{month:02d}")
        self._n = _ordinal(year, month, day)
        self.year, self.month, self.day = year, month, day

    # -- construction
    @classmethod
    def fromordinal(cls, n: int) -> Day:
        self = cls.__new__(cls)
        self._n = n
        self.year, self.month, self.day = _civil(n)
        return self

    @classmethod
    def of(cls, d: dt.date | Day) -> Day:
        """The `Day` of a `datetime.date` (a `Day` is returned as it is)."""
        if isinstance(d, Day):
            return d
        return cls(d.year, d.month, d.day)

    @classmethod
    def fromisoformat(cls, text: str) -> Day:
        """'2017-05-10', '-0498-09-12', '+10000-01-01' (ISO 8601, expanded years)."""
        m = re.fullmatch(r"([+-]?)(\d{4,})-(\d\d)-(\d\d)", text.strip())
        if m is None:
            raise ValueError(f"not an ISO date: {text!r}")
        y = int(m[2]) * (-1 if m[1] == "-" else 1)
        return cls(y, int(m[3]), int(m[4]))

    @classmethod
    def fromisocalendar(cls, year: int, week: int, weekday: int) -> Day:
        jan4 = _ordinal(year, 1, 4)
        monday = jan4 - (jan4 - 1) % 7
        return cls.fromordinal(monday + 7 * (week - 1) + weekday - 1)

    @classmethod
    def today(cls) -> Day:
        return cls.of(dt.date.today())

    # -- what it is
    def toordinal(self) -> int:
        return self._n

    def weekday(self) -> int:
        """Monday 0 .. Sunday 6."""
        return (self._n - 1) % 7

    def isoweekday(self) -> int:
        return self.weekday() + 1

    def isocalendar(self) -> tuple[int, int, int]:
        thursday = self._n - self.weekday() + 3
        iso_year = _civil(thursday)[0]
        jan4 = _ordinal(iso_year, 1, 4)
        first_monday = jan4 - (jan4 - 1) % 7
        return iso_year, (self._n - first_monday) // 7 + 1, self.weekday() + 1

    def isoformat(self) -> str:
        y = self.year
        if 0 <= y <= 9999:
            return f"{y:04d}-{self.month:02d}-{self.day:02d}"
        return f"{'-' if y < 0 else '+'}{abs(y):04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> dt.date:
        """The `datetime.date` (years 1-9999 only; ValueError otherwise)."""
        if not 1 <= self._n <= _DATE_MAX_ORDINAL:
            raise ValueError(f"{self.isoformat()} is outside the years datetime.date covers")
        return dt.date.fromordinal(self._n)

    def replace(self, year: int | None = None, month: int | None = None, day: int | None = None) -> Day:
        return Day(self.year if year is None else year, self.month if month is None else month,
                   self.day if day is None else day)

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"Day({self.year}, {self.month}, {self.day})"

    # -- arithmetic and order (with Day or datetime.date alike)
    def __add__(self, other: dt.timedelta) -> Day:
        if isinstance(other, dt.timedelta):
            return Day.fromordinal(self._n + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, dt.timedelta):
            return Day.fromordinal(self._n - other.days)
        if isinstance(other, (Day, dt.date)):
            return dt.timedelta(days=self._n - other.toordinal())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, dt.date):
            return dt.timedelta(days=other.toordinal() - self._n)
        return NotImplemented

    def _key(self, other) -> int | None:
        if isinstance(other, (Day, dt.date)) and not isinstance(other, dt.datetime):
            return other.toordinal()
        return None

    def __eq__(self, other) -> bool:
        k = self._key(other)
        return NotImplemented if k is None else self._n == k

    def __lt__(self, other) -> bool:
        k = self._key(other)
        return NotImplemented if k is None else self._n < k

    def __le__(self, other) -> bool:
        k = self._key(other)
        return NotImplemented if k is None else self._n <= k

    def __gt__(self, other) -> bool:
        k = self._key(other)
        return NotImplemented if k is None else self._n > k

    def __ge__(self, other) -> bool:
        k = self._key(other)
        return NotImplemented if k is None else self._n >= k

    def __hash__(self) -> int:
        # equal to a datetime.date's hash where there is one, so both work as the same dict key
        if 1 <= self._n <= _DATE_MAX_ORDINAL:
            return hash(dt.date.fromordinal(self._n))
        return hash(("Day", self._n))

    def __reduce__(self):
        return (Day.fromordinal, (self._n,))


#: The range of days the app represents (9999 BC .. AD 9999 and a margin for arithmetic).
FIRST_DAY = Day(-9998, 1, 1)
LAST_DAY = Day(9999, 12, 31)


def year_name(y: int) -> str:
    """How a reader writes an astronomical year: '499 BC', 'AD 9', '2017'."""
    if y <= 0:
        return f"{1 - y} BC"
    return f"AD {y}" if y < 1000 else str(y)


def year_value(y: int) -> str:
    """TimeML value of a year: '2017', '0009', 'BC0499' (astronomical -498)."""
    return f"BC{1 - y:04d}" if y <= 0 else f"{y:04d}"


def _ordinal_word(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Period:
    """A calendar period at one granularity: its TimeML value and its interval."""

    value: str
    earliest: Day
    latest: Day
    granularity: str

    def describe(self) -> str:
        """How a reader would say it: '12 April 2017', 'week of 1 May 2017', '499 BC'."""
        return describe_period(self.granularity, self.earliest, self.value)


def describe_period(granularity: str, earliest: Day | dt.date, value: str = "") -> str:
    g = granularity
    y = year_name(earliest.year)
    if g in ("day", "part-of-day", "hour", "minute"):
        return f"{earliest.day} {MONTH_NAMES[earliest.month - 1]} {y}"
    if g == "week":
        return f"week of {earliest.day} {MONTH_NAMES[earliest.month - 1]} {y}"
    if g == "month":
        return f"{MONTH_NAMES[earliest.month - 1]} {y}"
    if g == "quarter":
        return f"Q{(earliest.month - 1) // 3 + 1} {y}"
    if g == "half":
        return f"H{(earliest.month - 1) // 6 + 1} {y}"
    if g == "season":
        code = value[-2:] if value else ""
        return f"{SEASON_NAMES.get(code, 'season')} {y}"
    if g == "year":
        return y
    if g == "decade":
        if earliest.year <= 0:
            return f"the {1 - earliest.year - 9}s BC"
        return f"the {earliest.year}s"
    if g == "century":
        if earliest.year <= 0:
            return f"the {_ordinal_word((1 - earliest.year + 99) // 100)} century BC"
        return f"the {_ordinal_word(earliest.year // 100 + 1)} century"
    if g == "millennium":
        if earliest.year <= 0:
            return f"the {_ordinal_word((1 - earliest.year + 999) // 1000)} millennium BC"
        return f"the {_ordinal_word(earliest.year // 1000 + 1)} millennium"
    return value


def day(d: Day | dt.date) -> Period:
    d = Day.of(d)
    return Period(_day_value(d), d, d, "day")


def _day_value(d: Day) -> str:
    return f"{year_value(d.year)}-{d.month:02d}-{d.day:02d}"


def week(d: Day | dt.date) -> Period:
    d = Day.of(d)
    monday = d - dt.timedelta(days=d.weekday())
    iso_year, iso_week, _ = d.isocalendar()
    return Period(f"{year_value(iso_year)}-W{iso_week:02d}", monday, monday + dt.timedelta(days=6), "week")


def weekend(d: Day | dt.date) -> Period:
    d = Day.of(d)
    saturday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
    iso_year, iso_week, _ = d.isocalendar()
    return Period(f"{year_value(iso_year)}-W{iso_week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "week")


def month(year: int, m: int) -> Period:
    return Period(f"{year_value(year)}-{m:02d}", Day(year, m, 1), Day(year, m, days_in_month(year, m)), "month")


def quarter(year: int, q: int) -> Period:
    end_month = 3 * q
    return Period(f"{year_value(year)}-Q{q}", Day(year, 3 * q - 2, 1),
                  Day(year, end_month, days_in_month(year, end_month)), "quarter")


def half(year: int, h: int) -> Period:
    return Period(f"{year_value(year)}-H{h}", Day(year, 6 * h - 5, 1),
                  Day(year, 6 * h, days_in_month(year, 6 * h)), "half")


def season(year: int, code: str) -> Period:
    first_month, length = SEASON_MONTHS[code]
    start = Day(year, first_month, 1)
    end_year, end_month = year + (first_month + length - 2) // 12, (first_month + length - 2) % 12 + 1
    end = Day(end_year, end_month, days_in_month(end_year, end_month))
    return Period(f"{year_value(year)}-{code}", start, end, "season")


def year(y: int) -> Period:
    return Period(year_value(y), Day(y, 1, 1), Day(y, 12, 31), "year")


def decade(y: int) -> Period:
    """The decade containing astronomical year `y`: '199' (1990-1999), 'BC049' (499-490 BC)."""
    if y <= 0:
        bc = 1 - y
        last_bc = bc - bc % 10  # 499 BC lies in the 490s BC (499-490 BC)
        first_bc = last_bc + 9
        return Period(f"BC{last_bc // 10:03d}", Day(1 - first_bc, 1, 1), Day(1 - max(last_bc, 1), 12, 31), "decade")
    first = y - y % 10
    return Period(f"{first // 10:03d}", Day(max(first, 1), 1, 1), Day(first + 9, 12, 31), "decade")


def century(y: int) -> Period:
    """The century (in the TimeML sense, '19' = 1900-1999) containing astronomical year `y`."""
    if y <= 0:
        return bc_century((1 - y + 99) // 100)
    first = y - y % 100
    return Period(f"{first // 100:02d}", Day(max(first, 1), 1, 1), Day(first + 99, 12, 31), "century")


def ordinal_century(n: int) -> Period:
    """'the 5th century' (AD 401-500), value '04' as TimeML writes the 400s."""
    return Period(f"{n - 1:02d}", Day(100 * (n - 1) + 1, 1, 1), Day(100 * n, 12, 31), "century")


def bc_century(n: int) -> Period:
    """'the 5th century BC': 500-401 BC, value 'BC04'."""
    return Period(f"BC{n - 1:02d}", Day(1 - 100 * n, 1, 1), Day(1 - (100 * (n - 1) + 1), 12, 31), "century")


def millennium(n: int, bc: bool = False) -> Period:
    """'the 2nd millennium BC' (2000-1001 BC, value 'BC1'), 'the first millennium' (AD 1-1000, '0')."""
    if bc:
        return Period(f"BC{n - 1}", Day(1 - 1000 * n, 1, 1), Day(1 - (1000 * (n - 1) + 1), 12, 31), "millennium")
    return Period(f"{n - 1}", Day(1000 * (n - 1) + 1, 1, 1), Day(1000 * n, 12, 31), "millennium")


#: The part of a period of whole years that a modifier names: (start, end) as fractions of its years.
PERIOD_PARTS: dict[str, tuple[float, float]] = {
    "START": (0, 1 / 3), "MID": (1 / 3, 2 / 3), "END": (2 / 3, 1),  # 'the early/mid/late 19th century'
    "FIRST_HALF": (0, 1 / 2), "SECOND_HALF": (1 / 2, 1),
}


def part_of_period(p: Period, part: str) -> Period:
    """The years of `p` (a century, a millennium) that `part` names: 'the early 21st century' is
    2001-2033, 'the mid-19th century' 1834-1866, 'the first half of the 19th century' 1801-1850."""
    first, last = p.earliest.year, p.latest.year
    years = last - first + 1
    lo, hi = PERIOD_PARTS[part]
    return Period(p.value, Day(first + round(years * lo), 1, 1), Day(first + round(years * hi) - 1, 12, 31),
                  p.granularity)


def add_months(d: Day | dt.date, n: int) -> Day:
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return Day(y, m + 1, min(d.day, days_in_month(y, m + 1)))


def shift(unit: str, anchor: Day | dt.date, n: int) -> Period:
    """The period of `unit` that lies `n` units from the one containing `anchor`."""
    anchor = Day.of(anchor)
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


def easter(y: int) -> Day:
    """Western Easter Sunday (anonymous Gregorian algorithm, proleptic for early years)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month_, day_ = divmod(h + l - 7 * m + 114, 31)
    return Day(y, month_, day_ + 1)


def nth_weekday(y: int, month_: int, weekday: int, n: int) -> Day:
    """The n-th (or, with n = -1, the last) given weekday of a month."""
    if n > 0:
        first = Day(y, month_, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = Day(y, month_, days_in_month(y, month_))
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def long_date(d: Day | dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {year_name(d.year)}"


_YEAR = r"(\d{4}|BC\d{4})"


def _year_of_value(text: str) -> int:
    return 1 - int(text[2:]) if text.startswith("BC") else int(text)


def parse_value_interval(value: str) -> tuple[Day, Day, str] | None:
    """Interval of a TimeML DATE value (for values computed elsewhere, e.g. by dateparser)."""
    try:
        if m := re.fullmatch(_YEAR + r"-(\d\d)-(\d\d)(T.*)?", value):
            p = day(Day(_year_of_value(m[1]), int(m[2]), int(m[3])))
            return p.earliest, p.latest, "day" if not m[4] else "part-of-day"
        if m := re.fullmatch(_YEAR + r"-(\d\d)", value):
            p = month(_year_of_value(m[1]), int(m[2]))
            return p.earliest, p.latest, "month"
        if m := re.fullmatch(_YEAR + r"-W(\d\d)", value):
            monday = Day.fromisocalendar(_year_of_value(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6), "week"
        if m := re.fullmatch(_YEAR + r"-Q(\d)", value):
            p = quarter(_year_of_value(m[1]), int(m[2]))
            return p.earliest, p.latest, "quarter"
        if m := re.fullmatch(_YEAR + r"-(SP|SU|FA|WI)", value):
            p = season(_year_of_value(m[1]), m[2])
            return p.earliest, p.latest, "season"
        if m := re.fullmatch(_YEAR, value):
            p = year(_year_of_value(m[1]))
            return p.earliest, p.latest, "year"
        if m := re.fullmatch(r"(\d{3})", value):
            p = decade(max(int(m[1]) * 10, 1))
            return p.earliest, p.latest, "decade"
        if m := re.fullmatch(r"BC(\d{3})", value):
            p = decade(1 - max(int(m[1]) * 10, 1))
            return p.earliest, p.latest, "decade"
        if m := re.fullmatch(r"BC(\d\d)", value):
            p = bc_century(int(m[1]) + 1)
            return p.earliest, p.latest, "century"
    except ValueError:
        return None
    return None


#: Granularities from finest to coarsest, for comparing them.
GRAIN_ORDER = {g: i for i, g in enumerate((
    "second", "minute", "hour", "part-of-day", "day", "week", "month", "quarter",
    "season", "half", "year", "decade", "century", "millennium"))}
