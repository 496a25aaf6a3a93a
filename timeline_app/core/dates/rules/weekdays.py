"""Weekdays: 'Tuesday', 'last Friday', 'next Monday', 'the following Monday', 'Tuesday night'."""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import PUB, Context, Reading
from timeline_app.core.dates.lexicon import PARTS_OF_DAY, WEEKDAY_NAMES, WEEKDAYS
from timeline_app.core.dates.patterns import MONTH, WEEKDAY
from timeline_app.core.dates.rules.common import needs_dct, quoted
from timeline_app.core.dates.year_choice import AHEAD_CUE, APPOINTMENT_CUE


#: In a past-tense clause, words that make an 'until' a deadline still ahead (see `AHEAD_CUE`).
_DEADLINE = re.compile(r"\b(?:deadline|extended|extends|postponed|delayed|given|gave|put off)\b", re.I)


#: What makes a weekday abbreviated without a period ('Sun', 'sat', 'Wed') a weekday: a time or a date
#: after it ('Sun 1:00pm', 'Fri 2 May'), or another weekday it is listed with ('Mon and tues', 'Sat-Sun').
_WEEKDAY_WORD = rf"(?:{WEEKDAY}|(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)(?![\w'’]))"
BEFORE_A_TIME = re.compile(rf",?\s*(?:\d{{1,2}}(?:[:.]\d\d)?\s*[ap]\.?m\b|\d{{1,2}}:\d\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}"
                            rf"|{MONTH}\s*\d)", re.I)
_WEEKDAY_JOINER = r"\s*(?:,|and|or|&|(?P<range>[-–/]|to))\s*"
WEEKDAY_LISTED_AFTER = re.compile(_WEEKDAY_JOINER + _WEEKDAY_WORD, re.I)
_WEEKDAY_LISTED_BEFORE = re.compile(_WEEKDAY_WORD + r"(?:\s+(?:night|morning|evening|afternoon))?" + _WEEKDAY_JOINER + "$", re.I)


#: What stands between a day and a weekday that names it: 'May 5 (Tues', 'Jan. 12, Monday', and the days
#: of a range or list after it, of which the last is the one named: 'May 5 - 6 (Tues', 'May 9 - 10 and 16 - 17 (Sat'.
_APPOSITION = re.compile(r"(?:(?:\s*[-–]\s*|\s*,\s*|\s+(?:and|&)\s+)(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)*"
                         r"\s*[,(]\s*", re.I)


#: A weekday listed before one with a plural part of the day, which both share: 'Monday and Tuesday nights'.
_LISTED_BEFORE_PLURAL = re.compile(_WEEKDAY_JOINER + _WEEKDAY_WORD + r"\s+(?P<part>morning|afternoon|evening|night)s\b", re.I)


def listed_after_weekday(text: str, start: int) -> int | None:
    """Where the weekday that the one at `start` is listed after begins ('friday night or sat', 'Sat-Sun'),
    or None."""
    hit = _WEEKDAY_LISTED_BEFORE.search(text, max(0, start - 24), start)
    return hit.start() if hit else None


