"""Expressions counted from the publication date: 'last week', 'this month', 'three years ago',
'the end of the month', 'the weekend', 'today', 'tonight', 'recently'."""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import (
    DAY_WORD_OFFSETS, DEICTIC, EDGE_MODS, INFORMAL, PARTS_OF_DAY, RELATION_NAMES, RELATIVE_WORDS, UNITS,
)
from timeline_app.core.dates.rules.common import needs_dct, number_of, quoted, unit_of
from timeline_app.core.dates.rules.durations import duration_value
from timeline_app.core.dates.rules.financial import year_ago_quarter


#: what follows 'the last month' when it is the final month of something named: 'of World War II'
_PART_OF = re.compile(r"\s+of\s+(?!course\b)\S")


def r_relative_unit(m, ctx):
    rel = m["rel"].lower()
    unit = unit_of(m["u"])
    mod = None
    if (rel == "last" and not m["pre"] and m[0][:4].lower() == "the "
            and _PART_OF.match(ctx.text, m.end())):
        # 'the last month of World War II', 'the last year of his life': the final one of what is
        # named, not the one before the publication's (a period the rules cannot date)
        return Reading("DURATION", duration_value(1, unit), None,
                       f"{quoted(m[0])} followed by 'of' is the final {unit} of what it names, "
                       f"not a {unit} counted from the publication date", granularity=UNITS[unit][1])
    if m["pre"]:
        mod = "START" if m["pre"].lower().startswith("earl") else "END"
    offset = RELATIVE_WORDS[rel][0]
    if unit == "year" and offset == -1 and not m["pre"] and (q := year_ago_quarter(m, ctx)):
        return q
    anaphoric = rel in ("following", "preceding", "prior", "previous") and ctx.last_period is not None
    if anaphoric:
        base, anchor = ctx.last_period.earliest, ctx.last_id
        where = f"the {unit} {RELATION_NAMES[offset]} the one last mentioned"
    else:
        if ctx.dct is None:
            return needs_dct(m)
        base, anchor = ctx.dct, PUB
        where = (f"the {unit} {RELATION_NAMES[offset]} the publication {unit}"
                 if offset else f"the {unit} of the publication date")
    try:
        p = cal.shift(unit, base, offset)
    except ValueError:
        return None
    earliest, latest = p.earliest, p.latest
    if mod == "END" and offset == 0 and ctx.dct and not anaphoric:
        earliest = max(earliest, ctx.dct + dt.timedelta(days=1))  # "later this month": after today
        earliest = min(earliest, latest)
    elif mod == "START" and offset == 0 and ctx.dct and not anaphoric:
        latest = min(latest, ctx.dct)
    p = cal.Period(p.value, earliest, latest, p.granularity)
    who = cal.long_date(ctx.dct) if anchor == PUB and ctx.dct else "earlier mention"
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {where} ({who}): {p.describe()}",
                   anchor=anchor, mod=mod)


def r_ago(m, ctx):
    unit = unit_of(m["u"])
    n = number_of(m["n"]) if m["n"] else 1
    if n is None:
        return Reading("DATE", "PAST_REF", None, f"{quoted(m[0])} is an unspecified time in the past",
                       anchor=PUB, granularity="vague")
    if ctx.dct is None:
        return needs_dct(m)
    if (unit, n) == ("year", 1) and (q := year_ago_quarter(m, ctx)):
        return q
    if unit in ("decade", "century"):
        unit, n = "year", n * (10 if unit == "decade" else 100)
    if unit in ("hour", "minute", "second"):
        p = cal.day(ctx.dct)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} falls on the publication day", anchor=PUB)
    try:
        p = cal.shift(unit, ctx.dct, -n)
    except ValueError:
        return None
    return Reading("DATE", p.value, p,
                   f"{quoted(m[0])} = {n} {unit}(s) before the publication date "
                   f"({cal.long_date(ctx.dct)}): {p.describe()}", anchor=PUB)


def r_period_edge(m, ctx):
    """'the end of the month', 'the beginning of the year': the publication's period, modified."""
    if ctx.dct is None:
        return needs_dct(m)
    unit = m["u"].lower()
    p = cal.shift(unit, ctx.dct, 0)
    mod = EDGE_MODS[m["edge"].lower()]
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = part of the {unit} of the publication date: "
                   f"{p.describe()}", anchor=PUB, mod=mod)


def r_weekend(m, ctx):
    """'the weekend': the last one in a past clause, else the coming one."""
    if ctx.dct is None:
        return needs_dct(m)
    dct = ctx.dct
    if dct.weekday() >= 5:
        saturday = dct - dt.timedelta(days=dct.weekday() - 5)
        why = "the weekend of the publication date"
    elif ctx.tense(m.start(), m.end()) == "past":
        saturday = dct - dt.timedelta(days=(dct.weekday() - 5) % 7)
        why = "the latest weekend (past tense)"
    else:
        saturday = dct + dt.timedelta(days=(5 - dct.weekday()) % 7)
        why = "the coming weekend"
    p = cal.weekend(saturday)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why}: {p.describe()}", anchor=PUB)


def r_deictic_part(m, ctx):
    """'tomorrow night', 'tmr evening': a deictic day with a part of it."""
    words = [INFORMAL.get(w, w) for w in m[0].lower().split()]
    if len(words) > 1 and words[-1] in ("morning", "afternoon", "evening", "night"):
        day_word = INFORMAL.get(words[0], words[0])
        if day_word in ("today", "yesterday", "tomorrow", "tonight") and len(words) == 2:
            if ctx.dct is None:
                return needs_dct(m, "TIME")
            offset = DAY_WORD_OFFSETS[day_word]
            code = PARTS_OF_DAY[words[1]]
            p = cal.day(ctx.dct + dt.timedelta(days=offset))
            return Reading("TIME", f"{p.value}T{code}", p, f"{quoted(m[0])} = part of {p.describe()}",
                           anchor=PUB, granularity="part-of-day")
        if " ".join(words) not in DEICTIC:
            return None
    return r_deictic(m, ctx)


def r_deictic(m, ctx):
    phrase = " ".join(INFORMAL.get(w, w) for w in m[0].lower().split())
    type_, ref, offset = DEICTIC[phrase]
    if offset is None:
        words = {"PRESENT_REF": "the present", "PAST_REF": "an unspecified past",
                 "FUTURE_REF": "an unspecified future"}[ref]
        return Reading("DATE", ref, None, f"{quoted(m[0])} refers to {words}, not a calendar date",
                       anchor=PUB, granularity="vague")
    if ctx.dct is None:
        return needs_dct(m, type_)
    p = cal.day(ctx.dct + dt.timedelta(days=offset))
    rel = {0: "the publication date", -1: "the day before the publication date",
           1: "the day after the publication date", -2: "two days before the publication date",
           2: "two days after the publication date"}[offset]
    if ref == "day":
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = {rel}: {p.describe()}", anchor=PUB)
    return Reading("TIME", f"{p.value}T{ref}", p, f"{quoted(m[0])} = part of {rel}: {p.describe()}",
                   anchor=PUB, granularity="part-of-day")
