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
from timeline_app.core.dates.syntax import doc_text, span_of, story_aspect, tense_at
from timeline_app.core.dates.engine import PUB, Candidate, Context, extend_modifier, lowered_for_gates
from timeline_app.core.dates.registry import RULES, find_candidates
from timeline_app.core.dates.lexicon import (
    FALL_AS_DROP_ADJECTIVES, NUMBERED_THINGS, PARTS_OF_DAY, SEASON_EVENT_NOUNS, SOON_WORDS, TRAP_PHRASES,
)
from timeline_app.core.dates.patterns import ERA_BC, alternation, fewest_words
from timeline_app.core.dates.rules.weekdays import BEFORE_A_TIME, WEEKDAY_LISTED_AFTER, listed_after_weekday

#: A publication date in a leap year, to tell whether a month-day exists in some year ('February 29').
_LEAP_DAY = cal.Day(2000, 3, 1)
#: Rules whose expressions may take a modifier in front ('early', 'nearly', ...).
_MODIFIABLE = {"month", "month-year", "year", "decade", "relative-unit", "month-day",
               "season-year", "relative-season", "quarter", "fiscal-year", "ago", "duration",
               "vague-duration", "weekday", "deictic", "part-of-day", "ordinal-day", "century"}
#: A determiner before an adjectival, hyphenated duration or quarter is not part of it
#: ('the eight-year term' -> 'eight-year', 'the third-quarter results' -> 'third-quarter').
_HYPHEN_DET = re.compile(r"^(?:the|that|its|a|an)\s+(?=\S+-(?:\w+-)?(?:quarter|year|month|week|day|hour|minute)s?\b)", re.I)
_APPROX_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
_SPEECH = re.compile(r"\b(said|says|told|tells|asked|added|remarks|interview|statement|"
                     r"speech|wrote|declared|stated)\b", re.I)
#: ('(?<!\w)(?:a|b)(?!\w)' is '(?<!\w)a(?!\w)|(?<!\w)b(?!\w)', without the lookbehind tried per phrase)
_TRAP = re.compile(rf"(?<!\w)(?:{alternation(TRAP_PHRASES)})(?!\w)", re.I)
_TRAP_WORDS = fewest_words(TRAP_PHRASES)  # a text without any of them has no trap phrase
_COUNT_NEXT = re.compile(r"^\s*(?:%|percent|per\s?cent|votes?|people|points|units|shares|"
                         r"cars|barrels|tons|troops|workers|jobs|dollars|miles|feet|meters)\b", re.I)


_NUMBERED_THING = re.compile(rf"\b(?:{'|'.join(NUMBERED_THINGS)})\.?\s+$", re.I)


_TITLE_OPENS = re.compile(r"[\"“]((?:[A-Z][\w'’-]*\s+){0,4})$")
_TITLE_CLOSES = re.compile(r"((?:\s+[A-Z][\w'’-]*){0,4})[\"”]")


