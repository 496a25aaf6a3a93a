"""Dates counted from the last date mentioned: 'two days later', 'the same day', 'the next year',
'August of that year', 'for the full year'."""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, MatchView, Reading
from timeline_app.core.dates.lexicon import ORDINAL_WORDS, PARTS_OF_DAY, RELATION_NAMES, RELATIVE_WORDS, THAT_YEAR_OFFSETS
from timeline_app.core.dates.patterns import DAY, MONTH, YEAR
from timeline_app.core.dates.rules.common import month_of, needs_dct, number_of, quoted, unit_of
from timeline_app.core.dates.rules.financial import year_ago_quarter


def r_shifted(m, ctx):
    """'two days later', 'a year earlier': from the last mentioned date, else the publication date."""
    unit = unit_of(m["u"])
    n = number_of(m["n"]) if m["n"] else 1
    sign = -1 if m["dir"].lower().strip(" -") in ("earlier", "before", "ago") else 1
    if n is None:
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Reading("DATE", ref, None, f"{quoted(m[0])} is vague", granularity="vague")
    if unit in ("hour", "minute", "second", "weekend"):
        return None
    if unit in ("decade", "century"):
        unit, n = "year", n * (10 if unit == "decade" else 100)
    if unit == "year" and sign < 0 and ctx.dct is not None:
        # results reporting: 'a year earlier' compares with the quarter just named, else
        # with the publication year; chaining on earlier comparisons drifts back year by year
        if n == 1 and (q := year_ago_quarter(m, ctx)):
            return q
        last = ctx.last_period
        if (m["dir"].lower().strip() == "earlier" and last is not None and ctx.last_in_sentence(m.start())
                and last.granularity in ("day", "month")):
            # 'sales rose in April from a year earlier': April of the year before
            moved = cal.add_months(last.earliest, -12 * n)
            p = cal.day(moved) if last.granularity == "day" else cal.month(moved.year, moved.month)
            return Reading("DATE", p.value, p, f"{quoted(m[0])} = the date mentioned before, {n} year(s) "
                           f"earlier: {p.describe()}", anchor=ctx.last_id)
        p = cal.year(ctx.dct.year - n)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = {n} year(s) before the publication "
                       f"year: {p.describe()}", anchor=PUB)
    base_period = ctx.last_period
    if base_period is not None:
        anchor = ctx.last_id
        g = base_period.granularity
        finer = cal.GRAIN_ORDER.get(g, 99) <= cal.GRAIN_ORDER.get(unit, 99)
        start = base_period.earliest
        if finer and g in ("day", "month", "quarter", "year", "week"):
            moved = (cal.add_months(start, sign * n * {"month": 1, "quarter": 3, "year": 12}[unit])
                     if unit in ("month", "quarter", "year")
                     else start + dt.timedelta(days=sign * n * (7 if unit == "week" else 1)))
            if unit in ("month", "quarter", "year") and g in ("day", "week"):
                g = unit  # 'fifteen months later' after 23 May 1915: a month (August 1916), as HeidelTime reads it
            p = {"day": cal.day, "week": cal.week}.get(g, None)
            if p:
                p = p(moved)
            elif g == "month":
                p = cal.month(moved.year, moved.month)
            elif g == "quarter":
                p = cal.quarter(moved.year, (moved.month - 1) // 3 + 1)
            else:
                p = cal.year(moved.year)
        elif unit in ("day", "week") and g in ("month", "year") and base_period.value:
            # 'three days later' after 'August 1918': a day near that month, which one the text does not say
            unknown = "-XX" if g == "month" else "-XX-XX"
            word = "before" if sign < 0 else "after"
            shift = dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
            p = cal.Period(base_period.value + unknown, base_period.earliest + shift, base_period.latest + shift, g)
            return Reading("DATE", p.value, p, f"{quoted(m[0])} = {n} {unit}(s) {word} a day of "
                           f"{base_period.describe()}, the date mentioned before; the text does not say which "
                           f"day, so {cal.long_date(p.earliest)} to {cal.long_date(p.latest)}", anchor=anchor,
                           granularity=g)
        else:
            p = cal.shift(unit, start, sign * n)
        source = "the date mentioned before"
    else:
        if ctx.dct is None:
            return needs_dct(m)
        anchor = PUB
        p = cal.shift(unit, ctx.dct, sign * n)
        source = "the publication date"
    word = "before" if sign < 0 else "after"
    return Reading("DATE", p.value, p,
                   f"{quoted(m[0])} = {n} {unit}(s) {word} {source}: {p.describe()}", anchor=anchor)


def _within(m, unit: str, last: cal.Period, last_id: str | None) -> Reading:
    """'that same day' after 'in October 1998': a day of that month, which one the text does not say."""
    unknown = {"day": "-XX", "week": "-WXX", "month": "-XX"}.get(unit, "")
    if last.granularity == "year" and unit == "day":
        unknown = "-XX-XX"
    value = last.value + unknown if last.granularity in ("month", "year") and unknown else last.value
    return Reading("DATE", value, last, f"{quoted(m[0])} = a {unit} within {last.describe()}, the date "
                   f"mentioned before (the text does not say which {unit})", anchor=last_id,
                   granularity=last.granularity)


def r_anaphoric(m, ctx):
    """'the same day', 'that year', 'the next day': the last mentioned date."""
    unit = unit_of(m["u"])
    rel = m["rel"].lower()
    offset = RELATIVE_WORDS.get(rel, (0, True))[0]
    if m["after"]:
        offset = -1 if m["after"].lower().strip() == "before" else 1
    if ctx.last_period is None:
        if ctx.dct is None:
            return needs_dct(m)
        base, anchor, src = ctx.dct, PUB, "the publication date"
    else:
        last = ctx.last_period
        if cal.GRAIN_ORDER.get(last.granularity, 99) > cal.GRAIN_ORDER.get(unit, 99):
            return _within(m, unit, last, ctx.last_id)
        base, anchor, src = last.earliest, ctx.last_id, "the date mentioned before"
    try:
        p = cal.shift(unit, base, offset)
    except ValueError:
        return None
    return Reading("DATE", p.value, p,
                   f"{quoted(m[0])} = the {unit} {RELATION_NAMES[max(-1, min(1, offset))]} {src}: "
                   f"{p.describe()}", anchor=anchor)


def _unit_fix(m):
    u = m["u"].lower()
    return MatchView(m, u="day" if u in ("morning", "evening", "night") else u)


def r_month_of_that_year(m, ctx):
    """'August of that year', 'March of the following year': a month of the year mentioned before."""
    last = ctx.last_period
    if last is None:
        if ctx.dct is None:
            return needs_dct(m)
        last = cal.year(ctx.dct.year)  # nothing mentioned before: the publication year
    offset = THAT_YEAR_OFFSETS[" ".join(m["rel"].lower().split())]
    p = cal.month(last.earliest.year + offset, month_of(m["m"]))
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}, in the year of the date mentioned "
                   f"before ({last.describe()})", anchor=ctx.last_id)


