"""Scoring events: triggers against gold EVENT tags, (event, date) pairs against gold TLINKs,
and a check of titles that works on any corpus (tweets have no EVENT tags).

Trigger precision: share of the app's event triggers (every mention) that overlap a gold EVENT.
Anchoring: TLINKs between an EVENT and a TIMEX3 of the text (not the creation time) whose type
says the event happens at that time (`DATED_AT`) are the gold pairs; BEFORE/AFTER-like links are
relations. A pair of the app (a trigger, one of the timexes that date it) is judged when its
trigger is a gold event and its timex a gold timex; precision counts it right when the gold links
the two as "dated at" ("linked" precision only over pairs the gold links at all, since TimeML
links are not exhaustive). Recall is over gold "dated at" links whose timex the app found.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from timeline_app.core.document import normalise_newlines
from timeline_app.core.errors import UserError
from timeline_app.core.evaluate import _ATTR, _TAG, _TEXT
from timeline_app.core.events import is_word, surface_word
from timeline_app.core.model import Event, Extraction

#: TLINK types saying the event happens at (within, during, at the bounds of) the time.
DATED_AT = {"IS_INCLUDED", "INCLUDES", "DURING", "DURING_INV", "SIMULTANEOUS", "IDENTITY",
            "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY"}
#: TLINK types that relate the event to the time without dating it there.
RELATION = {"BEFORE", "AFTER", "IBEFORE", "IAFTER"}
#: Links that put the event inside the time: wrong for an event the app only relates to it.
BARE_INCLUSION = {"IS_INCLUDED", "INCLUDES", "DURING", "DURING_INV", "SIMULTANEOUS", "IDENTITY"}

# --- markers of truth and source, read from the parse of the sentence (not from the title) ---
NEGATIONS = {"not", "n't", "never", "no", "nor"}
MODALS = {"could", "may", "might", "would", "should", "can", "must", "ca", "'d", "cannot"}
#: Verbs whose infinitive complement is not (yet) a fact: "plans to visit".
CONTROL_MODALS = {"plan", "intend", "want", "hope", "expect", "aim", "seek", "try", "threaten",
                  "propose", "consider", "refuse", "decline", "fail", "promise", "vow", "pledge",
                  "offer", "agree", "prepare", "attempt", "wish", "need", "have", "likely",
                  "unlikely", "able", "ready", "willing", "set", "due", "schedule", "go"}
#: Verbs that attribute a clause to a source.
REPORTING = {"say", "tell", "report", "claim", "allege", "accuse", "deny", "insist", "suggest",
             "believe", "think", "argue", "contend", "assert", "warn", "predict", "estimate",
             "confirm", "acknowledge", "admit", "charge", "add", "note", "write", "state",
             "declare", "announce", "testify", "indicate", "suspect", "fear", "expect"}
#: Verbs whose that-clause is proposed, not done ('recommend that its dividend be reinstated').
PROPOSALS = {"recommend", "propose", "urge", "demand", "request", "ask", "require", "order", "advise", "insist"}
#: Words that hedge what follows ("alleged", "amid charges that", "reportedly").
HEDGES = {"alleged", "allegedly", "reportedly", "reported", "suspected", "purported", "purportedly",
          "apparently", "supposedly", "rumored", "rumoured", "charges", "allegations", "claims",
          "reports", "accusations", "suspicion", "suspicions", "according"}


@dataclass(frozen=True)
class GoldEvent:
    eid: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldSpan:
    tid: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldLinks:
    id: str
    text: str
    events: tuple[GoldEvent, ...]
    timexes: tuple[GoldSpan, ...]
    links: dict[tuple[str, str], str]  # (eid, tid) -> relType, timexes of the text only


def read_tml_events(path: str | Path) -> GoldLinks:
    """The text of <TEXT> with its EVENTs, TIMEX3s and the TLINKs between the two."""
    raw = Path(path).read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    if body is None:
        raise UserError(f"{path}: no <TEXT> element, not a TimeML file")
    content = body.group(1)
    pieces: list[str] = []
    length, pos = 0, 0
    stack: list[tuple[str, int, dict[str, str]]] = []
    events: list[GoldEvent] = []
    timexes: list[GoldSpan] = []
    for m in _TAG.finditer(content):
        chunk = normalise_newlines(html.unescape(content[pos:m.start()]))
        pieces.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name not in ("EVENT", "TIMEX3") or m.group(3).rstrip().endswith("/"):
            continue
        if not closing:
            stack.append((name, length, dict(_ATTR.findall(m.group(3)))))
            continue
        while stack:
            opened, start, attrs = stack.pop()
            if opened == name:
                break
        else:
            continue
        if name == "EVENT" and attrs.get("eid"):
            events.append(GoldEvent(attrs["eid"], start, length))
        elif name == "TIMEX3" and attrs.get("tid"):
            timexes.append(GoldSpan(attrs["tid"], start, length))
    text = "".join(pieces) + normalise_newlines(html.unescape(content[pos:]))
    instance = {a["eiid"]: a["eventID"] for a in (dict(_ATTR.findall(m.group(1)))
                for m in re.finditer(r"<MAKEINSTANCE([^>]*)>", raw)) if "eiid" in a and "eventID" in a}
    in_text = {t.tid for t in timexes}
    links: dict[tuple[str, str], str] = {}
    for m in re.finditer(r"<TLINK([^>]*)>", raw):
        a = dict(_ATTR.findall(m.group(1)))
        event = instance.get(a.get("eventInstanceID") or a.get("relatedToEventInstance") or "")
        tid = a.get("relatedToTime") or a.get("timeID")
        if event and tid in in_text and a.get("relType"):
            links[(event, tid)] = a["relType"]
    return GoldLinks(Path(path).stem.removesuffix(".tml"), text, tuple(events), tuple(timexes), links)


# --- the title check ----------------------------------------------------------------------------

@dataclass
class TitleCheck:
    titles: int = 0
    lost_negation: int = 0
    lost_modal: int = 0
    lost_attribution: int = 0
    not_a_phrase: int = 0
    examples: list[str] = field(default_factory=list)


def _token_at(doc: Doc, start: int) -> Token | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _clause_verb(trigger: Token) -> Token | None:
    """The verb whose clause states the event: the trigger itself, or the verb of a light-verb object."""
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    if trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head
    return None


def _alternatives(token: Token) -> set[str]:
    """The word, and the word as written when it is a clitic ('nt' of 'Didnt', 'gon' of 'gonna')."""
    return {token.lower_, surface_word(token)} - {""}


def truth_markers(trigger: Token) -> dict[str, set[str]]:
    """Words of the sentence that say whether and on whose word the event holds:
    {'negation': {...}, 'modal': {...}, 'attribution': {...}}; each set holds alternatives,
    any one of which a faithful title must keep."""
    found: dict[str, set[str]] = {"negation": set(), "modal": set(), "attribution": set()}
    verb = _clause_verb(trigger)
    if verb is not None:
        clause = verb
        while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head  # 'did not stop and talk': the shared auxiliaries sit on the first verb
        for v in {verb, clause}:
            for c in v.children:
                if c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ == "advmod"):
                    found["negation"].update(_alternatives(c))
                if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                    found["modal"].update(_alternatives(c))
                if c.dep_ == "advmod" and c.lower_ in HEDGES:
                    found["attribution"].add(c.lower_)
        head = clause.head
        if clause.dep_ == "xcomp" and is_word(head, CONTROL_MODALS - {"have"}):
            found["modal"].update(_alternatives(head))
            if any(c.dep_ == "neg" for c in head.children):
                found["negation"].update(c.lower_ for c in head.children if c.dep_ == "neg")
        if clause.dep_ in ("ccomp", "parataxis") and is_word(head, REPORTING):
            found["attribution"].add(head.lower_)
        elif clause.dep_ == "ccomp" and is_word(head, PROPOSALS):  # 'recommend that its dividend be reinstated'
            found["modal"].update(_alternatives(head))
        for anc in clause.ancestors:  # 'amid charges (that) Trump associates colluded'
            if anc.lower_ in HEDGES and anc.pos_ in ("NOUN", "VERB", "ADJ"):
                found["attribution"].add(anc.lower_)
                break
            if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("acl", "relcl"):
                break
    for c in trigger.children:  # 'the alleged attack', 'suspected Russian efforts'
        if c.dep_ in ("amod", "advmod") and c.lower_ in HEDGES:
            found["attribution"].add(c.lower_)
    found["negation"] = {"n't" if w == "n't" else w for w in found["negation"]}
    return found


def _keeps(title: str, words: set[str]) -> bool:
    """Whether the title keeps one of `words` (a marker, or the word as written around it)."""
    low = title.casefold().replace("’", "'")
    tokens = set(re.findall(r"[a-z']+", low))
    for w in words:
        if w == "n't" and "n't" in low:
            return True
        if w in ("not", "n't") and ({"not", "cannot"} & tokens or "n't" in low):
            return True
        if w in tokens or any(t.startswith(w[:5]) for t in tokens if len(w) >= 5):
            return True
    return False


def is_phrase(title_doc: Doc) -> bool:
    """A clause with a subject and a finite verb, or a noun phrase headed by a noun."""
    for sent in title_doc.sents:
        root = sent.root
        if root.pos_ in ("NOUN", "PROPN") and root.tag_ not in ("VBG",):
            return True
    for tok in title_doc:
        if tok.dep_ in ("nsubj", "nsubjpass", "expl", "csubj"):
            verb = tok.head
            finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)
            if finite:
                return True
    return False


def check_titles(doc: Doc, events: list[Event], check: TitleCheck, title_docs: dict[str, Doc],
                 doc_id: str = "") -> None:
    """Count the titles of `events` that drop a negation, a modal or an attribution their trigger
    has in `doc`, and titles that are no phrase (`title_docs`: each title parsed)."""
    for event in events:
        for mention in event.all_mentions():
            if mention.document:
                continue
            trigger = _token_at(doc, mention.trigger[0])
            if trigger is None:
                continue
            check.titles += 1
            title = mention.title
            markers = truth_markers(trigger)
            for kind in ("negation", "modal", "attribution"):
                if markers[kind] and not _keeps(title, markers[kind]):
                    setattr(check, f"lost_{kind}", getattr(check, f"lost_{kind}") + 1)
                    check.examples.append(f"{doc_id}\tLOST-{kind.upper()}\t{sorted(markers[kind])}\t{title!r}"
                                          f"\t{trigger.sent.text.strip()[:160]!r}")
            parsed = title_docs.get(title)
            if parsed is not None and not is_phrase(parsed):
                check.not_a_phrase += 1
                check.examples.append(f"{doc_id}\tNOT-A-PHRASE\t{title!r}")


# --- triggers and anchoring ---------------------------------------------------------------------

@dataclass
class EventReport:
    corpus: str
    documents: int = 0
    gold_events: int = 0
    triggers: int = 0
    triggers_gold: int = 0
    pairs: int = 0  # the app's (trigger, timex) pairs
    pairs_judged: int = 0  # trigger a gold event, timex a gold timex
    pairs_linked: int = 0  # ... and the gold links the two
    pairs_right: int = 0  # ... as "dated at"
    pairs_relation: int = 0  # ... the gold says BEFORE/AFTER instead
    relation_pairs: int = 0  # the app's (trigger, timex) relations ('since 2013')
    relation_pairs_linked: int = 0
    relation_pairs_right: int = 0  # gold links them other than by inclusion
    gold_links: int = 0  # gold "dated at" links
    gold_links_found: int = 0  # ... whose timex the app found
    gold_links_recalled: int = 0
    titles: TitleCheck = field(default_factory=TitleCheck)
    errors: list[str] = field(default_factory=list)
    has_gold_events: bool = False

    def scores(self) -> dict[str, float | int]:
        div = lambda a, b: a / b if b else 0.0  # noqa: E731
        return {
            "documents": self.documents, "gold_events": self.gold_events, "triggers": self.triggers,
            "trigger_precision": div(self.triggers_gold, self.triggers),
            "pairs": self.pairs, "pairs_judged": self.pairs_judged, "pairs_linked": self.pairs_linked,
            "anchor_precision": div(self.pairs_right, self.pairs_judged),
            "anchor_precision_linked": div(self.pairs_right, self.pairs_linked),
            "pairs_gold_relation": self.pairs_relation,
            "relation_pairs": self.relation_pairs, "relation_pairs_linked": self.relation_pairs_linked,
            "relation_precision_linked": div(self.relation_pairs_right, self.relation_pairs_linked),
            "gold_links": self.gold_links, "gold_links_timex_found": self.gold_links_found,
            "anchor_recall": div(self.gold_links_recalled, self.gold_links_found),
            "titles": self.titles.titles, "lost_negations": self.titles.lost_negation,
            "lost_modals": self.titles.lost_modal, "lost_attributions": self.titles.lost_attribution,
            "titles_not_a_phrase": self.titles.not_a_phrase,
        }

    def to_dict(self) -> dict:
        return {"corpus": self.corpus, "events": self.scores()}


def _overlapping(start: int, end: int, spans) -> list:
    return [s for s in spans if s.start < end and start < s.end]


def score_events(gold: GoldLinks, x: Extraction, report: EventReport) -> None:
    """Add one document's trigger and anchoring counts to `report`."""
    report.gold_events += len(gold.events)
    gold_of_timex: dict[str, str] = {}
    for t in x.timexes:
        hit = _overlapping(t.start, t.end, gold.timexes)
        if hit:
            gold_of_timex[t.id] = hit[0].tid
    found_tids = set(gold_of_timex.values())
    dated_pairs: set[tuple[str, str]] = set()
    for event in x.events:
        for mention in event.all_mentions():
            if mention.document:
                continue
            report.triggers += 1
            hits = _overlapping(*mention.trigger, gold.events)
            report.triggers_gold += bool(hits)
            if not hits:
                report.errors.append(f"{gold.id}\tNOT-AN-EVENT\t{x.text[mention.trigger[0]:mention.trigger[1]]!r}"
                                     f"\t{mention.title!r}")
            bounds = {r.timex_id for r in mention.relations if r.relation != "quoted"}
            for timex_id in mention.timex_ids:
                tid = gold_of_timex.get(timex_id)
                if timex_id in bounds:  # 'since 2013': a relation, not a date
                    rel = next((gold.links.get((g.eid, tid)) for g in hits if tid and gold.links.get((g.eid, tid))), None)
                    report.relation_pairs += 1
                    report.relation_pairs_linked += rel is not None
                    report.relation_pairs_right += rel is not None and rel not in BARE_INCLUSION
                    if rel in BARE_INCLUSION:
                        report.errors.append(f"{gold.id}\tNOT-A-RELATION\t{mention.title!r}\t"
                                             f"{next((r.describe() for r in mention.relations if r.timex_id == timex_id), '')}\tgold {rel}")
                    continue
                report.pairs += 1
                if not hits or tid is None:
                    continue
                report.pairs_judged += 1
                rels = [gold.links.get((g.eid, tid)) for g in hits]
                rel = next((r for r in rels if r), None)
                dated_pairs.update((g.eid, tid) for g in hits)
                if rel is None:
                    continue
                report.pairs_linked += 1
                if rel in DATED_AT:
                    report.pairs_right += 1
                else:
                    report.pairs_relation += rel in RELATION
                    report.errors.append(f"{gold.id}\tRELATION\t{mention.title!r}\tgold {rel}")
    for (eid, tid), rel in gold.links.items():
        if rel not in DATED_AT:
            continue
        report.gold_links += 1
        if tid in found_tids:
            report.gold_links_found += 1
            report.gold_links_recalled += (eid, tid) in dated_pairs


