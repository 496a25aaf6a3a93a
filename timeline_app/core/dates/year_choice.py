"""The year of a month(-day) written without one: from the publication date and the clause's
tense (news), or from the story's last date (narrative)."""

from __future__ import annotations

import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import Context
from timeline_app.core.dates.lexicon import ERAS, MONTHS, REFERENCE_TIME_WORDS, SEASON_MONTHS, SEASONS
from timeline_app.core.dates.patterns import DAY, ERA, MONTH, SEASON, YEAR, alternatives


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
#: "takes effect Jan. 1", "until 9 a.m. Tuesday", "runs through Sunday", "as soon as Tuesday"; and a
#: suggestion or an appointment: "how about friday night?", "see you Monday", "can't wait for Saturday".
_APPOINTMENT = (r"how\s+about|see\s+(?:you|u|ya)|can['’]?t\s+wait\s+(?:for|till|until|til)|"
                r"looking\s+forward\s+to")
AHEAD_CUE = re.compile(r"\b(?:effective|effect(?:\s+(?:on|from))?|until|till|through|due|expires?(?:\s+on)?|"
                       r"as\s+(?:soon|early|late)\s+as|no\s+later\s+than|" + _APPOINTMENT + r")\s+(?:\S+\s+){0,3}$")
#: ... of which a suggestion or an appointment looks ahead whatever the parse says of the clause's tense
#: ('How about friday night or sat?', where 'sat' may be parsed as a past-tense verb).
APPOINTMENT_CUE = re.compile(r"\b(?:" + _APPOINTMENT + r")\s+(?:\S+\s+){0,3}$")


#: What follows a month or season joined to a date that states its year: 'April and June 1955',
#: 'the spring and early summer of 1943', 'the winter-spring of 1920', 'March to May 1918', and the
#: end of a range of days across months: '26 June - 4 August 1952'.
_JOINED_DATE = re.compile(
    rf"\s*(?:,?\s*(?:and|or|to|through|until|till|into)\s+|\s*[-–/]\s*)(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
    rf"(?:(?:{DAY}\s+(?:of\s+)?)?(?P<m>{MONTH})(?:\s+{DAY})?|(?P<s>{SEASON}))\s*,?\s*(?:of\s+)?(?:(?P<y>{YEAR})|(?P<ey>\d{{1,4}})\s*(?P<era>{ERA}))"
    rf"(?![\w-])", re.I)


#: A month or season naming an event whose year follows: 'the Spring Offensive of 1918', 'the July
#: Crisis of 1914', 'the summer campaign of 1942'.
_EVENT_OF_YEAR = re.compile(rf"\s+(?:[A-Za-z]+\s+){{1,2}}of\s+(?:(?:early|late|mid)[\s-]+)?(?P<y>{YEAR})(?![\w-]|['’]s)")


#: ... or an operation dated later in its clause: 'their main summer offensive against southern Russia in
#: June 1942', 'the autumn campaign, which began in October 1943'.
_OPERATION_DATED = re.compile(rf"\s+(?:offensives?|campaigns?)\b[^.;:!?]{{0,70}}?(?:\b(?:in|of|on|from)\s+|\()(?P<edge>(?:early|late|mid)[\s-]+)?"
                              rf"(?:(?P<m>{MONTH})\s+(?:{DAY},?\s+)?)?(?P<y>{YEAR})(?![\w-])", re.I)


def coordinated_year(text: str, end: int, month: int) -> tuple[int, str] | None:
    """The year of a month (or a season's first month) joined to a following date with its year:
    'April' in 'April and June 1955' is 1955; 'December' in 'December to February 1943' is 1942;
    'Spring' in 'the Spring Offensive of 1918' is 1918."""
    if named := _EVENT_OF_YEAR.match(text, end):
        return int(named["y"]), f"the year of the event it names ('{' '.join(named[0].split())}')"
    if operation := _OPERATION_DATED.match(text, end):
        year = int(operation["y"])
        dated_month = MONTHS[operation["m"].lower().rstrip(".")] if operation["m"] else None
        if month == 12 and ((dated_month or 12) <= 2 or (operation["edge"] or "").lower().startswith("early")):
            year -= 1  # a winter operation of early 1951 or January 1951: the winter that began in December 1950
        return year, f"the year of the operation it names, dated in its clause ({operation['y']})"
    if not (hit := _JOINED_DATE.match(text, end)):
        return None
    year = int(hit["y"]) if hit["y"] else (1 - int(hit["ey"]) if ERAS[hit["era"].lower()] else int(hit["ey"]))
    later_season = SEASONS[hit["s"].lower()] if hit["s"] else None
    later = MONTHS[hit["m"].lower().rstrip(".")] if hit["m"] else SEASON_MONTHS[later_season][0]
    said = " ".join(hit[0].split())
    if later < month and later_season != "WI":
        return year - 1, f"the year before that of the date it runs to ('{said}')"
    return year, f"the year of the date it is joined to ('{said}')"


