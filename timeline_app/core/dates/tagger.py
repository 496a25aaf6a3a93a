"""Tagging a parsed document: rule candidates, trap filters, resolution in text order."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from timeline_app.core.dates import anchoring, calendar as cal
from timeline_app.core.dates.absolute import read_absolute
from timeline_app.core.model import Timex
from timeline_app.core.published import url_spans
from timeline_app.core.dates.syntax import span_of, tense_at
from timeline_app.core.dates.engine import PUB, Candidate, Context, extend_modifier
from timeline_app.core.dates.registry import find_candidates
from timeline_app.core.dates.lexicon import TRAP_PHRASES

#: Rules whose expressions may take a modifier in front ('early', 'nearly', ...).
_MODIFIABLE = {"month", "month-year", "year", "decade", "relative-unit", "month-day",
               "season-year", "relative-season", "quarter", "fiscal-year", "ago", "duration",
               "vague-duration", "weekday", "deictic", "part-of-day"}
#: A determiner before an adjectival, hyphenated duration or quarter is not part of it
#: ('the eight-year term' -> 'eight-year', 'the third-quarter results' -> 'third-quarter').
_HYPHEN_DET = re.compile(r"^(?:the|that|its|a|an)\s+(?=\S+-(?:\w+-)?(?:quarter|year|month|week|day|hour|minute)s?\b)", re.I)
_APPROX_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
_SPEECH = re.compile(r"\b(said|says|told|tells|asked|added|remarks|interview|statement|"
                     r"speech|wrote|declared|stated)\b", re.I)
_TRAP = re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in TRAP_PHRASES), re.I)
_COUNT_NEXT = re.compile(r"^\s*(?:%|percent|per\s?cent|votes?|people|points|units|shares|"
                         r"cars|barrels|tons|troops|workers|jobs|dollars|miles|feet|meters)\b", re.I)


def _is_trap(doc: Doc, cand: Candidate, text: str) -> bool:
    """Words that look like dates and are not: modal 'may', counts, money, idioms."""
    rule, m = cand.rule.name, cand.match
    span = span_of(doc, cand.start, cand.end)
    if span is None:
        return True
    first = span[0]
    if rule in ("month", "month-day", "day-month", "month-year"):
        word = m["m"]
        if rule == "month":
            if not word[0].isupper() or (len(word) <= 4 and not word.endswith(".")
                                         and word.lower() not in ("may", "june", "july")):
                return True
        tok = next((t for t in span if t.text.lower().startswith(word.lower().rstrip("."))), first)
        if tok.tag_ == "MD" or tok.pos_ == "VERB":
            return True
        if rule == "month" and word.lower() == "may" and tok.i == tok.sent.start:
            return True
    if rule == "year":
        before = text[max(0, cand.start - 2):cand.start]
        after = text[cand.end:cand.end + 12]
        if re.search(r"[$£€#]\s?$|No\.\s?$", before) or _COUNT_NEXT.match(after):
            return True
        if re.match(r"^[,.]\d", after) or re.search(r"\d[,.]$", before):
            return True
        tok = span.root
        if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return True
        if tok.ent_type_ == "CARDINAL" and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNS":
            return True
    if rule == "relative-season":
        tok = next((t for t in span if t.lower_ in ("spring", "fall", "summer", "winter", "autumn")), span.root)
        season_word = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.ent_type_ in ("", "DATE"))
        if not season_word or re.match(r"^\s+of\s+(?!\d)", text[cand.end:cand.end + 10], re.I):
            return True
    if rule == "deictic":
        tok = span.root
        word = span.text.lower()
        if word == "once" and (tok.dep_ in ("mark", "advmod") and tok.head.tag_ != "VBD"):
            return True
        if word in ("current", "future") and tok.dep_ == "amod" and tok.head.lower_ in (
                "account", "accounts", "affairs", "events", "generation", "prices", "price", "contract",
                "contracts", "delivery", "deliveries"):
            return True
        if word == "now" and text[cand.end:cand.end + 1] == "-":
            return True
        if word == "future" and (tok.pos_ != "NOUN" or tok.dep_ in ("amod", "compound")):
            return True  # 'future losses': an adjective; 'my future', 'in future': the future
    if rule == "duration" and (m[0].lower().endswith("old") or re.match(r"[\s-]+old\b", text[cand.end:cand.end + 6])):
        return True  # an age, not a period of time
    if rule == "duration" and re.match(r"\s+of\b", text[cand.end:cand.end + 4]) and "quarter" in m[0].lower():
        return True  # 'three-quarters of': a fraction
    if rule == "duration" and m["n"] and m["n"].lower() in ("a", "an"):
        before = text[max(0, cand.start - 12):cand.start]
        if re.search(r"(\d|percent|cents?|dollars?|times|once|twice)\s*$", before, re.I):
            return True
        if span.start > 0 and doc[span.start - 1].tag_ == "NNS":
            return True  # 'two flights a week': a rate, not a period
    if rule == "unit-noun":
        # only a qualified unit ('a long day', 'my day', 'all day', 'at night') is a time;
        # 'the day' alone is too often 'the day of the vote'
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is None:
            return True
        if m["u"].lower() == "night":
            return not (prev.lower_ in ("at", "tonight", "all", "last", "late") or prev.tag_ == "JJ")
        qualified = (prev.tag_ in ("JJ", "PRP$") and prev.ent_type_ != "ORDINAL" and prev.lower_ not in ("first", "last", "next", "same", "previous", "following", "other", "single"))
        return not (qualified or prev.lower_ in ("all", "whole", "entire", "another", "more"))
    if rule == "set-word" and span.root.pos_ != "ADV" and span.text.lower() in ("quarterly", "monthly", "yearly"):
        return True  # 'daily' is a frequency; 'the daily newspaper' is not
    if rule == "part-of-day" and _generic_part_of_day(doc, span, text, cand):
        return True
    if rule == "weekday" and first.pos_ == "PROPN" and first.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART"):
        return True
    return False


def _generic_part_of_day(doc: Doc, span, text: str, cand: Candidate) -> bool:
    """'dark nights', '$55 a night', 'the night the flight went down', 'the night of Oct. 23' (the
    date that follows is tagged): no part of a day the text dates."""
    word = cand.match["part"].lower()
    if word.endswith("s") or re.match(r"\s+of\b", text[cand.end:cand.end + 4]):
        return True
    if re.search(r"\d\s+a\s+$", text[max(0, cand.start - 8):cand.start]):
        return True  # a rate
    tok = span[-1]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (span[0].lower_ == "the" and nxt is not None
            and (nxt.pos_ in ("DET", "PRON") or nxt.lower_ in ("when", "that")))


def _in_reported_quote(doc: Doc, text: str, start: int, dct: cal.Day | dt.date | None, timexes: list[Timex]) -> bool:
    """True for 'today'/'now' said in a quote whose speech the text dates before publication."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    opening = sum(before.count(q) for q in "“\"") - before.count("”")
    if opening % 2 == 0 and before.count("“") <= before.count("”"):
        return False
    window_start = max(0, start - 600)
    for t in reversed(timexes):
        if t.end < window_start:
            break
        if dct and t.latest and t.latest < dct and t.type in ("DATE", "TIME"):
            sentence = span_of(doc, t.start, t.end)
            if sentence is not None and _SPEECH.search(sentence.sent.text):
                return True
    return False


