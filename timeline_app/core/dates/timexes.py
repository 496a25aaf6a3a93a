"""Recognising temporal expressions and resolving them (TimeML TIMEX3 + interval).

Each rule is a name, a pattern built from the lexicon, and a resolver that turns a
match into a `Reading`.  The rule's name appears in the reading's explanation
trail (`Timex.rule`), so every resolved date says how it was reached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.lexicon import (
    BARE_YEAR_CUES, DEICTIC, REFERENCE_TIME_WORDS, ERAS, HOLIDAYS, INFORMAL, ORDINAL_WORDS, MODIFIERS, MONTH_NAMES, MONTHS, MOVABLE_HOLIDAYS, NUMBERS, ORDINALS, PARTS_OF_DAY, SEASONS, SET_WORDS,
    UNIT_PLURALS, UNITS, WEEKDAY_NAMES, WEEKDAYS,
)

PUB = "publication date"


@dataclass(frozen=True)
class Reading:
    """What a rule made of a match."""

    type: str
    value: str | None
    period: cal.Period | None
    explanation: str
    anchor: str | None = None
    mod: str | None = None
    granularity: str | None = None


@dataclass
class Context:
    """What a resolver may consult besides the match itself."""

    dct: cal.Day | None
    tense: Callable[[int, int], str]
    last_period: cal.Period | None = None
    last_id: str | None = None
    last_end: int = -1
    text: str = ""
    #: the last quarter mentioned, for results reporting ('the 1988 period' = that quarter in 1988)
    last_quarter: cal.Period | None = None
    last_quarter_id: str | None = None
    #: set by the anchoring policy in a narrative passage: `dct` is then the story's current time
    narrative: bool = False
    story_said: str = ""
    story_granularity: str = ""
    #: how a clause stands to the story's time ('pluperfect', 'ahead' or ''; see `syntax.story_aspect`)
    aspect: Callable[[int, int], str] = lambda start, end: ""

    def last_in_sentence(self, start: int) -> bool:
        """Whether the last dated mention is in the same sentence as `start`."""
        if self.last_period is None or self.last_end < 0 or self.last_end > start:
            return False
        return not re.search(r"[.!?]\s|\n", self.text[self.last_end:start])

    def words_before(self, start: int) -> str:
        return self.text[max(0, start - 20):start].lower()


# ---------------------------------------------------------------- pattern pieces
def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_FULL = [name.lower() for name in MONTH_NAMES]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]
MONTH = rf"(?:(?:{_alt(_MONTH_FULL)})\b|(?:{_alt(_MONTH_ABBR)})(?:\.|\b))"
_WD_FULL = [w for w in WEEKDAYS if w.endswith("day")]
WEEKDAY = rf"(?:(?:{_alt(_WD_FULL)})\b|(?:{_alt([w for w in WEEKDAYS if w not in _WD_FULL])})\.)"
_SMALL = [w for w, n in NUMBERS.items() if n is not None and 1 <= n < 10 and w not in ("a", "an", "single")]
_TENS = [w for w, n in NUMBERS.items() if n is not None and n in (20, 30, 40, 50, 60, 70, 80, 90)]
NUMWORD = (rf"(?:(?:{_alt(_SMALL)}|a)\s+(?:hundred|thousand)|(?:{_alt(_TENS)})[- ](?:{_alt(_SMALL)})"
           rf"|(?:{_alt(NUMBERS)}))")
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?\+?|{NUMWORD})"
UNIT_ANY = rf"(?:{_alt(list(UNITS) + list(UNIT_PLURALS))})"
UNIT_ONE = rf"(?:{_alt(UNITS)})"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
SPELLED_YEAR = (rf"(?:(?:nineteen|eighteen)[\s-]+(?:{_alt(_TENS)})(?:[\s-]+(?:{_alt(_SMALL)}))?"
                rf"|two\s+thousand(?:\s+and\s+(?:{_alt(_SMALL)}|ten))?)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PART = rf"(?:{_alt(PARTS_OF_DAY)})"
MOD = rf"(?:{_alt(MODIFIERS)})"
ORD = rf"(?:{_alt(ORDINALS)}|final|last|latest|current|this|next|previous|year-earlier|year-ago|same)"
SEASON = rf"(?:{_alt(SEASONS)})"
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local time))"
ERA = rf"(?:{_alt(ERAS)})(?!\w)"
ERA_BC = rf"(?:{_alt([e for e, bc in ERAS.items() if bc])})(?!\w)"
#: A year with its era: '499 BC', '146 B.C.', 'AD 9', '9 AD'.
ERA_YEAR = rf"(?:(?P<ey>\d{{1,4}})\s*(?P<era>{ERA})|(?P<era2>AD|A\.D\.)\s*(?P<ey2>\d{{1,4}})(?!\d|,\d))"
ORD_WORD = rf"(?:{_alt(ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))"


def _number(text: str) -> int | None:
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


def _unit(word: str) -> str:
    w = word.lower()
    return UNIT_PLURALS.get(w, w)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def _q(text: str) -> str:
    return "'" + " ".join(text.split()) + "'"


def _needs_dct(m: re.Match, type_: str = "DATE") -> Reading:
    return Reading(type_, None, None,
                   f"{_q(m.group(0))} is relative to the publication date, which is unknown",
                   granularity="vague")


# ---------------------------------------------------------------- year choice
#: A past-tense report of a date less than this many days ahead is about a plan ("said it
#: would pay on Nov. 20", "invited them to a ceremony on March 12"), not last year's date.
PROSPECTIVE_DAYS = 31


def _days_ahead(month: int, day: int | None, dct: cal.Day) -> int:
    try:
        return (cal.Day(dct.year, month, min(day or 1, 28)) - dct).days
    except ValueError:
        return 0


#: Words before a date that make it an end point or a payment date, which may lie ahead of a
#: past-tense report ("extended the offer to Nov. 20", "effective Feb. 1").
_END_POINT = re.compile(r"\b(until|till|through|by|payable|due|before|record|effective|"
                        r"(?:extended|postponed|delayed|moved|set|scheduled|slated|planned) (?:to|for|until))\s+$")


#: Words before a date, in a clause without past tense, that put it ahead of the report:
#: "takes effect Jan. 1", "until 9 a.m. Tuesday", "runs through Sunday", "as soon as Tuesday".
_AHEAD_CUE = re.compile(r"\b(?:effective|effect(?:\s+(?:on|from))?|until|till|through|due|expires?(?:\s+on)?|"
                        r"as\s+(?:soon|early|late)\s+as|no\s+later\s+than)\s+(?:\S+\s+){0,3}$")


def choose_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> tuple[int, str]:
    """Year of a month(-day) without one: the year of the date it is joined to ('April and June
    1955'), else the publication year, moved by the clause's tense (in a narrative passage: the
    year of the last date mentioned)."""
    if (joined := coordinated_year(ctx.text, end, month)) is not None:
        return joined
    dct = ctx.dct
    if ctx.narrative:
        return narrative_year(month, day, ctx, start, end)
    tense = clause_tense = ctx.tense(start, end)
    if tense == "past" and _END_POINT.search(ctx.words_before(start)):
        tense = "none"  # an end point or a payment date may lie ahead of a past-tense report
    target = (month, day or 1)
    here = (dct.month, dct.day if day else 1)
    if tense == "future" and target < here:
        return dct.year + 1, "the next year, as the clause is in the future tense"
    if tense == "past" and target > here:
        if _days_ahead(month, day, dct) > PROSPECTIVE_DAYS:
            return dct.year - 1, "the previous year, as the clause is in the past tense"
        return dct.year, "the publication year (a past-tense report of a date in the coming month is about a plan)"
    if (clause_tense in ("present", "none", "prospective") and target < here
            and _AHEAD_CUE.search(ctx.words_before(start))):
        return dct.year + 1, "the next year: a date something takes effect or is due by, in no past tense, lies ahead"
    if tense in ("present", "none", "prospective"):
        # no past or future: the occurrence nearest the publication date ("payable Jan. 2")
        def distance(y: int) -> int:
            try:
                return abs((cal.Day(y, month, min(day or 15, 28)) - dct).days)
            except ValueError:
                return 10**6
        nearest = min((dct.year - 1, dct.year, dct.year + 1), key=distance)
        if nearest != dct.year:
            return nearest, "the occurrence nearest the publication date (no past or future tense)"
    why = {"past": "past tense", "future": "future tense", "present": "present tense"}.get(tense)
    reason = f"the publication year ({why} keeps it)" if why else "the publication year"
    return dct.year, reason


#: In a narrative, a month this many months before the story's month is in the following year.
NARRATIVE_FORWARD_MONTHS = 9


#: What follows a month or season joined to a date that states its year: 'April and June 1955',
#: 'the spring and early summer of 1943', 'the winter-spring of 1920', 'March to May 1918'.
_JOINED_DATE = re.compile(
    rf"\s*(?:,?\s*(?:and|or|to|through|until|till|into)\s+|\s*[-–/]\s*)(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
    rf"(?:(?P<m>{MONTH})(?:\s+{DAY})?|(?P<s>{SEASON}))\s*,?\s*(?:of\s+)?(?:(?P<y>{YEAR})|(?P<ey>\d{{1,4}})\s*(?P<era>{ERA}))"
    rf"(?![\w-])", re.I)


def coordinated_year(text: str, end: int, month: int) -> tuple[int, str] | None:
    """The year of a month (or a season's first month) joined to a following date with its year:
    'April' in 'April and June 1955' is 1955; 'December' in 'December to February 1943' is 1942."""
    if not (hit := _JOINED_DATE.match(text, end)):
        return None
    year = int(hit["y"]) if hit["y"] else (1 - int(hit["ey"]) if ERAS[hit["era"].lower()] else int(hit["ey"]))
    later = _month(hit["m"]) if hit["m"] else SEASON_MONTHS_FIRST[SEASONS[hit["s"].lower()]]
    said = " ".join(hit[0].split())
    if later < month and not (hit["s"] and SEASONS[hit["s"].lower()] == "WI"):
        return year - 1, f"the year before that of the date it runs to ('{said}')"
    return year, f"the year of the date it is joined to ('{said}')"


_REFERENCE_TIME = re.compile(rf"\b(?:{_alt(REFERENCE_TIME_WORDS)})\s+(?:the\s+)?(?:(?:end|middle|start|beginning)\s+"
                             r"of\s+)?(?:early\s+|late\s+|mid-)?$", re.I)


def is_reference_time(words_before: str) -> bool:
    """Whether the words before a date make it a past perfect's reference time ('By 1942, ... had')."""
    return _REFERENCE_TIME.search(words_before) is not None


def narrative_year(month: int, day: int | None, ctx: Context, start: int = -1, end: int = -1) -> tuple[int, str]:
    """In a narrative the story moves forward: a month(-day) takes the year of the last date
    mentioned, or the next year when it lies well before that date within its year ('December
    1941 ... in January' is January 1942; 'June 1944 ... in May' stays 1944).  After a bare year
    it is that year.  In a past perfect ('had spent the spring') it lies before the story's date."""
    story = ctx.dct
    if (start >= 0 and ctx.story_granularity != "year" and ctx.aspect(start, end) == "pluperfect"
            and not is_reference_time(ctx.words_before(start))):
        if (month, day or 1) > (story.month, story.day if day else 1):
            return story.year - 1, (f"the year before the last date mentioned ({ctx.story_said}), as the "
                                    "past perfect looks back before it")
        return story.year, f"the year of the last date mentioned ({ctx.story_said}), before it (past perfect)"
    if ctx.story_granularity != "year" and story.month - month >= NARRATIVE_FORWARD_MONTHS:
        return story.year + 1, f"the year after the last date mentioned ({ctx.story_said}), as the story moves forward"
    return story.year, f"the year of the last date mentioned ({ctx.story_said})"


def _season_of(d: cal.Day) -> tuple[int, str]:
    if d.month in (12,):
        return d.year, "WI"
    if d.month in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


_SEASON_ORDER = ("SP", "SU", "FA", "WI")
SEASON_MONTHS_FIRST = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_shift(year: int, code: str, n: int) -> tuple[int, str]:
    index = year * 4 + _SEASON_ORDER.index(code) + n
    return index // 4, _SEASON_ORDER[index % 4]


# ---------------------------------------------------------------- resolvers
def _numeric_date(order: str):
    """Resolver of an all-digit date; `order` names the reading in the explanation."""
    def resolve(m, ctx):
        y = int(m["y"])
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        try:
            p = cal.day(cal.Day(y, int(m["mo"]), int(m["d"])))
        except ValueError:
            return None
        return Reading("DATE", p.value, p, f"{_q(m[0])} is an absolute date, read {order} ({p.describe()})")
    return resolve


r_iso_date = _numeric_date("year-month-day")
r_slash_date = _numeric_date("month/day/year")
r_dotted_date = _numeric_date("day.month.year")


def r_week_of(m, ctx):
    """'the week of March 6': the (ISO) week that contains the day."""
    day = r_month_day(m, ctx)
    if day is None or day.period is None:
        return day
    p = cal.week(day.period.earliest)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = the week that contains {day.period.describe()}",
                   anchor=day.anchor, granularity="week")


def r_full_date(m, ctx):
    try:
        p = cal.day(cal.Day(int(m["y"]), _month(m["m"]), _day(m["d"])))
    except ValueError:
        return None
    return Reading("DATE", p.value, p, f"{_q(m[0])} is an absolute date ({p.describe()})")


def r_month_day(m, ctx):
    month, d = _month(m["m"]), _day(m["d"])
    if ctx.dct is None:
        return _needs_dct(m)
    y, why = choose_year(month, d, ctx, m.start(), m.end())
    if m["wdp"]:
        wd = WEEKDAYS[m["wdp"].lower().rstrip(".")]
        for candidate in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            try:
                if cal.Day(candidate, month, d).weekday() == wd:
                    y, why = candidate, f"the year in which it falls on a {WEEKDAY_NAMES[wd]}"
                    break
            except ValueError:
                return None
    try:
        p = cal.day(cal.Day(y, month, d))
    except ValueError:
        return None
    return Reading("DATE", p.value, p,
                   f"{_q(m[0])} has no year: {why}, so {p.describe()}", anchor=PUB)


def r_relative_month(m, ctx):
    """'last May', 'next February', 'this July'."""
    if ctx.dct is None:
        return _needs_dct(m)
    month, rel, dct = _month(m["m"]), m["rel"].lower(), ctx.dct
    if rel == "last":
        y = dct.year if month < dct.month else dct.year - 1
        why = "the latest one before the publication month"
    elif rel == "next":
        y = dct.year if month > dct.month else dct.year + 1
        why = "the first one after the publication month"
    else:
        y, why = dct.year, "the one of the publication year"
    p = cal.month(y, month)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {why}: {p.describe()}", anchor=PUB)


def r_month_of_relative_year(m, ctx):
    """'June last year', 'January this year'."""
    if ctx.dct is None:
        return _needs_dct(m)
    y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    p = cal.month(y, _month(m["m"]))
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}, the year counted from the "
                   "publication date", anchor=PUB)