_REFERENCE_TIME = re.compile(rf"\b(?:{alternatives(REFERENCE_TIME_WORDS)})\s+(?:the\s+)?(?:(?:end|middle|start|"
                             r"beginning)\s+of\s+)?(?:early\s+|late\s+|mid-)?$", re.I)


def is_reference_time(words_before: str) -> bool:
    """Whether the words before a date make it a past perfect's reference time ('By 1942, ... had')."""
    return _REFERENCE_TIME.search(words_before) is not None


#: What joins the second end of a range of months to its first: 'from October to March',
#: 'October-March', 'between November and February', 'October 1917 until March'.
_RANGE_JOINER = re.compile(r"\s*(?:(?P<and>and)|to|until|till|through|into|[-–])\s*(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?",
                           re.I)
_FROM = re.compile(r"\bfrom\s+\S+(?:\s+\S+){0,3}$", re.I)
_RANGE_OPENER = re.compile(rf"\bbetween\s+(?:(?:early|late|mid)[\s-]+)?(?:{MONTH})\b", re.I)


def range_end_year(month: int, day: int | None, ctx: Context, start: int) -> tuple[int, str] | None:
    """The year of a month(-day) that ends a range begun by the date right before it: not before
    that date ('from October 1917 to March' is March 1918; 'between November and February' runs into
    the next year).  None when the month is no such end."""
    last = ctx.last_period
    if (last is None or ctx.last_end < 0 or ctx.last_end > start or last.granularity not in ("day", "month")
            or not (joined := _RANGE_JOINER.fullmatch(ctx.text, ctx.last_end, start))):
        return None
    if joined["and"] and not _RANGE_OPENER.search(ctx.text, max(0, ctx.last_end - 40), ctx.last_end):
        return None  # 'in October and March': two months, not a range
    if (last.granularity == "day" and "-" not in joined[0] and "–" not in joined[0]
            and not _FROM.search(ctx.text, max(0, ctx.last_end - 30), ctx.last_end)):
        return None  # 'a revision Friday to December's figures': no range without 'from'
    first = last.earliest
    year = first.year + (1 if (month, day or 31) < (first.month, first.day) else 0)
    said = "the year after" if year > first.year else "the year of"
    return year, f"{said} the date that begins its range ({last.describe()}), as a range runs forward"


#: A bare month that ends a range begun by a bare month: 'October' of 'from October to March'.
_RANGE_TO_MONTH = re.compile(rf"\s*(?:to|until|till|through|into|[-–])\s*(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
                             rf"(?P<m>{MONTH})(?!\s*,?\s*(?:of\s+)?\d)", re.I)


def range_start_year(month: int, ctx: Context, end: int) -> tuple[int, str] | None:
    """In a narrative, the year of a bare month that begins a range across a new year ('from October
    to March') when the story is in the range's second part: the year before the story's ('October'
    after 'January 1945' is October 1944).  None otherwise."""
    hit = _RANGE_TO_MONTH.match(ctx.text, end)
    if hit is None or ctx.story_granularity in ("year", ""):
        return None
    later = MONTHS[hit["m"].lower().rstrip(".")]
    if not later < month or ctx.dct.month > later:
        return None
    return ctx.dct.year - 1, (f"the year before the last date mentioned ({ctx.story_said}): the range it "
                              f"begins ('{' '.join(hit[0].split())}') runs into the story's year")


def choose_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> tuple[int, str]:
    """Year of a month(-day) without one: the publication year, moved by the clause's tense (in a
    narrative passage: the year of the last date mentioned).  See `coordinated_year` for a month
    that takes the year of the date it is joined to ('April and June 1955'), `range_end_year` for
    the end of a range ('from October to March')."""
    dct = ctx.dct
    if (ranged := range_end_year(month, day, ctx, start)) is not None:
        return ranged
    if ctx.narrative and (crossing := range_start_year(month, ctx, end)) is not None:
        return crossing
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


