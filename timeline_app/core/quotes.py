"""Quoted old text: a quoted e-mail, letter, statement or speech whose time the text gives
('In a 2015 e-mail, he wrote: “we met yesterday”'). Its deictic expressions ('yesterday', 'last
week', 'next month') count from when it was written or said, not from the publication date, and
their explanation says so; the events they date are dated then too (`events.find_events`).

'today' and 'now' in such a quote are already the speaker's present (`dates.tagger`); this module
re-dates the expressions counted from a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.syntax import doc_text, tense_at
from timeline_app.core.dates.engine import PUB, Context
from timeline_app.core.dates.registry import find_candidates
from timeline_app.core.model import Timex
from timeline_app.core.readable import readable_interval

#: Quotations: between curly quotes, or straight ones within a paragraph.
QUOTATION = re.compile(r"“[^”]{1,3000}”|\"[^\"\n]{1,3000}\"")
#: Words of the frame around a quotation that say it was written or said then.
SPOKEN_OR_WRITTEN = re.compile(
    r"\b(?:said|says|told|tells|asked|added|wrote|writes|written|declared|stated|testified|posted|tweeted|"
    r"e-?mails?|letters?|memos?|notes?|diary|statements?|speech|remarks|interview|testimony|messages?|"
    r"tweets?|posts?|cables?|minutes)\b", re.I)
#: Granularities from finest to coarsest (a quote dated by a year re-dates 'yesterday' to that year).
_ORDER = ("minute", "hour", "part-of-day", "day", "week", "month", "quarter", "season", "half", "year",
          "decade", "century")


@dataclass(frozen=True)
class Quotation:
    """A quotation and the time its frame says it was written or said."""

    start: int
    end: int
    said: Timex  # the expression of the frame that dates it ('2015' of 'In a 2015 e-mail')


def _frame(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around a quotation, outside it: where its speaker and time are said."""
    text = doc_text(doc)
    b = len(text[:start].rstrip())
    a = end + (len(text[end:]) - len(text[end:].lstrip()))
    before = doc.char_span(max(b - 1, 0), b, alignment_mode="expand") if b > 0 else None
    after = doc.char_span(a, min(a + 1, len(text)), alignment_mode="expand") if a < len(text) else None
    opens_sentence = b == 0 or text[b - 1] in ".!?\n"  # the quotation is a sentence of its own
    closes_sentence = text[end - 2:end - 1] in (".", "!", "?") and text[a:a + 1].isupper()
    first = before.sent.start_char if before is not None and len(before) and not opens_sentence else start
    last = after.sent.end_char if after is not None and len(after) and not closes_sentence else end
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    return max(first, para_start), min(last, para_end if para_end >= 0 else len(text))


def quotations(doc: Doc, timexes: list[Timex]) -> list[Quotation]:
    """The quotations of `doc` that its text dates before publication: a DATE or TIME expression in
    the frame around the quote (not inside it), before the publication date, next to a word of
    speech or writing ('said', 'wrote', 'e-mail', 'letter', 'statement', ...)."""
    dct = doc.user_data.get("publication_date")
    if dct is None:
        return []
    text = doc_text(doc)
    found = []
    for m in QUOTATION.finditer(text):
        start, end = m.span()
        first, last = _frame(doc, start, end)
        frame = text[first:start] + " " + text[end:last]
        if not SPOKEN_OR_WRITTEN.search(frame):
            continue
        dated = [t for t in timexes if t.type in ("DATE", "TIME") and t.latest is not None and t.latest < dct
                 and (first <= t.start and t.end <= start or end <= t.start and t.end <= last)]
        if dated:  # the one nearest the quote
            said = min(dated, key=lambda t: start - t.end if t.end <= start else t.start - end)
            found.append(Quotation(start, end, said))
    return found


def _reading(timex: Timex, day: cal.Day, tense: str):
    """The expression's own rule, resolved as if published on `day`."""
    for cand in find_candidates(timex.text):
        if cand.start == 0 and cand.end == len(timex.text) and cand.rule.name == timex.rule:
            return cand.rule.resolve(cand.match, Context(dct=day, tense=lambda s, e: tense, text=timex.text))
    return None


def _coarser(a: str, b: str) -> str:
    rank = {g: i for i, g in enumerate(_ORDER)}
    return a if rank.get(a, len(_ORDER)) >= rank.get(b, len(_ORDER)) else b


def redate_quoted(doc: Doc, timexes: list[Timex]) -> list[Timex]:
    """`timexes` with the deictic expressions inside dated quotations counted from the quote's time."""
    quotes = quotations(doc, timexes)
    if not quotes:
        return timexes
    out = list(timexes)
    for k, t in enumerate(out):
        quote = next((q for q in quotes if q.start < t.start and t.end < q.end), None)
        if (quote is None or t.anchor != PUB or t.type not in ("DATE", "TIME") or quote.said.earliest is None
                or (t.earliest is None and t.value != "PRESENT_REF")):
            continue
        tense = tense_at(doc, t.start, t.end)
        said = quote.said
        first, last = _reading(t, cal.Day.of(said.earliest), tense), _reading(t, cal.Day.of(said.latest), tense)
        if first is None or last is None or first.period is None or last.period is None:
            continue
        if t.earliest is None and first.period.earliest == said.earliest and last.period.latest == said.latest:
            continue  # 'today', 'now': the speaker's present (the tagger's), which is the quote's time
        exact = first.value == last.value
        granularity = first.granularity or first.period.granularity
        if not exact:
            granularity = _coarser(granularity, said.granularity)
        said_as = cal.describe_period(said.granularity, said.earliest, said.value or "") or said.text
        how = (first.explanation.replace("the publication date", "that time").replace("the publication ", "that ")
               if exact else f"the quote is dated no closer than {said_as}, so between "
               f"{readable_interval(first.period.earliest, first.period.earliest)} and "
               f"{readable_interval(last.period.latest, last.period.latest)}")
        out[k] = replace(
            t, value=first.value if exact else said.value, earliest=first.period.earliest,
            latest=last.period.latest, granularity=granularity, anchor=said.id,
            explanation=(f"'{t.text}' is inside a quotation the text dates '{said.text}' ({said_as}): counted "
                         f"from when it was written or said, not from the publication date; {how}"))
    return out