def r_month_of_that_year(m, ctx):
    """'August of that year', 'March of the following year': a month of the year mentioned before."""
    last = ctx.last_period
    if last is None:
        if ctx.dct is None:
            return _needs_dct(m)
        last = cal.year(ctx.dct.year)  # nothing mentioned before: the publication year
    offset = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1}[
        " ".join(m["rel"].lower().split())]
    p = cal.month(last.earliest.year + offset, _month(m["m"]))
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}, in the year of the date mentioned "
                   f"before ({last.describe()})", anchor=ctx.last_id)


def r_period_edge(m, ctx):
    """'the end of the month', 'the beginning of the year': the publication's period, modified."""
    if ctx.dct is None:
        return _needs_dct(m)
    unit = m["u"].lower()
    p = cal.shift(unit, ctx.dct, 0)
    mod = {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}[m["edge"].lower()]
    return Reading("DATE", p.value, p, f"{_q(m[0])} = part of the {unit} of the publication date: "
                   f"{p.describe()}", anchor=PUB, mod=mod)


def r_weekend(m, ctx):
    """'the weekend': the last one in a past clause, else the coming one."""
    if ctx.dct is None:
        return _needs_dct(m)
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
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {why}: {p.describe()}", anchor=PUB)


def r_month_year(m, ctx):
    p = cal.month(_year_of(m), _month(m["m"]))
    return Reading("DATE", p.value, p, f"{_q(m[0])} is an absolute month ({p.describe()})")


