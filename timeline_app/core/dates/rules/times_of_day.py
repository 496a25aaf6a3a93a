"""Times and parts of the day: '10:30 a.m.', 'noon', 'the morning', 'late morning today'."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Reading
from timeline_app.core.dates.lexicon import DAY_WORD_OFFSETS, INFORMAL, PARTS_OF_DAY, WEEKDAYS
from timeline_app.core.dates.rules.common import day_of, month_of, needs_dct, quoted
from timeline_app.core.dates.rules.weekdays import weekday_date
from timeline_app.core.dates.year_choice import choose_year


def day_in_focus(m, ctx) -> cal.Period | None:
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
        return needs_dct(m, "TIME")
    word = INFORMAL.get(m["part"].lower(), m["part"].lower()).rstrip("s")
    code = PARTS_OF_DAY.get(word)
    if code is None:
        return None
    if focus := day_in_focus(m, ctx):
        return Reading("TIME", f"{focus.value}T{code}", focus, f"{quoted(m[0])} = that part of the day "
                       f"mentioned before ({focus.describe()})", anchor=ctx.last_id, granularity="part-of-day")
    if ctx.narrative and ctx.story_granularity not in ("day", "part-of-day", "hour", "minute"):
        return Reading("TIME", f"XXXX-XX-XXT{code}", None, f"{quoted(m[0])} names no particular day: the story's "
                       f"last date ({ctx.story_said}) is no day", granularity="vague")
    p = cal.day(ctx.dct)
    return Reading("TIME", f"{p.value}T{code}", p, f"{quoted(m[0])} = that part of the publication day "
                   f"({p.describe()})", anchor=PUB, granularity="part-of-day")


def r_part_of_deictic_day(m, ctx):
    """'mid-afternoon yesterday', 'late morning today'."""
    if ctx.dct is None:
        return needs_dct(m, "TIME")
    offset = DAY_WORD_OFFSETS[m["dd"].lower()]
    p = cal.day(ctx.dct + dt.timedelta(days=offset))
    return Reading("TIME", f"{p.value}T{PARTS_OF_DAY[m['part'].lower()]}", p,
                   f"{quoted(m[0])} = part of {p.describe()}", anchor=PUB, granularity="part-of-day")


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
        base = weekday_date(WEEKDAYS[m["wd"].lower().rstrip(".")], "", ctx, m.start(), m.end())[0]
        why = m["wd"]
    elif m["dd"]:
        offset = DAY_WORD_OFFSETS[m["dd"].lower()]
        base = ctx.dct + dt.timedelta(days=offset) if ctx.dct else None
        why = m["dd"].lower()
    if m["mdm"] and ctx.dct is not None:
        month, d = month_of(m["mdm"]), day_of(m["mdd"])
        y, _ = choose_year(month, d, ctx, m.start(), m.end())
        try:
            base, why = cal.Day(y, month, d), m["mdm"] + " " + m["mdd"]
        except ValueError:
            return None
    anchor = PUB
    if not (m["wd"] or m["dd"] or m["mdm"]) and (focus := day_in_focus(m, ctx)):
        base, why, anchor = focus.earliest, "the day mentioned before", ctx.last_id
    if base is None:
        return needs_dct(m, "TIME")
    if (anchor == PUB and not (m["wd"] or m["dd"] or m["mdm"]) and ctx.narrative
            and ctx.story_granularity not in ("day", "part-of-day", "hour", "minute")):
        return Reading("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", None, f"{quoted(m[0])} names no particular "
                       f"day: the story's last date ({ctx.story_said}) is no day", granularity="vague")
    p = cal.day(base)
    value = f"{p.value}T{hour:02d}:{minute:02d}"
    return Reading("TIME", value, p, f"{quoted(m[0])} = {hour:02d}:{minute:02d} on {why} "
                   f"({p.describe()})", anchor=anchor, granularity="minute")


def r_noon(m, ctx):
    word = m["w"].lower()
    hour = "12:00" if word in ("noon", "midday") else "00:00"
    base = ctx.dct
    if m["wd"]:
        base = weekday_date(WEEKDAYS[m["wd"].lower().rstrip(".")], "", ctx, m.start(), m.end())[0] if base else None
    if base is None:
        return needs_dct(m, "TIME")
    p = cal.day(base)
    return Reading("TIME", f"{p.value}T{hour}", p, f"{quoted(m[0])} = {hour} on {p.describe()}",
                   anchor=PUB, granularity="hour")
