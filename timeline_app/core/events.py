"""Events: what each dated expression dates, with a readable title and participants."""

from __future__ import annotations

import bisect
import re
import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from timeline_app.core.dates import anchoring
from timeline_app.core.dates.calendar import Day
from timeline_app.core.dates.engine import PUB
from timeline_app.core.dates.syntax import doc_ents, doc_text, governing_verb, span_of, verb_tense
from timeline_app.core.entities import NATIONALITIES, TITLE_WORDS, cluster_names
from timeline_app.core.mentions import MentionContext, merge_mentions
from timeline_app.core.model import GRANULARITIES, Event, Timex, TimeRelation
from timeline_app.core.quotes import quotations
from timeline_app.core.readable import readable_interval as describe_interval
from timeline_app.core.words import Word, collector_paused, drop_words, span_words, words_of

MAX_TITLE = 80
#: Verbs that carry little meaning of their own: their object names the event.
LIGHT_VERBS = {"order", "ordered", "orders", "launch", "launched", "launches", "hold", "held",
               "holds", "conduct", "conducted", "stage", "staged", "make", "made", "take", "took",
               "have", "had", "announce", "announced", "carry", "carried", "begin", "began"}
#: Forms of 'be': a clause 'X was ...' tells of X.
COPULAS = {"be", "is", "are", "was", "were", "been", "being", "'s", "’s"}
#: Dependencies whose subtrees stay out of a title.
_DROP = {"advcl", "relcl", "parataxis", "punct", "mark", "appos", "discourse", "intj", "meta",
         "dep", "preconj"}
_NOUN_LINKS = {"compound", "nmod", "amod", "nummod", "poss", "npadvmod", "quantmod"}
_NOUN_MODIFIERS = {"compound", "nmod", "amod", "nummod"}
_PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE"}
#: Head words of the name of a happening ('the First Punic War', 'the Battle of Marathon', 'the Ionian
#: Revolt'): what happens, not who takes part.
HAPPENING_NAMES = {"war", "wars", "battle", "battles", "revolt", "revolution", "rebellion", "uprising", "siege",
                   "campaign", "crisis", "massacre", "invasion", "offensive", "insurrection", "conflict",
                   "expedition", "blockade", "raid", "incident", "affair", "crusade", "mutiny", "coup", "putsch"}
_PRONOUNS = {"he", "she", "they", "it", "we"}
_TITLES = {"Secretary", "Minister", "Ministry", "Department", "Chancellor", "Speaker", "Director"}
#: Verbs that attribute their complement clause to a source: a title keeps the source.
REPORTING_VERBS = {"say", "tell", "report", "claim", "allege", "accuse", "deny", "insist", "suggest",
                   "believe", "think", "argue", "contend", "assert", "warn", "predict", "estimate",
                   "confirm", "acknowledge", "admit", "charge", "add", "note", "write", "state",
                   "declare", "announce", "testify", "indicate", "suspect", "fear", "expect"}
#: Verbs whose that-clause is proposed, not done: a title keeps them ('Management would recommend its
#: dividend be reinstated', not 'Its dividend be reinstated').
PROPOSAL_VERBS = {"recommend", "propose", "urge", "demand", "request", "ask", "require", "order", "advise",
                  "insist"}
_ATTRIBUTING_VERBS = REPORTING_VERBS | PROPOSAL_VERBS
_TITLES_AND_NATIONALITIES = TITLE_WORDS | NATIONALITIES
#: Nouns that hedge the clause they introduce ("amid charges (that) X colluded").
HEDGE_NOUNS = {"charge", "allegation", "claim", "report", "accusation", "suspicion", "rumor",
               "rumour", "speculation", "fear", "suggestion"}
#: Verbs whose infinitive complement is the event but not (yet) a fact ("plans to open"):
#: the title is built from them so that the plan stays a plan.
CONTROL_VERBS = {"plan", "intend", "want", "hope", "expect", "aim", "seek", "try", "threaten",
                 "propose", "consider", "refuse", "decline", "fail", "promise", "vow", "pledge",
                 "offer", "agree", "prepare", "attempt", "wish", "need", "schedule", "decide",
                 "begin", "start", "continue", "stop", "ask", "urge", "order", "allow", "force"}
#: Particles of phrasal verbs that read like a preposition of the date ("kick in next year").
PHRASAL_PARTICLES = {"kick": {"in", "off"}, "set": {"in", "off", "out"}, "take": {"over", "off"},
                     "step": {"down", "in"}, "sign": {"off", "on"}, "come": {"in", "out"},
                     "break": {"out", "down"}, "wind": {"down", "up"}, "go": {"on", "off", "out"},
                     "start": {"up", "off"}, "shut": {"down"}, "close": {"down"}, "pay": {"off"},
                     "phase": {"in", "out"}, "roll": {"out"}, "move": {"in", "out", "on"}}
#: Prepositions that relate an event to a time without dating it there.
RELATION_WORDS = {"since": "since", "until": "until", "till": "until", "before": "before",
                  "after": "after", "for": "for"}
_DATING_PREPOSITIONS = {*RELATION_WORDS, "in", "by", "from", "during"}
#: Words that start a clause that cannot stand as a title.
_FRAGMENT_STARTS = {"to", "before", "after", "while", "when", "since", "until", "by", "in", "on",
                    "for", "with", "as", "if", "because", "although", "though", "once"}


#: `Doc.user_data` key of what one pass of `find_events` remembers of a document (`_Parse`).
_PARSE = "timeline_app.parse"


class _Parse:
    """What one pass of `find_events` remembers of a document: the words collected under a token
    (`_collect`)."""

    __slots__ = ("collected", "skip", "needed")

    def __init__(self) -> None:
        self.skip: set[int] | None = None  # the pass's words not to collect (`_collect` remembers only with these)
        self.needed: set[int] = set()  # the words of dates a title keeps (`_needed_dates`)
        self.collected: dict[tuple[int, bool], list[Word]] = {}


def _parse(doc: Doc) -> _Parse:
    parse = doc.user_data.get(_PARSE)
    if parse is None:
        parse = doc.user_data[_PARSE] = _Parse()
    return parse


def _words(doc: Doc) -> list[Word]:
    """The document's Words (`core.words`), which the whole pass reads instead of spaCy Tokens."""
    return words_of(doc)


def _root(span: Span) -> Word:
    """`span.root` as a Word."""
    return words_of(span.doc)[span.root.i]


#: A dateline opening a paragraph ('MOSCOW, May 4, 2017 —', 'HAMILTON (AP) --', 'JOHANNESBURG, August 7 (Xinhua) --'): it
#: dates the report, not an event, and is no part of a title.
_PLACE = (r"[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+)*"  # MOSCOW, NEW YORK, JOHANNESBURG
          r"(?:,[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?(?=[ \t]*[(,_—–-]))?")  # , Poland (AP) _
_DATE = (r",?\s*(?:[A-Z][a-z]{2,8}\.? \d\d?(?:,? \d{4})?"  # , May 4, 2017 / , August 7
         r"|\d\d? [A-Z][a-z]{2,8}\.?(?:,? \d{4})?)")  # , 26 February 2020 / , 7 Aug.
_AGENCY = r"\s*\([A-Za-z. ]+\)"  # (AP), (Xinhua)
DATELINE = re.compile(rf"(?m)^{_PLACE}(?:{_DATE}(?:{_AGENCY})?\s*(?:--?|[—–_])|{_AGENCY}\s*(?:--?|[—–_])"
                      rf"|\s*(?:--|[—–_]))")


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens of the document's datelines (set for one pass of `find_events`)."""
    cached = doc.user_data.get("timeline_app.dateline")
    if cached is None:
        spans = [m.span() for m in DATELINE.finditer(doc_text(doc))]
        cached = frozenset(i for s, e in spans if (span := doc.char_span(s, e, alignment_mode="expand"))
                           for i in range(span.start, span.end))
        doc.user_data["timeline_app.dateline"] = cached
    return cached


_IRREGULAR = {"spoke": "speak", "spoken": "speak", "met": "meet", "left": "leave", "fled": "flee",
              "said": "say", "says": "say", "told": "tell", "thought": "think", "wrote": "write",
              "written": "write", "began": "begin", "begun": "begin", "sought": "seek", "went": "go",
              "gone": "go", "made": "make", "took": "take", "taken": "take", "broke": "break",
              "came": "come", "paid": "pay", "set": "set", "shut": "shut", "held": "hold"}


def base_forms(token: Word) -> set[str]:
    """Candidate dictionary forms of a word ('reported' -> report; 'denies' -> deny), since the
    pipeline runs without spaCy's lemmatizer."""
    word = token.lower_
    forms = {word, token.lemma_.lower()} - {""}
    if word in _IRREGULAR:
        forms.add(_IRREGULAR[word])
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)] + repl
            forms.add(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not repl:
                forms.add(stem[:-1])  # 'planned' -> plan
    return forms


def is_word(token: Word, words: set[str] | dict) -> bool:
    return any(f in words for f in base_forms(token))


#: Words that join the two ends of a range of dates ('2-22 Nov', 'from 10am - 2pm').
_RANGE_LINKS = {"-", "–", "—", "to", "through", "thru", "till", "until", "and", "&"}


#: `Doc.user_data` key of the words of ranges of dates, for one pass of `find_events`.
_RANGES = "timeline_app.ranges"


def _range_words(doc: Doc, timexes: list[Timex], dates: set[int]) -> set[int]:
    """The words of every range of dates ('19-20 Oct', '10am - 2pm'): a title keeps all or none."""
    out: set[int] = set()
    toks = _words(doc)
    for t in timexes:
        span = span_of(doc, t.start, t.end)
        if span is not None and len(span) and _in_a_range(span, dates):
            out.update(range(span.start, span.end))
            for k in (span.start - 1, span.end):
                if 0 <= k < len(doc) and toks[k].lower_ in _RANGE_LINKS:
                    out.add(k)
    return out


def _range_ends(doc: Doc, dated: list[Timex]) -> tuple[Timex, Timex] | None:
    """The two ends of a range of dates an event is dated by ('499' and '493 BC' of 'from 499 to 493
    BC'), in order; None when its dates are no such range."""
    ordered = sorted(dated, key=lambda t: t.start)
    text = doc_text(doc)
    for a, b in zip(ordered, ordered[1:]):
        between = text[a.end:b.start].strip().lower()
        if between in ("-", "–", "—", "to", "through", "until", "till") and a.earliest <= b.earliest \
                and a.granularity == b.granularity:
            return a, b
    return None


def _joins_range(doc: Doc, a: Timex, b: Timex) -> bool:
    """Whether `b` is the second end of a range of dates `a` begins, joined by a dash or 'to'
    ('264 BC - 241 BC', '1861 to 1865'): the parser may hang each end on another word."""
    between = doc_text(doc)[a.end:b.start].strip().lower()
    return (between in ("-", "–", "—", "to") and a.type == b.type and a.granularity == b.granularity
            and a.earliest is not None and b.earliest is not None and a.earliest <= b.earliest)


def _in_a_range(span: Span, dates: set[int]) -> bool:
    """Whether a date is one end of a range ('19' or '20 Oct' of '19-20 Oct')."""
    toks = _words(span.doc)
    before, after = span.start - 1, span.end
    return (before > 0 and toks[before].lower_ in _RANGE_LINKS and before - 1 in dates) or (
        after + 1 < len(toks) and toks[after].lower_ in _RANGE_LINKS and after + 1 in dates)


#: Granularities of the dates a sentence may be about ('a great night', 'Happy Tuesday', 'Last week of tekong').
_DAY_GRAINS = {"minute", "hour", "part-of-day", "day", "week"}


def _needed_dates(doc: Doc, timexes: list[Timex], dates: set[int]) -> set[int]:
    """The words of dates that name what a clause is about rather than when it happens: a subject
    ('Today is a sad day', 'Monday mornings should be reserved', 'The quarter was terrible', 'The
    latest period had profit'), what 'be' says ("It's Monday again"), or a day with words of its own
    ('a great night spent', 'your morning', 'Last week of tekong'). A title keeps them; without them
    it says nothing."""
    keep: set[int] = set()
    toks = _words(doc)
    for t in timexes:
        span = span_of(doc, t.start, t.end)
        if span is None or len(span) == 0:
            continue
        phrase = _date_phrase(toks, span)  # (with the words of its noun before it: 'a great weekend')
        root = toks[span.root.i]
        if _named_by_date(span) is not None:
            keep.update(phrase)  # 'the War of 1812': its name
            continue
        if _opens_as_subject(toks, span):
            keep.update(phrase)  # '2007 also saw a sharp increase in …': without it, 'Also saw a sharp increase'
            continue
        if root.pos_ not in ("NOUN", "PROPN") or root.head.i in range(span.start, span.end) and root.head.i != root.i:
            continue
        inside = range(span.start, span.end)
        of = root.head
        if (root.pos_ == "PROPN" and root.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "PROPN"
                and of.head.i == of.i - 1 and all(w.text[:1].isupper() or w.dep_ == "det" for w in span_words(span))):
            keep.update(phrase)  # part of a name: 'named Man of the Year', 'the Person of the Year issue'
            continue
        if _noun_after(span) is not None or _in_a_range(span, dates):
            continue  # 'the October 1998 shooting death': it dates the noun after it; '19-20 Oct': when
        # not a subject the parser made after a preposition, a verb or a comma ('For the second quarter
        # ended …, X had', 'was discovered April 8 buried', '…, the second quarter ended Oct. 31, X had')
        before = toks[span.start - 1] if span.start > 0 else None
        misparsed = before is not None and (before.pos_ in ("ADP", "VERB", "AUX") or before.text == ",")
        subject = root.dep_ in ("nsubj", "nsubjpass") and t.granularity not in ("minute", "hour") and not misparsed
        if subject and (root.dep_ == "nsubjpass" or root.head.lower_ in COPULAS or t.type == "DATE"):
            keep.update(phrase)  # 'The quarter was terrible', 'The latest period had profit'
            continue
        if (root.dep_ in ("dobj", "attr", "ROOT") and any(c.dep_ in ("amod", "poss") and c.i not in inside
                                                           for c in root.children)
                or root.dep_ == "npadvmod" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in root.children)):
            keep.update(phrase)  # what the verb says of a time of its own: 'had a strong quarter', 'Start your morning'
            continue
        if t.granularity not in _DAY_GRAINS and t.value not in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
            continue  # 'the quarter ended Sept. 30', 'last October': a title does without them
        own_words = root.dep_ not in ("pobj", "npadvmod", "advmod") and any(  # (adverbial, it says when:
            # 'in the early hours', 'closing unchanged Friday')
            c.i not in inside and (c.dep_ in ("amod", "poss") or c.dep_ == "prep" and c.lower_ == "of"
                                   and root.dep_ == "ROOT") and not c.is_punct for c in root.children)
        subject_of_be = root.dep_ == "nsubj" and root.head.lower_ in COPULAS
        if subject_of_be or root.dep_ in ("nsubjpass", "attr") or own_words:
            keep.update(phrase)
    return keep


