"""The anchoring policy: which date an expression without its own year or day is anchored on.

Rules say what the text says ("a month-day, year unknown"); this module alone decides where
it is anchored, as HeidelTime's second pass does:

- *news*: deictic expressions, and the year of month-days, months, seasons and weekdays, from
  the publication date, with the tense rules of `year_choice.choose_year`;
- *narrative*: from the story's current time, the last date mentioned before them at the
  granularity they need ("June 10" after "May 1940" is 10 June 1940; "today" is that day);
- *auto* (the default): per passage.  A passage is narrative where the story's current time
  lies more than a year from the publication date (or there is no publication date) and the
  clause does not speak in the present or future; it returns to news when the text comes back
  to the present.  Words that name a day relative to now ('Tuesday', 'yesterday') stay news
  unless their sentence itself names the story's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Candidate, Context, Reading
from timeline_app.core.dates.lexicon import WEEKDAY_NAMES, WEEKDAYS
from timeline_app.core.dates.year_choice import in_comparison, is_reference_time

ANCHORINGS = ("auto", "news", "narrative")

#: Rules whose year comes from the story's time in a narrative passage ('June 10', 'in April',
#: 'the summer', 'in 480'): what a story names without repeating its year.
STORY_RULES = frozenset({
    "month-day", "day-month", "month", "relative-season", "holiday", "week-of", "week-of-month", "period-edge",
    "bc-bare-year", "part-of-day", "ordinal-day", "short-year", "month-end",
})
#: Rules that read something only in a narrative passage ('in 480' after '481 BC', 'the fifth day
#: of the rebellion').
NARRATIVE_ONLY_RULES = frozenset({"bc-bare-year", "ordinal-day"})
#: Rules that read something only from what was mentioned before them ('on the 20th' after 'September
#: 1917'): accepted as candidates, resolved (or dropped) in text order.
TEXT_ORDER_RULES = NARRATIVE_ONLY_RULES | frozenset({"day-of-month"})
#: Rules whose dates count from an origin the story keeps ('the fifth day ... the seventh day' of one
#: rebellion): they do not move the story's time.
ORIGIN_COUNTED_RULES = frozenset({"ordinal-day"})
#: Deictic rules ('last year', 'this week', 'Tuesday', 'today', 'a year ago'): the publication date
#: in news and under *auto*; the story's time only when the policy is *narrative*.
DEICTIC_RULES = frozenset({
    "relative-month", "month-of-relative-year", "quarter", "half", "year-end", "the-year", "spelled-decade",
    "relative-unit", "ago", "shifted", "anaphoric", "anaphoric-before", "weekday", "weekday-abbr", "deictic",
    "part-of-deictic-day", "weekend", "clock", "noon", "decade",
})
#: Deictic rules whose words also count from a story's time ('later in the year', 'a year earlier',
#: 'the next month', 'at 5:34 a.m.'): in a narrative passage under *auto* they take the story's date.
STORY_RELATIVE_RULES = frozenset({"the-year", "shifted", "relative-unit", "clock"})
#: ... for 'relative-unit', only with the article and a word of sequence ('the next month', not
#: 'next month' or 'this year', which speak from the text's present).
_SEQUENCE = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?the\s+(?:next|following|previous|preceding|prior)\b", re.I)


#: Deictic rules that, quoted in a story ('"two years ago," Thieu said' in 1975), speak from the
#: story's time, when the speech was made, not from the publication date.
QUOTED_STORY_RULES = frozenset({"ago", "relative-unit"})
_QUOTES = "\"“”"


def in_quotation(text: str, start: int) -> bool:
    """Whether `start` lies inside a quotation of its paragraph (an odd number of quote marks before)."""
    line_start = text.rfind("\n", 0, start) + 1
    return sum(text.count(q, line_start, start) for q in _QUOTES) % 2 == 1


#: Verbs that report what someone said: the words they report speak from when it was said.
_REPORTING = re.compile(r"\b(?:said|says|told|declared|suggested|stated|announced|wrote|argued|claimed|"
                        r"warned|insisted|added|recalled|complained|promised|replied)\b", re.I)


#: The end of a sentence (not of an abbreviation such as 'U.S.').
_SENTENCE_END = re.compile(r"(?<=[a-z\d)])[.!?]\s+(?=[A-Z\"“])")


def reported(text: str, start: int) -> bool:
    """Whether `start` is in a quotation, or in a sentence that reports speech ('he suggested Kissinger
    had tricked him two years ago')."""
    sentence_start = text.rfind("\n", 0, start) + 1
    for end in _SENTENCE_END.finditer(text, sentence_start, start):
        sentence_start = end.end()
    return in_quotation(text, start) or _REPORTING.search(text, sentence_start, start) is not None


def counts_from_story(cand: Candidate) -> bool:
    """Whether a deictic-looking expression counts from the story's time in a narrative passage."""
    rule = cand.rule.name
    if rule not in STORY_RELATIVE_RULES:
        return False
    return rule != "relative-unit" or _SEQUENCE.match(cand.match[0]) is not None


#: 'the past year', 'the last month': a period up to now, which in a past perfect is up to the story's time.
_PAST_PERIOD = re.compile(r"^the\s+(?:past|last)\s", re.I)


def looks_back_from_story(cand: Candidate, ctx: Context) -> bool:
    """'In the past year, both armies had continually harassed each other' (in 1950): a past perfect
    looks back from the story's time, so 'the past year' is the year before it, not the publication's."""
    return (cand.rule.name == "relative-unit" and _PAST_PERIOD.match(cand.match[0]) is not None
            and ctx.aspect(cand.start, cand.end) == "pluperfect")


#: Rules of absolute dates, which tell whether a document tells a story far from its publication.
ABSOLUTE_RULES = frozenset({
    "iso-date", "slash-date", "month-day-year", "day-month-year", "dotted-date", "month-year", "season-year",
    "year", "era-year", "era-year-span", "year-span", "spelled-year", "quarter-of-year",
})
#: Story time: the last date mentioned at one of these granularities.
STORY_GRANULARITIES = frozenset({"day", "part-of-day", "hour", "minute", "week", "month", "quarter",
                                 "season", "half", "year"})
#: A story date this close to the publication date reads the same either way: news rules apply.
NEAR_DAYS = 366
#: A document tells a story when at least this many of its absolute dates lie far in its past
#: (and more of them than of dates near its publication).
STORY_MIN_FAR = 5
STORY_RATIO = 1.5
#: What may stand before a date that opens its sentence ('In 1998, ...', 'On May 22, 1995, ...').
_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:(?:in|on|by|during|early|late|until|after)\s+)?$", re.I)


