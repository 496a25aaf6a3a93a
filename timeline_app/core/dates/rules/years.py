"""Years and decades: '1998', '2016-17', 'the 1990s', 'the '80s', 'nineteen ninety-six',
'the nineties'."""

from __future__ import annotations

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, MatchView, Reading
from timeline_app.core.dates.lexicon import DECADE_WORDS, PART_MODS
from timeline_app.core.dates.rules.common import needs_dct, number_of, quoted
from timeline_app.core.dates.rules.eras import era_year


def r_year(m, ctx):
    p = cal.year(int(m["y"]))
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is the year {p.value}")


def r_short_year(m, ctx):
    """"the Club of '89": the year ending in those digits nearest the story's time or the publication
    date ('99 in a story of 1915 is 1899; '18 in news of 2017 is 2018)."""
    if ctx.dct is None:
        return needs_dct(m)
    yy, here = int(m["yy"]), ctx.dct.year
    y = min((here - here % 100 + yy + k for k in (-100, 0, 100)), key=lambda c: (abs(c - here), -c))
    if not 1 <= y <= 9999:
        return None
    p = cal.year(y)
    said = f"the story's time ({ctx.story_said})" if ctx.narrative else "the publication date"
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the year ending in {m['yy']} nearest {said}: "
                   f"{p.describe()}", anchor=PUB)


def r_year_span(m, ctx):
    """'2016-17', '1990-91' (two consecutive years: a season, a fiscal or school year), '1915-17',
    '1990-94' (a range of years of one century); the tagger splits a range into its two ends."""
    y = int(m["y"])
    last = y - y % 100 + int(m["y2"])
    if not y < last <= y - y % 100 + 99:
        return None
    first, second = cal.year(y), cal.year(last)
    p = cal.Period(first.value, first.earliest, second.latest, "year")
    return Reading("DATE", p.value, p, f"{quoted(m[0])} spans the years {y} to {last}; its value names the first")


def r_decade(m, ctx):
    digits = m["dec"]
    if len(digits) == 2:
        if ctx.dct is None:
            return needs_dct(m)
        century = ctx.dct.year // 100 * 100
        y = century + int(digits)
        if y > ctx.dct.year:
            y -= 100
    else:
        y = int(digits)
    mod = PART_MODS.get((m["mod_dec"] or "").lower().strip("- "))
    if y % 100 == 0 and len(digits) == 4 and y < 2000:
        # 'the 1800s', 'the early 1900s': the century (the 2000s are the decade 2000-2009)
        p = cal.century(y)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} is the century starting {y}", mod=mod)
    p = cal.decade(y)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is the decade {p.describe()}", mod=mod)


def _decade_match(m):
    return MatchView(m, dec=m["dec"] or m["dec_short"])


def spelled_year(phrase: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    words = phrase.lower().replace("the year", "").replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + (number_of(" ".join(w for w in words[2:] if w != "and")) or 0 if len(words) > 2 else 0)
    rest = number_of(" ".join(words[1:])) if len(words) > 1 else None
    return None if rest is None else {"nineteen": 1900, "eighteen": 1800}[words[0]] + rest


def year_of(m) -> int:
    """The (astronomical) year of a match written in digits (group y), words (group sy) or with
    its era (groups ey/era or era2/ey2: '480 BC' is -479)."""
    if m["y"]:
        return int(m["y"])
    if m["sy"]:
        return spelled_year(m["sy"])
    return era_year(m)


def r_spelled_year(m, ctx):
    """'nineteen ninety-six', 'the year two thousand', 'two thousand and one'."""
    y = spelled_year(m[0])
    if y is None:
        return None
    p = cal.year(y)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} is the year {y}")


def r_spelled_decade(m, ctx):
    """'the nineties': the decade in the publication's century, or the one before if still ahead."""
    if ctx.dct is None:
        return needs_dct(m)
    y = ctx.dct.year // 100 * 100 + DECADE_WORDS[m["w"].lower()]
    if y > ctx.dct.year:
        y -= 100
    p = cal.decade(y)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}", anchor=PUB)


def r_decade_written(m, ctx):
    """'the 1990s' or "the '90s": the decade, whichever way its digits are written."""
    return r_decade(_decade_match(m), ctx)
