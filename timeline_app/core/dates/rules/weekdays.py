"""Weekdays: 'Tuesday', 'last Friday', 'next Monday', 'the following Monday', 'Tuesday night'."""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Context, Reading
from timeline_app.core.dates.lexicon import PARTS_OF_DAY, WEEKDAY_NAMES, WEEKDAYS
from timeline_app.core.dates.rules.common import needs_dct, quoted
from timeline_app.core.dates.year_choice import AHEAD_CUE


#: In a past-tense clause, words that make an 'until' a deadline still ahead (see `AHEAD_CUE`).
_DEADLINE = re.compile(r"\b(?:deadline|extended|extends|postponed|delayed|given|gave|put off)\b", re.I)


#: 'Friday's shooting': a weekday that names an event, not when the clause's verb happens.
_POSSESSIVE = re.compile(r"['’]s\b")


def weekday_date(wd: int, rel: str, ctx: Context, start: int, end: int) -> tuple[cal.Day, str, str | None]:
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
    deadline = AHEAD_CUE.search(ctx.words_before(start)) and (
        tense != "past" or _DEADLINE.search(ctx.text[max(0, start - 60):start]))  # not 'Until Thursday, they had not'
    futurate = (tense == "present" and ctx.aspect(start, end) == "progressive"
                and not _POSSESSIVE.match(ctx.text, end))  # 'are meeting on Friday'; not 'Friday's shooting'
    if tense in ("future", "prospective") or deadline or futurate:
        reason = {"future": "future tense", "prospective": "the clause looks ahead"}.get(
            tense, "a present progressive, which with a day points ahead" if futurate else "a deadline or an appointment")
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7), f"the first one on or after {pub} ({reason})", PUB
    return dct - dt.timedelta(days=back), f"the latest one on or before {pub}", PUB


def r_weekday(m, ctx):
    if ctx.dct is None:
        return needs_dct(m)
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = " ".join((m["rel"] or "").lower().split())
    rel = "" if rel == "on" else rel
    d, why, anchor = weekday_date(wd, rel, ctx, m.start(), m.end())
    part = (m["part"] or "").lower()
    p = cal.day(d)
    value, type_, g = p.value, "DATE", "day"
    if part in PARTS_OF_DAY:
        value, type_, g = f"{p.value}T{PARTS_OF_DAY[part]}", "TIME", "part-of-day"
    return Reading(type_, value, p, f"{quoted(m[0])} = {why}: {WEEKDAY_NAMES[wd]} {p.describe()}",
                   anchor=anchor, granularity=g)