def _says_something(title: str, sent: Span, dates: set[int]) -> bool:
    """Whether a title has a word of its sentence that is neither a date nor a function word."""
    words = set(map(str.casefold, _TITLE_WORD.findall(title)))
    known: set[str] = set()  # a word the tokenizer split ('Its') counts as content
    for t in span_words(sent):
        lower = t.lower_
        known.add(lower)
        if lower in words and t.i not in dates and t.pos_ in _CONTENT_POS:
            return True  # (a content word of the sentence)
    return any(w not in known for w in words)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’.]*")


_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "INTJ", "X", "AUX"}


def _timex_tokens(doc: Doc, timexes: list[Timex], with_own_words: bool = False) -> set[int]:
    """The words of the dates: each expression's tokens; `with_own_words`, with the words its noun
    has before it that the expression left out ('[a great] weekend', '[this long] weekend', '[the
    whole] day'), which a title without the date would leave hanging ('perk yourself up a great')."""
    ids: set[int] = set()
    toks = _words(doc) if with_own_words else None
    for t in timexes:
        span = span_of(doc, t.start, t.end)
        if span is not None:
            ids.update(_date_phrase(toks, span) if toks is not None else range(span.start, span.end))
    return ids


#: Words of a noun before it that go with it when its date is left out of a title.
_OWN_WORDS_BEFORE = {"det", "predet", "amod", "poss"}


def _date_phrase(toks: list[Word], span: Span) -> range:
    """The tokens of a date with the words before it that its noun has (`_OWN_WORDS_BEFORE`, each with
    its own words), when they stand right before it."""
    if not len(span):
        return range(span.start, span.end)
    root = toks[span.root.i]
    start = span.start
    if (root.pos_ in ("NOUN", "PROPN") and root.children and root.children[0].i < start
            and not (root.dep_ in _NOUN_LINKS and root.head.pos_ in ("NOUN", "PROPN"))
            and _noun_after(span) is None):  # (not a date inside another noun's phrase: 'the October 1998 shooting')
        first = None
        for child in reversed([c for c in root.children if c.i < span.start]):
            words = child.subtree
            if child.dep_ not in _OWN_WORDS_BEFORE or words[-1].i != start - 1 or any(
                    w.is_punct for w in words):
                break
            start, first = words[0].i, child
        if first is None or first.dep_ not in ("det", "predet", "poss"):
            return range(span.start, span.end)  # a noun phrase of its own only from its determiner ('closing
            # [unchanged] Friday': the adjective is the verb's)
    return range(start, span.end)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def block_of(token: Word) -> int:
    """Which block of text a token is in, blocks ending at a heading's blank line: a heading
    ('Ionian Revolt (499-493 BC)') and the paragraph after it, which the parser may take for one
    sentence, are two."""
    doc = token.doc
    starts = doc.user_data.get(_BLOCKS)
    if starts is None:
        text = doc_text(doc)
        starts = doc.user_data[_BLOCKS] = [m.end() for m in _BLANK_LINE.finditer(text)
                                           if _is_heading(text[text.rfind("\n", 0, m.start()) + 1:m.start()])]
    return bisect.bisect_right(starts, token.idx)


def _is_heading(line: str) -> bool:
    """A line that ends no sentence ('Ionian Revolt (499-493 BC)', 'End of the war'), unlike one
    ending in a stop or a colon (what follows a colon belongs to it)."""
    line = line.strip()
    return 0 < len(line) <= 100 and line[-1] not in ".!?:;,\"”'’…"


#: `Doc.user_data` key of where each block of text starts, for one pass of `find_events`.
_BLOCKS = "timeline_app.blocks"


def doc_tokens_between(a: Word, b: Word, skip: set[int]) -> bool:
    """Whether every word between `a` and `b` is a date ('In [490 BC] Datis')."""
    return all(i in skip for i in range(a.i + 1, b.i))


def _in_clause_below(token: Word, top: Word) -> bool:
    """Whether `token` sits in a clause of its own under `top` ('Thrace, which had been Persian since
    513 BC': 'since 513 BC' is the relative clause's, not what the apposition says)."""
    if token.i == top.i:
        return False
    for a in token.ancestors:
        if a.i == top.i:
            return False
        if a.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
    return False


def _collect(token: Word, skip: set[int], out: list[Word], is_top: bool, block: int | None = None) -> None:
    """Word and its subtree, without clauses and the dating expression, within the block of text
    of the first token (no words of a heading in a title from the paragraph under it, nor the other way)."""
    if block is None:
        parse = _parse(token.doc)
        if skip is parse.skip:  # the same words are asked for again (the title, then the event's words)
            got = parse.collected.get((token.i, is_top))
            if got is None:
                got = parse.collected[(token.i, is_top)] = []
                _collect_words(token, skip, got, is_top, None)
            out.extend(got)
            return
    _collect_words(token, skip, out, is_top, block)


def _collect_words(token: Word, skip: set[int], out: list[Word], is_top: bool, block: int | None) -> None:
    if block is None:
        block = block_of(token)
    elif block_of(token) != block and token.i not in dateline_tokens(token.doc):  # (a dateline has its own rule)
        for child in token.children:
            if child.pos_ in ("NOUN", "PROPN", "PRON") and child.dep_ not in ("pobj", "npadvmod"):
                _collect(child, skip, out, False, block)
        return
    _collect_in_block(token, skip, out, is_top, block)


def _collect_in_block(token: Word, skip: set[int], out: list[Word], is_top: bool, block: int) -> None:
    dateline = dateline_tokens(token.doc)
    if token.i in dateline:  # 'MOSCOW, May 4 — Putin and Trump spoke': Putin and Trump
        for t in token.subtree:
            if t.i not in dateline and t.head.i in dateline and not t.is_space:
                _collect(t, skip, out, False, block)
        return
    if token.i in skip and token.dep_ == "pobj" and not _only_dates_under(token.head, skip):
        for child in token.children:  # 'with my lovely C3 ytd', parsed with the date as the head
            if child.i not in skip and child.dep_ not in ("appos", "nummod", "quantmod"):
                _collect(child, skip, out, False, block)
        return
    if token.i in skip and not (token.dep_ in _NOUN_MODIFIERS and token.head.pos_ == "NOUN"
                                and token.head.i not in skip):
        return
    if token.i in skip:  # a date inside a noun phrase reads well: "the 2016 campaign"
        out.extend(token.subtree)
        return
    out.append(token)
    for child in token.children:
        if child.dep_ == "appos" and any(t.i in skip and not _in_clause_below(t, child) for t in child.subtree):
            before = _words(token.doc)[child.left_edge.i - 1] if child.left_edge.i > 0 else None
            if before is not None and before.dep_ == "punct":
                out.append(before)
            _collect(child, set(), out, False, block)  # "—his first since 2013" says what the date means
            continue
        if (child.dep_ == "appos" and child.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass")
                and token.lower_ in TITLE_WORDS):
            _collect(child, skip, out, False, block)  # 'President Donald Trump and Vladimir Putin spoke': who
            continue
        if (child.dep_ == "punct" and child.text == "," and child.i < token.i and token.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "ccomp" and c.subtree[-1].i == child.i - 1 for c in token.children)):
            out.append(child)  # what is said, then who says it: 'The bridge will reopen, police said'
            continue
        if child.dep_ == "punct" and child.text == "," and token.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "conj" and c.i > child.i for c in token.children):
            out.append(child)  # the commas of a list of names: 'Poland, Hungary and the Czech Republic'
            continue
        if child.dep_ in _DROP and not (child.dep_ == "punct" and child.text in "-'’") and not (
                child.dep_ == "meta" and child.i in _parse(child.doc).needed):  # ('[17] January 1793 saw')
            continue
        if child.dep_ in ("conj", "cc") and token.pos_ in ("VERB", "AUX"):
            continue
        if child.tag_ == "WRB" and _asks(token, child):
            out.append(child)  # "how's your Saturday been?": a question, not 'Your Saturday has been'
            continue
        if child.tag_ == "WRB" or (child.dep_ == "ccomp" and not is_top and child.pos_ in ("VERB", "AUX")):
            continue  # (a verbless one is a small clause, the verb's object: 'to make Australia a republic')
        if child.dep_ == "prep" and child.i + 1 in skip and any(
                c.dep_ == "pobj" and c.pos_ == "PROPN" and c.i not in skip and doc_tokens_between(child, c, skip)
                for c in child.children):
            for c in child.children:  # 'In 490 BC Datis and Artaphernes sailed': the names, not 'In'
                _collect(c, skip, out, False, block)
            continue
        if child.dep_ == "prep" and child.i + 1 in skip and not any(True for _ in child.children):
            continue  # 'In [490 BC] Datis … sailed': the date's preposition, which the parser left bare
        if child.dep_ in ("prep", "advmod", "agent") and _only_dates_under(child, skip):  # ("prior to 2010": advmod; "repulsed by late September": agent)
            clause = _when_clause(child, skip)
            if clause is not None:  # 'lasted only until May 11, 2003 when Bush appointed Bremer': until Bush appointed Bremer
                out += [c for c in child.children if c.dep_ == "advmod" and c.i < child.i and c.i not in skip]
                out.append(child)
                _collect(clause, skip, out, False, block)  # (without its 'when')
                continue
            if any(child.lower_ in PHRASAL_PARTICLES.get(f, ()) for f in base_forms(token)) and child.i == token.i + 1:
                out.append(child)  # 'kick in next year': the particle belongs to the verb
            out += [c for c in child.children if c.dep_ == "advmod" and c.i < child.i and c.lower_ not in _DATE_DEGREES
                    and c.i not in skip]  # 'break even for the year': 'even
            for phrase in (t for t in child.subtree if t.dep_ == "prep" and t.head.i in skip and t.lower_ != "of"):
                _collect(phrase, skip, out, False, block)  # 'on 26 Jan at Pure Yoga': at Pure Yoga ('of' is the date's)
            continue  # "in July", "during 2016": the date itself
        if child.dep_ == "advmod" and child.i in skip:
            continue
        _collect(child, skip, out, False, block)


