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

ANCHORINGS = ("auto", "news", "narrative")

#: Rules whose year comes from the story's time in a narrative passage ('June 10', 'in April',
#: 'the summer', 'in 480'): what a story names without repeating its year.
STORY_RULES = frozenset({
    "month-day", "day-month", "month", "relative-season", "holiday", "week-of", "period-edge",
    "bc-bare-year", "part-of-day",
})
#: Rules that read something only in a narrative passage ('in 480' after '481 BC').
NARRATIVE_ONLY_RULES = frozenset({"bc-bare-year"})
#: Deictic rules ('last year', 'this week', 'Tuesday', 'today', 'a year ago'): the publication date
#: in news and under *auto*; the story's time only when the policy is *narrative*.
DEICTIC_RULES = frozenset({
    "relative-month", "month-of-relative-year", "quarter", "half", "year-end", "the-year", "spelled-decade",
    "relative-unit", "ago", "shifted", "anaphoric", "anaphoric-before", "weekday", "weekday-abbr", "deictic",
    "part-of-deictic-day", "weekend", "clock", "noon", "decade",
})
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


def is_story_time(period: cal.Period | None, value: str | None, words_before: str = "") -> bool:
    """Whether a date just resolved becomes the story's current time ('since 1980' does not)."""
    return (period is not None and period.granularity in STORY_GRANULARITIES
            and bool(value) and not value.startswith("P") and not words_before.lower().endswith(_SINCE))


def is_far(period: cal.Period, dct) -> bool:
    """Whether a date lies more than `NEAR_DAYS` before the publication date (stories are told
    of the past; 'notes due 1994' is no story's time)."""
    return period.latest < dct - _days(NEAR_DAYS)


#: Rules that speak from the publication date ('last week', 'Tuesday', 'a year ago'): news.
NOW_RULES = frozenset({"weekday", "weekday-abbr", "deictic", "relative-unit", "relative-month",
                       "month-of-relative-year", "ago", "part-of-deictic-day"})
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
    if rule in DEICTIC_RULES:
        return "news"
    if ctx.dct is not None:
        if not is_far(story.period, ctx.dct):
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


def narrative_context(ctx: Context, story: StoryTime) -> Context:
    """The context a resolver sees in a narrative passage: 'now' is the story's current time."""
    return replace(ctx, dct=story.period.earliest, narrative=True, story_said=story.period.describe(),
                   story_granularity=story.period.granularity)


def resolve(cand: Candidate, ctx: Context, policy: str, story: StoryTime | None,
            story_document: bool = True, opener_end: int = -1) -> tuple[Reading | None, str]:
    """The reading of `cand` under the anchoring policy, and the mode used ('news'/'narrative')."""
    mode = passage_mode(policy, ctx, cand, story, story_document, opener_end)
    if mode != "narrative":
        return cand.rule.resolve(cand.match, ctx), mode
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
