"""Holidays: 'Christmas', 'last Thanksgiving', 'Easter 2016'."""

from __future__ import annotations

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import HOLIDAYS, INFORMAL, MOVABLE_HOLIDAYS
from timeline_app.core.dates.rules.common import needs_dct, quoted
from timeline_app.core.dates.year_choice import choose_year


def r_holiday(m, ctx):
    """'Christmas', 'last Thanksgiving', 'Easter': the occurrence chosen like a month's (see `choose_year`)."""
    name = " ".join(INFORMAL.get(w, w) for w in m["h"].lower().split())
    name = name.replace("’", "'")
    rel = (m["rel"] or "").lower()

    def date_in(year: int) -> cal.Day:
        if name == "easter":
            return cal.easter(year)
        if name in HOLIDAYS:
            return cal.Day(year, *HOLIDAYS[name])
        return cal.nth_weekday(year, *MOVABLE_HOLIDAYS[name])

    if m["y"]:
        p = cal.day(date_in(int(m["y"])))
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = its date in the year given: {p.describe()}")
    if ctx.dct is None:
        return needs_dct(m)
    dct = ctx.dct
    if rel == "last":
        d = max(date_in(y) for y in (dct.year - 1, dct.year) if date_in(y) < dct)
        why = "the last one before the publication date"
    elif rel == "next":
        d = min(date_in(y) for y in (dct.year, dct.year + 1) if date_in(y) > dct)
        why = "the next one after the publication date"
    else:
        y, why = choose_year(date_in(dct.year).month, date_in(dct.year).day, ctx, m.start(), m.end())
        d = date_in(y)
    p = cal.day(d)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why}: {p.describe()}", anchor=PUB)
