"""Years of any era, centuries and millennia: '499 BC', 'AD 9', '480-479 BC', 'the 5th century BC',
'the first millennium', 'the 470s BC', 'in 480' in a story told in BC years."""

from __future__ import annotations

import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import Reading
from timeline_app.core.dates.lexicon import ERAS, HISTORICAL_PERIODS, ORDINAL_WORDS, PART_MODS
from timeline_app.core.dates.rules.common import quoted


def era_year(m) -> int:
    if m["ey2"]:
        return int(m["ey2"])
    n = int(m["ey"])
    return 1 - n if ERAS[m["era"].lower()] else n


def r_era_year(m, ctx):
    """'499 BC', '146 B.C.', 'AD 9': a year with its era (BC years are astronomical 1 - n)."""
    y = era_year(m)
    if y == 0 and not m["ey2"] and not ERAS[m["era"].lower()]:
        return None  # there is no year 0 AD
    p = cal.year(y)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is the year {p.describe()}")


def r_era_year_span(m, ctx):
    """'480-479 BC': two years BC, named by the first."""
    a, b = int(m["a"]), int(m["ey"])
    if not ERAS[m["era"].lower()] or not 0 < a - b <= 100:
        return None
    first, last = cal.year(1 - a), cal.year(1 - b)
    p = cal.Period(first.value, first.earliest, last.latest, "year")
    return Reading("DATE", p.value, p, f"{quoted(m[0])} spans {first.describe()} to {last.describe()}; "
                   "its value names the first")


def r_century(m, ctx):
    """'the 5th century BC' (BC04), 'the nineteenth century' (18), 'the first century' (00)."""
    word = m["ord"].lower().replace("-", " ")
    n = ORDINAL_WORDS.get(word) or ORDINAL_WORDS.get(word.replace(" ", "-")) or int(re.match(r"\d+", word)[0])
    bc = bool(m["era"]) and ERAS[m["era"].lower()]
    if n < 1 or (n > 21 and not bc):
        return None
    if m["u"].lower().startswith("millenni"):
        p = cal.millennium(n, bc)
    else:
        p = cal.bc_century(n) if bc else cal.ordinal_century(n)
    mod = PART_MODS.get((m["pre"] or "").lower()) or {"first": "START", "second": "END", "latter": "END"}.get(
        (m["half"] or "").lower())
    said = f"{quoted(m[0])} is {p.describe()}"
    if mod is not None:  # the part of it said: a bar of 2001-2033, not of the whole 21st century
        half = (m["half"] or "").lower()
        p = cal.part_of_period(p, ("FIRST_HALF" if half == "first" else "SECOND_HALF") if half else mod)
        said += f", its {'first' if half == 'first' else 'second' if half else mod_word(mod)} " \
                f"{'half' if half else 'part'}: {cal.year_name(p.earliest.year)}-{cal.year_name(p.latest.year)}"
    dct = ctx.dct
    if (dct is not None and not ctx.narrative and p.earliest <= dct < p.latest
            and ctx.tense(m.start(), m.end()) == "past"):
        # 'Beginning in the early 21st century, relations have warmed' (in 2009): what is told as past
        # ends by the publication date
        p = cal.Period(p.value, p.earliest, dct, p.granularity)
        said += f", told in the past: up to the publication date ({cal.long_date(dct)})"
    return Reading("DATE", p.value, p, said, mod=mod)


def mod_word(mod: str) -> str:
    return {"START": "early", "MID": "middle", "END": "late"}[mod]


def r_bc_decade(m, ctx):
    """'the 470s BC': 479-470 BC, value BC047."""
    p = cal.decade(1 - int(m["dec"]))
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is {p.describe()}")


#: How far from the story's year a bare number may be to be read as a year BC.
BARE_YEAR_RANGE = 150


def r_bare_year_bc(m, ctx):
    """'in 480' in a story told in BC years: that year BC (narrative passages only)."""
    if not ctx.narrative or ctx.dct is None or ctx.dct.year > 0:
        return None
    n = int(m["y"])
    if not 0 < n <= 9999 or abs((1 - n) - ctx.dct.year) > BARE_YEAR_RANGE:
        return None
    p = cal.year(1 - n)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is a year BC, as the story's last date is "
                   f"{ctx.story_said}: {p.describe()}")


def r_named_period(m, ctx):
    """'the Middle Ages', 'the Victorian era': a named period of history on its conventional years.
    TimeML has no value for it (value None); its interval places it on the timeline."""
    name = " ".join(m["name"].lower().replace("-", " ").split())
    first, last, proper = HISTORICAL_PERIODS.get(name) or HISTORICAL_PERIODS[name.replace("inter war", "inter-war")]
    if proper and not any(c.isupper() for c in m["name"]):
        return None  # 'a renaissance of jazz': a revival, not the period
    start, end = cal.year(first), cal.year(last)
    p = cal.Period("", start.earliest, end.latest, "period")
    return Reading("DATE", None, p, f"{quoted(m[0])} is a named period of history, by convention "
                   f"{start.describe()} to {end.describe()}; TimeML gives it no value", granularity="period")