#: Words that set a date against another ('compared to the carnage of November', 'as opposed to a
#: peak of 1,600 in summer 2007', 'from a high of 300 in', 'surpassing the May 2007 high'), in the
#: same sentence and at most a few words before it: a date told for comparison lies before the story's
#: time and does not move it.
_COMPARISON = re.compile(r"\b(?:compared\s+(?:to|with)|as\s+(?:opposed\s+to|against)|in\s+contrast\s+(?:to|with)|"
                         r"(?:up|down)\s+from|from\s+(?:a|an|the|its)\s+(?:[a-z-]+\s+)?(?:high|low|peak|level)s?|"
                         r"surpass(?:ed|ing)|exceed(?:ed|ing)|than\s+(?:in|during|at))\b[^.;:!?]{0,50}$", re.I)


def in_comparison(text: str, start: int) -> bool:
    """Whether the date at `start` is told for comparison ('compared to the carnage of November')."""
    return _COMPARISON.search(text, max(0, start - 90), start) is not None


#: In a narrative, a month this many months before the story's month is in the following year.
NARRATIVE_FORWARD_MONTHS = 9


def narrative_year(month: int, day: int | None, ctx: Context, start: int = -1, end: int = -1) -> tuple[int, str]:
    """In a narrative the story moves forward: a month(-day) takes the year of the last date
    mentioned, or the next year when it lies well before that date within its year ('December
    1941 ... in January' is January 1942; 'June 1944 ... in May' stays 1944).  After a bare year
    it is that year.  In a past perfect ('had spent the spring') it lies before the story's date."""
    story = ctx.dct
    if start >= 0 and ctx.story_granularity != "year" and in_comparison(ctx.text, start):
        if (month, day or 1) > (story.month, story.day if day else 1):
            return story.year - 1, (f"the year before the last date mentioned ({ctx.story_said}), as a date "
                                    "told for comparison lies before it")
        return story.year, f"the year of the last date mentioned ({ctx.story_said}), before it (a comparison)"
    if (start >= 0 and ctx.story_granularity != "year" and ctx.aspect(start, end) == "pluperfect"
            and not is_reference_time(ctx.words_before(start))):
        if (month, day or 1) > (story.month, story.day if day else 1):
            return story.year - 1, (f"the year before the last date mentioned ({ctx.story_said}), as the "
                                    "past perfect looks back before it")
        return story.year, f"the year of the last date mentioned ({ctx.story_said}), before it (past perfect)"
    if ctx.story_granularity != "year" and story.month - month >= NARRATIVE_FORWARD_MONTHS:
        if start >= 0 and section_year(ctx.text, start) == story.year:
            return story.year, (f"the year of the last date mentioned ({ctx.story_said}), which its section's "
                                "heading names")
        return story.year + 1, f"the year after the last date mentioned ({ctx.story_said}), as the story moves forward"
    return story.year, f"the year of the last date mentioned ({ctx.story_said})"


#: A heading: a short line of its own between blank lines (or the text's edges), ending in no stop.
HEADING_MAX_CHARS = 90
#: How far back a section's heading is looked for.
HEADING_SEARCH_CHARS = 20000
_HEADING_YEAR = re.compile(rf"(?<![\w-])(?:(?P<ey>\d{{1,4}})\s*(?P<era>{ERA})|(?P<y>{YEAR}))(?![\w-])", re.I)


def section_year(text: str, start: int) -> int | None:
    """The one year (astronomical) the heading of the section holding `start` names ('2008: Iraqi forces
    arm', 'June 479 BC: Battles of Plataea and Mycale'); None when the nearest heading above names no year
    or several ('1917-1918'), or there is none.  A history told by the year goes on in its section's year:
    a month well before the story's month there ('February 21' after 'November 2008' under '2008: ...')
    is in that year, not the next."""
    end = text.rfind("\n\n", 0, start)
    floor = max(0, start - HEADING_SEARCH_CHARS)
    while end >= floor:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end].strip()
        if (line and len(line) <= HEADING_MAX_CHARS and line[-1] not in ".!?;,\"”'’"
                and (line_start < 2 or text[line_start - 2:line_start] == "\n\n" or line_start == 0)):
            years = {int(h["y"]) if h["y"] else (1 - int(h["ey"]) if ERAS[h["era"].lower()] else int(h["ey"]))
                     for h in _HEADING_YEAR.finditer(line)}
            return years.pop() if len(years) == 1 else None
        end = text.rfind("\n\n", 0, line_start)
    return None