def _when_clause(prep: Word, skip: set[int]) -> Word | None:
    """The verb of a 'when' clause that says what the date of a preposition of relation is ('until May
    11, 2003 when President Bush appointed L. Paul Bremer'), which a title keeps in the date's place:
    without it 'lasted until' says nothing of the end. None for another preposition ('in 2003, when …'
    only says more of the time the event is dated by)."""
    if prep.lower_ not in RELATION_WORDS or prep.lower_ == "for":
        return None
    for date in prep.children:
        if date.dep_ == "pobj" and date.i in skip:
            for clause in date.children:
                if clause.dep_ == "relcl" and clause.pos_ in ("VERB", "AUX"):
                    first = clause.subtree[0]
                    if first.lower_ == "when" and first.tag_ == "WRB":
                        return clause
    return None


def _asks(verb: Word, wh: Word) -> bool:
    """Whether `wh` ('how', 'why', 'where') opens a direct question the main clause `verb` asks
    ("how's your Saturday been?"), rather than a clause of its own ('when Bush appointed Bremer')."""
    return (verb.dep_ == "ROOT" and wh.i < verb.i and wh.i == verb.subtree[0].i
            and any(c.text == "?" and c.i > verb.i for c in verb.children))


def _links_dates(token: Word, skip: set[int]) -> bool:
    """The 'to' of 'from 499 to 493 BC': a word joining two dates, with only a date under it."""
    return token.lower_ in _RANGE_LINKS and all(g.i in skip or g.is_punct for g in token.subtree if g.i != token.i)


#: Words before a preposition of a date that go with it ('[ever] since 2010', '[shortly] after Friday',
#: '[as] early as May'); another stays in a title ('break even [for the year]', parsed under 'for').
_DATE_DEGREES = {"ever", "just", "shortly", "soon", "right", "well", "long", "only", "as", "sometime",
                 "immediately", "early", "late", "already", "up", "least", "most"}  # ('[at least] until')


def _only_dates_under(prep: Word, skip: set[int]) -> bool:
    """Whether a preposition governs only a date ('in July', 'on a Monday', 'as of Friday': through
    the preposition right after it), not a date the parser made the head of a noun phrase ('with my
    lovely C3 ytd')."""
    objects = [c for c in prep.children if not (c.is_punct or c.is_space or _is_link(c) or _links_dates(c, skip)
                                                or c.dep_ == "advmod" and c.i < prep.i)]  # ('[ever] since 2010')
    if not objects:  # 'in... http://…' governs nothing a title keeps (unlike 'for 43 %'); 'up until Monday'
        return any(_is_link(c) or c.text in ("...", "…") or c.dep_ == "prep" and c.i == prep.i + 1
                   and _only_dates_under(c, skip) for c in prep.children)
    if len(objects) == 1 and objects[0].dep_ == "prep" and objects[0].i == prep.i + 1:
        return _only_dates_under(objects[0], skip)  # 'as of', 'up until', 'since before'
    if any(c.i not in skip for c in objects):
        return False
    return not any(g.dep_ in ("poss", "compound") and g.pos_ in ("NOUN", "PROPN") and g.i not in skip
                   and not _is_link(g) for c in objects for g in c.children)


def _joined(a: Token, b: Token) -> bool:
    """Whether `a` and `b` are parts of one hyphenated word: 'e' '-' 'mail'; never '21-23'."""
    if a.whitespace_ or "-" not in (a.text, b.text):
        return False
    word = b if a.text == "-" else a
    return word.is_alpha


def _hyphen_joins(doc: Doc) -> frozenset[int]:
    """The indices i whose token is joined to token i + 1 (`_joined`), found once per pass of
    `find_events` rather than for every title."""
    cached = doc.user_data.get("timeline_app.joins")
    if cached is None:  # only a token that is a lone "-" joins: look at those, not at every token
        # (spaCy's Tokens, not Words: the dashes' sentences need not be read for this)
        dashes = (doc.char_span(m.start(), m.end()) for m in _LONE_DASH.finditer(doc_text(doc)))
        cached = doc.user_data["timeline_app.joins"] = frozenset(
            i for span in dashes if span is not None
            for i in (span.start - 1, span.start) if 0 <= i < len(doc) - 1 and _joined(doc[i], doc[i + 1]))
    return cached


_LONE_DASH = re.compile("-")
#: `Doc.user_data` key of the tokens of hyphenated words (`_whole_words`), for one pass of `find_events`.
_JOINED = "timeline_app.joined"


def _whole_words(ids: set[int], doc: Doc) -> set[int]:
    """The tokens `ids` with the rest of each hyphenated word they are part of ('e-mail' the parser
    split into 'e', '-', 'mail')."""
    joins = _hyphen_joins(doc)
    if not joins:
        return ids
    parts = doc.user_data.get(_JOINED)
    if parts is None:  # the words of hyphenated words: only those have more to add
        parts = doc.user_data[_JOINED] = joins | {i + 1 for i in joins}
    hyphenated = parts.intersection(ids)
    if not hyphenated:
        return ids
    out = set(ids)
    n = len(doc)
    for i in hyphenated:
        k = i
        while k > 0 and k - 1 in joins:
            k -= 1
            out.add(k)
        k = i
        while k + 1 < n and k in joins:
            k += 1
            out.add(k)
    return out


_DANGLING = re.compile(r"(?:\s+(?:in|on|at|of|for|with|by|from|to|during|into))?"
                       r"(?:[\s,;]+(?:and|or|but|nor|the|a|an)\b)+[\s,;]*$|,\s*$", re.I)
_TRAILING_DOTS = re.compile(r"\s*(?:\.{2,}|…)[\s.…:,;-]*$")
_DANGLING_WORDS = ("and", "or", "but", "nor", "the", "a", "an")


def _may_dangle(text: str) -> bool:
    """Whether `_DANGLING` may match `text` (a test of its end only: the regex, anchored at the
    end, is tried at every character)."""
    end = len(text)
    while end and (text[end - 1] in ",;" or text[end - 1].isspace()):
        end -= 1
    return "," in text[end:] or text[max(0, end - 4):end].lower().endswith(_DANGLING_WORDS)


_SPACE_BEFORE_MARK = re.compile(r" ([,;:.!?…])")


def _closing_brackets(order: list[int], kept: set[int], toks: list[Word]) -> set[int]:
    """The ')' of each '(' kept with words after it ('Ionian Revolt (499-493 BC)'), which the parse
    may hang elsewhere."""
    out: set[int] = set()
    n = len(toks)
    for i in order:
        if toks[i].text != "(" or i + 1 not in kept:
            continue
        end = next((k for k in range(i + 1, min(n, i + 30)) if toks[k].text in "()"), None)
        if end is not None and toks[end].text == ")" and end not in kept:
            out.add(end)
    return out


_LINK_STARTS = ("http://", "https://", "www.")


def _is_link(token: Word) -> bool:
    """A web address, which names no part of what happened ('http://t.co/…')."""
    return token.like_url or token.lower_.startswith(_LINK_STARTS)


def _render(tokens: list[Word]) -> str:
    return _render_words(tokens[0].doc, {t.i for t in tokens}) if tokens else ""


def _render_words(doc: Doc, ids: set[int]) -> str:
    """The words `ids` of `doc` as a title's text, in text order."""
    toks, dateline = _words(doc), dateline_tokens(doc)
    order = []
    for i in _whole_words(ids, doc):
        tok = toks[i]
        if not (tok.like_url or tok.lower_.startswith(_LINK_STARTS)):  # (`_is_link`)
            order.append(i)
    if dateline:
        order = [i for i in order if i not in dateline]
    order.sort()
    kept = set(order)
    brackets = _closing_brackets(order, kept, toks)
    if brackets:
        kept |= brackets
        order = sorted(kept)
    parts: list[list[str]] = []  # each word and what follows it
    previous = -2
    for i in order:
        tok = toks[i]
        word = tok.text
        if (word == "-" or word == "–") and (i - 1 not in kept or i + 1 not in kept):
            continue  # a dash whose neighbour is left out joined it ('Join us [from 2-22 Nov] at', '[10am -] 2pm')
        if parts:
            if previous != i - 1 and not parts[-1][1]:
                parts[-1][1] = " "  # (a word left out between them)
            if i and tok.pos_ != "PROPN" and word != "I" and toks[i - 1].text in ("“", '"'):
                word = word[:1].lower() + word[1:]  # 'Tillerson said we spoke', not 'said We spoke'
        parts.append([word, tok.whitespace_])
        previous = i
    text = "".join([w + s for w, s in parts]).strip().strip(",;:—–-|").lstrip("()").rstrip("(").strip()
    if ".." in text or "…" in text:
        text = _TRAILING_DOTS.sub("", text)  # 'despite...': the text goes on elsewhere
    if _may_dangle(text):
        text = _DANGLING.sub("", text)  # 'were killed in the and': the conjunct or noun was left out
    if _SPACE_BEFORE_MARK.search(text):
        text = _SPACE_BEFORE_MARK.sub(r"\1", text)  # a skipped date leaves no space before a comma
    text = " ".join(text.replace("“", "").replace("”", "").replace('"', "").split())
    return text[:1].upper() + text[1:] if text else text


def _shorten_subject(subject: Word, tokens: list[Word]) -> list[Word]:
    """A long subject with a person's name in it ('Russian foreign minister Sergei Lavrov') -> the
    name; a subject naming several people keeps each name ('Donald Trump and Vladimir Putin')."""
    sub = subject.subtree
    if len(" ".join(t.text for t in sub)) <= 25:
        return tokens
    span = range(sub[0].i, sub[-1].i + 1)
    persons = [e for e in ents_near(doc_ents(subject.doc), sub)
               if e.label_ == "PERSON" and e.start in span and e.end - 1 in span]
    if not any(subject.i in range(e.start, e.end) for e in persons):
        return tokens
    keep = {i for e in persons for i in range(e.start, e.end)
            if not (i == e.start and e.end - e.start > 1 and _words(subject.doc)[i].lower_ in TITLE_WORDS)}
    keep |= {t.i for t in sub if (t.dep_ == "cc" or t.text == ",") and persons[0].start < t.i < persons[-1].end
             and not any(e.start <= t.i < e.end for e in persons)}  # 'Peter Costello, Robert Hill and …'
    keep |= {t.i for t in sub if t.dep_ == "det" and t.lower_ in ("all", "both") and t.head.i in keep}
    inside = {s.i for s in sub}
    return [t for t in tokens if t.i not in inside] + [_words(subject.doc)[i] for i in sorted(keep)]


def _antecedent(verb: Word, subject: Word | None) -> Word | None:
    """Who 'he' or 'who' is: the relative clause's noun, or the previous sentence's subject."""
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT"):
        if verb.dep_ == "relcl":
            named = verb.head
            if named.dep_ == "pobj" and named.head.head.i != named.head.i and is_word(named.head.head, HEDGE_NOUNS):
                return named.head.head  # 'reports to Congress, which showed': the reports, not Congress
            dates = _parse(verb.doc).skip or ()
            if named.i in dates:  # 'shares issued July 1, which will receive': the shares, not the date
                noun = next((a for a in named.ancestors if a.pos_ in ("NOUN", "PROPN") and a.i not in dates), None)
                return noun if noun is not None and noun.i < subject.i else None
            return named
        if verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
            return verb.head.head  # 'premiums, which brokers say could increase'
        return None
    if subject.lower_ in _PRONOUNS - {"it", "we"}:
        sent = verb.sent
        if verb.dep_ == "relcl" and any(t.pos_ == "PROPN" for t in _words(verb.doc)[sent.start:subject.i]):
            return None  # 'called upon Sparta for assistance, which she provided': a name of its own sentence
            # may be who is meant; the pronoun stays rather than a wrong name
        if sent.start > 0:
            previous = _words(verb.doc)[sent.start - 1].sent
            for tok in span_words(previous):
                if tok.dep_ == "nsubj" and tok.pos_ == "PROPN":
                    return tok
    return None