def opens_sentence(text: str, start: int) -> bool:
    return _OPENING.search(text[max(0, start - 20):start]) is not None


@dataclass(frozen=True)
class StoryTime:
    """The story's current time: the last date mentioned, where it ends in the text and its id."""

    period: cal.Period
    timex_id: str
    end: int
    absolute: bool = True  # named with its own year ('in 1998'), not reached from another date


def is_start_point(words_before: str) -> bool:
    """'since 513 BC', 'from 1990': a bound, neither the story's time nor what 'the following year'
    counts from."""
    return words_before.lower().endswith(_SINCE)


def is_story_time(period: cal.Period | None, value: str | None, words_before: str = "") -> bool:
    """Whether a date just resolved becomes the story's current time ('since 1980' does not)."""
    return (period is not None and period.granularity in STORY_GRANULARITIES
            and bool(value) and not value.startswith("P") and not words_before.lower().endswith(_SINCE))


def moves_story(aspect: str, words_before: str) -> bool:
    """Whether a date of a clause with this `aspect` (see `syntax.story_aspect`) moves the story's
    time: a flashback ('had invaded in late 1943') and a plan ('would be exposed for a campaign in
    1976') do not; a past perfect's reference time ('by 1942 ... had conquered') does."""
    if aspect == "ahead":
        return False
    if aspect == "pluperfect":
        return is_reference_time(words_before)
    return True


#: 'lasted until the fall of Budapest in February 1945': an end point, after which the story goes on
#: from where it was (the words 'until' or 'till' a few words before, in the same clause).
_UNTIL = re.compile(r"\b(?:until|till|lasted\s+to)\s+(?:[^\s,;.()]+\s+){0,6}$"
                    r"|\b\d{4}\s*[-–]\s*$", re.I)  # ... and the end of a range of years: '1861-1863'


