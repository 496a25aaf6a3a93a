"""Calendar dates with a month name: 'May 10, 2017', '10 May', 'the week of March 6',
'May 2017', 'May', 'last May', 'June last year'."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import ERAS, MONTH_NAMES, WEEKDAYS, WEEKDAY_NAMES, YEAR_WORD_OFFSETS
from timeline_app.core.dates.rules.common import day_of, month_of, needs_dct, quoted, sequence_base
from timeline_app.core.dates.rules.years import year_of
from timeline_app.core.dates.year_choice import choose_year, coordinated_year


def r_full_date(m, ctx):
    """'May 10, 2017', '10 May 2017', '12 August 480 BC' (a BC year is astronomical: 1 - n)."""
    y = year_of(m)
    if y == 0 and m["era"] and not ERAS[m["era"].lower()]:
        return None  # there is no year 0 AD
    try:
        p = cal.day(cal.Day(y, month_of(m["m"]), day_of(m["d"])))
    except ValueError:
        return None
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is an absolute date ({p.describe()})")


def r_month_day(m, ctx):
    month, d = month_of(m["m"]), day_of(m["d"])
    if ctx.dct is None:
        return needs_dct(m)
    joined = coordinated_year(ctx.text, m.end(), month)
    y, why = joined or choose_year(month, d, ctx, m.start(), m.end())
    if m["wdp"]:
        wd = WEEKDAYS[m["wdp"].lower().rstrip(".")]
        for candidate in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            try:
                if cal.Day(candidate, month, d).weekday() == wd:
                    y, why = candidate, f"the year in which it falls on a {WEEKDAY_NAMES[wd]}"
                    break
            except ValueError:
                return None
    try:
        p = cal.day(cal.Day(y, month, d))
    except ValueError:
        return None
    return Reading("DATE", p.value, p,
                   f"{quoted(m[0])} has no year: {why}, so {p.describe()}", anchor=None if joined else PUB)


def r_week_of(m, ctx):
    """'the week of March 6': the (ISO) week that contains the day."""
    day = r_month_day(m, ctx)
    if day is None or day.period is None:
        return day
    p = cal.week(day.period.earliest)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the week that contains {day.period.describe()}",
                   anchor=day.anchor, granularity="week")


def r_month_year(m, ctx):
    p = cal.month(year_of(m), month_of(m["m"]))
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is an absolute month ({p.describe()})")


def r_month(m, ctx):
    if ctx.dct is None:
        return needs_dct(m)
    month = month_of(m["m"])
    joined = coordinated_year(ctx.text, m.end(), month)
    y, why = joined or choose_year(month, None, ctx, m.start(), m.end())
    p = cal.month(y, month)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} has no year: {why}, so {p.describe()}",
                   anchor=None if joined else PUB)


def r_month_sequence(m, ctx):
    """'the following March', 'the previous April': the first such month after (the last one before)
    the date mentioned before, else the publication date."""
    month = month_of(m["m"])
    forward = m["rel"].lower() in ("following", "next")
    start = sequence_base(ctx)
    if start is None:
        return needs_dct(m)
    base, anchor, said = start
    if forward:
        edge = base.latest
        y = edge.year + (1 if month <= edge.month else 0)
    else:
        edge = base.earliest
        y = edge.year - (1 if month >= edge.month else 0)
    p = cal.month(y, month)
    word = "first" if forward else "last"
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the {word} {MONTH_NAMES[month - 1]} "
                   f"{'after' if forward else 'before'} {said}: {p.describe()}", anchor=anchor)


def r_relative_month(m, ctx):
    """'last May', 'next February', 'this July'; with a day, 'last Oct. 23'."""
    if ctx.dct is None:
        return needs_dct(m)
    month, rel, dct = month_of(m["m"]), m["rel"].lower(), ctx.dct
    if m["d"]:
        return _relative_month_day(m, ctx, month, rel)
    if rel == "last":
        y = dct.year if month < dct.month else dct.year - 1
        why = "the latest one before the publication month"
    elif rel == "next":
        y = dct.year if month > dct.month else dct.year + 1
        why = "the first one after the publication month"
    else:
        y, why = dct.year, "the one of the publication year"
    p = cal.month(y, month)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why}: {p.describe()}", anchor=PUB)


def _relative_month_day(m, ctx, month: int, rel: str) -> Reading | None:
    """'last Oct. 23': the latest such day before the publication date; 'next May 5' the first after it;
    'this May 5' the one of the publication year."""
    dct, d = ctx.dct, day_of(m["d"])
    if rel == "this":
        years, why = (dct.year,), "the one of the publication year"
    elif rel == "last":
        years, why = (dct.year, dct.year - 1), "the latest one before the publication date"
    else:
        years, why = (dct.year, dct.year + 1), "the first one after the publication date"
    for y in years:
        try:
            day = cal.Day(y, month, d)
        except ValueError:
            continue
        if rel == "this" or (rel == "last" and day < dct) or (rel == "next" and day > dct):
            p = cal.day(day)
            return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why} ({cal.long_date(dct)}): {p.describe()}",
                           anchor=PUB)
    return None


def r_month_of_relative_year(m, ctx):
    """'June last year', 'January this year'."""
    if ctx.dct is None:
        return needs_dct(m)
    y = ctx.dct.year + YEAR_WORD_OFFSETS[m["rel"].lower()]
    p = cal.month(y, month_of(m["m"]))
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}, the year counted from the "
                   "publication date", anchor=PUB)


#: Which seven days of a month 'the first/second/third/fourth week of' names (the last: its last seven).
_WEEK_OF_MONTH = {"first": 1, "second": 8, "third": 15, "fourth": 22}


def r_week_of_month(m, ctx):
    """'the last week of August', 'the first week of May 1945': seven days of that month."""
    month = month_of(m["m"])
    if m["y"]:
        y, why, anchor = int(m["y"]), "its year", None
    elif ctx.dct is None:
        return needs_dct(m)
    else:
        joined = coordinated_year(ctx.text, m.end(), month)
        (y, why), anchor = joined or choose_year(month, None, ctx, m.start(), m.end()), None if joined else PUB
    which = m["ord"].lower()
    whole = cal.month(y, month)
    first = (whole.latest - dt.timedelta(days=6)) if which in ("last", "final") else cal.Day(y, month, _WEEK_OF_MONTH[which])
    last = first + dt.timedelta(days=6)
    p = cal.Period(cal.week(first + dt.timedelta(days=3)).value, first, last, "week")  # the ISO week of its middle day
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the {which} seven days of {whole.describe()} ({why}): "
                   f"{first.day}-{last.day} {cal.MONTH_NAMES[month - 1]}", anchor=anchor, granularity="week")