def r_the_year(m, ctx):
    """'for the full year', 'a high for the year': the year under discussion, the one the sentence
    has named, else the publication year."""
    last = ctx.last_period
    if (last is not None and ctx.last_in_sentence(m.start())
            and last.granularity in ("year", "quarter", "half", "month")):
        p = cal.year(last.earliest.year)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = the year of the date named before it: {p.describe()}",
                       anchor=ctx.last_id)
    if ctx.dct is None:
        return needs_dct(m)
    p = cal.year(ctx.dct.year)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the year under discussion, the publication year: "
                   f"{p.describe()}", anchor=PUB)


def r_month_end(m, ctx):
    """"at month's end", 'month-end': the end of the month of the date mentioned before in the paragraph
    ('captured Pyongyang on 19 October 1950. At month's end, ...' is October 1950), else of the
    publication month (in a narrative passage, the story's)."""
    last = ctx.last_period
    if (last is not None and last.granularity in ("day", "week", "month") and 0 <= ctx.last_end <= m.start()
            and "\n" not in ctx.text[ctx.last_end:m.start()]):
        p, anchor = cal.month(last.earliest.year, last.earliest.month), ctx.last_id
        said = f"the month of the date mentioned before ({last.describe()})"
    elif ctx.dct is None:
        return needs_dct(m)
    else:
        p, anchor, said = cal.month(ctx.dct.year, ctx.dct.month), PUB, "the publication month"
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the end of {said}: {p.describe()}", anchor=anchor,
                   mod="END")