def _subject(verb: Word) -> Word | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    # ('Cyprus [heading] In 478 BC, … the Allies sent': the one in the verb's block of text)
    subject = next((c for c in subjects if block_of(c) == block_of(verb)), subjects[0] if subjects else None)
    if subject is None:
        subject = _subject_under_date(verb)
    if subject is not None and subject.i in dateline_tokens(verb.doc):
        # the parser took the dateline's place name for the subject; the real one hangs under the dateline
        dateline = dateline_tokens(verb.doc)
        subject = next((t for t in subject.subtree if t.i not in dateline and t.head.i in dateline
                        and not t.is_space and t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    return subject


def _subject_under_date(verb: Word) -> Word | None:
    """The subject the parser hung under an opening date as its apposition ('In 499 BC the then
    tyrant of Miletus, Aristagoras, launched …': 'tyrant' under 'BC')."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and (obj.pos_ == "NUM" or obj.ent_type_ == "DATE" or obj.lower_ in ("bc", "ad")):
                noun = next((c for c in obj.children if c.dep_ == "appos" and obj.i < c.i < verb.i
                             and c.pos_ in ("NOUN", "PROPN")), None)
                if noun is not None:
                    return noun
    return None


def _noun_phrase(head: Word, before: int | None = None) -> list[Word]:
    """A subject's words without its clauses and appositions, at most 8 ('Russian President Vladimir Putin')."""
    words = head.subtree
    # the words under a clause or apposition below the head (the head's descendants are its subtree)
    clauses = {t.i for t in words if t.i != head.i and t.dep_ in ("relcl", "appos", "acl")}
    out = [t for t in words
           if (t.dep_ not in ("relcl", "punct", "appos", "acl") or t.text == "-" or t.i == head.i)
           and not (clauses and any(a.i in clauses for a in t.ancestors))
           and (before is None or t.i < before)]
    if len(out) > 8:  # too long: without what follows the name ('First Security, with $5.4 billion in assets')
        out = [t for t in out if t.i <= head.i][-8:]
    return out


def _proper(token: Word) -> bool:
    """A word that keeps its capital inside a title: a name, or capitalised where no sentence starts
    ('German defense minister Rudolf Scharping said')."""
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.i != token.sent.start)


def _source(verb: Word, after: bool = False) -> tuple[str, str]:
    """Who the clause is attributed to or what hedges it: (text before the clause, text after).

    'Brokers say' for a complement of a reporting verb ('…, the government reported' when the
    report comes after it, or always with `after`); 'Charges' for a clause under a hedging noun
    ('amid charges X colluded').
    """
    clause = verb
    while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head
    head = clause.head
    said = next((c for c in clause.children if c.dep_ == "parataxis" and c.i > clause.i
                 and is_word(c, REPORTING_VERBS) and _subject(c) is not None), None)
    if said is not None and clause.dep_ == "ROOT":  # 'Trump and Putin spoke, the White House said'
        words = _noun_phrase(_subject(said)) + [c for c in said.children if c.dep_ in ("aux", "neg")] + [said]
        text = _render(words)
        return "", ", " + (text if _proper(words[0]) else text[:1].lower() + text[1:])
    if head.i == clause.i:
        return "", ""
    if clause.dep_ in ("ccomp", "parataxis") and is_word(head, _ATTRIBUTING_VERBS):
        subject = _subject(head)
        words = (_noun_phrase(subject) if subject is not None and subject.tag_ not in ("WP", "WDT") else [])
        if subject is not None and subject.tag_ in ("WP", "WDT") and head.dep_ == "relcl" and head.head.i < subject.i:
            # 'those … who will insist that X': who they are, and the 'who' that says it is their claim
            words = [t for t in _noun_phrase(head.head, before=subject.i) if not t.is_punct] + [subject]
        if len(words) > 3:  # 'German defense minister Rudolf Scharping said' -> 'Rudolf Scharping said'
            named = [e for e in doc_ents(head.doc) if e.label_ == "PERSON" and e.root.i == subject.i]
            if named:
                words = [t for t in span_words(named[0]) if t.lower_ not in _TITLES_AND_NATIONALITIES] or words
        words += [c for c in head.children if c.dep_ in ("aux", "auxpass", "neg")] + [head]
        words += _addressee(head)  # 'Trump told reporters'
        text = _render(words)
        if head.i > clause.i or after:
            return "", ", " + text[:1].lower() + text[1:] if not _proper(words[0]) else ", " + text
        return text, ""
    if clause.dep_ in ("relcl", "acl", "ccomp") and is_word(head, HEDGE_NOUNS):
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        lead = " ".join(t.text for t in head.subtree if t.i <= head.i and t.dep_ in ("amod", "compound")) or ""
        return (lead + " " + head.text).strip() + (" that" if mark is not None else ""), ""
    return "", ""


def title_verb(verb: Word) -> Word:
    """The verb a clause title is built from: the verb of the plan an infinitive belongs to
    ('The company plans to open a plant': a plan, not an opening; 'is scheduled to close')."""
    while (verb.dep_ == "xcomp" and _subject(verb) is None and verb.head.i != verb.i
           and verb.head.pos_ in ("VERB", "AUX", "ADJ")):
        verb = verb.head
    if verb.pos_ == "ADJ" and verb.dep_ == "acomp" and verb.head.pos_ in ("VERB", "AUX") and _subject(verb.head):
        verb = verb.head  # 'The pact is due to expire', 'He is willing to leave': the subject sits on 'is'
    return verb


def _noun_before(adjective: Word) -> Word | None:
    """The noun an adjective phrase without a verb describes, right before it ('its bid, due to …')."""
    k = adjective.i - 1
    toks = _words(adjective.doc)
    if k >= 0 and toks[k].text == ",":
        k -= 1
    if k < 0 or toks[k].pos_ not in ("NOUN", "PROPN"):
        return None
    return toks[k]


def clause_title(verb: Word, skip: set[int], source_after: bool = False) -> tuple[str, list[Word]]:
    """Subject, verb (with its negation and auxiliaries) and objects, without subordinate clauses
    and the date, with the source it is attributed to ('Brokers say premiums could rise'; after
    it with `source_after`: 'Premiums could rise, brokers say')."""
    if title_verb(verb) is not verb:
        return clause_title(title_verb(verb), skip, source_after)
    tokens: list[Word] = []
    _collect(verb, skip, tokens, True)
    lead, tail = _source(verb, source_after)
    prefix: list[Word] = []
    subject = _subject(verb)
    if subject is not None and subject == _subject_under_date(verb):
        prefix = _noun_phrase(subject)  # 'In 499 BC the then tyrant of Miletus … launched': its subject
    elif subject is not None:
        tokens = _shorten_subject(subject, tokens)
        who = _antecedent(verb, subject)
        if who is not None:
            prefix = _noun_phrase(who, before=verb.i)
            drop = {t.i for t in subject.subtree}
            if any(c.dep_ == "conj" for c in subject.children):
                # 'He and Palestinian leader Yasser Arafat meet': only 'he' is replaced, by a bare name
                drop = {subject.i}
                prefix = [t for t in prefix if not t.is_space]
                while len(prefix) > 2 and prefix[0].lower_ in _TITLES_AND_NATIONALITIES:
                    prefix = prefix[1:]
            tokens = [t for t in tokens if t.i not in drop]
    elif verb.dep_ == "conj" and (shared := _subject(verb.head)) is not None:
        # 'arrived Monday and left Tuesday': the subject is shared, and who 'he' is too ('He was featured
        # … and was named Man of the Year' after 'General Westmoreland had become …')
        who = _antecedent(verb.head, shared)
        prefix = _noun_phrase(who, before=verb.head.i) if who is not None else _noun_phrase(shared)
    elif verb.pos_ == "ADJ" and (noun := _noun_before(verb)) is not None:
        prefix = _noun_phrase(noun, before=verb.i)  # 'its bid, due to expire Thursday': 'Its bid due to expire'
    if not lead and not tail and not prefix:
        tokens, lead, tail = _relative_named(verb, tokens, lead, tail)
    return _fit(prefix, tokens, verb, lead, tail)


def _relative_named(verb: Word, tokens: list[Word], lead: str, tail: str) -> tuple[list[Word], str, str]:
    """A relative clause told of its noun: 'assistance, which she provided' -> 'She provided
    assistance'; 'the regiment, whose officers did not know' -> "The regiment's officers did not know"."""
    relative = next((t for t in tokens if t.tag_ in ("WDT", "WP", "WP$") and t.i < verb.i
                     and (t.head.i == verb.i or t.head.head.i == verb.i)), None)
    if relative is None:
        return tokens, lead, tail
    head = verb.head if verb.dep_ == "relcl" else _noun_before(relative)
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i > relative.i:
        return tokens, lead, tail
    noun = _noun_phrase(head, before=head.i + 1)
    said = _render(noun)
    for t in (relative,):
        if t.tag_ in ("WDT", "WP") and t.dep_ == "dobj" and t.head.i == verb.i:
            first = min(noun, key=lambda x: x.i)
            said = said if _proper(first) and first.pos_ == "PROPN" else said[:1].lower() + said[1:]
            return [x for x in tokens if x.i != t.i], lead, " " + said
        if t.tag_ == "WP$":
            return [x for x in tokens if x.i != t.i], said + ("’" if said.endswith("s") else "’s"), tail
    return tokens, lead, tail


def _fit(prefix: list[Word], tokens: list[Word], head: Word, lead: str = "", tail: str = ""
         ) -> tuple[str, list[Word]]:
    """Render within MAX_TITLE characters, dropping trailing phrases before cutting words."""
    head_text = _render(prefix)  # (the prefix stays whole)

    def render() -> str:
        body = _render(tokens)
        if head_text:
            body = head_text + " " + body[:1].lower() + body[1:] if body[:1].isupper() and not tokens[0].pos_ == "PROPN" else head_text + " " + body
        if lead and body:
            body = lead + " " + (body if tokens_start_proper() else body[:1].lower() + body[1:])
        return body + tail if body else body

    def tokens_start_proper() -> bool:
        first = min(prefix + tokens, key=lambda t: t.i, default=None)
        return first is not None and (first.pos_ == "PROPN" or first.text == "I")

    text = render()
    while len(text) > MAX_TITLE:
        after = [t for t in tokens if t.i > head.i and t.dep_ in ("prep", "ccomp", "xcomp", "dobj", "acl", "conj", "advcl", "npadvmod")
                 and t.head.i >= head.i and t.head.pos_ != "PROPN" and t.head.i != t.i]
        # phrases around the action go before what completes it: 'to make Australia a republic (under its
        # own president)', never 'voted to make'
        around = [t for t in after if t.dep_ in _TRIM_FIRST]
        if not after:
            break
        last = max(around or after, key=lambda t: t.i)
        drop = {t.i for t in last.subtree}
        tokens = [t for t in tokens if t.i not in drop]
        text = render()
    if len(text) > MAX_TITLE and tail:
        text = render_cut(text[:len(text) - len(tail)], MAX_TITLE - len(tail)) + tail
    elif len(text) > MAX_TITLE:
        text = render_cut(text, MAX_TITLE)
    return _capitalise(text), prefix + tokens


#: What a title too long loses first: phrases around the action, before its objects and complements.
_TRIM_FIRST = {"prep", "acl", "conj", "advcl", "npadvmod"}


def render_cut(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def is_fragment(title: str, verb: Word | None) -> bool:
    """A title no reader takes for an event: a clause without its subject ('To pass the Senate',
    'Before retiring', 'Touched off by the collapse'), or a verb without a finite form."""
    first = title.split(" ", 1)[0].lower() if title else ""
    if first in _FRAGMENT_STARTS:
        return True
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)
    return not finite and verb.tag_ in ("VBG", "VBN", "VB") and _subject(verb) is None


#: Words that say an event did not happen, might happen, or happened on someone's word.
NEGATION_WORDS = {"not", "n't", "never", "no", "nor"}
MODAL_WORDS = {"could", "may", "might", "would", "should", "can", "must", "ca", "'d", "cannot"}
HEDGE_WORDS = {"alleged", "allegedly", "reportedly", "reported", "suspected", "purported",
               "purportedly", "apparently", "supposedly", "rumored", "rumoured"}
_HEDGES_AND_NEVER = HEDGE_WORDS | {"never"}


def truth_markers(trigger: Word) -> list[Word]:
    """The words of the sentence a faithful title of the event at `trigger` keeps: its
    negation, modal, the verb of a plan it belongs to ('plans to'), the reporting verb and its
    subject ('brokers say'), a hedge ('alleged', 'amid charges')."""
    out: list[Word] = []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else (
        trigger.head if trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ in ("VERB", "AUX") else None)
    if verb is not None:
        clause = verb
        while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        for v in dict.fromkeys((verb, clause)):
            out += [c for c in v.children if c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_WORDS)
                    or (c.dep_ == "advmod" and c.lower_ in _HEDGES_AND_NEVER)]
        head = clause.head
        if clause.dep_ == "xcomp" and head.i != clause.i:
            out += [head] + [c for c in head.children if c.dep_ == "neg"]
        if clause.dep_ in ("ccomp", "parataxis") and is_word(head, _ATTRIBUTING_VERBS):
            out += [head] + [c for c in head.children if c.dep_ in ("nsubj", "neg")]
        if clause.dep_ in ("relcl", "acl", "ccomp") and is_word(head, HEDGE_NOUNS):
            out.append(head)
        for anc in clause.ancestors:  # 'two Libyans suspected of blowing up a jet'
            if anc.lower_ in HEDGE_WORDS and anc.pos_ in ("VERB", "ADJ"):
                out.append(anc)
                break
            if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("acl", "relcl"):
                break
    out += [c for c in trigger.children if c.dep_ in ("amod", "advmod") and c.lower_ in HEDGE_WORDS]
    return out