def r_month(m, ctx):
    if ctx.dct is None:
        return _needs_dct(m)
    month = _month(m["m"])
    y, why = choose_year(month, None, ctx, m.start(), m.end())
    p = cal.month(y, month)
    return Reading("DATE", p.value, p, f"{_q(m[0])} has no year: {why}, so {p.describe()}",
                   anchor=PUB)


def r_year(m, ctx):
    p = cal.year(int(m["y"]))
    return Reading("DATE", p.value, p, f"{_q(m[0])} is the year {p.value}")


def r_year_span(m, ctx):
    """'2016-17', '1990-91': two consecutive years (a season, a fiscal or school year)."""
    y = int(m["y"])
    if int(m["y2"]) != (y + 1) % 100:
        return None
    first, second = cal.year(y), cal.year(y + 1)
    p = cal.Period(first.value, first.earliest, second.latest, "year")
    return Reading("DATE", p.value, p, f"{_q(m[0])} spans the years {y} and {y + 1}; its value names the first")


def r_fiscal_year(m, ctx):
    y = int(m["y"]) if m["y"] else None
    if y is None:
        if ctx.dct is None:
            return _needs_dct(m)
        y = ctx.dct.year
        why = f"{_q(m[0])} is taken as the publication's fiscal year, {y}"
    else:
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        why = f"{_q(m[0])} is the fiscal year {y} (fiscal calendars vary; dated by its year)"
    p = cal.year(y)
    return Reading("DATE", p.value, p, why, anchor=None if m["y"] else PUB)


def r_decade(m, ctx):
    digits = m["dec"]
    if len(digits) == 2:
        if ctx.dct is None:
            return _needs_dct(m)
        century = ctx.dct.year // 100 * 100
        y = century + int(digits)
        if y > ctx.dct.year:
            y -= 100
    else:
        y = int(digits)
    if y % 100 == 0 and len(digits) == 4 and not m["mod_dec"]:
        p = cal.century(y)
        return Reading("DATE", p.value, p, f"{_q(m[0])} is the century starting {y}")
    p = cal.decade(y)
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["mod_dec"] or "").lower().strip("- "))
    return Reading("DATE", p.value, p, f"{_q(m[0])} is the decade {p.describe()}", mod=mod)


def r_season_year(m, ctx):
    code = SEASONS[m["s"].lower()]
    p = cal.season(_year_of(m), code)
    return Reading("DATE", p.value, p, f"{_q(m[0])} is an absolute season")


def r_relative_season(m, ctx):
    if ctx.dct is None:
        return _needs_dct(m)
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
    elif rel in ("", "the") and (joined := coordinated_year(ctx.text, m.end(), SEASON_MONTHS_FIRST[code])):
        if code == "WI":  # 'the winter-spring of 1920': the winter that ends in 1920
            return _winter_named(m, joined[0] + 1, joined[1], anchor=None)
        chosen, why = (joined[0], code), joined[1]
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
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {why}: {p.describe()}", anchor=PUB)


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
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {why}: the winter of {cal.year_name(january - 1)}/"
                   f"{cal.year_name(january)}, named by its January", anchor=anchor)


_QUARTER_ENDED = re.compile(rf"\s+ended\s+(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})?", re.I)


def r_quarter(m, ctx):
    which = (m["ord"] or "").lower()
    year_given = m["y"]
    if which in ORDINALS:
        q = ORDINALS[which]
        if year_given:
            p = cal.quarter(int(year_given), q)
            return Reading("DATE", p.value, p, f"{_q(m[0])} is an absolute quarter")
        if ctx.dct is None:
            return _needs_dct(m)
        y = ctx.dct.year
        if cal.quarter(y, q).earliest > ctx.dct and ctx.tense(m.start(), m.end()) != "future":
            y -= 1
            why = "the latest such quarter that had begun by the publication date"
        else:
            why = "the publication year's"
        p = cal.quarter(y, q)
        return Reading("DATE", p.value, p, f"{_q(m[0])} = {why}: {p.describe()}", anchor=PUB)
    if ctx.dct is None:
        return _needs_dct(m)
    if which in ("", "latest", "fiscal") and (ended := _QUARTER_ENDED.match(ctx.text, m.end())):
        # 'the quarter ended Sept. 30': the quarter of the closing date, the last one before publication
        month, dct = _month(ended["m"]), ctx.dct
        y = dct.year if (month, int(ended["d"] or 28)) <= (dct.month, dct.day) else dct.year - 1
        p = cal.quarter(y, (month - 1) // 3 + 1)
        return Reading("DATE", p.value, p, f"{_q(m[0])} = the quarter that ended on the date that follows: "
                       f"{p.describe()}", anchor=PUB)
    last_quarter = ctx.last_period if ctx.last_period and ctx.last_period.granularity == "quarter" else None
    if last_quarter is not None and (which == "same" or (which == "" and (
            m[0].lower().startswith("that") or ctx.last_in_sentence(m.start())))):
        return Reading("DATE", last_quarter.value, last_quarter,
                       f"{_q(m[0])} = the quarter mentioned before: {last_quarter.describe()}",
                       anchor=ctx.last_id)
    offset = {"this": 0, "current": 0, "next": 1, "last": -1, "previous": -1,
              "year-earlier": -4, "year-ago": -4}.get(which, -1)
    base = ctx.dct
    if which in ("year-earlier", "year-ago") and last_quarter is not None:
        base, offset = last_quarter.earliest, -4
    p = cal.shift("quarter", base, offset)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}, counted from the "
                   f"{'publication date' if base == ctx.dct else 'quarter mentioned before'}",
                   anchor=PUB)


def r_quarter_of_year(m, ctx):
    """'the 1988 second quarter', "last year's third quarter", 'the 1989 period'."""
    if m["y"]:
        y, why = int(m["y"]), "its year"
    else:
        if ctx.dct is None:
            return _needs_dct(m)
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
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
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}, from {why}",
                   anchor=ctx.last_quarter_id if "mentioned" in why else None)


def r_year_ago_quarter(m, ctx):
    """'the year-ago quarter', 'the year-earlier third quarter', 'the year-ago period'."""
    if ctx.dct is None:
        return _needs_dct(m)
    which = (m["ord"] or "").lower()
    if which in ORDINALS:
        p = cal.quarter(ctx.dct.year - 1, ORDINALS[which])
        return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}, the year before the "
                       "publication year", anchor=PUB)
    if (q := _year_ago_quarter(m, ctx)) is not None:
        return q
    p = cal.year(ctx.dct.year - 1)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = the year before the publication year: "
                   f"{p.describe()}", anchor=PUB)


_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}


