"""Seasons: 'the summer of 1999', 'last spring', 'the winter'."""

from __future__ import annotations

from dataclasses import replace

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, MatchView, Reading
from timeline_app.core.dates.lexicon import SEASON_NAMES, SEASONS
from timeline_app.core.dates.rules.common import needs_dct, quoted, sequence_base
from timeline_app.core.dates.rules.years import year_of
from timeline_app.core.dates.year_choice import coordinated_year, is_reference_time, narrative_year


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
    rel = (m["rel"] or "").lower()
    if rel == "the":  # 'the same spring'
        rel = "that"
    if rel == "that" and ctx.last_period is not None:
        # 'that autumn': the season in the year of the date mentioned before, as a story names it
        last = ctx.last_period
        reading = r_relative_season(MatchView(m, rel=""), replace(
            ctx, dct=last.earliest, narrative=True, story_said=last.describe(), story_granularity=last.granularity))
        return reading and replace(reading, anchor=ctx.last_id)
    if ctx.dct is None:
        return needs_dct(m)
    code = SEASONS[m["s"].lower()]
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
    elif rel in ("", "the", "that") and (joined := coordinated_year(ctx.text, m.end(), SEASON_MONTHS_FIRST[code])):
        if code == "WI":  # 'the winter-spring of 1920': the winter that ends in 1920
            return _winter_named(m, joined[0] + 1, joined[1], anchor=None)
        p = cal.season(joined[0], code)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = {joined[1]}: {p.describe()}")
    elif code == "WI" and rel in ("", "the", "this", "that") and not ctx.narrative and ctx.dct.month <= 2:
        # in January or February the winter is the one in progress, named by the year it is in
        return _winter_named(m, ctx.dct.year, "the winter in progress on the publication date", anchor=PUB)
    elif ctx.narrative and code == "WI":
        return _narrative_winter(m, ctx)
    elif ctx.narrative:
        first_month = SEASON_MONTHS_FIRST[code]
        y, why = narrative_year(first_month, None, ctx, m.start(), m.end())
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


def _narrative_winter(m, ctx):
    """'the winter' in a narrative: the winter the story is in (its January or February, or its
    December), else the coming one; the one before in a past perfect.  A winter reached this way
    is named by the year of its January ('December 1914 ... in winter' is 1915-WI, as WikiWars
    and TIMEX2 annotators write it); its interval is December to February."""
    story, fine = ctx.dct, ctx.story_granularity != "year"
    january = story.year if fine and story.month <= 2 else story.year + 1
    why = "the winter the story is in" if fine and (story.month <= 2 or story.month == 12) else "the coming winter"
    if (ctx.aspect(m.start(), m.end()) == "pluperfect" and not (fine and story.month <= 2)
            and not is_reference_time(ctx.words_before(m.start()))):
        january -= 1
        why = "the winter before (past perfect)"
    return _winter_named(m, january, f"{why} after the last date mentioned ({ctx.story_said})", anchor=PUB)


def _winter_named(m, january: int, why: str, anchor: str | None) -> Reading:
    """A winter named by the year of its January (December of the year before to February)."""
    months = cal.season(january - 1, "WI")
    p = cal.Period(f"{cal.year_value(january)}-WI", months.earliest, months.latest, "season")
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why}: the winter of {cal.year_name(january - 1)}/"
                   f"{cal.year_name(january)}, named by its January", anchor=anchor)


def r_season_sequence(m, ctx):
    """'the following spring', 'the previous winter': the first such season after (the last one
    before) the date mentioned before, else the publication date.  A winter is named by the year of
    its January, as a story reached from another date names it."""
    code = SEASONS[m["s"].lower()]
    forward = m["rel"].lower() in ("following", "next")
    start = sequence_base(ctx)
    if start is None:
        return needs_dct(m)
    base, anchor, said = start
    first = base.earliest.year - 2
    seasons = [cal.season(y, code) for y in range(first, first + 5)]
    if forward:  # a winter follows once its January does; other seasons once they begin
        later = [p for p in seasons if (cal.add_months(p.earliest, 1) if code == "WI" else p.earliest) > base.latest]
        chosen = later[0]
    else:
        before = [p for p in seasons if p.earliest < base.earliest
                  and not (base.granularity != "year" and p.earliest <= base.earliest <= p.latest)]
        chosen = before[-1]
    word = "after" if forward else "before"
    if code == "WI":
        return _winter_named(m, chosen.earliest.year + 1, f"the first winter {word} {said}" if forward
                             else f"the last winter {word} {said}", anchor=anchor)
    return Reading("DATE", chosen.value, chosen, f"{quoted(m[0])} = the {'first' if forward else 'last'} "
                   f"{SEASON_NAMES[code]} {word} {said}: {chosen.describe()}", anchor=anchor)