def is_end_point(text: str, start: int) -> bool:
    """Whether the date at `start` is where something ends, not where the story goes next."""
    return _UNTIL.search(text, max(0, start - 60), start) is not None


#: A date that something is planned for ('a complete withdrawal date sometime in late 2008', 'set a
#: deadline of March', 'a timetable for withdrawal by 2011'), not when the story's events happen.
_PLANNED_FOR = re.compile(r"\b(?:date|deadline|target|timetable|timeline)\s+(?:[^\s,;.()]+\s+){0,3}?"
                          r"(?:in|of|for|by|on)\s+(?:the\s+)?$", re.I)
#: 'next summer' in a story: the next one as its people saw it, a plan or a forecast ('envisioned the
#: withdrawal of 30,000 troops by next summer'); the story tells 'the next summer', 'the following year'.
_NEXT = re.compile(r"next\s", re.I)


def is_planned(text: str, start: int, anchor: str | None, story: StoryTime | None, period: cal.Period) -> bool:
    """Whether a date after the story's time is one planned or foreseen (a withdrawal date, 'next summer'
    counted from the story), after which the story goes on where it was."""
    if story is None or period.earliest <= story.period.latest:
        return False
    if _PLANNED_FOR.search(text, max(0, start - 60), start):
        return True
    return anchor not in (None, PUB) and _NEXT.match(text, start) is not None


def looks_back(period: cal.Period, anchor: str | None, story: StoryTime | None) -> bool:
    """Whether a date counted from an earlier mention lies before the story's time ('the previous
    year', 'two years earlier'): a look back, after which the story goes on where it was."""
    return (story is not None and anchor not in (None, PUB)
            and period.latest < story.period.earliest)


#: A date this many years or more after the story's time, told inside a sentence, is an aside.
FLASH_FORWARD_YEARS = 3


def is_flash_forward(period: cal.Period, anchor: str | None, story: StoryTime | None, furthest: cal.Day | None,
                     text: str, start: int) -> bool:
    """Whether a date of its own years after anything the story has reached (`furthest`, the latest
    of its times so far), told inside a sentence ('a report declassified in 2005 revealed there was
    no attack on 4 August' in a story of 1964), is an aside about later times, after which the story
    goes on where it was.  A date that opens its sentence ('In 1968, ...') moves the story on, unless
    it names a month or day years ahead of a story told by the day, in the middle of its paragraph ('On
    April 9 Baghdad fell ... In November 2008, Iraqi protesters staged a similar stomping ...' in 2003)."""
    if story is None or anchor is not None:
        return False
    reached = max(story.period.latest, furthest) if furthest is not None else story.period.latest
    if period.earliest.year - reached.year < FLASH_FORWARD_YEARS:
        return False
    if not opens_sentence(text, start):
        return True
    # an aside opening a sentence: a later event named by its month or day, years after a story told by
    # the day, in the middle of its paragraph; not 'In 1968, ...' nor 'By September 1919 the army ...'
    return (story.period.granularity == "day" and period.granularity in ("day", "month")
            and _same_paragraph(text, story.end, start) and not is_reference_time(text[max(0, start - 20):start]))


def is_flash_back(period: cal.Period, anchor: str | None, story: StoryTime | None, text: str, start: int) -> bool:
    """Whether a date of its own before the story's time, told inside a sentence ('This followed the
    election in December 2005'), is a look back, after which the story goes on where it was."""
    if story is None or anchor is not None or opens_sentence(text, start):
        return False
    if in_comparison(text, start):
        return True  # 'as opposed to a peak of 1,600 in summer 2007'
    if story.period.granularity not in ("day", "week", "month") or not _same_paragraph(text, story.end, start):
        return False
    return period.latest < story.period.earliest and (story.period.earliest - period.earliest).days < FLASH_BACK_DAYS


FLASH_BACK_DAYS = 366


def contains_story(period: cal.Period, story: StoryTime | None) -> bool:
    """Whether a coarser date contains the story's time ('On December 7, ... 1941'; 'in 1941'
    after 'December 7, 1941'): the story stays on its finer date."""
    return (story is not None and cal.GRAIN_ORDER.get(period.granularity, 99)
            > cal.GRAIN_ORDER.get(story.period.granularity, 99)
            and period.earliest <= story.period.earliest and story.period.latest <= period.latest)


