"""What the resolvers of several families use: numbers, units, months and days read from
words, a quoted match, and the reading of an expression whose publication date is unknown."""

from __future__ import annotations

import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import MONTHS, NUMBERS, UNIT_PLURALS


def number_of(text: str) -> int | None:
    """Number words and digits to an int; None for vague quantities ('several')."""
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+\+", t):  # '4+ hours': at least four
        return int(t[:-1])
    if re.fullmatch(r"\d+\.\d+", t):
        return None
    if t in NUMBERS:
        return NUMBERS[t]
    parts = re.split(r"[- ]+", t)
    if len(parts) == 2 and parts[1] in ("hundred", "thousand") and NUMBERS.get(parts[0]):
        return NUMBERS[parts[0]] * (100 if parts[1] == "hundred" else 1000)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        a, b = NUMBERS[parts[0]], NUMBERS[parts[1]]
        if a is not None and b is not None:
            return a + b
    return None


def unit_of(word: str) -> str:
    w = word.lower()
    return UNIT_PLURALS.get(w, w)


def month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def day_of(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def quoted(text: str) -> str:
    return "'" + " ".join(text.split()) + "'"


def needs_dct(m: re.Match, type_: str = "DATE") -> Reading:
    return Reading(type_, None, None,
                   f"{quoted(m.group(0))} is relative to the publication date, which is unknown",
                   granularity="vague")


def sequence_base(ctx):
    """What 'the following March' or 'the previous spring' counts from: the date mentioned before,
    else the publication date, as (period, anchor id, how it is said); None without either."""
    if ctx.last_period is not None:
        return ctx.last_period, ctx.last_id, f"the date mentioned before ({ctx.last_period.describe()})"
    if ctx.dct is not None:
        return cal.day(ctx.dct), PUB, f"the publication date ({cal.long_date(ctx.dct)})"
    return None