def r_anaphoric_unit(m, ctx):
    """'the same day', 'that morning' (a day): `r_anaphoric` with a part of a day read as its day."""
    return r_anaphoric(_unit_fix(m), ctx)


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    return int(word[:-2]) if word[:-2].isdigit() else None


def r_ordinal_day(m, ctx):
    """'the fifth day of the rebellion', 'the third evening': in a narrative passage, a day of what
    the story tells, counted from the story's day (day one); within the story's month or year when
    the story is at no particular day ('the final day of the battle' in August 480 BC is a day of
    that August).  Outside a narrative passage, in the present tense ('it is the second day of an
    offensive'), it is the publication day; otherwise it reads nothing (None)."""
    if ctx.dct is None:
        return None
    unit = m["u"].lower()
    part = PARTS_OF_DAY.get(unit) if unit != "day" else None
    n = _ordinal(m["ord"])
    grain, story = ctx.story_granularity, ctx.dct
    said = quoted(m[0])
    if not ctx.narrative:
        if part or n is None or ctx.tense(m.start(), m.end()) != "present":
            return None
        p = cal.day(ctx.dct)  # 'today is the eighth day of Desert Shield': the publication day
        return Reading("DATE", p.value, p, f"{said}, said in the present tense, is the publication day: "
                       f"{p.describe()}", anchor=PUB)
    last = ctx.last_period
    if (last is not None and last.granularity == "day" and 0 <= ctx.last_end <= m.start()
            and re.fullmatch(r"\s*,\s*", ctx.text[ctx.last_end:m.start()])):
        return Reading("DATE", last.value, last, f"{said} stands in apposition to the date before it, "
                       f"{last.describe()}", anchor=ctx.last_id, granularity="day")
    if grain == "day" and n is not None:
        p = cal.day(story + dt.timedelta(days=n - 1))
        value, type_ = (f"{p.value}T{part}", "TIME") if part else (p.value, "DATE")
        return Reading(type_, value, p, f"{said} = day {n} counted from the story's day, the last date mentioned "
                       f"({ctx.story_said}): {p.describe()}", anchor=PUB,
                       granularity="part-of-day" if part else "day")
    if grain == "month":
        p, unknown = cal.month(story.year, story.month), "-XX"
    elif grain == "year":
        p, unknown = cal.year(story.year), "-XX-XX"
    else:
        return None
    value = p.value + unknown + (f"T{part}" if part else "")
    return Reading("TIME" if part else "DATE", value, p, f"{said} = a day within the story's "
                   f"{grain}, the last date mentioned ({ctx.story_said}); the text does not say which day",
                   anchor=PUB, granularity=grain)


_DAY_RANGE_TO = re.compile(rf"\s*(?:to|until|till|through|and|[-–])\s*(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<m>{MONTH})"
                           rf"(?:,?\s+(?P<y>{YEAR}))?", re.I)


def r_day_of_month(m, ctx):
    """'on the 20th' after '18 September 1917': that day of the month mentioned before (of the next
    month when the day mentioned is later in its month).  None without a month or day before."""
    d = int(m["d"])
    if hit := _DAY_RANGE_TO.match(ctx.text, m.end()):  # 'from the 13th to the 19th of October 1950'
        month = month_of(hit["m"])
        year = int(hit["y"]) if hit["y"] else (ctx.last_period.earliest.year if ctx.last_period else None)
        if year is None and ctx.dct is None:
            return None
        year = year if year is not None else ctx.dct.year
        try:
            p = cal.day(cal.Day(year, month, d))
        except ValueError:
            return None
        return Reading("DATE", p.value, p, f"{quoted(m[0])} begins a range of days of the month that ends it "
                       f"('{' '.join(hit[0].split())}'): {p.describe()}", anchor=None if hit["y"] else ctx.last_id)
    last = ctx.last_period
    if last is None or last.granularity not in ("day", "month"):
        return None
    first = last.earliest
    year, month = first.year, first.month
    if last.granularity == "day" and d < first.day:
        moved = cal.add_months(cal.Day(year, month, 1), 1)
        year, month = moved.year, moved.month
    try:
        p = cal.day(cal.Day(year, month, d))
    except ValueError:
        return None
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = day {d} of the month of the date mentioned before "
                   f"({last.describe()}): {p.describe()}", anchor=ctx.last_id)