def surface_word(token: Word) -> str:
    """The word as written around a clitic token ('Didnt' for 'nt', 'gonna' for 'gon')."""
    text = doc_text(token.doc)
    start, end = token.idx, token.idx + len(token.text)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(".,;:!?\"'“”‘’()[]—–-").casefold().replace("’", "'")


def _kept(title: str, markers: list[Word]) -> bool:
    low = " " + title.casefold().replace("’", "'") + " "
    for m in markers:
        word = m.lower_.replace("’", "'")
        if word == "n't" and ("n't" in low or " not " in low):
            continue
        if re.search(rf"(?<![\w']){re.escape(word)}(?![\w])", low) or surface_word(m) in low:
            continue
        return False
    return True


#: Parts of a sentence dropped first when it must be shortened into a title, tier by tier.
_DROP_TIERS = (("appos", "relcl", "acl", "parataxis", "meta", "discourse", "intj"),
               ("advcl", "npadvmod", "prep", "agent"),
               ("conj", "cc", "ccomp", "xcomp", "dobj", "attr", "pobj", "oprd", "dative", "advmod"))


def _lowest_common_ancestor(doc: Doc, keep: set[int]) -> Word:
    toks = _words(doc)
    paths = [[toks[i], *toks[i].ancestors] for i in sorted(keep)]
    common = set.intersection(*({t.i for t in p} for p in paths))
    node = next(t for t in paths[0] if t.i in common)
    return node.head if node.dep_ in ("acl", "relcl", "appos", "pcomp", "pobj") and node.head.i != node.i else node


def _names_a_subject(token: Word) -> bool:
    """A conjunct of a subject ('Hungary' of 'Poland, Hungary and the Czech Republic can …'): without
    it the title would say that fewer took part."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def _date_in_noun(token: Word, skip: set[int]) -> bool:
    """Whether a word of a date is part of a noun phrase it modifies ('the 2016 campaign', 'Russia's
    March 2014 annexation'), so that a title keeps it; a date of the clause ('several years ago')
    is left out."""
    if token.i in token.doc.user_data.get(_RANGES, ()):
        return False  # one end of '19-20 Oct' would misstate the date
    top = token
    while top.head.i in skip and top.head.i != top.i:
        top = top.head
    return top.dep_ in (*_NOUN_MODIFIERS, "poss") and top.head.pos_ == "NOUN"  # (and "after Friday's ruling")


def compact_title(sent: Span, skip: set[int], keep: set[int], within: Word | None = None,
                  focus: set[int] | None = None, around: int | None = None) -> str:
    """The sentence as a title: without the date, then without its least needed parts
    (appositions and relative clauses, then adverbial phrases, then complements) that hold
    none of the `keep` tokens, until it fits; if it still does not, the smallest part holding the
    `focus` tokens (the event and its markers); cut at a word only as a last resort."""
    doc = sent.doc
    toks = _words(doc)
    focus = focus or keep
    sent_tokens = toks[sent.start:sent.end]
    words = {t.i for t in sent_tokens if t.i not in skip or _date_in_noun(t, skip)}
    words -= {t.i for t in sent_tokens if t.dep_ in ("nummod", "quantmod", "case") and t.head.i in skip
              and t.head.i not in words}  # ('March [eighth]', "[today]'s")
    if within is not None:
        words &= {t.i for t in within.subtree}
    if focus:  # a sentence the parser ran across a paragraph break: the paragraph of the event
        text_ = doc_text(doc)
        first = toks[around if around is not None else min(focus)].idx
        para_start = text_.rfind("\n\n", 0, first) + 1
        para_end = text_.find("\n\n", first)
        at = {t.i: t.idx for t in sent_tokens}  # (the words are the sentence's)
        words = {i for i in words if at[i] >= para_start and (para_end < 0 or at[i] < para_end)}
    words -= {t.i for t in sent_tokens if t.dep_ in ("prep", "agent") and t.i not in keep
              and any(True for _ in t.children) and _only_dates_under(t, skip)}
    if sent_tokens and sent_tokens[0].dep_ == "cc" and sent_tokens[0].i not in keep:
        words.discard(sent_tokens[0].i)  # 'But the embassy may have prevented …': no 'But' before a title

    rendered_for: dict[frozenset[int], str] = {}  # the same words are asked for several times

    def text() -> str:
        key = frozenset(words)
        if key not in rendered_for:
            rendered = _render_words(doc, words) if words else ""
            rendered = re.sub(r"(?:\s*[,;:—–-])+\s*(?=[,;:.!?]|$)", "", rendered)
            rendered = re.sub(r"^[\s,;:—–-]+", "", rendered)
            rendered = re.sub(r"([,;:—–])(?:\s*[,;:—–])+", r"\1", rendered)
            rendered_for[key] = rendered.rstrip(".!?,;: ").strip()
        return rendered_for[key]

    protected = set(keep)
    for k in keep:
        protected.update(a.i for a in toks[k].ancestors)  # the path up to the root holds the rest
    # the parts that may go, in any tier: none of what must stay under them (what holds a word that
    # must stay is on its path up, so protected), no conjunct of a subject
    droppable = [t for t in sent_tokens if t.i not in protected and not _names_a_subject(t)]
    for tier in _DROP_TIERS:
        while len(text()) > MAX_TITLE:
            options = [t for t in droppable if t.i in words and t.dep_ in tier]
            if not options:
                break
            # the latest, largest part first: titles keep what comes first in the sentence
            victim = max(options, key=lambda t: (len(t.subtree), t.i))
            gone = {d.i for d in victim.subtree}
            if victim.dep_ == "conj":  # with its 'and' and the commas of the list ('Poland, Hungary and …')
                gone |= {c.i for c in victim.head.children if c.dep_ in ("cc", "punct") and victim.head.i < c.i < victim.i}
            else:
                gone |= _enclosing_marks(doc, sent, gone, victim)
            words -= gone
        if len(text()) <= MAX_TITLE:
            break
    if len(text()) > MAX_TITLE and within is None and focus:
        # still too long: the smallest part of the sentence that holds what must stay
        part = _lowest_common_ancestor(doc, focus)
        while part.pos_ not in ("NOUN", "PROPN") and _subject(part) is None and part.head.i != part.i:
            part = part.head  # a part that reads on its own: a noun phrase or a clause with its subject
        if part.i != sent.root.i:
            shorter = compact_title(sent, skip, focus, within=part, focus=focus, around=around)
            if len(shorter.split()) >= 3:
                return shorter
    return _capitalise(render_cut(text(), MAX_TITLE))


def _enclosing_marks(doc: Doc, sent: Span, part: set[int], top: Word) -> set[int]:
    """The marks that set off a part of a sentence (`top` and its subtree): its brackets ('(NATO)'),
    the two commas of an aside to the noun before it ('The death toll, initially 10, has risen',
    'Sony Columbia Acquisition Corp., formed for the deal, will'); a title without the part goes
    without them."""
    lo, hi = min(part), max(part)
    if lo <= sent.start or hi + 1 >= sent.end:
        return set()
    toks = _words(doc)
    before, after = toks[lo - 1].text, toks[hi + 1].text
    if before in ("(", "[") and after in (")", "]"):
        return {lo - 1, hi + 1}
    if (before == "," and after == "," and top.dep_ in ("appos", "relcl", "acl") and top.head.i < lo
            and top.head.pos_ in ("NOUN", "PROPN") and toks[lo - 1].head.i == top.head.i
            and toks[hi + 1].head.i == top.head.i):  # (both commas the noun's: not those of a list)
        then = toks[hi + 2] if hi + 2 < sent.end else None
        # the clause goes on after the aside ('The death toll, initially 10, has risen'); before a name
        # the second comma may be a list's ('by Lawrence Wechsler, his lawyer, Betty Currie')
        return {lo - 1, hi + 1} if then is None or then.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "NUM") else {lo - 1}
    return set()


def sentence_title(sent: Span, skip: set[int], keep: set[int] | None = None, around: int | None = None) -> str:
    """The sentence itself, trimmed (see `compact_title`), keeping its root clause's subject and verb."""
    root = _root(sent)
    essentials = {root.i} | {c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "neg", "aux", "auxpass")}
    title = compact_title(sent, skip, essentials | (keep or set()), focus=keep or None, around=around)
    if len(title.split()) < 2:  # nothing readable left: the sentence as written, cut at a word
        words = [t.text + t.whitespace_ for t in span_words(sent) if not _is_link(t)]
        title = _capitalise(render_cut(" ".join("".join(words).split()).rstrip(".!?"), MAX_TITLE))
    return title


def noun_title(noun: Word, skip: set[int]) -> tuple[str, list[Word]]:
    tokens: list[Word] = []
    _collect(noun, skip, tokens, False)
    # A noun phrase reads well with its own date in it ("the 2016 election"), except a
    # possessive one ("last week's talk").
    possessive = {t.i for t in noun.children if t.dep_ == "poss" and t.i in skip}
    if not possessive:
        for child in noun.children:
            if child.dep_ in _NOUN_MODIFIERS and child.i in skip:
                tokens.extend(child.subtree)
        det = [c for c in noun.children if c.dep_ == "det"]
        tokens.extend(det)
        for child in noun.children:
            if child.dep_ == "acl" and child.lower_ in ("dated", "datelined"):
                tokens.extend(child.subtree)  # 'A letter dated March 3, 1998'
        toks, k = _words(noun.doc), noun.i
        while k > 0 and (toks[k - 1].i in skip or (toks[k - 1].pos_ in ("NOUN", "ADJ") and toks[k - 1].whitespace_)):
            k -= 1  # 'the October 1998 shooting death' however the parser attached the date
        dated = [i for i in range(k, noun.i) if i in skip]
        if dated and k > 0 and toks[k - 1].dep_ in ("det", "poss") and not {t.i for t in tokens} & set(dated):
            tokens.extend(toks[k - 1:noun.i])
            for t in toks[k:noun.i]:
                for c in t.children:
                    if c.dep_ == "prep" and c.i > noun.i:
                        _collect(c, skip, tokens, False)  # 'of Dr. Barnet Slepian'

    else:
        tokens = [t for t in tokens if not (t.dep_ == "case" and t.head.i in skip)]
    return _fit([], tokens, noun)


def ents_near(ents: tuple[Span, ...], tokens: list[Word]) -> tuple[Span, ...]:
    """The entities (sorted, not overlapping) that overlap the tokens' range, found by bisection,
    so that a long document's events do not each look at all its entities."""
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    first = bisect.bisect_right(ents, lo, key=lambda e: e.end)
    last = bisect.bisect_right(ents, hi, key=lambda e: e.start)
    return ents[first:last]