def is_far(period: cal.Period, dct) -> bool:
    """Whether a date lies more than `NEAR_DAYS` before the publication date (stories are told
    of the past; 'notes due 1994' is no story's time)."""
    return period.latest < dct - _days(NEAR_DAYS)


#: Rules that speak from the publication date ('last week', 'Tuesday', 'a year ago'): news.
NOW_RULES = frozenset({"weekday", "weekday-abbr", "deictic", "relative-unit", "relative-month",
                       "month-of-relative-year", "ago", "part-of-deictic-day"})
#: Rules naming a day from the publication date ('last Tuesday', 'yesterday'): in a story they are
#: still what 'the next morning' counts from.
NOW_DAY_RULES = frozenset({"weekday", "weekday-abbr", "deictic"})
#: Words before a date that make it a starting point, not the story's time ('since 1980').
_SINCE = ("since ", "from ", "as of ")


def tells_a_story(candidates, resolve, dct) -> bool:
    """Whether most absolute dates of a document lie far from its publication date (a history, a
    backgrounder), judged before anchoring anything: `resolve(cand)` gives a rule's reading."""
    if dct is None:
        return True
    far = near = 0
    for cand in candidates:
        if cand.rule.name in NOW_RULES:
            near += 1
        elif cand.rule.name in ABSOLUTE_RULES and (reading := resolve(cand)) is not None and reading.period:
            if is_far(reading.period, dct):
                far += 1
            else:
                near += 1
    return far >= STORY_MIN_FAR and far >= STORY_RATIO * near


def passage_mode(policy: str, ctx: Context, cand: Candidate, story: StoryTime | None,
                 story_document: bool = True, opener_end: int = -1) -> str:
    """'narrative', 'news', or 'news-present' (news because the clause speaks of now: the story's
    time is kept for what follows) for the expression `cand`, under `policy`.  Under *auto*, a
    passage is narrative where the story's time is far from the publication date, the clause
    does not speak in the present or future, and the document mostly tells of such dates
    (`story_document`) or its paragraph opened a sentence with a date of its own ('In 1998, ...',
    which ends at `opener_end`)."""
    rule = cand.rule.name
    if story is None or policy == "news" or rule not in STORY_RULES | DEICTIC_RULES:
        return "news"
    if policy == "narrative":
        return "narrative"
    if rule in DEICTIC_RULES and not counts_from_story(cand) and not (
            story_document and rule in QUOTED_STORY_RULES and reported(ctx.text, cand.start)) and not (
            story_document and looks_back_from_story(cand, ctx)):
        return "news"
    return _story_mode(ctx, cand, story, story_document, opener_end)


def _story_mode(ctx: Context, cand: Candidate, story: StoryTime, story_document: bool, opener_end: int) -> str:
    """Under *auto*, for an expression the story's time could anchor: 'narrative' or 'news'."""
    if ctx.dct is not None:
        if not is_far(story.period, ctx.dct) and not (story_document and story.absolute):
            return "news"
        if not (story_document or _same_paragraph(ctx.text, opener_end, cand.start)):
            return "news"
        if not story_document and ctx.tense(cand.start, cand.end) in ("present", "future"):
            return "news-present"  # the text speaks of now; the story's time stays where it was
    return "narrative"


def _days(n: int):
    import datetime as dt

    return dt.timedelta(days=n)


def _same_paragraph(text: str, end: int, start: int) -> bool:
    return 0 <= end <= start and "\n" not in text[end:start]