def tag_timexes(doc: Doc, dct: cal.Day | dt.date | None, anchoring_policy: str = "auto") -> list[Timex]:
    """Temporal expressions of `doc`, resolved against `dct` and earlier mentions, anchored as
    `anchoring_policy` ('auto', 'news' or 'narrative'; see `anchoring`) says."""
    if anchoring_policy not in anchoring.ANCHORINGS:
        raise ValueError(f"anchoring must be one of {', '.join(anchoring.ANCHORINGS)}, not {anchoring_policy!r}")
    text = doc.text
    urls = url_spans(text)
    traps = [m.span() for m in _TRAP.finditer(text)]
    # candidates are resolved twice (once to be accepted, once in text order): parse once
    tense = lru_cache(maxsize=None)(lambda s, e: tense_at(doc, s, e))
    dct = cal.Day.of(dct) if dct is not None else None  # any year: arithmetic may leave 1..9999
    ctx = Context(dct=dct, tense=tense, text=text)
    blocked = urls + traps

    def accept(cand: Candidate) -> bool:
        if any(cand.start < e and s < cand.end for s, e in urls) or _is_trap(doc, cand, text):
            return False
        # a trap phrase blocks what overlaps it, not a longer expression built on it ('as soon as possible')
        if any(cand.start < e and s < cand.end and not (cand.start <= s and e < cand.end) for s, e in traps):
            return False
        if cand.rule.name in anchoring.NARRATIVE_ONLY_RULES:
            return True  # resolved (or dropped) in text order, where the story's time is known
        return cand.rule.resolve(cand.match, Context(dct, ctx.tense, text=text)) is not None

    out: list[Timex] = []
    story: anchoring.StoryTime | None = None
    candidates = find_candidates(text, accept)
    story_document = anchoring_policy == "auto" and anchoring.tells_a_story(
        candidates, lambda c: c.rule.resolve(c.match, Context(dct, ctx.tense, text=text)), dct)
    opener_end = -1  # end of the last date of its own that opened a sentence ('In 1998, ...')
    for cand in candidates:
        reading, mode = anchoring.resolve(cand, ctx, anchoring_policy, story, story_document, opener_end)
        if reading is None:
            continue
        start, mod = cand.start, reading.mod
        if det := _HYPHEN_DET.match(cand.match[0]):
            start += det.end()
        if mod is None and (edge := re.match(r"(mid|early|late)-", cand.match[0], re.I)):
            mod = {"mid": "MID", "early": "START", "late": "END"}[edge.group(1).lower()]
        if cand.rule.name in _MODIFIABLE:
            new_start, found_mod = extend_modifier(text, cand.start)
            if found_mod and (reading.type == "DURATION" or found_mod not in _APPROX_MODS):
                start, mod = new_start, mod or found_mod
        value, period, explanation = reading.value, reading.period, reading.explanation
        granularity = reading.granularity or (period.granularity if period else "vague")
        if (reading.type in ("DATE", "TIME") and period is not None and cand.rule.name == "deictic"
                and _in_reported_quote(doc, text, cand.start, dct, out)):
            value, period, granularity = "PRESENT_REF", None, "vague"
            explanation = (f"'{cand.match[0]}' is said in a quote the text dates before the "
                           "publication day, so it is the speaker's present, not a calendar date")
        timex = Timex(
            id=f"t{len(out) + 1}", start=start, end=cand.end, text=text[start:cand.end],
            type=reading.type, value=value,
            earliest=period.earliest if period else None, latest=period.latest if period else None,
            granularity=granularity, anchor=reading.anchor, explanation=explanation, mod=mod,
            rule=cand.rule.name,
        )
        out.append(timex)
        # in a story, a date counted from the publication ('the last week') is not the story's time
        from_now = story_document and reading.anchor == PUB
        if period is not None and reading.type in ("DATE", "TIME") and granularity != "vague" and not from_now:
            ctx.last_period = cal.Period(value.split("T")[0] if value else "", period.earliest,
                                         period.latest, period.granularity)
            ctx.last_id = timex.id
            ctx.last_end = timex.end
            if period.granularity == "quarter":
                ctx.last_quarter, ctx.last_quarter_id = ctx.last_period, timex.id
            if anchoring.is_story_time(period, value, text[max(0, start - 8):start]) and mode != "news-present":
                story = anchoring.StoryTime(ctx.last_period, timex.id, timex.end, absolute=reading.anchor is None)
                if reading.anchor is None and anchoring.opens_sentence(text, start):
                    opener_end = timex.end
    _add_absolute_entities(doc, out, blocked)
    out.sort(key=lambda t: t.start)
    out = _join_day_and_clock(out, text)
    return [t if t.id == f"t{k + 1}" else _renumber(t, k + 1) for k, t in enumerate(out)]


