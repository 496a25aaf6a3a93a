"""Financial periods: fiscal years, quarters, halves, year-end, 'the year-ago quarter'."""

from __future__ import annotations

import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, MatchView, Reading
from timeline_app.core.dates.lexicon import ORDINALS, QUARTER_OFFSETS, YEAR_WORD_OFFSETS
from timeline_app.core.dates.patterns import MONTH
from timeline_app.core.dates.rules.common import month_of, needs_dct, quoted


def r_fiscal_year(m, ctx):
    y = int(m["y"]) if m["y"] else None
    if y is None:
        if ctx.dct is None:
            return needs_dct(m)
        y = ctx.dct.year
        why = f"{quoted(m[0])} is taken as the publication's fiscal year, {y}"
    else:
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        why = f"{quoted(m[0])} is the fiscal year {y} (fiscal calendars vary; dated by its year)"
    p = cal.year(y)
    return Reading("DATE", p.value, p, why, anchor=None if m["y"] else PUB)


_QUARTER_ENDED = re.compile(rf"\s+ended\s+(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})?", re.I)


def r_quarter(m, ctx):
    which = (m["ord"] or "").lower()
    year_given = m["y"]
    if which in ORDINALS:
        q = ORDINALS[which]
        if year_given:
            p = cal.quarter(int(year_given), q)
            return Reading("DATE", p.value, p, f"{quoted(m[0])} is an absolute quarter")
        if ctx.dct is None:
            return needs_dct(m)
        y = ctx.dct.year
        if cal.quarter(y, q).earliest > ctx.dct and ctx.tense(m.start(), m.end()) != "future":
            y -= 1
            why = "the latest such quarter that had begun by the publication date"
        else:
            why = "the publication year's"
        p = cal.quarter(y, q)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = {why}: {p.describe()}", anchor=PUB)
    if ctx.dct is None:
        return needs_dct(m)
    if which in ("", "latest", "fiscal") and (ended := _QUARTER_ENDED.match(ctx.text, m.end())):
        # 'the quarter ended Sept. 30': the quarter of the closing date, the last one before publication
        month, dct = month_of(ended["m"]), ctx.dct
        y = dct.year if (month, int(ended["d"] or 28)) <= (dct.month, dct.day) else dct.year - 1
        p = cal.quarter(y, (month - 1) // 3 + 1)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = the quarter that ended on the date that follows: "
                       f"{p.describe()}", anchor=PUB)
    last_quarter = ctx.last_period if ctx.last_period and ctx.last_period.granularity == "quarter" else None
    if last_quarter is not None and (which == "same" or (which == "" and (
            m[0].lower().startswith("that") or ctx.last_in_sentence(m.start())))):
        return Reading("DATE", last_quarter.value, last_quarter,
                       f"{quoted(m[0])} = the quarter mentioned before: {last_quarter.describe()}",
                       anchor=ctx.last_id)
    offset = QUARTER_OFFSETS.get(which, -1)
    base = ctx.dct
    if which in ("year-earlier", "year-ago") and last_quarter is not None:
        base, offset = last_quarter.earliest, -4
    p = cal.shift("quarter", base, offset)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}, counted from the "
                   f"{'publication date' if base == ctx.dct else 'quarter mentioned before'}",
                   anchor=PUB)


def _quarter_match(m):
    return MatchView(m, ord=m["ord"] or m["ord2"])


def r_quarter_of_year(m, ctx):
    """'the 1988 second quarter', "last year's third quarter", 'the 1989 period'."""
    if m["y"]:
        y, why = int(m["y"]), "its year"
    else:
        if ctx.dct is None:
            return needs_dct(m)
        y = ctx.dct.year + YEAR_WORD_OFFSETS[m["rel"].lower()]
        why = "the year named relative to the publication date"
    which = (m["ord"] or "").lower()
    if which in ORDINALS:
        q = ORDINALS[which]
    elif ctx.last_quarter is not None:
        q = (ctx.last_quarter.earliest.month - 1) // 3 + 1
        why += " and the quarter mentioned before"
    elif m["u"].lower() == "quarter" and ctx.dct is not None:
        q = (ctx.dct.month - 1) // 3 + 1
    else:
        return None
    p = cal.quarter(y, q)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}, from {why}",
                   anchor=ctx.last_quarter_id if "mentioned" in why else None)