def _spelled_year(phrase: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    words = phrase.lower().replace("the year", "").replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + (_number(" ".join(w for w in words[2:] if w != "and")) or 0 if len(words) > 2 else 0)
    rest = _number(" ".join(words[1:])) if len(words) > 1 else None
    return None if rest is None else {"nineteen": 1900, "eighteen": 1800}[words[0]] + rest


def _year_of(m) -> int:
    """The (astronomical) year of a match written in digits (group y), words (group sy) or with
    its era (groups ey/era or era2/ey2: '480 BC' is -479)."""
    if m["y"]:
        return int(m["y"])
    if m["sy"]:
        return _spelled_year(m["sy"])
    return era_year(m)


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
    return Reading("DATE", p.value, p, f"{_q(m[0])} is the year {p.describe()}")


def r_era_year_span(m, ctx):
    """'480-479 BC': two years BC, named by the first."""
    a, b = int(m["a"]), int(m["ey"])
    if not ERAS[m["era"].lower()] or not 0 < a - b <= 100:
        return None
    first, last = cal.year(1 - a), cal.year(1 - b)
    p = cal.Period(first.value, first.earliest, last.latest, "year")
    return Reading("DATE", p.value, p, f"{_q(m[0])} spans {first.describe()} to {last.describe()}; "
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
    return Reading("DATE", p.value, p, f"{_q(m[0])} is {p.describe()}")


def r_bc_decade(m, ctx):
    """'the 470s BC': 479-470 BC, value BC047."""
    p = cal.decade(1 - int(m["dec"]))
    return Reading("DATE", p.value, p, f"{_q(m[0])} is {p.describe()}")


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
    return Reading("DATE", p.value, p, f"{_q(m[0])} is a year BC, as the story's last date is "
                   f"{ctx.story_said}: {p.describe()}")


def r_spelled_year(m, ctx):
    """'nineteen ninety-six', 'the year two thousand', 'two thousand and one'."""
    y = _spelled_year(m[0])
    if y is None:
        return None
    p = cal.year(y)
    return Reading("DATE", p.value, p, f"{_q(m[0])} is the year {y}")


def r_spelled_decade(m, ctx):
    """'the nineties': the decade in the publication's century, or the one before if still ahead."""
    if ctx.dct is None:
        return _needs_dct(m)
    y = ctx.dct.year // 100 * 100 + _DECADE_WORDS[m["w"].lower()]
    if y > ctx.dct.year:
        y -= 100
    p = cal.decade(y)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}", anchor=PUB)


def r_year_end(m, ctx):
    """'year-end', "year's end": the end of the publication year."""
    if ctx.dct is None:
        return _needs_dct(m)
    p = cal.year(ctx.dct.year)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = the end of the publication year {p.value}",
                   anchor=PUB, mod="END")


def r_half(m, ctx):
    """'the second half', 'the last half of 1989', 'the first two quarters of 1990'."""
    h = 1 if (m["ord"] or m["q2"]).lower() == "first" else 2
    if not m["y"] and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None  # 'the last half of the '80s': a half of something else
    if m["y"]:
        p = cal.half(int(m["y"]), h)
        return Reading("DATE", p.value, p, f"{_q(m[0])} is an absolute half-year")
    if ctx.dct is None:
        return _needs_dct(m)
    y = ctx.dct.year if cal.half(ctx.dct.year, h).earliest <= ctx.dct else ctx.dct.year - 1
    p = cal.half(y, h)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {p.describe()}", anchor=PUB)


_REL_NAMES = {-1: "before", 0: "containing", 1: "after"}


def r_relative_unit(m, ctx):
    rel = m["rel"].lower()
    unit = _unit(m["u"])
    mod = None
    if m["pre"]:
        mod = "START" if m["pre"].lower().startswith("earl") else "END"
    offset = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
              "next": 1, "coming": 1, "following": 1, "preceding": -1, "prior": -1}[rel]
    if unit == "year" and offset == -1 and not m["pre"] and (q := _year_ago_quarter(m, ctx)):
        return q
    anaphoric = rel in ("following", "preceding", "prior", "previous") and ctx.last_period is not None
    if anaphoric:
        base, anchor = ctx.last_period.earliest, ctx.last_id
        where = f"the {unit} {_REL_NAMES[offset]} the one last mentioned"
    else:
        if ctx.dct is None:
            return _needs_dct(m)
        base, anchor = ctx.dct, PUB
        where = (f"the {unit} {_REL_NAMES[offset]} the publication {unit}"
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
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {where} ({who}): {p.describe()}",
                   anchor=anchor, mod=mod)


def r_ago(m, ctx):
    unit = _unit(m["u"])
    n = _number(m["n"]) if m["n"] else 1
    if n is None:
        return Reading("DATE", "PAST_REF", None, f"{_q(m[0])} is an unspecified time in the past",
                       anchor=PUB, granularity="vague")
    if ctx.dct is None:
        return _needs_dct(m)
    if (unit, n) == ("year", 1) and (q := _year_ago_quarter(m, ctx)):
        return q
    if unit in ("decade", "century"):
        unit, n = "year", n * (10 if unit == "decade" else 100)
    if unit in ("hour", "minute", "second"):
        p = cal.day(ctx.dct)
        return Reading("DATE", p.value, p, f"{_q(m[0])} falls on the publication day", anchor=PUB)
    try:
        p = cal.shift(unit, ctx.dct, -n)
    except ValueError:
        return None
    return Reading("DATE", p.value, p,
                   f"{_q(m[0])} = {n} {unit}(s) before the publication date "
                   f"({cal.long_date(ctx.dct)}): {p.describe()}", anchor=PUB)


def _year_ago_quarter(m, ctx) -> Reading | None:
    """In results reporting, 'a year ago' after 'the third quarter' is that quarter a year before."""
    last = ctx.last_period
    if last is None or last.granularity != "quarter" or not (
            ctx.last_in_sentence(m.start()) or 0 <= m.start() - ctx.last_end < 300):
        return None
    if ctx.dct is not None and (ctx.dct - last.latest).days > 200:
        return None  # the quarter named is itself a comparison ('a year earlier'): do not chain
    p = cal.shift("quarter", last.earliest, -4)
    return Reading("DATE", p.value, p, f"{_q(m[0])} compares with the quarter mentioned before, "
                   f"so it is that quarter a year earlier: {p.describe()}", anchor=ctx.last_id)


def r_shifted(m, ctx):
    """'two days later', 'a year earlier': from the last mentioned date, else the publication date."""
    unit = _unit(m["u"])
    n = _number(m["n"]) if m["n"] else 1
    sign = -1 if m["dir"].lower().strip(" -") in ("earlier", "before", "ago") else 1
    if n is None:
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Reading("DATE", ref, None, f"{_q(m[0])} is vague", granularity="vague")
    if unit in ("hour", "minute", "second", "weekend"):
        return None
    if unit in ("decade", "century"):
        unit, n = "year", n * (10 if unit == "decade" else 100)
    if unit == "year" and sign < 0 and ctx.dct is not None:
        # results reporting: 'a year earlier' compares with the quarter just named, else
        # with the publication year; chaining on earlier comparisons drifts back year by year
        if n == 1 and (q := _year_ago_quarter(m, ctx)):
            return q
        last = ctx.last_period
        if (m["dir"].lower().strip() == "earlier" and last is not None and ctx.last_in_sentence(m.start())
                and last.granularity in ("day", "month")):
            # 'sales rose in April from a year earlier': April of the year before
            moved = cal.add_months(last.earliest, -12 * n)
            p = cal.day(moved) if last.granularity == "day" else cal.month(moved.year, moved.month)
            return Reading("DATE", p.value, p, f"{_q(m[0])} = the date mentioned before, {n} year(s) "
                           f"earlier: {p.describe()}", anchor=ctx.last_id)
        p = cal.year(ctx.dct.year - n)
        return Reading("DATE", p.value, p, f"{_q(m[0])} = {n} year(s) before the publication "
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
            p = {"day": cal.day, "week": cal.week}.get(g, None)
            if p:
                p = p(moved)
            elif g == "month":
                p = cal.month(moved.year, moved.month)
            elif g == "quarter":
                p = cal.quarter(moved.year, (moved.month - 1) // 3 + 1)
            else:
                p = cal.year(moved.year)
        else:
            p = cal.shift(unit, start, sign * n)
        source = "the date mentioned before"
    else:
        if ctx.dct is None:
            return _needs_dct(m)
        anchor = PUB
        p = cal.shift(unit, ctx.dct, sign * n)
        source = "the publication date"
    word = "before" if sign < 0 else "after"
    return Reading("DATE", p.value, p,
                   f"{_q(m[0])} = {n} {unit}(s) {word} {source}: {p.describe()}", anchor=anchor)


def _within(m, unit: str, last: cal.Period, last_id: str | None) -> Reading:
    """'that same day' after 'in October 1998': a day of that month, which one the text does not say."""
    unknown = {"day": "-XX", "week": "-WXX", "month": "-XX"}.get(unit, "")
    if last.granularity == "year" and unit == "day":
        unknown = "-XX-XX"
    value = last.value + unknown if last.granularity in ("month", "year") and unknown else last.value
    return Reading("DATE", value, last, f"{_q(m[0])} = a {unit} within {last.describe()}, the date "
                   f"mentioned before (the text does not say which {unit})", anchor=last_id,
                   granularity=last.granularity)


def r_anaphoric(m, ctx):
    """'the same day', 'that year', 'the next day': the last mentioned date."""
    unit = _unit(m["u"])
    rel = m["rel"].lower()
    offset = {"same": 0, "that": 0, "next": 1, "following": 1, "previous": -1,
              "preceding": -1, "prior": -1}.get(rel, 0)
    if m["after"]:
        offset = -1 if m["after"].lower().strip() == "before" else 1
    if ctx.last_period is None:
        if ctx.dct is None:
            return _needs_dct(m)
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
                   f"{_q(m[0])} = the {unit} {_REL_NAMES[max(-1, min(1, offset))]} {src}: "
                   f"{p.describe()}", anchor=anchor)


def r_part_of_deictic_day(m, ctx):
    """'mid-afternoon yesterday', 'late morning today'."""
    if ctx.dct is None:
        return _needs_dct(m, "TIME")
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["dd"].lower()]
    p = cal.day(ctx.dct + dt.timedelta(days=offset))
    return Reading("TIME", f"{p.value}T{PARTS_OF_DAY[m['part'].lower()]}", p,
                   f"{_q(m[0])} = part of {p.describe()}", anchor=PUB, granularity="part-of-day")


