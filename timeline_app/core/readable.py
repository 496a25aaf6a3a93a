"""Dates as a person reads them: '12 April 2017', 'week of 18 March 2013', 'spring 1943', '1–7 May 2017'.

Qt-free.  Everything a reader sees (table, tooltips, labels, cluster captions,
exports' title block) goes through here; TimeML values ('2013-W12') stay in the
JSON and in the table's hidden 'TimeML' column.

`readable_value` reads a TimeML value through `VALUE_FORMS`, a table of
(pattern, formatter) rows: a new notation (e.g. BC years, written 'BC0480' in
TimeML) is one more row, not a change to the code that uses it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from timeline_app.core.dates.calendar import Day, long_date, year_name
from timeline_app.core.dates.lexicon import MONTH_NAMES, SEASON_NAMES

EN_DASH = "\u2013"


def readable_interval(earliest: dt.date | None, latest: dt.date | None) -> str:
    """A span of days said once: '12 April 2017', '1–7 May 2017', '28 April – 3 May 2017',
    '28 December 2016 – 3 January 2017'; whole months and years by name ('April–May 2017', '2016')."""
    if earliest is None:
        return "no date"
    if latest is None or latest <= earliest:
        return long_date(earliest)
    a, b = earliest, latest
    whole_months = a.day == 1 and (b + dt.timedelta(days=1)).day == 1
    if whole_months and (a.month, b.month) == (1, 12):
        if a.year == b.year:
            return year_name(a.year)
        if b.year < 1:  # both BC: the era said once, as historians write it ('499–493 BC')
            return f"{1 - a.year}{EN_DASH}{year_name(b.year)}"
        return f"{year_name(a.year)}{EN_DASH}{year_name(b.year)}"
    if whole_months:
        if (a.year, a.month) == (b.year, b.month):
            return f"{MONTH_NAMES[a.month - 1]} {year_name(a.year)}"
        if a.year == b.year:
            return f"{MONTH_NAMES[a.month - 1]}{EN_DASH}{MONTH_NAMES[b.month - 1]} {year_name(a.year)}"
        return f"{MONTH_NAMES[a.month - 1]} {year_name(a.year)} {EN_DASH} {MONTH_NAMES[b.month - 1]} {year_name(b.year)}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}{EN_DASH}{b.day} {MONTH_NAMES[a.month - 1]} {year_name(a.year)}"
    if a.year == b.year:
        return f"{a.day} {MONTH_NAMES[a.month - 1]} {EN_DASH} {long_date(b)}"
    return f"{long_date(a)} {EN_DASH} {long_date(b)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day(m: re.Match) -> str:
    return long_date(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _week(m: re.Match) -> str:
    monday = dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
    return f"{'weekend' if m['we'] else 'week'} of {long_date(monday + dt.timedelta(days=5 if m['we'] else 0))}"


_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second",
                   "DE": "decade", "CE": "century", "Q": "quarter"}
_REFS = {"PAST_REF": "the past", "PRESENT_REF": "the present", "FUTURE_REF": "the future"}

#: TimeML value pattern -> how a reader says it.  Tried in order; the first match wins.
VALUE_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match], str]]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(T.*)?"), _day),
    (re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d)(?P<we>-WE)?"), _week),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)"), lambda m: f"{MONTH_NAMES[int(m['m']) - 1]} {m['y']}"),
    (re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])"), lambda m: f"Q{m['q']} {m['y']}"),
    (re.compile(r"(?P<y>\d{4})-H(?P<h>[12])"), lambda m: f"H{m['h']} {m['y']}"),
    (re.compile(r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)"), lambda m: f"{SEASON_NAMES[m['s']]} {m['y']}"),
    (re.compile(r"(?P<y>\d{4})"), lambda m: str(int(m["y"]))),
    (re.compile(r"(?P<d>\d{3})"), lambda m: f"the {int(m['d']) * 10}s"),
    (re.compile(r"(?P<c>\d{2})"), lambda m: f"the {_ordinal(int(m['c']) + 1)} century"),
    # BC dates as TimeML writes them ('BC0480', 'BC0480-08', 'BC0480-08-12', 'BC0480-SU'); decades BC ('BC049':
    # the 490s BC) and centuries BC ('BC04': the 5th century BC)
    (re.compile(r"BC(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"),
     lambda m: long_date(Day(1 - int(m["y"]), int(m["m"]), int(m["d"])))),
    (re.compile(r"BC(?P<y>\d{4})-(?P<m>\d\d)"), lambda m: f"{MONTH_NAMES[int(m['m']) - 1]} {int(m['y'])} BC"),
    (re.compile(r"BC(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)"), lambda m: f"{SEASON_NAMES[m['s']]} {int(m['y'])} BC"),
    (re.compile(r"BC(?P<y>\d{4})"), lambda m: f"{int(m['y'])} BC"),
    (re.compile(r"BC(?P<d>\d{3})"), lambda m: f"the {int(m['d']) * 10}s BC"),
    (re.compile(r"BC(?P<c>\d{2})"), lambda m: f"the {_ordinal(int(m['c']) + 1)} century BC"),
    (re.compile(r"(?P<ref>PAST_REF|PRESENT_REF|FUTURE_REF)"), lambda m: _REFS[m["ref"]]),
    (re.compile(r"PT?(?P<n>\d+|X)(?P<u>DE|CE|[YMWDHSQ])"),
     lambda m: (f"some {_DURATION_UNITS[m['u']]}s" if m["n"] == "X" else
                f"{m['n']} {_DURATION_UNITS[m['u']]}{'' if m['n'] == '1' else 's'}")),
]


def readable_value(value: str | None) -> str:
    """A TimeML value as a reader says it ('2013-W12' -> 'week of 18 March 2013'); unknown notations as they are."""
    if not value:
        return "unresolved"
    for pattern, form in VALUE_FORMS:
        m = pattern.fullmatch(value)
        if m:
            try:
                return form(m)
            except (ValueError, KeyError, IndexError):  # '2017-13', week 54: not a date; show the value
                return value
    return value