def _participants(doc: Doc, tokens: list[Word], ents: tuple[Span, ...], dates: set[int] = frozenset()
                  ) -> tuple[str, ...]:
    """The people, organisations and countries an event's words name, each by its name as written,
    without words of dates ('BC' of '490 BC Datis')."""
    ids = {t.i for t in tokens}
    seen: list[str] = []
    in_entity = {i for ent in ents for i in range(ent.start, ent.end)}
    for tok in tokens:  # a named subject the model left unlabelled is still a participant
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN":
            for person in (tok, *tok.conjuncts):  # 'Trump and Putin' are two participants
                if (person.i in in_entity or person.pos_ != "PROPN" or person.lower_ in TITLE_WORDS or person.i in dates
                        or person.lower_ in HAPPENING_NAMES):
                    continue
                name = " ".join(t.text for t in sorted([person, *(c for c in person.children if c.dep_ in
                                ("compound", "flat")) ], key=lambda t: t.i) if t.pos_ == "PROPN")
                if name and name not in seen:
                    seen.append(name)
    toks = _words(doc)
    for ent in ents:
        if ent.start >= 2 and toks[ent.start - 1].lower_ == "of" and toks[ent.start - 2].text in _TITLES:
            continue  # 'State' of 'Secretary of State' is part of a title, not a participant
        root = _root(ent)
        if _is_modifier_name(ent) or (root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in TITLE_WORDS
                                      and ent.label_ in ("GPE", "NORP", "ORG")):
            # 'U.S.-Russia relations', 'trans-Antarctic', the 'U.S.' of 'U.S. President': descriptions
            continue
        if (ent.label_ in _PARTICIPANT_LABELS and any(i in ids for i in range(ent.start, ent.end))
                and root.lower_ not in HAPPENING_NAMES  # ('The First Punic War': the happening itself)
                and not _is_topic(ent)):
            name = _name_without_dates(ent, dates)
            if name and name not in seen:
                seen.append(name)
    return tuple(seen)


#: Prepositions whose object is where an event happens, not who takes part ('visit to the White House').
LOCATIVE_PREPS = {"in", "to", "at", "from", "into", "inside", "outside", "near", "across", "through", "toward",
                  "towards", "around"}


#: Nouns of a stance, whose object is what it is about ('a hard line on Russia', 'its policy toward Iran').
STANCE_NOUNS = {"line", "stance", "position", "policy", "policies", "view", "views", "approach", "attitude",
                "posture", "tone", "opinion", "opinions", "outlook", "thinking", "rhetoric"}
_TOPIC_PREPS = {"on", "toward", "towards", "about", "regarding", "concerning"}


def _is_topic(ent: Span) -> bool:
    """A name that is what a stance is about ('maintain a hard line on Russia'): no part in the
    event, nor where it happens."""
    root = _root(ent)
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ in _TOPIC_PREPS and prep.head.i != prep.i and prep.head.lower_ in STANCE_NOUNS


def _name_without_dates(ent: Span, dates: set[int]) -> str:
    """An entity's name without the words of a date the model ran into it ('490 BC: Datis' ->
    'Datis'; 'BC' -> '')."""
    if not any(i in dates for i in range(ent.start, ent.end)):
        return _entity_name(ent)
    words = [t for t in ent if t.i not in dates and not t.is_punct]
    while words and words[0].pos_ != "PROPN":
        words = words[1:]
    return _entity_name(ent.doc[words[0].i:words[-1].i + 1]) if words else ""


def _span_text(span: Span) -> str:
    """`span.text`, which spaCy joins anew from its tokens at each access."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def _entity_name(ent: Span) -> str:
    text = _span_text(ent)
    name = text[4:] if text.lower().startswith("the ") else text
    return name.removesuffix("’s").removesuffix("'s")


def _refers_back(trigger: Word, skip: set[int]) -> bool:
    """A noun that only points back at a happening told before: 'the attack (on Sunday)', 'that
    meeting', 'their talks'; not 'the attack on a market', 'an attack'."""
    if trigger.pos_ != "NOUN":
        return False
    det = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" and c.pos_ == "PRON"
              for c in trigger.children)
    extra = [c for c in trigger.children if c.dep_ not in ("det", "poss", "punct", "case")
             and not all(t.i in skip for t in c.subtree if t.pos_ not in ("ADP", "DET"))]
    return det and not extra


def _happening_name(trigger: Word) -> str:
    """The name a noun gives the happening it is ('First Punic War', 'Battle of Marathon': capitalised
    words ending in a word of `HAPPENING_NAMES`, or starting with one before 'of'); '' for a noun
    that names none ('the war', 'War broke out')."""
    if trigger.lower_ not in HAPPENING_NAMES or not trigger.text[:1].isupper():
        return ""
    words = _words(trigger.doc)
    start, end = trigger.i, trigger.i + 1
    while start > trigger.sent.start and words[start - 1].text[:1].isupper() and words[start - 1].dep_ != "det":
        start -= 1
    if start == trigger.i and end + 1 < len(words) and words[end].lower_ == "of" and words[end + 1].text[:1].isupper():
        end += 1
        while end < len(words) and words[end].text[:1].isupper() and words[end].pos_ == "PROPN":
            end += 1
    if end - start < 2:
        return ""
    return " ".join(w.text for w in words[start:end])


def _places(tokens: list[Word], ents: tuple[Span, ...], dates: set[int] = frozenset()
            ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names among an event's words that say where it happens (a city, a country, a building, what
    follows 'in', 'to', 'at'...), and of those the regions (cities, countries, areas: two events
    in different regions are two happenings). A name that acts ('the Kremlin declared', 'Russia's
    annexation') or describes ('U.S.-Russia relations') says nothing of where."""
    ids = {t.i for t in tokens}
    settings, regions = set(), set()
    for ent in ents:
        if not any(i in ids for i in range(ent.start, ent.end)) or _is_modifier_name(ent):
            continue
        name = _name_without_dates(ent, dates)
        if name and _is_place(ent, dates) and not _is_topic(ent):
            settings.add(name)
            if ent.label_ in ("GPE", "LOC"):
                regions.add(name)
    return tuple(sorted(settings)), tuple(sorted(regions))


#: Verbs whose object is where the event happens ('visited Paris', 'reached Sardis').
PLACE_VERBS = {"visit", "tour", "reach", "enter", "leave", "left", "cross", "approach"}


def _is_place(ent: Span, dates: set[int] = frozenset()) -> bool:
    """Whether a name says where an event happens, not who takes part: after 'in', 'to', 'at' …
    ('arrived at Thermopylae', 'the summit in Hamburg'), the object of 'visit' or 'reach', or a
    place ('the White House', 'Europe') named without a part in the clause. A name that acts ('the
    Kremlin declared', 'Russia's annexation') or is acted on ('the annexation of Crimea', 'a hard
    line on Russia', 'invaded Greece') takes part."""
    if ent.label_ in ("PERSON", "NORP"):
        return False
    root = _root(ent)
    while root.dep_ in ("appos", "conj") and root.head.i != root.i and root.head.i not in range(ent.start, ent.end):
        root = root.head
    if root.dep_ == "pobj":  # (not 'In [480 BC] Xerxes invaded', the parser's object of 'In')
        return root.head.lower_ in LOCATIVE_PREPS and not (ent.start in dates or ent.start - 1 in dates)
    if root.dep_ == "dobj":
        return is_word(root.head, PLACE_VERBS)
    return root.dep_ in ("npadvmod", "advmod")


def _is_modifier_name(ent: Span) -> bool:
    """A name used as an adjective or a hyphenated modifier of a noun ('U.S.-Russia relations')."""
    root = _root(ent)
    if root.pos_ == "ADJ" or root.text[:1].islower():
        return True
    text = _span_text(ent)
    hyphenated = "-" in text and (any(t.text == "-" for t in ent) or "-" in text.strip("-"))
    return hyphenated and root.dep_ in ("compound", "amod", "nmod", "npadvmod") and root.head.i not in range(ent.start, ent.end)


def _canonical_participants(events: list[Event], ents: tuple[Span, ...]) -> list[Event]:
    """Participants named by the fullest name their entity has in the document ('Putin' ->
    'Vladimir Putin'), each once."""
    names = [p for e in events for p in e.participants]
    names += [_span_text(ent) for ent in ents if ent.label_ == "PERSON"]
    mapping = cluster_names(names)
    out = []
    for e in events:
        named = tuple(dict.fromkeys(mapping.get(p, p) for p in e.participants))
        out.append(e if named == e.participants else replace(e, participants=named))
    return out


def _noun_after(span: Span) -> Word | None:
    """The noun a date stands inside of between its determiner and it ('the October 1998 shooting
    death'), which the parser may have missed; None when the date is not so placed."""
    doc = _words(span.doc)
    if span.start == 0 or span.end >= len(doc) or doc[span.start - 1].lower_ not in (
            "the", "a", "an", "its", "his", "her", "their", "this", "that"):
        return None
    k = span.end
    if doc[k].pos_ != "NOUN" and doc[k].tag_ != "VBG":
        return None
    while k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" and doc[k].whitespace_:
        k += 1
    return doc[k]


def _date_before_name(span: Span) -> bool:
    """A date after a preposition that the parser read as a modifier of the name right after it
    ('after 450 BC Artaxerxes I adopted', parsed '450 BC Artaxerxes'): it dates the clause."""
    doc, root = _words(span.doc), _root(span)
    if not (span.start > 0 and doc[span.start - 1].lower_ in _DATING_PREPOSITIONS
            and doc[span.start - 1].dep_ in ("prep", "mark") and root.dep_ in ("compound", "nummod", "nmod")
            and root.head.i == span.end and root.head.pos_ == "PROPN"):
        return False
    name = root.head  # the clause's subject, or the object of the preposition ('In 480 BC Xerxes invaded')
    return name.dep_ in ("nsubj", "nsubjpass") or (name.dep_ == "pobj" and name.head.i == span.start - 1)


def _event_anchor(span: Span) -> tuple[Word, str]:
    """The token the expression dates and whether it is a verb clause or a noun: within the date's
    block of text (a heading's date, 'June 479 BC: Battles of Plataea and Mycale', dates the heading's
    noun, not the verb of the paragraph the parser ran it into)."""
    token, kind = _anchor_in_sentence(span)
    block = block_of(_root(span))
    if block_of(token) == block:
        return token, kind
    top = _root(span)
    while top.head.i != top.i and block_of(top.head) == block:
        top = top.head
    inside = range(span.start, span.end)
    if top.i in inside:  # the date heads its heading: the first name or noun under it
        top = next((t for t in top.subtree if t.i not in inside and block_of(t) == block
                    and t.pos_ in ("NOUN", "PROPN") and t.head.i in inside), top)
    if top.i in inside or top.pos_ not in ("NOUN", "PROPN"):
        return token, kind
    return top, "noun"


def _opens_as_subject(toks: list[Word], span: Span) -> bool:
    """Whether a date that opens its clause is the subject of the finite verb right after it, which
    has no other ('2007 also saw a sharp increase', '… and so 1987 saw little land change hands', '17
    January 1793 saw Louis condemned', however the parser hung it on the verb)."""
    inside = range(span.start, span.end)
    heads = {toks[i].head.i for i in inside} - set(inside)
    if len(heads) != 1:
        return False
    verb = toks[heads.pop()]
    if verb.i < span.end or verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and c.i not in inside for c in verb.children):
        return False
    if not all(w.dep_ == "advmod" for w in toks[span.end:verb.i]):
        return False
    start = span.doc[span.start].sent.start  # before it in its clause: at most 'and so', 'But'
    k = span.start - 1
    while k >= start and toks[k].dep_ in ("cc", "advmod", "punct"):
        k -= 1
    return k < start or all(w.i != k for w in verb.subtree)


def _named_by_date(span: Span) -> Word | None:
    """The happening whose name a date ends ('the War of 1812', 'the Revolution of 1848'): the
    name's head word; None when the date ends no such name."""
    root = _root(span)
    of = root.head
    if root.dep_ != "pobj" or of.i != span.start - 1 or of.lower_ != "of":
        return None
    name = of.head
    return name if name.i == of.i - 1 and name.lower_ in HAPPENING_NAMES and name.text[:1].isupper() else None


