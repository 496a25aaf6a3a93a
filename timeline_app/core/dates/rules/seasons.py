"""Seasons: 'the summer of 1999', 'last spring', 'the winter'."""

from __future__ import annotations

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import SEASONS
from timeline_app.core.dates.rules.common import needs_dct, quoted
from timeline_app.core.dates.rules.years import year_of
from timeline_app.core.dates.year_choice import narrative_year


def _season_of(d: cal.Day) -> tuple[int, str]:
    if d.month in (12,):
        return d.year, "WI"
    if d.month in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


_SEASON_ORDER = ("SP", "SU", "FA", "WI")


SEASON_MONTHS_FIRST = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def r_season_year(m, ctx):
    code = SEASONS[m["s"].lower()]
    p = cal.season(year_of(m), code)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is an absolute season")


def r_relative_season(m, ctx):
    if ctx.dct is None:
        return needs_dct(m)
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    cy, ccode = _season_of(ctx.dct)
    # the occurrence of this season in the current season-year
    y = cy if _SEASON_ORDER.index(code) <= 3 else cy
    candidates = [(y + k, code) for k in (-2, -1, 0, 1, 2)]
    now = cy * 4 + _SEASON_ORDER.index(ccode)

    def idx(c):
        return c[0] * 4 + _SEASON_ORDER.index(c[1])

    if rel in ("last", "past", "previous"):
        chosen = max((c for c in candidates if idx(c) < now), key=idx)
        why = "the latest one before the publication date"
    elif rel in ("next", "coming"):
        chosen = min((c for c in candidates if idx(c) > now), key=idx)
        why = "the first one after the publication date"
    elif ctx.narrative:
        first_month = SEASON_MONTHS_FIRST[code]
        y, why = narrative_year(first_month, None, ctx)
        if code == "WI" and ctx.dct.month < 3 and ctx.story_granularity != "year":
            y = ctx.dct.year - 1  # January after 'December': still the winter that began then
        chosen = (y, code)
    else:
        tense = ctx.tense(m.start(), m.end())
        same_year = (ctx.dct.year - (1 if code == "WI" and ctx.dct.month < 3 else 0), code)
        if tense == "past" and idx(same_year) > now:
            chosen = (same_year[0] - 1, code)
            why = "the last one before the publication date (past tense)"
        elif tense == "future" and idx(same_year) < now:
            chosen = (same_year[0] + 1, code)
            why = "the next one (future tense)"
        else:
            chosen = same_year
            why = "the one of the publication year"
    p = cal.season(*chosen)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why}: {p.describe()}", anchor=PUB)