def _in_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word of a title in quotation marks, with other capitalised words
    ('"White Christmas"', '"Easter Parade"'); not a holiday quoted alone ('"Christmas Eve"') nor an
    operation named by when it was fought ('the "Ramadan Offensive"')."""
    opens = _TITLE_OPENS.search(text, max(0, start - 40), start)
    closes = _TITLE_CLOSES.match(text, end)
    return (opens is not None and closes is not None and bool(opens.group(1) or closes.group(1))
            and not any(w.lower() in SEASON_EVENT_NOUNS for w in closes.group(1).split()))  # '"Tet Offensive"'


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
            if not (word[0].isupper() or word.lower() in _PLAIN_MONTHS) or (
                    len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july")):
                return True  # 'may', 'march', 'august': words; 'november' in a tweet is the month
        tok = next((t for t in span if t.text.lower().startswith(word.lower().rstrip("."))), first)
        if tok.tag_ == "MD" or tok.pos_ == "VERB":
            return True
        if rule == "month" and word.lower() == "may" and tok.i == tok.sent.start:
            return True
        if rule == "month" and tok.ent_type_ == "PERSON" and tok.i > 0 and doc[tok.i - 1].ent_type_ == "PERSON":
            return True  # "Theresa May's deal": a name
        if rule == "month" and word.lower() == "march" and _is_a_march(doc, tok):
            return True
    if rule == "holiday" and _in_quoted_title(text, cand.start, cand.end):
        return True  # 'the song "White Christmas" was broadcast': a title, not the day
    if rule == "relative-month" and m["m"] == "may":
        return True  # 'any benefit this may have': the modal
    if rule == "year":
        before = text[max(0, cand.start - 2):cand.start]
        after = text[cand.end:cand.end + 12]
        if re.search(r"[$£€#]\s?$|No\.\s?$", before) or _COUNT_NEXT.match(after):
            return True
        if _NUMBERED_THING.search(text, max(0, cand.start - 16), cand.start):
            return True  # 'Security Council Resolution 1483', 'Flight 1549': a number, not a year
        if re.match(r"^[,.]\d", after) or re.search(r"\d[,.]$", before):
            return True
        tok = span.root
        if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return True
        if tok.ent_type_ == "CARDINAL" and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNS":
            return True
    if rule == "relative-season":
        tok = next((t for t in span if t.lower_ in ("spring", "fall", "summer", "winter", "autumn")), span.root)
        season_word = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and (tok.ent_type_ in ("", "DATE") or (
            tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in SEASON_EVENT_NOUNS)))  # "the Spring Offensive"
        if not season_word or re.match(r"^\s+of\s+(?!\d)", text[cand.end:cand.end + 10], re.I):
            return True
        if tok.lower_ == "fall" and re.search(r"\w['’]s\s+$", text[max(0, tok.idx - 12):tok.idx]) and not re.search(
                r"(?:year|month|week|season)['’]s\s+$", text[max(0, tok.idx - 12):tok.idx], re.I):
            return True  # "Baghdad's fall", "the city's fall": a collapse, not the autumn
        if tok.lower_ == "fall" and any(c.dep_ == "amod" and c.lower_ in FALL_AS_DROP_ADJECTIVES or (
                c.dep_ == "det" and c.lower_ in ("a", "an")) for c in tok.children):
            return True  # "The final fall took two days", "a sharp fall": a collapse or a drop
        if re.match(r"-(?!(?:spring|summer|autumn|fall|winter)\b)[a-z]", text[cand.end:cand.end + 9], re.I):
            return True  # 'fall-back plans', 'spring-loaded': part of another word
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
        if word in SOON_WORDS and (tense_at(doc, cand.start, cand.end) == "past" or _past_head(tok)):
            return True  # 'was soon besieged': soon after the story's time, no future of the text's
        if word in SOON_WORDS and re.match(r"\s+(?:after|before|afterwards?|thereafter)\b", text[cand.end:cand.end + 14], re.I):
            return True  # 'soon after', 'shortly before': close to an event, no time of the text's
        if word == "future" and (tok.pos_ != "NOUN" or tok.dep_ in ("amod", "compound")):
            return True  # 'future losses': an adjective; 'my future', 'in future': the future
    if rule == "duration" and (m[0].lower().endswith("old") or re.match(r"[\s-]+old\b", text[cand.end:cand.end + 6])):
        return True  # an age, not a period of time
    if rule == "duration" and re.match(r"\s+of\b", text[cand.end:cand.end + 4]) and "quarter" in m[0].lower():
        return True  # 'three-quarters of': a fraction
    if rule == "duration" and "adj" in m.re.groupindex and m["adj"]:
        words = span_of(doc, m.start("adj"), m.end("adj") - 1)
        if words is None or any(w.pos_ != "ADJ" for w in words):
            return True  # 'two Japanese ships', 'five people a day': not 'ten brutal months'
    if rule == "duration" and _unit_word(m["u"]) == "quarter" and re.search(
            r"^(?:some|many|other|certain|all)\s+quarters\b", m[0], re.I):
        return True  # 'it was argued in some quarters': circles of people
    if rule == "duration" and _unit_word(m["u"]) == "second" and _ordinal_second(doc, span):
        return True  # 'a second attack', 'a Second Battle': the ordinal
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
    if rule == "day-of-month":
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or nxt.text in ("-", "–")):
            return True  # 'the 20th century', 'the 5th Army', 'the 28 members': not a day
    if rule == "bare-units" and re.match(r"\s+(?:of\s+)?(?:1[0-9]\d\d|20\d\d)\b", text[cand.end:cand.end + 9]):
        return True  # 'the years 1861-1865': the years named, no duration
    if rule == "set-word" and span.root.pos_ != "ADV" and span.text.lower() in ("quarterly", "monthly", "yearly"):
        return True  # 'daily' is a frequency; 'the daily newspaper' is not
    if rule == "part-of-day" and _generic_part_of_day(doc, span, text, cand):
        return True
    if rule == "weekday" and first.pos_ == "PROPN" and first.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART"):
        return True
    if rule == "weekday-abbr" and not m["rel"]:
        return not (BEFORE_A_TIME.match(text, cand.end) or WEEKDAY_LISTED_AFTER.match(text, cand.end)
                    or listed_after_weekday(text, cand.start) is not None)
    return False



#: Month names that are no other word: a month even written in lower case, as in tweets ('waiting for november').
_PLAIN_MONTHS = {"january", "february", "september", "october", "november", "december"}
#: Words before 'March' that keep it the month ('in early March', 'Late March').
_MONTH_MODIFIERS = {"early", "late", "mid", "in", "by", "since", "until", "from", "through", "last", "next", "this"}


def _is_a_march(doc: Doc, tok) -> bool:
    """'the Long March', 'the March to the Sea', 'their march on Rome': a march, not the month."""
    i = tok.i - 1
    while i >= 0 and doc[i].is_quote:
        i -= 1  # 'his "March to the Sea"'
    prev = doc[i] if i >= 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    if (prev is not None and prev.text[:1].isupper() and prev.pos_ in ("PROPN", "ADJ")
            and prev.lower_ not in _MONTH_MODIFIERS and before is not None and before.lower_ == "the"):
        return True  # a name: 'the Long March', 'the Salt March'
    return (prev is not None and prev.pos_ in ("DET", "PRON") and nxt is not None
            and nxt.lower_ in ("to", "on", "through", "across", "into", "of"))


def _past_head(tok) -> bool:
    """Whether the verb a word modifies is a simple past ('and soon besieged Imphal'): a VBD, or a bare
    participle with no auxiliary of its own."""
    head = tok.head
    return head.tag_ == "VBD" or (head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children))


def _unit_word(word: str) -> str:
    return word.lower().rstrip("s")


def _ordinal_second(doc: Doc, span) -> bool:
    """'second' in 'a second attack' is an ordinal: it modifies a noun, or spaCy says so."""
    tok = span[-1]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (tok.tag_ == "JJ" or tok.ent_type_ == "ORDINAL" or tok.dep_ == "amod"
            or (nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ")))


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
    text = doc_text(doc)
    lowered = lowered_for_gates(text)
    # (a URL holds '://' or 'www.': a text without either has none, and `url_spans` need not look)
    urls = url_spans(text) if lowered is None or "://" in text or "www." in lowered else []
    traps = [m.span() for m in _TRAP.finditer(text)] if lowered is None or any(
        w in lowered for w in _TRAP_WORDS) else []
    # candidates are resolved twice (once to be accepted, once in text order): parse once
    tense = lru_cache(maxsize=None)(lambda s, e: tense_at(doc, s, e))
    dct = cal.Day.of(dct) if dct is not None else None  # any year: arithmetic may leave 1..9999
    aspect = lru_cache(maxsize=None)(lambda s, e: story_aspect(doc, s, e))
    ctx = Context(dct=dct, tense=tense, text=text, aspect=aspect)
    blocked = urls + traps
    first_readings: dict[int, object] = {}  # by id: the candidates live as long as this call

    def first_reading(cand: Candidate):
        """What the rule reads from the publication date alone (asked twice: read once)."""
        if (key := id(cand)) not in first_readings:
            first_readings[key] = cand.rule.resolve(cand.match, Context(dct, ctx.tense, text=text))
        return first_readings[key]

    def accept(cand: Candidate) -> bool:
        if any(cand.start < e and s < cand.end for s, e in urls) or _is_trap(doc, cand, text):
            return False
        # a trap phrase blocks what overlaps it, not a longer expression built on it ('as soon as possible')
        if any(cand.start < e and s < cand.end and not (cand.start <= s and e < cand.end) for s, e in traps):
            return False
        if cand.rule.name in anchoring.TEXT_ORDER_RULES:
            return True  # resolved (or dropped) in text order, where the story's time is known
        if first_reading(cand) is not None:
            return True
        # 'February 29' in a story: its year (a leap year) is chosen in text order
        return (cand.rule.name in anchoring.STORY_RULES and dct is not None
                and cand.rule.resolve(cand.match, Context(_LEAP_DAY, ctx.tense, text=text)) is not None)

    out: list[Timex] = []
    story: anchoring.StoryTime | None = None
    furthest: cal.Day | None = None  # the latest story time reached so far
    candidates = find_candidates(text, accept)
    story_document = anchoring_policy == "auto" and anchoring.tells_a_story(candidates, first_reading, dct)
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
                and reading.anchor == PUB and _in_reported_quote(doc, text, cand.start, dct, out)):
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
        from_now = story_document and reading.anchor == PUB and cand.rule.name not in anchoring.NOW_DAY_RULES
        # a day within a month or year the text does not say ("1990-XX-XX") dates nothing finer
        if (period is not None and reading.type in ("DATE", "TIME") and granularity != "vague" and not from_now
                and value
                and "X" not in (value or "") and not (value or "").endswith("_REF")
                and not (story is not None and aspect(cand.start, cand.end) == "pluperfect"
                         and anchoring.is_start_point(text[max(0, start - 8):start]))):
            ctx.last_period = cal.Period(value.split("T")[0] if value else "", period.earliest,
                                         period.latest, period.granularity)
            if cand.rule.name in _DAY_RULES and granularity == "day" and (
                    last_day := _last_day_listed(period.earliest, cand.end, text)) != period.earliest:
                # 'April 8-12', 'May 6, 7 and 9': what follows counts from the range's or list's last day
                ctx.last_period = cal.day(last_day)
            ctx.last_id = timex.id
            ctx.last_end = timex.end
            if period.granularity == "quarter":
                ctx.last_quarter, ctx.last_quarter_id = ctx.last_period, timex.id
                ctx.last_quarter_end = timex.end
            if (anchoring.is_story_time(period, value, text[max(0, start - 8):start]) and mode != "news-present"
                    and cand.rule.name not in anchoring.ORIGIN_COUNTED_RULES
                    and anchoring.moves_story(aspect(cand.start, cand.end), ctx.words_before(start))
                    and not anchoring.looks_back(period, reading.anchor, story)
                    and not anchoring.contains_story(period, story)
                    and not anchoring.is_flash_forward(period, reading.anchor, story, furthest, text, start)
                    and not anchoring.is_flash_back(period, reading.anchor, story, text, start)
                    and not anchoring.is_end_point(text, start)
                    and not anchoring.is_planned(text, start, reading.anchor, story, period)):
                story = anchoring.StoryTime(ctx.last_period, timex.id, timex.end, absolute=reading.anchor is None)
                furthest = story.period.latest if furthest is None else max(furthest, story.period.latest)
                if reading.anchor is None and anchoring.opens_sentence(text, start):
                    opener_end = timex.end
    _add_absolute_entities(doc, out, blocked)
    out.sort(key=lambda t: t.start)
    merged: dict[str, str] = {}
    out = _join_day_and_clock(out, text, merged)
    out = _part_of_day_of(out, text, merged)
    if merged:  # what was anchored on a time joined to its day is anchored on the joined time
        out = [replace(t, anchor=merged[t.anchor]) if t.anchor in merged else t for t in out]
    out = _clock_on_day(out, text)
    out = _range_ends(out, text, story_document)
    renamed = {t.id: f"t{k + 1}" for k, t in enumerate(out)}
    return [t if t.id == renamed[t.id] and t.anchor not in renamed else
            replace(t, id=renamed[t.id], anchor=renamed.get(t.anchor, t.anchor)) for t in out]


_CLOCK_VALUE = re.compile(r"T(\d\d:\d\d)$")
_DAY_CLOCK_GAP = re.compile(r"\s*(?:,|at|@|,\s*at)?\s*", re.I)


def _join_day_and_clock(out: list[Timex], text: str, merged: dict[str, str]) -> list[Timex]:
    """'this Sat, 7pm', 'Tuesday at 9 a.m.', '6pm tmr': one point in time, not a day and a time (the ids
    joined away go to `merged`, each to the id of the joined time)."""
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
                merged[clock.id] = day.id
                i += 2
                continue
        joined.append(a)
        i += 1
    return joined


#: A part of the day said of the day after it: 'the morning of 31 January 1965', 'the night of April 18,
#: 1775', 'early in the morning of 29 April 1975', 'the early morning hours of 30 April'.
_PART_OF_DAY_OF = re.compile(r"(?<![\w-])(?:(?P<edge>early|late)\s+(?:in\s+)?)?(?:the\s+)?"
                             r"(?:(?P<edge2>early|late)\s+)?(?P<part>morning|afternoon|evening|night)(?:\s+hours)?"
                             r"\s+of\s+$", re.I)


def _part_of_day_of(out: list[Timex], text: str, merged: dict[str, str]) -> list[Timex]:
    """'the morning of 31 January 1965': that day's morning, one TIME (`1965-01-31TMO`), not the day alone
    (and not the morning of the day mentioned before); what it covers is joined away (ids to `merged`)."""
    days = [t for t in out if t.type == "DATE" and t.granularity == "day" and t.value and "T" not in t.value]
    if not days:
        return out
    replaced: dict[str, Timex] = {}
    for t in days:
        hit = _PART_OF_DAY_OF.search(text, max(0, t.start - 48), t.start)
        if hit is None:
            continue
        part = hit["part"].lower()
        edge = (hit["edge"] or hit["edge2"] or "").lower()
        said = text[hit.start():t.end]
        replaced[t.id] = replace(
            t, start=hit.start(), text=said, type="TIME", value=f"{t.value}T{PARTS_OF_DAY[part]}",
            granularity="part-of-day", mod={"early": "START", "late": "END"}.get(edge, t.mod),
            explanation=f"'{' '.join(said.split())}' = the {part} of {cal.long_date(t.earliest)}; {t.explanation}")
    if not replaced:
        return out
    kept: list[Timex] = []
    for t in out:
        if t.id in replaced:
            kept.append(replaced[t.id])
        elif (within := next((r for r in replaced.values() if r.start <= t.start and t.end <= r.end), None)):
            merged[t.id] = within.id  # 'early morning' and 'hours' of 'the early morning hours of 30 April'
        else:
            kept.append(t)
    return kept


#: What stands between a time of day and the day it is on: 'At 5:34 AM Baghdad time on March 20, 2003'.
_CLOCK_ON_DAY_GAP = re.compile(r"\s+(?:(?-i:[A-Z][\w.-]*)\s+)?(?:time\s+)?on\s+(?:the\s+)?", re.I)


def _clock_on_day(out: list[Timex], text: str) -> list[Timex]:
    """A time of day followed by the day it is on ('At 5:34 AM Baghdad time on March 20, 2003'): that
    day's time, however the time alone was anchored; both stay expressions of their own."""
    fixed: list[Timex] = []
    for k, t in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        hhmm = _CLOCK_VALUE.search(t.value or "") if t.type == "TIME" and t.rule == "clock" else None
        if (hhmm and nxt is not None and nxt.type == "DATE" and nxt.granularity == "day" and nxt.value
                and t.anchor != nxt.id and _CLOCK_ON_DAY_GAP.fullmatch(text, t.end, nxt.start)):
            t = replace(t, value=f"{nxt.value}T{hhmm.group(1)}", earliest=nxt.earliest, latest=nxt.latest,
                        granularity="minute", anchor=nxt.id,
                        explanation=f"'{t.text}' = {hhmm.group(1)} on the day named after it, {cal.long_date(nxt.earliest)}")
        fixed.append(t)
    return fixed