def evaluate_events(folder: str | Path, model: str | None = None) -> EventReport:
    """Run the extractor over every .tml file under `folder` and score its events."""
    from timeline_app.core.evaluate import read_tml
    from timeline_app.core.model import PublicationDate
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_parsed

    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"{folder}: not a folder")
    files = sorted(root.rglob("*.tml"))
    if not files:
        raise UserError(f"{folder}: no TimeML (.tml) files in it")
    nlp = load_model(model)
    report = EventReport(str(folder))
    golds = [(read_tml(f), read_tml_events(f)) for f in files]
    parsed: list[tuple[str, Doc, Extraction]] = []
    # the publication date in the context: the component dates each document once, not once without it
    stream = nlp.pipe(((g.text, {"published": g.dct}) for g, _ in golds), as_tuples=True, batch_size=16)
    for (gold, links), (doc, _) in zip(golds, stream):
        pub = PublicationDate(gold.dct, "option") if gold.dct else None
        x = extract_parsed(doc, pub, source=gold.id)
        report.documents += 1
        if links.events:
            report.has_gold_events = True
            score_events(links, x, report)
        parsed.append((gold.id, doc, x))
    titles = sorted({m.title for _, _, x in parsed for e in x.events for m in e.all_mentions()})
    title_docs = dict(zip(titles, nlp.pipe(titles, batch_size=64)))
    for doc_id, doc, x in parsed:
        check_titles(doc, list(x.events), report.titles, title_docs, doc_id)
    return report