def _listed_in_range(text: str, start: int) -> bool:
    """Whether the weekday at `start` ends a range of weekdays ('Sat-Sun', 'Monday to Thursday')."""
    hit = _WEEKDAY_LISTED_BEFORE.search(text, max(0, start - 24), start)
    return hit is not None and hit["range"] is not None


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
    last = ctx.last_period
    if (not rel and last is not None and last.granularity == "day" and 0 <= ctx.last_end <= start
            and (apposed := _APPOSITION.fullmatch(ctx.text, ctx.last_end, start))):
        # 'May 5 - 6 (Tues-Wed 9:00am)', 'on Jan. 12, Monday': the weekday of the day it follows
        ref = last.earliest
        if apposed["d"] and int(apposed["d"]) > ref.day:
            try:
                ref = cal.Day(ref.year, ref.month, int(apposed["d"]))
            except ValueError:
                pass
        offset = min(range(-3, 4), key=lambda k: ((ref + dt.timedelta(days=k)).weekday() != wd, abs(k)))
        if (ref + dt.timedelta(days=offset)).weekday() == wd:
            return (ref + dt.timedelta(days=offset), f"the one nearest the day it stands after "
                    f"({cal.long_date(ref)})", ctx.last_id)
    if (not rel and last is not None and last.granularity == "day" and 0 <= ctx.last_end <= start
            and (listed := listed_after_weekday(ctx.text, start)) is not None and listed < ctx.last_end):
        # 'Sat-Sun': the first such day after the weekday that begins the range; 'friday night or sat',
        # 'made Friday and Thursday': on the same side of the publication date as the weekday listed before
        ref = last.earliest
        if _listed_in_range(ctx.text, start):
            return (ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7),
                    f"the first one after the weekday that begins its range ({cal.long_date(ref)})", ctx.last_id)
        if ref > dct or (ref == dct and ctx.tense(start, end) != "past"):
            return (dct + dt.timedelta(days=(wd - dct.weekday()) % 7), f"the first one on or after {pub}, as the "
                    f"weekday it is listed with ({cal.long_date(ref)})", PUB)
        return (dct - dt.timedelta(days=back), f"the latest one on or before {pub}, as the weekday it is listed "
                f"with ({cal.long_date(ref)})", PUB)
    tense = ctx.tense(start, end)
    deadline = AHEAD_CUE.search(ctx.words_before(start)) and (
        tense != "past" or _DEADLINE.search(ctx.text[max(0, start - 60):start])
        or APPOINTMENT_CUE.search(ctx.words_before(start)))  # not 'Until Thursday, they had not'
    # 'are meeting on Friday', 'flying out on sunday'; not 'Friday's shooting'
    futurate = (tense in ("present", "none") and ctx.aspect(start, end) == "progressive"
                and not _POSSESSIVE.match(ctx.text, end))
    if tense in ("future", "prospective") or deadline or futurate:
        reason = {"future": "future tense", "prospective": "the clause looks ahead"}.get(
            tense, "a present progressive, which with a day points ahead" if futurate else "a deadline or an appointment")
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7), f"the first one on or after {pub} ({reason})", PUB
    return dct - dt.timedelta(days=back), f"the latest one on or before {pub}", PUB


#: What begins a list of weekdays that happen regularly: 'every mon, wed, thur'.
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.I)


def in_a_list_of_every(text: str, start: int) -> bool:
    """Whether the weekday at `start` is listed after 'every <weekday>' ('wed' of 'every mon, wed, thur')."""
    seen = 0
    while (listed := listed_after_weekday(text, start)) is not None and seen < 7:
        start, seen = listed, seen + 1
    return seen > 0 and _EVERY.search(text, max(0, start - 8), start) is not None


def r_weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = " ".join((m["rel"] or "").lower().split())
    rel = "" if rel == "on" else rel
    plural = m["part"] if "plural" in m.re.groupindex and m["plural"] else None
    if not rel and not m["part"] and (shared := _LISTED_BEFORE_PLURAL.match(ctx.text, m.end())):
        plural = shared["part"]  # 'Monday' of 'on Monday and Tuesday nights'
    if not rel and plural:
        part = PARTS_OF_DAY[plural.lower()]
        value = f"XXXX-WXX-{wd + 1}T{part}"
        return Reading("SET", value, None, f"{quoted(m[0])} happens every week: every {WEEKDAY_NAMES[wd]} "
                       f"{plural.lower()} ({value})", granularity="vague")
    if not rel and in_a_list_of_every(ctx.text, m.start()):
        part = PARTS_OF_DAY.get((m["part"] or "").lower())
        value = f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else "")
        return Reading("SET", value, None, f"{quoted(m[0])} is listed after 'every': every {WEEKDAY_NAMES[wd]} "
                       f"({value})", granularity="vague")
    if ctx.dct is None:
        return needs_dct(m)
    d, why, anchor = weekday_date(wd, rel, ctx, m.start(), m.end())
    part = (m["part"] or "").lower()
    p = cal.day(d)
    value, type_, g = p.value, "DATE", "day"
    if part in PARTS_OF_DAY:
        value, type_, g = f"{p.value}T{PARTS_OF_DAY[part]}", "TIME", "part-of-day"
    return Reading(type_, value, p, f"{quoted(m[0])} = {why}: {WEEKDAY_NAMES[wd]} {p.describe()}",
                   anchor=anchor, granularity=g)
