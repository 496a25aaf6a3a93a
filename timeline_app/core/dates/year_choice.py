"""The year of a month(-day) written without one: from the publication date and the clause's
tense (news), or from the story's last date (narrative)."""

from __future__ import annotations

import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import Context


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
AHEAD_CUE = re.compile(r"\b(?:effective|effect(?:\s+(?:on|from))?|until|till|through|due|expires?(?:\s+on)?|"
                        r"as\s+(?:soon|early|late)\s+as|no\s+later\s+than)\s+(?:\S+\s+){0,3}$")


def choose_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> tuple[int, str]:
    """Year of a month(-day) without one: the publication year, moved by the clause's tense
    (in a narrative passage: the year of the last date mentioned)."""
    dct = ctx.dct
    if ctx.narrative:
        return narrative_year(month, day, ctx)
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
            and AHEAD_CUE.search(ctx.words_before(start))):
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


def narrative_year(month: int, day: int | None, ctx: Context) -> tuple[int, str]:
    """In a narrative the story moves forward: a month(-day) takes the year of the last date
    mentioned, or the next year when it lies well before that date within its year ('December
    1941 ... in January' is January 1942; 'June 1944 ... in May' stays 1944).  After a bare year
    it is that year."""
    story = ctx.dct
    if ctx.story_granularity != "year" and story.month - month >= NARRATIVE_FORWARD_MONTHS:
        return story.year + 1, f"the year after the last date mentioned ({ctx.story_said}), as the story moves forward"
    return story.year, f"the year of the last date mentioned ({ctx.story_said})"