#: The first day of a range written before the day it runs to: '12' in '12-14 July', '2' in '2 - 4 July 2013'.
_RANGE_START = re.compile(r"(?<![\w.,/:-])(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*[-–]\s*$")
#: The last day of a range written after the day it starts from: '12' in 'April 8-12', '9, 1918' in
#: 'March 5-9, 1918'.
_RANGE_END = re.compile(r"\s*[-–]\s*(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                        r"(?:,?\s+(?P<y>1[0-9]\d\d|20\d\d))?(?![\w:%/-]|\.\d|\s*[ap]\.?m\b|,\d)", re.I)
_DAY_RULES = {"month-day", "day-month", "month-day-year", "day-month-year"}


_ERA_SPAN = re.compile(rf"(?P<a>\d{{1,4}}(?:\s*{ERA_BC})?)\s*(?:[-–]|to|and|or)\s*(?P<b>\d{{1,4}})", re.I)


def _split_era_span(t: Timex) -> list[Timex]:
    """'499-493 BC', '264 BC - 241 BC': the years 499 BC and 493 BC, each end of the range its own date."""
    hit = _ERA_SPAN.match(t.text)
    if hit is None or t.earliest is None or t.latest is None:
        return []
    first, last = cal.year(t.earliest.year), cal.year(t.latest.year)
    a = (t.start + hit.start("a"), t.start + hit.end("a"))
    b = (t.start + hit.start("b"), t.end)
    return [Timex(id=f"{t.id}a", start=a[0], end=a[1], text=t.text[hit.start("a"):hit.end("a")], type="DATE",
                  value=first.value, earliest=first.earliest, latest=first.latest, granularity="year", anchor=None,
                  explanation=f"'{t.text[hit.start('a'):hit.end('a')]}' begins the range '{t.text}': {first.describe()}",
                  rule="era-year-span"),
            Timex(id=f"{t.id}b", start=b[0], end=b[1], text=t.text[hit.start("b"):], type="DATE",
                  value=last.value, earliest=last.earliest, latest=last.latest, granularity="year", anchor=None,
                  explanation=f"'{t.text[hit.start('b'):]}' ends the range '{t.text}': {last.describe()}",
                  rule="era-year-span")]


#: What makes two consecutive years one period, not a range: 'the 2016-17 season', 'fiscal 1990-91'.
_ONE_PERIOD_AFTER = re.compile(r"\s+(?:season|fiscal|financial|school|academic|budget|tax|crop|marketing|"
                               r"winter|term|session|year|campaign)\b", re.I)
_ONE_PERIOD_BEFORE = re.compile(r"\b(?:fiscal|FY|season|financial|school|academic)\s+(?:year\s+)?$", re.I)
_YEAR_SPAN = re.compile(r"(?P<a>\d{4})\s*[-–/]\s*(?P<b>\d\d)$")


def _split_year_span(t: Timex, text: str, story_document: bool) -> list[Timex]:
    """'1915-17': the years 1915 and 1917, each end of the range its own date (as '1861-1863').  Two
    consecutive years stay one period in news and where they name a season or fiscal year ('the
    2016-17 season')."""
    hit = _YEAR_SPAN.match(t.text)
    if hit is None or t.earliest is None or t.latest is None:
        return []
    consecutive = t.latest.year == t.earliest.year + 1
    if consecutive and (not story_document or _ONE_PERIOD_AFTER.match(text, t.end)
                        or _ONE_PERIOD_BEFORE.search(text, max(0, t.start - 16), t.start)):
        return []
    first, last = cal.year(t.earliest.year), cal.year(t.latest.year)
    a, b = t.text[:hit.end("a")], t.text[hit.start("b"):]
    return [replace(t, id=f"{t.id}a", end=t.start + hit.end("a"), text=a, value=first.value, earliest=first.earliest,
                    latest=first.latest, explanation=f"'{a}' begins the range '{t.text}': {first.describe()}"),
            replace(t, id=f"{t.id}b", start=t.start + hit.start("b"), text=b, value=last.value,
                    earliest=last.earliest, latest=last.latest, anchor=f"{t.id}a",
                    explanation=f"'{b}' ends the range '{t.text}': {last.describe()}")]


#: The next day of a list or of ranges of days after a day ('May 6 and 7th', 'May 2 - 3, 9 - 10, 16 - 17'):
#: a day of the same month, followed by a stop, a comma, a dash or 'and' (not 'May 5, 10 people'); after
#: 'and', also by a verb or a word that begins a phrase ('Surrendering on May 4 and 5 were ...').
_LISTED_DAY = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+|\s*[-–]\s*)(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                         r"(?=\s*(?:[,.;:()!?&–-]|and\b|$)|(?:(?<=\band\s\d)|(?<=\band\s\d\d))\s+(?:were|was|are|is|will|"
                         r"would|had|have|has|in|at|on|when|while|as|after|before|with|the|he|she|they|it|we)\b)", re.I)