def r_deictic_part(m, ctx):
    """'tomorrow night', 'tmr evening': a deictic day with a part of it."""
    words = [INFORMAL.get(w, w) for w in m[0].lower().split()]
    if len(words) > 1 and words[-1] in ("morning", "afternoon", "evening", "night"):
        day_word = INFORMAL.get(words[0], words[0])
        if day_word in ("today", "yesterday", "tomorrow", "tonight") and len(words) == 2:
            if ctx.dct is None:
                return _needs_dct(m, "TIME")
            offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[day_word]
            code = PARTS_OF_DAY[words[1]]
            p = cal.day(ctx.dct + dt.timedelta(days=offset))
            return Reading("TIME", f"{p.value}T{code}", p, f"{_q(m[0])} = part of {p.describe()}",
                           anchor=PUB, granularity="part-of-day")
        if " ".join(words) not in DEICTIC:
            return None
    return r_deictic(m, ctx)


#: In a past-tense clause, words that make an 'until' a deadline still ahead (see `_AHEAD_CUE`).
_DEADLINE = re.compile(r"\b(?:deadline|extended|extends|postponed|delayed|given|gave|put off)\b", re.I)


def _weekday_date(wd: int, rel: str, ctx: Context, start: int, end: int) -> tuple[cal.Day, str, str | None]:
    """The date a weekday named at text[start:end] refers to, why, and what it is anchored on
    (the publication date is known)."""
    dct = ctx.dct
    pub = f"the publication date ({WEEKDAY_NAMES[dct.weekday()]} {cal.long_date(dct)})"
    back = (dct.weekday() - wd) % 7
    if rel.startswith("the ") and ctx.last_period is not None and ctx.last_period.granularity == "day":
        # 'the previous Friday', 'the following Monday': from the day mentioned before
        ref = ctx.last_period.earliest
        said = f"the day mentioned before ({cal.long_date(ref)})"
        if rel.endswith("following"):
            return ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7), f"the first one after {said}", ctx.last_id
        return ref - dt.timedelta(days=(ref.weekday() - wd) % 7 or 7), f"the last one before {said}", ctx.last_id
    if rel.startswith("the "):
        rel = "next" if rel.endswith("following") else "last"
    if rel == "last":
        return dct - dt.timedelta(days=back or 7), f"the last one strictly before {pub}", PUB
    if rel in ("next", "coming", "this coming"):
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7 or 7), f"the first one strictly after {pub}", PUB
    if rel == "this":
        return dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(days=wd), f"the one in the week of {pub}", PUB
    tense = ctx.tense(start, end)
    deadline = _AHEAD_CUE.search(ctx.words_before(start)) and (
        tense != "past" or _DEADLINE.search(ctx.text[max(0, start - 60):start]))  # not 'Until Thursday, they had not'
    if tense in ("future", "prospective") or deadline:
        reason = {"future": "future tense", "prospective": "the clause looks ahead"}.get(tense, "a deadline")
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7), f"the first one on or after {pub} ({reason})", PUB
    return dct - dt.timedelta(days=back), f"the latest one on or before {pub}", PUB


def r_weekday(m, ctx):
    if ctx.dct is None:
        return _needs_dct(m)
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = " ".join((m["rel"] or "").lower().split())
    rel = "" if rel == "on" else rel
    d, why, anchor = _weekday_date(wd, rel, ctx, m.start(), m.end())
    part = (m["part"] or "").lower()
    p = cal.day(d)
    value, type_, g = p.value, "DATE", "day"
    if part in PARTS_OF_DAY:
        value, type_, g = f"{p.value}T{PARTS_OF_DAY[part]}", "TIME", "part-of-day"
    return Reading(type_, value, p, f"{_q(m[0])} = {why}: {WEEKDAY_NAMES[wd]} {p.describe()}",
                   anchor=anchor, granularity=g)


def r_deictic(m, ctx):
    phrase = " ".join(INFORMAL.get(w, w) for w in m[0].lower().split())
    type_, ref, offset = DEICTIC[phrase]
    if offset is None:
        words = {"PRESENT_REF": "the present", "PAST_REF": "an unspecified past",
                 "FUTURE_REF": "an unspecified future"}[ref]
        return Reading("DATE", ref, None, f"{_q(m[0])} refers to {words}, not a calendar date",
                       anchor=PUB, granularity="vague")
    if ctx.dct is None:
        return _needs_dct(m, type_)
    p = cal.day(ctx.dct + dt.timedelta(days=offset))
    rel = {0: "the publication date", -1: "the day before the publication date",
           1: "the day after the publication date", -2: "two days before the publication date",
           2: "two days after the publication date"}[offset]
    if ref == "day":
        return Reading("DATE", p.value, p, f"{_q(m[0])} = {rel}: {p.describe()}", anchor=PUB)
    return Reading("TIME", f"{p.value}T{ref}", p, f"{_q(m[0])} = part of {rel}: {p.describe()}",
                   anchor=PUB, granularity="part-of-day")


def _day_in_focus(m, ctx) -> cal.Period | None:
    """The day a bare time of day ('at 10 p.m.', 'in the morning') belongs to when it is not the
    publication day: the day mentioned before, in the same sentence or in a past-tense narrative."""
    last = ctx.last_period
    if last is None or last.granularity != "day":
        return None
    if ctx.last_in_sentence(m.start()) or ctx.tense(m.start(), m.end()) == "past":
        return last
    return None


def r_part_of_day(m, ctx):
    """'the morning', 'evening': a part of the publication day, or of the day the narrative is on."""
    if ctx.dct is None:
        return _needs_dct(m, "TIME")
    word = INFORMAL.get(m["part"].lower(), m["part"].lower()).rstrip("s")
    code = PARTS_OF_DAY.get(word)
    if code is None:
        return None
    if focus := _day_in_focus(m, ctx):
        return Reading("TIME", f"{focus.value}T{code}", focus, f"{_q(m[0])} = that part of the day "
                       f"mentioned before ({focus.describe()})", anchor=ctx.last_id, granularity="part-of-day")
    if ctx.narrative and ctx.story_granularity not in ("day", "part-of-day", "hour", "minute"):
        return Reading("TIME", f"XXXX-XX-XXT{code}", None, f"{_q(m[0])} names no particular day: the story's "
                       f"last date ({ctx.story_said}) is no day", granularity="vague")
    p = cal.day(ctx.dct)
    return Reading("TIME", f"{p.value}T{code}", p, f"{_q(m[0])} = that part of the publication day "
                   f"({p.describe()})", anchor=PUB, granularity="part-of-day")


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
        return Reading("DATE", p.value, p, f"{_q(m[0])} = its date in the year given: {p.describe()}")
    if ctx.dct is None:
        return _needs_dct(m)
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
    return Reading("DATE", p.value, p, f"{_q(m[0])} = {why}: {p.describe()}", anchor=PUB)