def _anchor_in_sentence(span: Span) -> tuple[Word, str]:
    if (name := _named_by_date(span)) is not None:
        return name, "noun"  # 'dating back to the War of 1812': the war, not the clause it is named in
    root = _root(span)
    head = root.head
    noun = _noun_after(span)
    if noun is not None and not (root.dep_ in _NOUN_LINKS and head.pos_ in ("NOUN", "PROPN")):
        return noun, "noun"  # 'indicted last year in the October 1998 shooting death': the shooting
    if _date_before_name(span):
        verb = governing_verb(head)  # 'after 450 BC Artaxerxes I adopted': the date of 'adopted'
        if verb is not None:
            return verb, "clause"
    if root.dep_ in _NOUN_LINKS and head.i != root.i and head.pos_ in ("NOUN", "PROPN") and head.i not in range(span.start, span.end):
        noun = head
        while noun.dep_ in ("appos",) and noun.head.i != noun.i:
            noun = noun.head
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is not None and prep.lower_ == "during" and prep.head.pos_ == "VERB":
            return prep.head, "clause-of:" + str(noun.i)
        return noun, "noun"
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "ADJ") and head.head.dep_ == "appos":
        return head.head.head, "noun"
    verb = governing_verb(root)
    if verb is None:
        return _root(root.sent), "clause"
    if verb.lower_ in ("dated", "datelined") and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        return verb.head, "noun"  # 'a letter dated March 3, 1998': the letter
    if _aside(verb, span):
        return verb.head, "clause"  # 'Repairs would take, the engineers said, until the summer': the repairs'
    return verb, "clause"


def _aside(verb: Word, span: Span) -> bool:
    """Whether `verb` says who says a clause in an aside set off by commas before the date, which the
    parser hung under it ('Repairs would take, the engineers said, at least until the summer of 2021'):
    the date is the clause's. Not a saying the date follows without a comma ('…, police said on Monday')."""
    head = verb.head
    return (verb.dep_ == "parataxis" and head.i < verb.i and head.pos_ in ("VERB", "AUX")
            and is_word(verb, REPORTING_VERBS) and _subject(verb) is not None
            and any(c.text == "," and verb.i < c.i < span.start for c in verb.children)
            and any(c.text == "," and c.i < verb.i for c in verb.children))


def _tense_from_dates(best: Timex | None, doc: Doc) -> str:
    """An event noun has no tense of its own: its dates against the publication date give it."""
    dct = doc.user_data.get("publication_date")
    if best is None or dct is None:
        return "none"
    if best.latest < dct:
        return "past"
    return "future" if best.earliest > dct else "present"


def time_relation(doc: Doc, span: Span, timex: Timex) -> str | None:
    """'since', 'until', 'before', 'after' or 'for' when the expression bounds or measures its
    event instead of dating it ('his first visit since 2013', 'for three years'); else None."""
    toks = _words(doc)
    root = toks[span.root.i]
    word = None
    if root.dep_ in ("poss", "compound", "nmod", "amod", "nummod") and root.head.pos_ == "NOUN" \
            and root.head.i not in range(span.start, span.end):
        return None  # 'before next week's talks': the date dates the talks; 'before' governs them
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        word = root.head.lower_
    elif span.start > 0 and toks[span.start - 1].dep_ in ("prep", "mark") and toks[span.start - 1].lower_ in RELATION_WORDS:
        word = toks[span.start - 1].lower_
    elif toks[span.start].lower_ in RELATION_WORDS and toks[span.start].lower_ != "for":
        word = toks[span.start].lower_
    relation = RELATION_WORDS.get(word or "")
    if relation == "for":
        return "for" if timex.type == "DURATION" else None  # 'scheduled for 2019' dates it
    if timex.type == "DURATION":
        return None
    return relation


def _quote_time(doc: Doc, start: int, timexes: list[Timex]) -> Timex | None:
    """The time of the speech or text a quotation at `start` comes from, when the text dates it
    before publication ('Tillerson said last week: “… today there is almost no trust …”')."""
    dct = doc.user_data.get("publication_date")
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    inside = before.count("“") > before.count("”") or (before.count('"') % 2 == 1)
    if not inside or dct is None:
        return None
    for t in reversed([t for t in timexes if t.end <= start and t.end >= start - 600]):
        if t.type in ("DATE", "TIME") and t.latest is not None and t.latest < dct:
            span = span_of(doc, t.start, t.end)
            if span is not None and any(is_word(tok, REPORTING_VERBS) or tok.lower_ in
                                        ("remarks", "interview", "statement", "speech", "e-mail", "email", "letter")
                                        for tok in span_words(span.sent)):
                return t
    return None


def _speaker(doc: Doc, speech: Timex) -> str:
    """Who speaks in the sentence that dates a quotation: 'Lavrov said', 'Tillerson said'."""
    span = span_of(doc, speech.start, speech.end)
    if span is None:
        return ""
    for tok in span_words(span.sent):
        subject = _subject(tok) if tok.pos_ in ("VERB", "AUX") and is_word(tok, REPORTING_VERBS) else None
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            words = _shorten_subject(subject, _noun_phrase(subject))
            return _render(words) + " " + tok.text
    return ""


def _own_date(tense: str, verb: Word | None, doc: Doc) -> tuple[object, str]:
    """Where an event only bounded by a time ('his first visit since 2013') happens in news: a
    present statement ('has lived there since 2013', 'talks go on until Friday') holds on the
    publication day; a past or future one has no date of its own."""
    dct = doc.user_data.get("publication_date")
    if dct is not None and (tense in ("present", "none") or _present_perfect(verb)):
        return dct, "day"
    return None, "vague"


def _clause_tense(verb: Word) -> str:
    """`verb_tense`, and for an infinitive after a past 'be' + adjective ('Rome was able to seize
    Sardinia a few years later', 'they were ready to leave') the past: a past ability or readiness
    tells what happened, not what will."""
    tense = verb_tense(verb)
    if tense == "none" and verb.dep_ == "xcomp" and verb.tag_ == "VB":
        adjective = verb.head
        if adjective.pos_ == "ADJ" and adjective.dep_ == "acomp" and adjective.head.pos_ in ("AUX", "VERB") \
                and adjective.head.lower_ in ("was", "were") and verb_tense(adjective.head) == "past":
            return "past"
    return tense


def _present_perfect(verb: Word | None) -> bool:
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in verb.children)


@dataclass(frozen=True)
class Placement:
    """Where an event the text only relates to a time is drawn, and the sentence that says why."""

    earliest: object
    latest: object
    granularity: str
    explanation: str


def tells_a_story(timexes: list[Timex], dct) -> bool:
    """Whether a document mostly dates things far from its publication date (a history), judged
    on its resolved dates as `anchoring.tells_a_story` judges the rules' readings: absolute
    dates far back against those near the publication date or counted from it."""
    if dct is None:
        return True
    far = near = 0
    for t in timexes:
        if t.type not in ("DATE", "TIME") or t.earliest is None:
            continue
        if t.anchor == PUB:
            near += 1
        elif t.anchor is None:
            if t.latest < Day.of(dct) - dt.timedelta(days=anchoring.NEAR_DAYS):  # (a Day: any year)
                far += 1
            else:
                near += 1
    return far >= anchoring.STORY_MIN_FAR and far >= anchoring.STORY_RATIO * near


def story_time(timexes: list[Timex], before: int, bounds: set[str], story: bool) -> Timex | None:
    """The story's current time at offset `before`: the last date before it that dates something
    (not a bound such as 'until 470 BC', not a vague word, in a story not one counted from the
    publication date), at a granularity a story moves by."""
    for t in reversed(timexes):
        if t.end > before or t.id in bounds or t.type not in ("DATE", "TIME") or t.earliest is None:
            continue
        if (story and t.anchor == PUB) or t.granularity not in anchoring.STORY_GRANULARITIES:
            continue
        return t
    return None


def _coarser(a: str, b: str) -> str:
    order = {g: i for i, g in enumerate(GRANULARITIES)}
    return a if order.get(a, 0) >= order.get(b, 0) else b


def narrative_placement(relation: TimeRelation, bound: Timex, story: Timex | None) -> Placement:
    """Where a history draws an event related to its time only by a bound: 'until 470 BC' from the
    story's time up to it, 'since 460 BC' from it up to the story's time, 'after'/'before 450 BC'
    at the bound (the text says no more); each with its reason."""
    word, said = relation.relation, relation.describe()
    at_bound = Placement(bound.earliest, bound.latest, bound.granularity,
                         f"'{said}' is all the text says of its time: drawn at {word.removeprefix('un')}"
                         f" bound, {describe_interval(bound.earliest, bound.latest)}")
    if word == "until":
        at_bound = replace(at_bound, explanation=f"'{said}': drawn at its end, "
                                                 f"{describe_interval(bound.earliest, bound.latest)}"
                                                 " (the text gives no start)")
        if story is not None and story.earliest < bound.earliest:
            return Placement(story.earliest, bound.latest, _coarser(story.granularity, bound.granularity),
                             f"'{said}' in a narrative: drawn from the story's time "
                             f"({describe_interval(story.earliest, story.latest)}) up to its end")
    elif word == "since" and story is not None and bound.latest < story.latest:
        return Placement(bound.earliest, story.latest, _coarser(story.granularity, bound.granularity),
                         f"'{said}' in a narrative: drawn from then up to the story's time "
                         f"({describe_interval(story.earliest, story.latest)})")
    elif word in ("after", "before"):
        at_bound = replace(at_bound, explanation=f"'{said}': drawn at its bound, "
                                                 f"{describe_interval(bound.earliest, bound.latest)};"
                                                 f" the text says only that it came {word}")
    return at_bound


def _in_narrative(doc: Doc, bound: Timex, story: bool, now: Timex | None, tense: str) -> bool:
    """Whether a bound relates a story's event: the document is anchored as a narrative, or (under
    *auto*) it tells a story, or the passage does: the bound was read from the story's time, or
    a past clause tells of a story's time far from the publication date ('In 478 BC Pausanias
    took Byzantium. He held it until 470 BC')."""
    policy = doc.user_data.get("anchoring", "auto")
    if policy in ("news", "narrative"):
        return policy == "narrative"
    if story or (bound.anchor not in (None, PUB) and "narrative" in bound.explanation):
        return True
    dct = doc.user_data.get("publication_date")
    if tense != "past" or dct is None or now is None:
        return False
    far = Day.of(dct) - dt.timedelta(days=anchoring.NEAR_DAYS)  # (a Day: 'AD 1' minus a year is 1 BC)
    return now.latest < far and bound.latest < far


#: Verbs of saying whose object is who is told ('told reporters', 'assured investors').
TELLING_VERBS = {"tell", "inform", "assure", "remind", "warn", "ask", "advise", "brief", "notify", "promise"}


def _addressee(verb: Word) -> list[Word]:
    """Who a verb of telling tells ('Trump told reporters'), with the words of that phrase."""
    if not is_word(verb, TELLING_VERBS):
        return []
    return [t for c in verb.children if c.dep_ == "dative" or (c.dep_ == "dobj" and c.i > verb.i) for t in c.subtree]


def _said_clauses(verb: Word) -> list[Word]:
    """The clauses a reporting verb says ('Lavrov said [the ministers would meet]')."""
    if verb.pos_ not in ("VERB", "AUX") or not is_word(verb, REPORTING_VERBS):
        return []
    return [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]


def _saying_title(verb: Word, said: list[Word], skip: set[int]) -> str | None:
    """The title of a saying that leads with who says it ('Lavrov said we will meet again' for
    '“We will meet again,” Lavrov said'); None when its title does already."""
    subject = _subject(verb)
    if subject is None or min(c.left_edge.i for c in said) > verb.i:
        return None
    speaker = _shorten_subject(subject, _noun_phrase(subject)) + [
        c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")] + [verb] + [
        t for t in _addressee(verb) if t.i not in skip]

    content: list[Word] = []
    for clause in said:
        _collect(clause, skip, content, False)
    if not content:
        return None
    body = _render(content)
    first = min(content, key=lambda t: t.i)
    if not (first.pos_ == "PROPN" or first.text == "I" or first.ent_type_):
        body = body[:1].lower() + body[1:]
    return _capitalise(render_cut(_render(speaker) + " " + body, MAX_TITLE))


def _title_words(title: str) -> list[str]:
    return re.findall(r"\w+", title.casefold())