#: Rules of durations that a narrative may use as dates ('two days after the siege was lifted').
DURATION_RULES = frozenset({"duration"})
#: What follows such a duration: 'after the fall of Girona', 'before,', 'previously'.
_COUNTED_FROM = re.compile(r"\s+(?P<dir>after|before|previously)\b(?!\s+(?:that|which)\b)", re.I)
#: A phrase in apposition to the date right before it: 'On 27 June 1950, two days after ...'.
_APPOSITION = re.compile(r"\s*,\s*")
#: ... unless it says how long something lasted ('held it for about a week before moving back').
_LASTING = re.compile(r"\b(?:for|within|over|during|in|of|than|lasted|lasting|took)\s+$", re.I)
_DURATION_VALUE = re.compile(r"P(\d+)([DWMY])")
_UNIT_GRAIN = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def dated_duration(cand: Candidate, ctx: Context, story: StoryTime) -> Reading | None:
    """In a narrative, 'N units after/before <an event>' dates the event that follows: counted from
    the story's time (the date of what was just told), or the date it stands in apposition to
    ('On 27 June 1950, two days after the invasion').  None when it is no such phrase."""
    follows = _COUNTED_FROM.match(ctx.text, cand.end)
    if follows is None or _LASTING.search(ctx.text, max(0, cand.start - 12), cand.start):
        return None
    reading = cand.rule.resolve(cand.match, ctx)
    if reading is None or reading.type != "DURATION":
        return None
    said = cand.match[0]
    last = ctx.last_period
    if (last is not None and last.granularity == "day" and 0 <= ctx.last_end <= cand.start
            and _APPOSITION.fullmatch(ctx.text, ctx.last_end, cand.start)):
        return Reading("DATE", last.value, last, f"'{said} {follows['dir']} ...' stands in apposition to the "
                       f"date before it, {last.describe()}", anchor=ctx.last_id, granularity="day")
    amount = _DURATION_VALUE.fullmatch(reading.value or "")
    if amount is None:
        return None
    n, unit = int(amount[1]), _UNIT_GRAIN[amount[2]]
    base, grain = story.period.earliest, story.period.granularity
    if grain not in ("day", "week", "month", "year") or cal.GRAIN_ORDER[grain] > cal.GRAIN_ORDER[unit]:
        return None  # 'two days after' a month: which day, the text does not say
    sign = 1 if follows["dir"].lower() == "after" else -1
    if unit in ("month", "year"):
        moved = cal.add_months(base, sign * n * (12 if unit == "year" else 1))
    else:
        moved = base + _days(sign * n * (7 if unit == "week" else 1))
    if unit == "year":
        grain = "year"  # 'five years previously': a year, however precise the story's date
    p = {"day": lambda: cal.day(moved), "week": lambda: cal.week(moved),
         "month": lambda: cal.month(moved.year, moved.month), "year": lambda: cal.year(moved.year)}[grain]()
    word = "after" if sign > 0 else "before"
    return Reading("DATE", p.value, p, f"'{said} {follows['dir']}' in a narrative passage dates what follows: "
                   f"{n} {unit}(s) {word} the last date mentioned ({story.period.describe()}), so {p.describe()}",
                   anchor=story.timex_id, granularity=grain)


#: Words of the present that, in a narrative passage, speak of the story's time when the clause
#: tells the story ('the army was now much smaller') or quotes what was said then ('"Now we have a
#: problem," Kennedy said'); in the present tense ('what is now Lyndhurst') they are the text's present.
STORY_PRESENT_WORDS = frozenset({"now", "currently", "at present", "presently", "at the moment", "today",
                                 "tonight", "this morning", "this afternoon", "this evening"})


def story_present(cand: Candidate, ctx: Context, reading: Reading, story: StoryTime) -> Reading | None:
    """'now', 'today' told in a narrative passage: the story's present.  'now' keeps TimeML's value
    PRESENT_REF (its reference time is the story's, as TIMEX3's anchorTimeID says) and takes the
    story's interval, so the timeline places it there; 'today' is the story's day when the story is
    at a day.  None when the words speak of the text's present."""
    said = " ".join(cand.match[0].lower().split())
    if said not in STORY_PRESENT_WORDS or reading.type not in ("DATE", "TIME"):
        return None
    if ctx.tense(cand.start, cand.end) in ("present", "future") and not reported(ctx.text, cand.start):
        return None
    p, when = story.period, story.period.describe()
    if reading.value != "PRESENT_REF" and p.granularity == "day":
        value = p.value if reading.type == "DATE" else f"{p.value}T{reading.value.rsplit('T', 1)[-1]}"
        return Reading(reading.type, value, p, f"{quoted_words(cand.match[0])} in a narrative passage is the "
                       f"story's day, the last date mentioned: {when}", anchor=story.timex_id,
                       granularity="day" if reading.type == "DATE" else "part-of-day")
    return Reading("DATE", "PRESENT_REF", p, f"{quoted_words(cand.match[0])} in a narrative passage is the "
                   f"story's present (PRESENT_REF), the time of the last date mentioned: {when}",
                   anchor=story.timex_id, granularity=p.granularity)