def r_clock(m, ctx):
    hour = int(m["h"])
    minute = int(m["min"] or 0)
    if m["ap"] is None and not m["min"]:
        return None
    ampm = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    base, why = ctx.dct, "the publication date"
    if m["wd"] and ctx.dct is not None:
        base = _weekday_date(WEEKDAYS[m["wd"].lower().rstrip(".")], "", ctx, m.start(), m.end())[0]
        why = m["wd"]
    elif m["dd"]:
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}[m["dd"].lower()]
        base = ctx.dct + dt.timedelta(days=offset) if ctx.dct else None
        why = m["dd"].lower()
    if m["mdm"] and ctx.dct is not None:
        month, d = _month(m["mdm"]), _day(m["mdd"])
        y, _ = choose_year(month, d, ctx, m.start(), m.end())
        try:
            base, why = cal.Day(y, month, d), m["mdm"] + " " + m["mdd"]
        except ValueError:
            return None
    anchor = PUB
    if not (m["wd"] or m["dd"] or m["mdm"]) and (focus := _day_in_focus(m, ctx)):
        base, why, anchor = focus.earliest, "the day mentioned before", ctx.last_id
    if base is None:
        return _needs_dct(m, "TIME")
    p = cal.day(base)
    value = f"{p.value}T{hour:02d}:{minute:02d}"
    return Reading("TIME", value, p, f"{_q(m[0])} = {hour:02d}:{minute:02d} on {why} "
                   f"({p.describe()})", anchor=anchor, granularity="minute")


def r_noon(m, ctx):
    word = m["w"].lower()
    hour = "12:00" if word in ("noon", "midday") else "00:00"
    base = ctx.dct
    if m["wd"]:
        base = _weekday_date(WEEKDAYS[m["wd"].lower().rstrip(".")], "", ctx, m.start(), m.end())[0] if base else None
    if base is None:
        return _needs_dct(m, "TIME")
    p = cal.day(base)
    return Reading("TIME", f"{p.value}T{hour}", p, f"{_q(m[0])} = {hour} on {p.describe()}",
                   anchor=PUB, granularity="hour")


def _duration_value(n: int | None, unit: str) -> str:
    letter = UNITS[unit][0]
    count = "X" if n is None else str(n)
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
            "minute": f"PT{n}M30S"}.get(unit, _duration_value(n, unit))


def r_the_year(m, ctx):
    """'for the full year', 'a high for the year': the year under discussion, the one the sentence
    has named, else the publication year."""
    last = ctx.last_period
    if (last is not None and ctx.last_in_sentence(m.start())
            and last.granularity in ("year", "quarter", "half", "month")):
        p = cal.year(last.earliest.year)
        return Reading("DATE", p.value, p, f"{_q(m[0])} = the year of the date named before it: {p.describe()}",
                       anchor=ctx.last_id)
    if ctx.dct is None:
        return _needs_dct(m)
    p = cal.year(ctx.dct.year)
    return Reading("DATE", p.value, p, f"{_q(m[0])} = the year under discussion, the publication year: "
                   f"{p.describe()}", anchor=PUB)


def r_duration(m, ctx):
    unit = _unit(m["u"])
    n = _number(m["n"]) if m["n"] else 1
    if m["n"] and n is None and m["n"].lower() not in NUMBERS:
        return None
    if m[0].lower() == "one day" and ctx.dct is not None:
        # 'will one day be': some future day; 'One day I was walking': some past day
        tense = ctx.tense(m.start(), m.end())
        if tense in ("future", "prospective"):
            return Reading("DATE", "FUTURE_REF", None, f"{_q(m[0])} is some day in the future", granularity="vague")
        if tense == "past" and re.search(r"(?:^|[.!?\n])\s*$", ctx.text[max(0, m.start() - 3):m.start()]):
            return Reading("DATE", "PAST_REF", None, f"{_q(m[0])} is some day in the past", granularity="vague")
    if (m["half"] or m["half2"]) and n is not None:
        return Reading("DURATION", _and_a_half(n, unit), None,
                       f"{_q(m[0])} is a duration of {n} and a half {unit}s", granularity=UNITS[unit][1])
    value = _duration_value(n, unit)
    what = f"{n} {unit}{'s' if n != 1 else ''}" if n is not None else f"an unspecified number of {unit}s"
    return Reading("DURATION", value, None, f"{_q(m[0])} is a duration of {what}",
                   granularity=UNITS[unit][1])


def r_vague_duration(m, ctx):
    unit = _unit(m["u"])
    return Reading("DURATION", _duration_value(None, unit), None,
                   f"{_q(m[0])} is a duration of an unspecified number of {unit}s",
                   granularity="vague")


def r_unit_noun(m, ctx):
    """'a long day', 'my day', 'at night': a bare unit that the tagger found qualified."""
    unit = m["u"].lower()
    if unit == "night":
        if ctx.dct is None:
            return _needs_dct(m, "TIME")
        p = cal.day(ctx.dct)
        return Reading("TIME", f"{p.value}TNI", p, f"{_q(m[0])} = the night of the publication day",
                       anchor=PUB, granularity="part-of-day")
    if m["plural"]:
        return Reading("DURATION", _duration_value(None, unit), None,
                       f"{_q(m[0])} is a duration of some {unit}s", granularity="vague")
    return Reading("DURATION", _duration_value(1, unit), None, f"{_q(m[0])} is a duration of one {unit}",
                   granularity=unit)


def r_set_word(m, ctx):
    value, quant = SET_WORDS[m[0].lower()]
    return Reading("SET", value, None, f"{_q(m[0])} happens regularly ({value})", granularity="vague")


def r_every(m, ctx):
    if m["wd"]:
        wd = WEEKDAYS[m["wd"].lower().rstrip(".").rstrip("s")]
        value = f"XXXX-WXX-{wd + 1}"
    elif m["part"]:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[INFORMAL.get(m['part'].lower(), m['part'].lower())]}"
    elif m["mo"]:
        value = f"XXXX-{_month(m['mo']):02d}"
    elif m["s"]:
        value = f"XXXX-{SEASONS[m['s'].lower()]}"
    else:
        unit = _unit(m["u"])
        value = _duration_value(_number(m["n"]) if m["n"] else 1, unit)
    return Reading("SET", value, None, f"{_q(m[0])} happens regularly ({value})", granularity="vague")


# ---------------------------------------------------------------- rules
@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Reading | None]
    needs: re.Pattern | None = None  # a cheap test: without it in the text, the rule cannot match


#: Cheap tests that let a text skip the rules that cannot match it.
_NEEDS = {
    "ago": r"\bago\b", "part-of-deictic-day": r"yesterday|today|tomorrow", "shifted": r"earlier|later|-ago",
    "every": r"\bevery\b|\beach\b|days\b",
    "duration": UNIT_ANY, "vague-duration": UNIT_ANY, "bare-units": UNIT_ANY, "quarter": r"quarter",
    "quarter-of-year": r"quarter|period", "year-ago-quarter": r"year-(?:ago|earlier|before)",
    "fiscal-year": r"fiscal|\bFY", "half": r"\bhalf\b|two\s+quarters",
    "clock": r"\d\s*[ap]\.?\s?m|\d:\d\d", "weekends": r"weekends|every\s+weekend",
    "year-span": r"\d[-–/]\d\d", "month-day-year": MONTH, "day-month-year": MONTH, "month-day": MONTH, "week-of": r"week\s+of", "day-month": MONTH,
    "month-year": MONTH, "month": MONTH, "relative-month": MONTH, "month-of-relative-year": MONTH,
    "season-year": SEASON, "relative-season": SEASON, "weekday": WEEKDAY,
}