def _listed_days(t: Timex, day: cal.Day, end: int, text: str, out: list[Timex], added: list[Timex]) -> None:
    """The days listed after `day` ('7th' of 'May 6 and 7th'), each later in the same month: dates of
    their own, anchored on `t`; added to `added`."""
    last = day
    for _ in range(31):
        hit = _LISTED_DAY.match(text, end)
        if hit is None or int(hit["d"]) <= last.day:
            return
        span = (hit.start("d"), hit.end())
        if any(span[0] < u.end and u.start < span[1] for u in out + added):
            return
        try:
            p = cal.day(cal.Day(last.year, last.month, int(hit["d"])))
        except ValueError:
            return
        said = text[span[0]:span[1]]
        added.append(Timex(id=f"r{len(added)}", start=span[0], end=span[1], text=said, type="DATE", value=p.value,
                           earliest=p.earliest, latest=p.latest, granularity="day", anchor=t.id,
                           explanation=f"'{said}' is listed after {cal.long_date(last)}, so it is {p.describe()}",
                           rule="day-range"))
        last, end = p.earliest, span[1]


def _last_day_listed(day: cal.Day, end: int, text: str) -> cal.Day:
    """The last day of a range or list of days of the same month written after `day` ('12' of 'April 8-12',
    '9' of 'May 6, 7 and 9'), else `day`: the date that what is told next counts from (the range's end and
    the listed days become dates of their own afterwards, in `_range_ends`)."""
    if (tail := _RANGE_END.match(text, end)) and not tail["y"] and int(tail["d"]) > day.day:
        try:
            day, end = cal.Day(day.year, day.month, int(tail["d"])), tail.end()
        except ValueError:
            return day
    for _ in range(31):
        hit = _LISTED_DAY.match(text, end)
        if hit is None or int(hit["d"]) <= day.day:
            break
        try:
            day, end = cal.Day(day.year, day.month, int(hit["d"])), hit.end()
        except ValueError:
            break
    return day