_CLOCK_VALUE = re.compile(r"T(\d\d:\d\d)$")
_DAY_CLOCK_GAP = re.compile(r"\s*(?:,|at|@|,\s*at)?\s*", re.I)


def _join_day_and_clock(out: list[Timex], text: str) -> list[Timex]:
    """'this Sat, 7pm', 'Tuesday at 9 a.m.', '6pm tmr': one point in time, not a day and a time."""
    joined: list[Timex] = []
    i = 0
    while i < len(out):
        a, b = out[i], out[i + 1] if i + 1 < len(out) else None
        if b is not None and _DAY_CLOCK_GAP.fullmatch(text[a.end:b.start]):
            day, clock = (a, b) if a.type == "DATE" else (b, a)
            hhmm = _CLOCK_VALUE.search(clock.value or "") if clock.type == "TIME" else None
            if hhmm and day.type == "DATE" and day.granularity == "day" and day.value:
                joined.append(replace(day, start=a.start, end=b.end, text=text[a.start:b.end], type="TIME",
                                      value=f"{day.value}T{hhmm.group(1)}", granularity="minute",
                                      explanation=f"{day.explanation}; at {hhmm.group(1)}", rule=clock.rule))
                i += 2
                continue
        joined.append(a)
        i += 1
    return joined


def _renumber(t: Timex, number: int) -> Timex:
    return replace(t, id=f"t{number}")


def _add_absolute_entities(doc: Doc, out: list[Timex], blocked: list[tuple[int, int]]) -> None:
    """spaCy DATE entities no rule matched, when dateparser reads them as an absolute date."""
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start_char, ent.end_char
        if any(start < e and s < end for s, e in blocked):
            continue
        inside = [t for t in out if start < t.end and t.start < end]
        # a rule that read only part of it ('2015' of '26nov 2015') gives way to the whole
        if any(t.start < start or t.end > end or t.rule not in ("year", "month", "month-year")
               for t in inside):
            continue
        period = read_absolute(ent.text)
        if period is None or (inside and not any(
                cal.GRAIN_ORDER[period.granularity] < cal.GRAIN_ORDER[t.granularity] for t in inside)):
            continue
        for t in inside:
            out.remove(t)
        out.append(Timex(id=f"t{len(out) + 1}", start=start, end=end, text=ent.text, type="DATE",
                         value=period.value, earliest=period.earliest, latest=period.latest,
                         granularity=period.granularity, anchor=None,
                         explanation=f"'{ent.text}' is an absolute date ({period.describe()}), read by dateparser",
                         rule="absolute-dateparser"))