def format_event_report(report: EventReport, errors: bool = False) -> str:
    s = report.scores()
    pct = lambda v: f"{100 * v:.1f}"  # noqa: E731
    lines = [f"{report.corpus}: {report.documents} documents, events"]
    if report.has_gold_events:
        lines += [
            f"triggers      {s['triggers']:>6}  precision {pct(s['trigger_precision'])} "
            f"(against {s['gold_events']} gold EVENTs)",
            f"date pairs    {s['pairs']:>6}  judged {s['pairs_judged']}: precision {pct(s['anchor_precision'])}; "
            f"linked in gold {s['pairs_linked']}: precision {pct(s['anchor_precision_linked'])} "
            f"({s['pairs_gold_relation']} are BEFORE/AFTER in gold)",
            f"relations     {s['relation_pairs']:>6}  linked in gold {s['relation_pairs_linked']}: "
            f"precision {pct(s['relation_precision_linked'])} (gold does not put the event inside the time)",
            f"gold 'dated at' links {s['gold_links']}, timex found {s['gold_links_timex_found']}: "
            f"recall {pct(s['anchor_recall'])}",
        ]
    else:
        lines.append("no gold EVENT tags: title check only")
    lines.append(f"titles        {s['titles']:>6}  lost negation {s['lost_negations']}, lost modal "
                 f"{s['lost_modals']}, lost attribution {s['lost_attributions']}, "
                 f"not a phrase {s['titles_not_a_phrase']}")
    if errors:
        lines.append("")
        lines.extend(report.titles.examples)
        lines.extend(report.errors)
    return "\n".join(lines)