def _rule(name: str, pattern: str, resolve, flags=re.I, before: str = r"(?<![\w/-])") -> Rule:
    needs = re.compile(_NEEDS[name], re.I) if name in _NEEDS else None
    return Rule(name, re.compile(rf"{before}{pattern}(?![\w/])", flags), resolve, needs)


def _informal_variants(phrases) -> list[str]:
    """'last night' -> also 'last nite'; 'tomorrow' -> also 'tmr', 'tmrw', ..."""
    out = list(phrases)
    for phrase in phrases:
        words = phrase.split()
        for short, standard in INFORMAL.items():
            if standard in words:
                out.append(" ".join(short if w == standard else w for w in words))
    return out


WD_OPT = rf"(?:(?P<wdp>{WEEKDAY}),?\s+)?"
RULES: tuple[Rule, ...] = (
    _rule("iso-date", r"(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)", r_iso_date),
    _rule("slash-date", r"(?P<mo>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d\d)",
          r_slash_date),
    _rule("month-day-year", rf"{WD_OPT}(?P<m>{MONTH})\s*(?P<d>{DAY}),?\s+(?P<y>{YEAR})", r_full_date),
    _rule("day-month-year", rf"{WD_OPT}(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH}),?\s+(?P<y>{YEAR})",
          r_full_date, before=r"(?<![\w/])"),
    _rule("dotted-date", r"(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<mo>1[0-2]|0?[1-9])\.(?P<y>\d{4}|\d\d)",
          r_dotted_date),
    _rule("week-of", rf"the\s+week\s+of\s+(?P<wdp>)(?P<m>{MONTH})\s*(?P<d>{DAY})(?!\s*,?\s*\d)", r_week_of),
    _rule("month-day", rf"{WD_OPT}(?P<m>{MONTH})\s*(?P<d>{DAY})(?!\s*,?\s*\d)", r_month_day),
    _rule("day-month", rf"{WD_OPT}(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})", r_month_day,
          before=r"(?<![\w/])"),  # "10-12 October": the range's last day
    _rule("month-year", rf"(?:(?:mid|early|late)-)?(?P<m>{MONTH})\s*(?:of\s+)?,?\s*(?:(?P<ey>\d{{1,4}})\s*(?P<era>{ERA})|(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR}))(?P<era2>)(?P<ey2>)", r_month_year),
    _rule("relative-month", rf"(?P<rel>last|next|this)\s+(?P<m>{MONTH})", r_relative_month),
    _rule("month-of-relative-year", rf"(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year",
          lambda m, ctx: r_month_of_relative_year(m, ctx)),
    _rule("month-of-that-year", rf"(?P<m>{MONTH})\s+of\s+(?P<rel>that|the\s+same|the\s+following|the\s+next|"
                                rf"the\s+previous)\s+year", r_month_of_that_year),
    _rule("month", rf"(?:(?:mid|early|late)-)?(?P<m>{MONTH})", r_month),
    _rule("period-edge", r"(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the|this)\s+"
                         r"(?P<u>month|year|week|quarter|decade|century)", r_period_edge),
    _rule("weekend", r"(?:the\s+)?weekend(?!s)", r_weekend),
    _rule("relative-season", rf"(?P<rel>)(?P<s>{SEASON})", r_relative_season),
    _rule("season-year", rf"(?:the\s+)?(?P<s>{SEASON})\s+(?:of\s+)?(?:(?P<ey>\d{{1,4}})\s*(?P<era>{ERA})|(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR}))(?P<era2>)(?P<ey2>)",
          r_season_year),
    _rule("relative-season", rf"(?:(?P<rel>this|last|next|past|coming)\s+|this\s+past\s+|the\s+)(?P<s>{SEASON})",
          r_relative_season),
    _rule("decade", rf"(?:the\s+)?(?P<mod_dec>early\s+|mid-?|late\s+)?(?:(?P<dec>1[0-9]\d0|20\d0)|'(?P<dec_short>\d0))'?s",
          lambda m, ctx: r_decade(_DecadeMatch(m), ctx)),
    _rule("fiscal-year", r"(?:the\s+)?(?:fiscal(?:\s+year)?|FY)[\s'-]*(?P<y>\d{4}|\d\d)"
                         r"|(?:the\s+)?(?:current\s+)?fiscal\s+year(?P<noyear>)", r_fiscal_year),
    _rule("year-span", rf"(?P<y>{YEAR})[-–/](?P<y2>\d\d)(?![\d-])", r_year_span),
    _rule("era-year-span", rf"(?P<a>\d{{1,4}})\s*[-–]\s*(?P<ey>\d{{1,4}})\s*(?P<era>{ERA_BC})", r_era_year_span),
    _rule("era-year", rf"(?:the\s+year\s+|mid-)?{ERA_YEAR}", r_era_year),
    _rule("century", rf"(?:the\s+)?(?P<ord>{ORD_WORD})\s+(?P<u>century|millennium)(?:\s+(?P<era>{ERA}))?",
          r_century),
    _rule("bc-decade", rf"(?:the\s+)?(?P<dec>\d{{1,3}}0)'?s\s+(?P<era>{ERA_BC})", r_bc_decade),
    _rule("bc-bare-year", "(?:" + "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in BARE_YEAR_CUES) + rf")(?P<y>\d{{2,3}})"
                          rf"(?=\s*[,.;:)]|\s+(?:the|and|when|after|before|he|she|they|it|as|but|with|in|on|at)\b|$)",
          r_bare_year_bc),
    _rule("year", rf"(?:the\s+year\s+|mid-)?(?P<y>{YEAR})", r_year),
    _rule("quarter", rf"(?:the\s+|that\s+)?(?:comparable\s+|corresponding\s+)?(?:(?P<ord>{ORD})(?:[\s-]+fiscal)?[\s-]+(?:fiscal[\s-]+)?|fiscal[\s-]+"
                     rf"(?P<ord2>{ORD})[\s-]+)?quarter(?!-century)(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}))?",
          lambda m, ctx: r_quarter(_QuarterMatch(m), ctx)),
    _rule("quarter-of-year", rf"(?:the\s+)?(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year['’]s)\s+"
                             rf"(?:(?P<ord>{ORD})[\s-]+)?(?:fiscal\s+)?(?P<u>quarter|period)", r_quarter_of_year),
    _rule("year-ago-quarter", rf"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year-ago|year-earlier|"
                              rf"year-before)\s+(?:(?P<ord>{ORD})[\s-]+)?(?:fiscal\s+)?(?:quarter|period)",
          r_year_ago_quarter),
    _rule("spelled-year", rf"(?:the\s+year\s+)?{SPELLED_YEAR}(?!\s+(?:{UNIT_ANY}|people|dollars)\b)", r_spelled_year),
    _rule("spelled-decade", rf"the\s+(?P<w>{_alt(_DECADE_WORDS)})", r_spelled_decade),
    _rule("year-ended", r"the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\b)",
          lambda m, ctx: Reading("DURATION", "P1Y", None, f"{_q(m[0])} is a year-long period "
                                 "(the one ended on the date that follows)", granularity="year")),
    _rule("the-year", r"(?:(?<=for\s)|(?<=of\s)|(?<=in\s)|(?<=during\s)|(?<=through\s))"
                      r"the\s+(?:full\s+|entire\s+|whole\s+)?"
                      r"year(?![\w-])(?!\s+(?:ended|ending|before|after|earlier|ago|two|nineteen|\d))", r_the_year),
    _rule("year-end", r"year[-\s]end|year['’]s\s+end", r_year_end),
    _rule("latest-period", r"the\s+(?:latest|most\s+recent|recent)\s+(?:period|quarter)",
          lambda m, ctx: r_quarter(_Proxy(m, ord="latest", y=None), ctx)),
    _rule("half", rf"(?:the\s+)?(?:(?<=the\s)(?P<ord>first|second|last|latter)\s+half"
                  rf"|(?P<q2>first|last|final|second)\s+two\s+quarters)"
                  rf"(?:\s+of\s+(?P<y>{YEAR}))?", r_half),
    _rule("relative-unit", rf"(?:(?P<pre>earlier|later|early|late)\s+)?(?:the\s+)?"
                           rf"(?P<rel>this|current|last|past|previous|next|coming|following|preceding)"
                           rf"\s+(?:fiscal\s+)?(?P<u>week|weekend|month|year|decade|century)",
          r_relative_unit),
    _rule("ago", rf"(?:{MOD}\s+)?(?:(?P<n>{NUM})[\s-]+)?(?P<u>{UNIT_ANY})(?:\s+or\s+so)?\s+ago", r_ago),
    _rule("shifted", rf"(?:{MOD}\s+)?(?:(?P<n>{NUM})[\s-]+)?(?P<u>{UNIT_ANY})(?P<dir>\s+earlier|\s+later|-earlier|-ago)",
          r_shifted),
    _rule("anaphoric", rf"(?:the\s+|that\s+(?=same\b))?(?P<rel>same|that|next|following|previous|preceding|prior)\s+"
                       rf"(?P<u>day|week|month|year|morning|evening|night)(?P<after>\s+before)?",
          lambda m, ctx: r_anaphoric(_UnitFix(m), ctx)),
    _rule("anaphoric-before", r"the\s+(?P<u>day|week|month|year)(?P<after>\s+before|\s+after)(?P<rel>)",
          r_anaphoric),
    _rule("clock", rf"(?:(?:around|about)\s+)?(?P<h>[01]?\d|2[0-3])(?:[:.]?(?P<min>[0-5]\d))?\s*"
                   rf"(?:(?P<ap>[ap]\.\s?m\.?|[ap]m\b)|(?<=\d:\d\d)|(?<=\d\d:\d\d)){TZ}?"
                   rf"(?:,?\s+(?:(?P<wd>{WEEKDAY})|(?P<dd>today|yesterday|tomorrow|tonight)))?"
                   rf"(?:,?\s+(?P<mdm>{MONTH})\s*(?P<mdd>{DAY})(?![\d,]))?",
          r_clock),
    _rule("holiday", rf"(?:(?P<rel>last|next|this)\s+)?"
                     rf"(?P<h>{_alt(list(HOLIDAYS) + list(MOVABLE_HOLIDAYS) + ['easter', 'xmas'])})"
                     rf"(?:\s+(?P<y>{YEAR}))?", r_holiday),
    _rule("part-of-day", rf"(?:(?:the|this|that)\s+)?(?P<part>morning|afternoon|evening|night|nite|"
                         rf"overnight|tonite)s?", r_part_of_day),
    _rule("noon", rf"(?P<w>noon|midnight|midday)(?:\s+(?P<wd>{WEEKDAY}))?", r_noon),
    _rule("weekday", rf"(?:(?P<rel>last|next|this\s+coming|coming|this|early|late"
                     rf"|the\s+(?:previous|preceding|following))\s+)?(?P<wd>{WEEKDAY})"
                     rf"(?:\s+(?P<part>{PART}))?(?!s\b)", r_weekday),
    _rule("part-of-deictic-day", r"(?:(?:early|late|mid-?)\s*)?(?P<part>morning|afternoon|evening|night)\s+"
                                 r"(?P<dd>yesterday|today|tomorrow)", r_part_of_deictic_day),
    _rule("deictic", rf"(?:{_alt(_informal_variants(DEICTIC))})"
                     rf"(?:\s+(?:morning|afternoon|evening|night|nite))?", r_deictic_part),
    _rule("every", rf"(?:every|each)\s+(?:other\s+|single\s+)?(?:(?P<n>{NUM})\s*)?(?:(?P<wd>{WEEKDAY})|(?P<u>{UNIT_ANY})|"
                   rf"(?P<part>morning|afternoon|evening|night|nite)|(?P<mo>{MONTH})|(?P<s>{SEASON}))"
                   rf"|(?P<wd2>{WEEKDAY})s(?=\s)",
          lambda m, ctx: r_every(_EveryMatch(m), ctx)),
    _rule("weekday-abbr", r"(?P<rel>this|next|last|on)\s+(?P<wd>mon|tues?|wed|thu|thurs?|fri|sat|sun)"
                          rf"(?:\s+(?P<part>{PART}))?", r_weekday),
    _rule("weekends", r"weekends|every\s+weekend",
          lambda m, ctx: Reading("SET", "XXXX-WXX-WE", None, f"{_q(m[0])} happens every weekend",
                                 granularity="vague")),
    _rule("unit-noun", r"(?P<u>day|week|night)(?P<plural>s)?", r_unit_noun),
    _rule("set-word", rf"(?:{_alt(SET_WORDS)})", r_set_word),
    _rule("duration", rf"(?:(?P<mod>{MOD})\s+)?(?:the\s+)?(?:(?:past|last|next|first|final|coming|"
                      rf"previous|latest|other)\s+)?(?P<n>{NUM})(?P<half>\s+1/2|\s+and\s+a\s+half)?"
                      rf"(?:[\s-]*(?<=\d)|[\s-]+)(?:more\s+)?(?P<u>{UNIT_ANY})(?P<half2>\s+and\s+a\s+half)?"
                      rf"(?:[\s-]+long|[\s-]+old|\s+or\s+so)?", r_duration),
    _rule("vague-duration", r"(?:(?<=for\s)|(?<=over\s))(?P<u>weeks|months|years|decades|centuries)", r_vague_duration),
    _rule("bare-units", r"(?P<u>minutes|hours|days|weeks|months|years|decades)"
                        r"(?![\s-]+(?:old|ago|later|earlier|before|after)\b)",
          r_vague_duration),
    _rule("vague-duration", r"(?:the\s+)?(?:coming|next\s+few|past\s+few|last\s+few)\s+"
                            r"(?P<u>days|weeks|months|years|decades)", r_vague_duration),
    _rule("vague-duration", rf"(?:(?:recent|the\s+past|the\s+last|the\s+next|the\s+coming)\s+)"
                            rf"(?P<u>years|months|weeks|days|decades|hours)", r_vague_duration),
)