def r_year_ago_quarter(m, ctx):
    """'the year-ago quarter', 'the year-earlier third quarter', 'the year-ago period'."""
    if ctx.dct is None:
        return needs_dct(m)
    which = (m["ord"] or "").lower()
    if which in ORDINALS:
        p = cal.quarter(ctx.dct.year - 1, ORDINALS[which])
        return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}, the year before the "
                       "publication year", anchor=PUB)
    if (q := year_ago_quarter(m, ctx)) is not None:
        return q
    p = cal.year(ctx.dct.year - 1)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the year before the publication year: "
                   f"{p.describe()}", anchor=PUB)


#: An amount compared with the one 'a year earlier': '... to $85.7 million, from $93.3 million'.
_COMPARED_AMOUNT = re.compile(r"(?:from|compared\s+with|against|versus|vs\.?)\s+(?:a\s+)?(?:[$£€]|C\$|US\$)?\s?[\d.,]+"
                              r"(?:\s*(?:%|percent|cents?|million|billion|[a-z]+\s+cents))?(?:\s+\S+){0,4}\s+$", re.I)


#: ... or the amount of 'A year earlier, net income was $2.1 million'.
_AMOUNT_AFTER = re.compile(r",?\s+(?:[a-z-]+\s+){1,4}(?:was|were|totaled|totalled|came\s+to|amounted\s+to)\s+"
                           r"(?:a\s+|an\s+)?(?:[$£€]|C\$|US\$)?\s?\d", re.I)


def year_ago_quarter(m, ctx) -> Reading | None:
    """In results reporting, 'a year ago' after 'the third quarter' is that quarter a year before."""
    last, last_id = ctx.last_period, ctx.last_id
    if last is None or last.granularity != "quarter" or not (
            ctx.last_in_sentence(m.start()) or 0 <= m.start() - ctx.last_end < 300):
        # 'Revenue declined 8% to $85.7 million, from $93.3 million a year earlier', a paragraph after
        # the quarter's results: a comparison of amounts still speaks of that quarter
        if (ctx.last_quarter is None or not 0 <= m.start() - ctx.last_quarter_end < 1200
                or not (_COMPARED_AMOUNT.search(ctx.text, max(0, m.start() - 120), m.start())
                        or _AMOUNT_AFTER.match(ctx.text, m.end()))):
            return None
        last, last_id = ctx.last_quarter, ctx.last_quarter_id
    if ctx.dct is not None and (ctx.dct - last.latest).days > 200:
        return None  # the quarter named is itself a comparison ('a year earlier'): do not chain
    p = cal.shift("quarter", last.earliest, -4)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} compares with the quarter mentioned before, "
                   f"so it is that quarter a year earlier: {p.describe()}", anchor=last_id)


def r_year_end(m, ctx):
    """'year-end', "year's end": the end of the publication year."""
    if ctx.dct is None:
        return needs_dct(m)
    p = cal.year(ctx.dct.year)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = the end of the publication year {p.value}",
                   anchor=PUB, mod="END")


def r_half(m, ctx):
    """'the second half', 'the last half of 1989', 'the first two quarters of 1990'."""
    h = 1 if (m["ord"] or m["q2"]).lower() == "first" else 2
    if not m["y"] and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None  # 'the last half of the '80s': a half of something else
    if m["y"]:
        p = cal.half(int(m["y"]), h)
        return Reading("DATE", p.value, p, f"{quoted(m[0])} is an absolute half-year")
    if ctx.dct is None:
        return needs_dct(m)
    y = ctx.dct.year if cal.half(ctx.dct.year, h).earliest <= ctx.dct else ctx.dct.year - 1
    p = cal.half(y, h)
    return Reading("DATE", p.value, p, f"{quoted(m[0])} = {p.describe()}", anchor=PUB)


def r_quarter_named(m, ctx):
    """'the third quarter', 'fiscal second quarter', 'the quarter': `r_quarter` with either ordinal."""
    return r_quarter(_quarter_match(m), ctx)


def r_latest_period(m, ctx):
    """'the latest period', 'the most recent quarter': the last quarter before publication."""
    return r_quarter(MatchView(m, ord="latest", y=None), ctx)


def r_year_ended(m, ctx):
    """'the year ended Sept. 30': a year-long period, ended on the date that follows."""
    return Reading("DURATION", "P1Y", None, f"{quoted(m[0])} is a year-long period "
                   "(the one ended on the date that follows)", granularity="year")
