"""Durations: 'three years', 'two and a half hours', 'for months', 'a long day'."""

from __future__ import annotations

import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import NUMBERS, UNITS
from timeline_app.core.dates.rules.common import needs_dct, number_of, quoted, unit_of


def duration_value(n: int | float | None, unit: str) -> str:
    """TimeML's value of `n` units ('P3Y', 'PT2.5H', 'P4W' for two fortnights); `n` None: 'PXY'."""
    letter = UNITS[unit][0]
    if n is not None and unit == "fortnight":
        n = n * 2  # a fortnight is two weeks
    if n is not None and letter in ("DE", "CE", "Q") and not float(n).is_integer():
        factor, letter = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M")}[letter]
        n = n * factor  # '1.5 decades' is 15 years
    count = "X" if n is None else f"{n:g}" if isinstance(n, float) else str(n)
    if letter == "DE":
        return f"P{count}0Y" if n is not None else "PXY"
    if letter == "CE":
        return f"P{count}00Y" if n is not None else "PXY"
    if letter == "Q":
        return f"P{n * 3}M" if n is not None else "PXM"
    if letter == "WE":
        return f"P{count}WE"
    if letter.startswith("T"):
        return f"PT{count}{letter[1]}"
    return f"P{count}{letter}"


def _and_a_half(n: int, unit: str) -> str:
    """'2 1/2 years' = P2Y6M, 'an hour and a half' = PT1H30M: the half in the next smaller unit."""
    years = {"year": 1, "decade": 10, "century": 100}
    if unit in years:
        y = n * years[unit] + years[unit] // 2
        return f"P{y}Y6M" if unit == "year" else f"P{y}Y"
    return {"quarter": f"P{n * 3 + 1}M15D", "month": f"P{n}M15D", "week": f"P{n * 7 + 3}DT12H",
            "day": f"P{n}DT12H", "night": f"P{n}DT12H", "hour": f"PT{n}H30M",
            "minute": f"PT{n}M30S"}.get(unit, duration_value(n, unit))


def r_duration(m, ctx):
    unit = unit_of(m["u"])
    n = number_of(m["n"]) if m["n"] else 1
    if m["n"] and n is None and re.fullmatch(r"\d+\.\d+", m["n"]) and not m["half"] and not m["half2"]:
        n = float(m["n"])  # '2.5 hours': PT2.5H
    elif m["n"] and n is None and m["n"].lower() not in NUMBERS:
        return None
    if m[0].lower() == "one day" and ctx.dct is not None:
        # 'will one day be': some future day; 'One day I was walking': some past day
        tense = ctx.tense(m.start(), m.end())
        if tense in ("future", "prospective"):
            return Reading("DATE", "FUTURE_REF", None, f"{quoted(m[0])} is some day in the future", granularity="vague")
        if tense == "past" and re.search(r"(?:^|[.!?\n])\s*$", ctx.text[max(0, m.start() - 3):m.start()]):
            return Reading("DATE", "PAST_REF", None, f"{quoted(m[0])} is some day in the past", granularity="vague")
    if (m["half"] or m["half2"]) and n is not None:
        return Reading("DURATION", _and_a_half(n, unit), None,
                       f"{quoted(m[0])} is a duration of {n} and a half {unit}s", granularity=UNITS[unit][1])
    value = duration_value(n, unit)
    what = f"{n} {unit}{'s' if n != 1 else ''}" if n is not None else f"an unspecified number of {unit}s"
    return Reading("DURATION", value, None, f"{quoted(m[0])} is a duration of {what}",
                   granularity=UNITS[unit][1])


def r_vague_duration(m, ctx):
    unit = unit_of(m["u"])
    return Reading("DURATION", duration_value(None, unit), None,
                   f"{quoted(m[0])} is a duration of an unspecified number of {unit}s",
                   granularity="vague")


def r_unit_noun(m, ctx):
    """'a long day', 'my day', 'at night': a bare unit that the tagger found qualified."""
    unit = m["u"].lower()
    if unit == "night":
        if ctx.dct is None:
            return needs_dct(m, "TIME")
        p = cal.day(ctx.dct)
        return Reading("TIME", f"{p.value}TNI", p, f"{quoted(m[0])} = the night of the publication day",
                       anchor=PUB, granularity="part-of-day")
    if m["plural"]:
        return Reading("DURATION", duration_value(None, unit), None,
                       f"{quoted(m[0])} is a duration of some {unit}s", granularity="vague")
    return Reading("DURATION", duration_value(1, unit), None, f"{quoted(m[0])} is a duration of one {unit}",
                   granularity=unit)