class _Proxy:
    """A match with some groups renamed or filled in, for resolvers shared by rules."""

    def __init__(self, m: re.Match, **groups):
        self._m, self._g = m, groups

    def __getitem__(self, key):
        if key in self._g:
            return self._g[key]
        return self._m[key]

    def group(self, i=0):
        return self._m.group(i)

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)


def _DecadeMatch(m):
    return _Proxy(m, dec=m["dec"] or m["dec_short"])


def _QuarterMatch(m):
    return _Proxy(m, ord=m["ord"] or m["ord2"])


def _UnitFix(m):
    u = m["u"].lower()
    return _Proxy(m, u="day" if u in ("morning", "evening", "night") else u)


def _EveryMatch(m):
    return _Proxy(m, wd=m["wd"] or m["wd2"], n=m["n"] if m["wd2"] is None else None,
                  part=m["part"], u=m["u"], mo=m["mo"], s=m["s"])


# ---------------------------------------------------------------- candidates
@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def find_candidates(text: str, accept: Callable[[Candidate], bool] = lambda c: True) -> list[Candidate]:
    """The longest non-overlapping rule matches that `accept` takes, earlier rules winning ties."""
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, rule in enumerate(RULES):
        if rule.needs is not None and rule.needs.search(text) is None:
            continue
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                found.append((-(m.end() - m.start()), m.start(), priority, Candidate(m.start(), m.end(), rule, m)))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for _, _, _, cand in found:
        if any(cand.start < e and s < cand.end for s, e in occupied) or not accept(cand):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken


#: Each modifier as it stands right before an expression, longest first.
_MODIFIER_BEFORE = [
    (re.compile(r"(?<![\w-])" + re.escape(phrase) + ("" if phrase.endswith("-") else r"[\s-]+") + "$", re.I), mod)
    for phrase, mod in sorted(MODIFIERS.items(), key=lambda kv: -len(kv[0]))
]


def extend_modifier(text: str, start: int) -> tuple[int, str | None]:
    """A modifier right before a date ('early', 'the end of', 'about'): new start and TimeML mod."""
    head = text[max(0, start - 25):start]
    for pattern, mod in _MODIFIER_BEFORE:
        if hit := pattern.search(head):
            return start - (len(head) - hit.start()), mod
    return start, None