def _range_ends(out: list[Timex], text: str, story_document: bool = False) -> list[Timex]:
    """The other end of a range of days ('12-14 July', 'April 8-12'): a day of the same month, as
    TimeML and the corpora annotate each end of a range; the ends of a range of years ('499-493 BC',
    '1915-17')."""
    added: list[Timex] = []
    dropped: set[str] = set()
    moved: dict[str, Timex] = {}
    for t in out:
        if t.rule == "era-year-span" and (ends := _split_era_span(t)):
            dropped.add(t.id)
            added.extend(ends)
            continue
        if t.rule == "year-span" and (ends := _split_year_span(t, text, story_document)):
            dropped.add(t.id)
            added.extend(ends)
            continue
        if t.rule not in _DAY_RULES or t.granularity != "day" or t.earliest is None:
            continue
        day = t.earliest
        if (head := _RANGE_START.search(text, max(0, t.start - 8), t.start)) and int(head["d"]) < day.day:
            other, span = cal.Day(day.year, day.month, int(head["d"])), (head.start("d"), head.end("d"))
            why = f"begins the range that runs to {cal.long_date(day)}"
        elif (tail := _RANGE_END.match(text, t.end)) and int(tail["d"]) > day.day:
            year = int(tail["y"]) if tail["y"] else day.year
            try:
                other = cal.Day(year, day.month, int(tail["d"]))
            except ValueError:
                continue
            span, why = (tail.start("d"), tail.end()), f"ends the range that starts on {cal.long_date(day)}"
            if tail["y"] and t.rule in ("month-day", "day-month") and year != day.year:
                start_day = cal.day(cal.Day(year, day.month, day.day))  # 'March 5' of 'March 5-9, 1918'
                moved[t.id] = replace(t, value=start_day.value, earliest=start_day.earliest, latest=start_day.latest,
                                      anchor=None, explanation=f"'{t.text}' begins a range whose end names its "
                                      f"year: {start_day.describe()}")
                why = f"ends the range that starts on {cal.long_date(start_day.earliest)}"
        else:
            _listed_days(t, day, t.end, text, out, added)
            continue
        if any(span[0] < u.end and u.start < span[1] and u.rule not in ("year",) for u in out + added):
            continue
        dropped.update(u.id for u in out if span[0] <= u.start and u.end <= span[1])  # '1918' of '9, 1918'
        p = cal.day(other)
        added.append(Timex(id=f"r{len(added)}", start=span[0], end=span[1], text=text[span[0]:span[1]], type="DATE",
                           value=p.value, earliest=p.earliest, latest=p.latest, granularity="day", anchor=t.id,
                           explanation=f"'{text[span[0]:span[1]]}' {why}, so it is {p.describe()}", rule="day-range"))
        if other > day:
            _listed_days(t, other, span[1], text, out, added)
    if not added:
        return out
    return sorted([moved.get(t.id, t) for t in out if t.id not in dropped] + added, key=lambda t: t.start)


_MONTH_YEAR = next(rule.pattern for rule in RULES if rule.name == "month-year")


def _whole_month_year(t: Timex, start: int, end: int) -> bool:
    """Whether `t` is the month-year rule's reading of all of start:end ('June 1998', 'mid-June,
    1998 AD'): dateparser gives such a text no day (checked on every month name, in every case,
    each separator and era), so it cannot read it finer than the rule did."""
    return t.rule == "month-year" and t.start == start and t.end == end and _MONTH_YEAR.fullmatch(t.text) is not None


def _add_absolute_entities(doc: Doc, out: list[Timex], blocked: list[tuple[int, int]]) -> None:
    """spaCy DATE entities no rule matched, when dateparser reads them as an absolute date."""
    ents = doc.user_data.get("timeline_app.ents")  # the component's pass builds them once (syntax.doc_ents)
    for ent in doc.ents if ents is None else ents:
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
        if len(inside) == 1 and _whole_month_year(inside[0], start, end):
            continue  # dateparser reads a month and its year as that month at finest: nothing to add
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

