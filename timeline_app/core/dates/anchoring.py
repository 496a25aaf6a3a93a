"""The anchoring policy: which date an expression without its own year or day is anchored on.

Rules say what the text says ("a month-day, year unknown"); this module alone decides where
it is anchored, as HeidelTime's second pass does:

- *news*: deictic expressions, and the year of month-days, months, seasons and weekdays, from
  the publication date, with the tense rules of `timexes.choose_year`;
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
from timeline_app.core.dates.timexes import PUB, Candidate, Context, Reading

ANCHORINGS = ("auto", "news", "narrative")

#: Rules whose year (or day) comes from an anchor rather than from the text.
ANCHORED_RULES = frozenset({
    "month-day", "day-month", "month", "relative-month", "month-of-relative-year", "period-edge",
    "relative-season", "quarter", "half", "holiday", "year-end", "the-year", "spelled-decade",
    "relative-unit", "week-of", "shifted", "anaphoric", "anaphoric-before", "bc-bare-year",
})
#: Rules that read something only in a narrative passage ('in 480' after '481 BC').
NARRATIVE_ONLY_RULES = frozenset({"bc-bare-year"})
#: Rules naming a day relative to now: narrative only when their sentence names the story's date.
DAY_WORD_RULES = frozenset({
    "weekday", "weekday-abbr", "deictic", "part-of-deictic-day", "weekend", "clock", "noon", "part-of-day",
})
#: Story time: the last date mentioned at one of these granularities.
STORY_GRANULARITIES = frozenset({"day", "part-of-day", "hour", "minute", "week", "month", "quarter",
                                 "season", "half", "year"})
#: A story date this close to the publication date reads the same either way: news rules apply.
NEAR_DAYS = 366


@dataclass(frozen=True)
class StoryTime:
    """The story's current time: the last date mentioned, where it ends in the text and its id."""

    period: cal.Period
    timex_id: str
    end: int


def is_story_time(period: cal.Period | None, value: str | None) -> bool:
    return (period is not None and period.granularity in STORY_GRANULARITIES
            and bool(value) and not value.startswith("P"))


def passage_mode(policy: str, ctx: Context, cand: Candidate, story: StoryTime | None) -> str:
    """'narrative', 'news', or 'news-present' (news because the clause speaks of now: the story's
    time is kept for what follows) for the expression `cand`, under `policy`."""
    rule = cand.rule.name
    if story is None or policy == "news" or rule not in ANCHORED_RULES | DAY_WORD_RULES:
        return "news"
    if policy == "narrative":
        return "narrative"
    if rule in DAY_WORD_RULES and not _same_sentence(ctx.text, story.end, cand.start):
        return "news"
    if ctx.dct is not None:
        near = (story.period.latest >= ctx.dct - _days(NEAR_DAYS)
                and story.period.earliest <= ctx.dct + _days(NEAR_DAYS))
        if near:
            return "news"
        if ctx.tense(cand.start, cand.end) in ("present", "future"):
            return "news-present"  # the text speaks of now; the story's time stays where it was
    return "narrative"


def _days(n: int):
    import datetime as dt

    return dt.timedelta(days=n)


def _same_sentence(text: str, end: int, start: int) -> bool:
    return 0 <= end <= start and not re.search(r"[.!?]\s|\n", text[end:start])


def narrative_context(ctx: Context, story: StoryTime) -> Context:
    """The context a resolver sees in a narrative passage: 'now' is the story's current time."""
    return replace(ctx, dct=story.period.earliest, narrative=True, story_said=story.period.describe(),
                   story_granularity=story.period.granularity)


def resolve(cand: Candidate, ctx: Context, policy: str, story: StoryTime | None) -> tuple[Reading | None, str]:
    """The reading of `cand` under the anchoring policy, and the mode used ('news'/'narrative')."""
    mode = passage_mode(policy, ctx, cand, story)
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