def _saying_apart_from_said(events: list[Event], built: list[tuple[Word, str]], skip: set[int]) -> list[Event]:
    """A saying and an event of what it says (dated apart: 'Lavrov said on Tuesday the ministers would
    meet on Friday') that would read the same get titles apart: the saying leads with who says it
    ('Lavrov said the ministers would meet'), what is said with what happens ('The ministers would
    meet, Lavrov said')."""
    out = list(events)
    for k, (verb, kind) in enumerate(built):
        said = _said_clauses(verb) if kind == "clause" else []
        if not said:
            continue
        under = {t.i for c in said for t in c.subtree}  # (the said clauses and every word under them)
        for m, (other, other_kind) in enumerate(built):
            if m == k or other_kind != "clause" or other.i not in under:
                continue
            if _title_words(out[m].title) != _title_words(out[k].title):
                continue  # they read apart already
            if out[m].title == clause_title(other, skip)[0]:  # titled as a clause (not a sentence, a quote's time)
                out[m] = replace(out[m], title=clause_title(other, skip, source_after=True)[0])
            saying = _saying_title(verb, said, skip)
            if saying is not None:
                out[k] = replace(out[k], title=saying)
    return out


def find_events(doc: Doc, timexes: list[Timex]) -> list[Event]:
    """One event per governing verb or event noun of the DATE/TIME expressions; an expression
    after 'since', 'until', 'before', 'after' (and a duration after 'for') relates its event to
    a time without dating it there. A dateline's date dates no event."""
    with collector_paused():  # (the pass's Words are freed by `drop_words`, without it)
        try:
            return _find_events(doc, timexes)
        finally:
            for cache in ("timeline_app.dateline", "timeline_app.joins", _JOINED, _RANGES, _BLOCKS, _PARSE):
                doc.user_data.pop(cache, None)  # this pass's only: the Doc stays serialisable
            drop_words(doc)


def _find_events(doc: Doc, timexes: list[Timex]) -> list[Event]:
    dates = _timex_tokens(doc, timexes)
    skip = _timex_tokens(doc, timexes, with_own_words=True)  # (what a title leaves out with the dates)
    doc.user_data[_RANGES] = frozenset(_range_words(doc, timexes, dates))  # what dates; a title keeps a date the clause cannot do without
    needed = _needed_dates(doc, timexes, dates)
    skip = skip - needed
    _parse(doc).skip = skip
    _parse(doc).needed = needed
    ents = doc_ents(doc)
    groups: dict[int, list[Timex]] = {}
    anchors: dict[int, tuple[Word, str, Span]] = {}
    relations: dict[int, list[TimeRelation]] = {}
    durations: list[tuple[int, TimeRelation]] = []
    anchored: list[list] = []  # [timex, its span, the token of its event, the event's kind]
    for t in timexes:
        if t.type not in ("DATE", "TIME", "DURATION"):
            continue
        span = span_of(doc, t.start, t.end)
        if span is None or len(span) == 0 or span.start in dateline_tokens(doc):
            continue
        anchored.append([t, span, *_event_anchor(span)])
    for a, b in zip(anchored, anchored[1:]):
        if (a[3] == "noun") != (b[3] == "noun") and a[2].i != b[2].i and _joins_range(doc, a[0], b[0]):
            # the parser hung the ends of a range on two words ('The First Punic War (264 BC - 241 BC) was
            # fought'): one event spans both, the clause's
            a[2:], b[2:] = (b[2:], b[2:]) if a[3] == "noun" else (a[2:], a[2:])
    for t, span, token, kind in anchored:
        relation = time_relation(doc, span, t)
        if t.type == "DURATION":
            if relation is not None and kind == "clause" and token.pos_ in ("VERB", "AUX"):
                durations.append((token.i, TimeRelation(relation, t.id, t.text)))
                anchors.setdefault(token.i, (token, kind, span))
            continue  # 'for three years' measures the event: it joins it, or makes one not dated
        if t.is_vague and not (kind == "clause" and span.root.head.i == token.i):
            continue  # 'an official now with Rand': a vague word not dating any action
        groups.setdefault(token.i, []).append(t)
        anchors.setdefault(token.i, (token, kind, span))
        if relation is not None:
            relations.setdefault(token.i, []).append(TimeRelation(relation, t.id, t.text))
    by_id = {t.id: t for t in timexes}
    for key, rel in durations:
        relations.setdefault(key, []).append(rel)
        groups.setdefault(key, [])
        groups[key].append(by_id[rel.timex_id])
    all_bounds = {r.timex_id for rels in relations.values() for r in rels}
    story = tells_a_story(timexes, doc.user_data.get("publication_date"))
    events: list[Event] = []
    quotes = quotations(doc, timexes)
    contexts: list[MentionContext] = []  # whether each event refers back (for merging)
    built: list[tuple[Word, str]] = []  # the token each event's title is built from, and its kind
    for key in sorted(groups, key=lambda i: min(t.start for t in groups[i])):
        token, kind, span = anchors[key]
        dated = groups[key]
        said = None  # (a clause's: what its reporting verb says, when told first)
        if kind == "noun":
            title, tokens = noun_title(token, skip)
            trigger, tense_verb = token, governing_verb(token)
            confidence = 0.7
        else:
            title, tokens = clause_title(token, skip)
            said = next((c for c in token.children if c.dep_ == "ccomp" and c.i < token.i and c.pos_ in ("VERB", "AUX")),
                        None) if is_word(token, REPORTING_VERBS) else None
            if said is not None and len(title) >= MAX_TITLE - 10:
                # 'Kopp purports to be a Catholic, the Justice Department said last year': what was said,
                # then who said it, rather than a cut sentence that loses the source
                title, more = clause_title(said, skip)
                tokens = tokens + more
            trigger, tense_verb = token, token
            if kind.startswith("clause-of:"):
                trigger = _words(doc)[int(kind.split(":")[1])]
            else:
                obj = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
                if obj is not None and token.lower_ in LIGHT_VERBS:
                    trigger = obj
                noun = _subject(token)
                if (token.lemma_.lower() == "be" or token.lower_ in COPULAS) and noun is not None and noun.pos_ == "NOUN":
                    trigger = noun  # 'the visit was his first since 2013': the visit
                    if title.rsplit(" ", 1)[-1].casefold() == token.lower_:
                        # 'The last serious flood was [in 1953]': all the clause says is when, so the title is the
                        # happening, 'The last serious flood' (a name of three words at least)
                        named, more = noun_title(noun, skip)
                        if len(named.split()) >= 3:
                            title, tokens = named, tokens + more
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) or (
                token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX") and _subject(token.head) is not None)  # (shared)
            confidence = 0.85 if has_subject and token.pos_ == "VERB" else 0.6
        if kind != "noun":
            full: list[Word] = []
            _collect(token, skip, full, True)
            tokens = tokens + full
        if len(title.split()) < 3:
            # 'Set', 'Figures': too little to recognise; the enclosing clause says more
            verb = governing_verb(token) if kind == "noun" else token.head
            if verb is not None and verb.i != token.i:
                longer, extra = clause_title(verb, skip)
                if len(longer.split()) > len(title.split()) and not is_fragment(longer, verb):
                    title, tokens = longer, tokens + extra
        markers = truth_markers(trigger)
        must_keep = {trigger.i} | {m.i for m in markers}
        if not title or (kind != "noun" and is_fragment(title, title_verb(token))) or len(title.split()) < 3:
            title = sentence_title(span.sent, skip, must_keep, trigger.i)  # the sentence rather than a fragment
            tokens = tokens + span_words(span.sent)
        if not _kept(title, markers):  # never a title that turns a denial, a plan or a claim into a fact
            subject = _subject(trigger) if trigger.pos_ in ("VERB", "AUX") else None
            title = sentence_title(span.sent, skip, must_keep | ({subject.i} if subject is not None else set()),
                                   trigger.i)
        if "…" in title and kind != "noun" and "…" not in span.sent.text:
            # cut at a word ('The death toll in the Tanzania…, hospital officials said'): the sentence
            # shortened by its parts, with the clause's verb and subject, reads whole if it can
            verb = said if said is not None else title_verb(token)
            core = {verb.i} | {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg")}
            whole = sentence_title(span.sent, skip, must_keep | core, trigger.i)
            if "…" not in whole and _kept(whole, markers):
                title = whole
        related = tuple(relations.get(key, ()))
        bound_ids = {r.timex_id for r in related}
        for t in dated:  # an expression of a dated quotation counted from its time ('yesterday' in a 2015 e-mail)
            quote = next((q for q in quotes if q.start < t.start and t.end < q.end and q.said.id == t.anchor), None)
            if quote is not None and all(r.relation != "quoted" for r in related):
                related += (TimeRelation("quoted", quote.said.id, quote.said.text),)
        precise = [t for t in dated if t.earliest is not None and t.id not in bound_ids]
        best = min(precise, key=lambda t: (t.latest - t.earliest, t.start)) if precise else None
        tense = _clause_tense(tense_verb) if tense_verb is not None else "none"
        if kind == "noun" and best is not None:
            tense = _tense_from_dates(best, doc)
        earliest = best.earliest if best else None
        latest = best.latest if best else None
        granularity = best.granularity if best else "vague"
        timex_ids = tuple(t.id for t in dated)
        placement = ""
        ends = _range_ends(doc, precise)
        if ends is not None:  # 'lasting from 499 to 493 BC', 'Greece (492-490 BC)': the whole range
            first, last = ends
            earliest, latest = first.earliest, last.latest
            granularity = _coarser(first.granularity, last.granularity)
            placement = f"'{doc_text(doc)[first.start:last.end]}': from one end of the range to the other"
        if best is None and bound_ids:
            bounds = [(r, by_id[r.timex_id]) for r in related if r.timex_id in bound_ids]
            relation, bound = next(((r, t) for r, t in bounds if t.earliest is not None), bounds[0])
            present = tense in ("present", "none") or _present_perfect(tense_verb)
            now = story_time(timexes, span.start_char, all_bounds, story)
            if (bound.earliest is not None and _in_narrative(doc, bound, story, now, tense)
                    and not (relation.relation == "since" and present)):
                # 'remained in possession of Byzantium until 470 BC' in a history: the story's time
                where = narrative_placement(relation, bound, now)
                earliest, latest, granularity, placement = (where.earliest, where.latest, where.granularity,
                                                            where.explanation)
            else:
                own, granularity = _own_date(tense, tense_verb, doc)  # 'his first visit since 2013': today
                earliest = latest = own
                if own is not None:
                    placement = f"'{relation.describe()}' said in the present: drawn on the publication day"
            confidence -= 0.2
        elif best is None:
            confidence -= 0.25
            speech = _quote_time(doc, span.start_char, timexes)
            if speech is not None and all(t.value == "PRESENT_REF" for t in dated):
                earliest, latest, granularity = speech.earliest, speech.latest, speech.granularity
                related += (TimeRelation("quoted", speech.id, speech.text),)
                timex_ids += (speech.id,)
                if (who := _speaker(doc, speech)) and who.split()[0].casefold() not in title.casefold():
                    tail = ", " + who  # 'There is almost no trust between us, Tillerson said'
                    title = render_cut(title, MAX_TITLE - len(tail)) + tail
        sent = span.sent
        if not _says_something(title, sent, dates):
            continue  # '2-4 July 2013', '13 Apr - 12 May': a date alone tells of no happening
        seen: set[int] = set()  # the event's words, each once
        words = [t for t in tokens + [trigger] if not (t.i in seen or seen.add(t.i))]
        near = ents_near(ents, words)
        places, regions = _places(words, near, dates)
        events.append(Event(
            id=f"e{len(events) + 1}", title=title,
            trigger=(trigger.idx, trigger.idx + len(trigger.text)),
            sentence=(sent.start_char, sent.start_char + len(doc_text(doc)[sent.start_char:sent.end_char].rstrip())),
            timex_ids=timex_ids, earliest=earliest, latest=latest, granularity=granularity,
            participants=tuple(p for p in _participants(doc, words, near, dates) if p not in places),
            tense=tense, confidence=round(max(0.1, min(1.0, confidence)), 2), relations=related,
            placement=placement, places=places, regions=regions,
        ))
        contexts.append(MentionContext(_refers_back(trigger, dates), _happening_name(trigger)))
        built.append((token, kind))
    events = _saying_apart_from_said(events, built, skip)
    return merge_mentions(_canonical_participants(events, ents), doc_text(doc), contexts)