#: How far from the story's day a bare weekday of a story lies at most ('On Thursday' after '10 September').
STORY_WEEKDAY_DAYS = 3


def story_weekday(cand: Candidate, reading: Reading, story: StoryTime) -> Reading | None:
    """A bare weekday told in a story ('described Thursday's killing' after 'September 13, 2007'): the
    one nearest the story's day, within three days; a weekday of no known week (TimeML 'XXXX-WXX-4')
    when the story is at no day.  None for 'last Friday', 'next Monday' and the like."""
    m = cand.match
    if (m["rel"] or "").strip() or reading.type not in ("DATE", "TIME"):
        return None
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    part = reading.value.rsplit("T", 1)[-1] if reading.type == "TIME" else ""
    if story.period.granularity != "day":
        value = f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else "")
        return Reading(reading.type, value, None, f"{quoted_words(m[0])} in a narrative passage is a "
                       f"{WEEKDAY_NAMES[wd]} of a week the text does not say (the story's last date is "
                       f"{story.period.describe()})", anchor=story.timex_id, granularity="vague")
    day = story.period.earliest
    offset = min(range(-STORY_WEEKDAY_DAYS, STORY_WEEKDAY_DAYS + 1), key=lambda k: (
        (day + _days(k)).weekday() != wd, abs(k), -k))
    p = cal.day(day + _days(offset))
    value = p.value + (f"T{part}" if part else "")
    return Reading(reading.type, value, p, f"{quoted_words(m[0])} in a narrative passage = the "
                   f"{WEEKDAY_NAMES[wd]} nearest the story's day, the last date mentioned "
                   f"({story.period.describe()}): {p.describe()}", anchor=story.timex_id,
                   granularity="part-of-day" if part else "day")


def quoted_words(said: str) -> str:
    return "'" + " ".join(said.split()) + "'"


def narrative_context(ctx: Context, story: StoryTime) -> Context:
    """The context a resolver sees in a narrative passage: 'now' is the story's current time."""
    return replace(ctx, dct=story.period.earliest, narrative=True, story_said=story.period.describe(),
                   story_granularity=story.period.granularity)


def resolve(cand: Candidate, ctx: Context, policy: str, story: StoryTime | None,
            story_document: bool = True, opener_end: int = -1) -> tuple[Reading | None, str]:
    """The reading of `cand` under the anchoring policy, and the mode used ('news'/'narrative')."""
    mode = passage_mode(policy, ctx, cand, story, story_document, opener_end)
    if (cand.rule.name in DURATION_RULES and story is not None and policy != "news"
            and (policy == "narrative" or _story_mode(ctx, cand, story, story_document, opener_end) == "narrative")
            and (dated := dated_duration(cand, ctx, story)) is not None):
        return dated, "narrative"
    if mode != "narrative":
        reading = cand.rule.resolve(cand.match, ctx)
        if (reading is not None and cand.rule.name == "deictic" and story is not None and policy != "news"
                and (policy == "narrative" or _story_mode(ctx, cand, story, story_document, opener_end) == "narrative"
                     or (_story_mode(ctx, cand, story, story_document, opener_end) == "news-present"
                         and reported(ctx.text, cand.start)))
                and (present := story_present(cand, ctx, reading, story)) is not None):
            return present, "narrative"
        if (reading is not None and cand.rule.name == "weekday" and story is not None and policy != "news"
                and (policy == "narrative" or (story_document and _story_mode(
                    ctx, cand, story, story_document, opener_end) == "narrative"))
                and (weekday := story_weekday(cand, reading, story)) is not None):
            return weekday, "narrative"
        return reading, mode
    reading = cand.rule.resolve(cand.match, narrative_context(ctx, story))
    if reading is None:
        return None, mode
    if reading.anchor != PUB:
        return reading, mode  # anaphoric or absolute: anchored on what it names already
    said = story.period.describe()
    explanation = (reading.explanation.replace("the publication date", "the story's date")
                   .replace("the publication year", "the story's year")
                   .replace("publication", "story"))
    return replace(reading, anchor=story.timex_id,
                   explanation=f"{explanation} (in a narrative passage: anchored on the last date "
                               f"mentioned, {said})"), mode
