"""Events: what each dated expression dates, with a readable title and participants."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from timeline_app.core.model import Event, Timex
from timeline_app.core.dates.syntax import governing_verb, span_of, verb_tense

MAX_TITLE = 80
#: Verbs that carry little meaning of their own: their object names the event.
LIGHT_VERBS = {"order", "ordered", "orders", "launch", "launched", "launches", "hold", "held",
               "holds", "conduct", "conducted", "stage", "staged", "make", "made", "take", "took",
               "have", "had", "announce", "announced", "carry", "carried", "begin", "began"}
#: Dependencies whose subtrees stay out of a title.
_DROP = {"advcl", "relcl", "parataxis", "punct", "mark", "appos", "discourse", "intj", "meta",
         "dep", "preconj"}
_NOUN_LINKS = {"compound", "nmod", "amod", "nummod", "poss", "npadvmod", "quantmod"}
_NOUN_MODIFIERS = {"compound", "nmod", "amod", "nummod"}
_PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE"}
_PRONOUNS = {"he", "she", "they", "it", "we"}
_TITLES = {"Secretary", "Minister", "Ministry", "Department", "Chancellor", "Speaker", "Director"}


def _timex_tokens(doc: Doc, timexes: list[Timex]) -> set[int]:
    ids: set[int] = set()
    for t in timexes:
        span = span_of(doc, t.start, t.end)
        if span is not None:
            ids.update(tok.i for tok in span)
    return ids


def _collect(token: Token, skip: set[int], out: list[Token], is_top: bool) -> None:
    """Token and its subtree, without clauses and the dating expression."""
    if token.i in skip and not (token.dep_ in _NOUN_MODIFIERS and token.head.pos_ == "NOUN"
                                and token.head.i not in skip):
        return
    if token.i in skip:  # a date inside a noun phrase reads well: "the 2016 campaign"
        out.extend(token.subtree)
        return
    out.append(token)
    for child in token.children:
        if child.dep_ == "appos" and any(t.i in skip for t in child.subtree):
            before = token.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
            if before is not None and before.dep_ == "punct":
                out.append(before)
            _collect(child, set(), out, False)  # "—his first since 2013" says what the date means
            continue
        if child.dep_ in _DROP and not (child.dep_ == "punct" and child.text in "-'’"):
            continue
        if child.dep_ in ("conj", "cc") and token.pos_ in ("VERB", "AUX"):
            continue
        if child.tag_ == "WRB" or (child.dep_ == "ccomp" and not is_top):
            continue
        if child.dep_ == "prep" and all(g.i in skip for g in child.children):
            continue  # "in July", "during 2016": the date itself
        if child.dep_ == "advmod" and child.i in skip:
            continue
        _collect(child, skip, out, False)


def _render(tokens: list[Token]) -> str:
    tokens = sorted(set(tokens), key=lambda t: t.i)
    parts: list[str] = []
    for k, tok in enumerate(tokens):
        gap = k + 1 < len(tokens) and tokens[k + 1].i != tok.i + 1
        parts.append(tok.text + (" " if gap and not tok.whitespace_ else tok.whitespace_))
    text = "".join(parts).strip().strip(",;:—–-").strip()
    text = " ".join(text.replace("“", "").replace("”", "").replace('"', "").split())
    return text[:1].upper() + text[1:] if text else text


def _shorten_subject(subject: Token, tokens: list[Token]) -> list[Token]:
    """A long subject with a person's name in it ('Russian foreign minister Sergei Lavrov') -> the name."""
    sub = list(subject.subtree)
    if len(" ".join(t.text for t in sub)) <= 25:
        return tokens
    for ent in subject.doc.ents:
        if ent.label_ == "PERSON" and ent.start >= sub[0].i and ent.end <= sub[-1].i + 1 and subject.i in range(ent.start, ent.end):
            keep = set(range(ent.start, ent.end))
            return [t for t in tokens if t.i not in {s.i for s in sub} or t.i in keep]
    return tokens


def _antecedent(verb: Token, subject: Token | None) -> Token | None:
    """Who 'he' or 'who' is: the relative clause's noun, or the previous sentence's subject."""
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return verb.head
    if subject.lower_ in _PRONOUNS - {"it", "we"}:
        sent = verb.sent
        if sent.start > 0:
            previous = verb.doc[sent.start - 1].sent
            for tok in previous:
                if tok.dep_ == "nsubj" and tok.pos_ == "PROPN":
                    return tok
    return None


def clause_title(verb: Token, skip: set[int]) -> tuple[str, list[Token]]:
    tokens: list[Token] = []
    _collect(verb, skip, tokens, True)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        tokens = _shorten_subject(subject, tokens)
        who = _antecedent(verb, subject)
        if who is not None:
            ant = [t for t in who.subtree if t.dep_ not in ("relcl", "punct", "appos") and t.i < verb.i
                   and not any(a.dep_ == "relcl" for a in t.ancestors if a.i >= who.i and a.i != who.i)]
            ant = [t for t in ant if t.i <= who.i or t.head.i <= who.i][:8]
            drop = {t.i for t in subject.subtree}
            tokens = [t for t in tokens if t.i not in drop]
            return _fit(ant, tokens, verb)
    return _fit([], tokens, verb)


def _fit(prefix: list[Token], tokens: list[Token], head: Token) -> tuple[str, list[Token]]:
    """Render within MAX_TITLE characters, dropping trailing phrases before cutting words."""
    def render() -> str:
        head_text = _render(prefix)
        body = _render(tokens)
        if head_text:
            body = head_text + " " + body[:1].lower() + body[1:] if body[:1].isupper() and not tokens[0].pos_ == "PROPN" else head_text + " " + body
        return body

    text = render()
    while len(text) > MAX_TITLE:
        after = [t for t in tokens if t.i > head.i and t.dep_ in ("prep", "ccomp", "xcomp", "dobj", "acl", "conj")
                 and t.head.i >= head.i and t.head.pos_ != "PROPN"]
        if not after:
            break
        last = max(after, key=lambda t: t.i)
        drop = {t.i for t in last.subtree}
        tokens = [t for t in tokens if t.i not in drop]
        text = render()
    if len(text) > MAX_TITLE:
        text = text[:MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
    return text, prefix + tokens


def noun_title(noun: Token, skip: set[int]) -> tuple[str, list[Token]]:
    tokens: list[Token] = []
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
    else:
        tokens = [t for t in tokens if not (t.dep_ == "case" and t.head.i in skip)]
    return _fit([], tokens, noun)


def _participants(doc: Doc, tokens: list[Token], ents: tuple[Span, ...]) -> tuple[str, ...]:
    ids = {t.i for t in tokens}
    seen: list[str] = []
    in_entity = {i for ent in ents for i in range(ent.start, ent.end)}
    for tok in tokens:  # a named subject the model left unlabelled is still a participant
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.i not in in_entity:
            name = " ".join(t.text for t in tok.subtree if t.pos_ == "PROPN")
            if name and name not in seen:
                seen.append(name)
    for ent in ents:
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].text in _TITLES:
            continue  # 'State' of 'Secretary of State' is part of a title, not a participant
        if ent.label_ in _PARTICIPANT_LABELS and any(i in ids for i in range(ent.start, ent.end)):
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            name = name.removesuffix("’s").removesuffix("'s")
            if name not in seen:
                seen.append(name)
    return tuple(seen)


def _event_anchor(span: Span) -> tuple[Token, str]:
    """The token the expression dates and whether it is a verb clause or a noun."""
    root = span.root
    head = root.head
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
        return root.sent.root, "clause"
    return verb, "clause"


def _tense_from_dates(best: Timex | None, doc: Doc) -> str:
    """An event noun has no tense of its own: its dates against the publication date give it."""
    dct = doc.user_data.get("publication_date")
    if best is None or dct is None:
        return "none"
    if best.latest < dct:
        return "past"
    return "future" if best.earliest > dct else "present"


def find_events(doc: Doc, timexes: list[Timex]) -> list[Event]:
    """One event per governing verb or event noun of the DATE/TIME expressions."""
    skip = _timex_tokens(doc, timexes)
    ents = doc.ents  # built anew on every access
    groups: dict[int, list[Timex]] = {}
    anchors: dict[int, tuple[Token, str, Span]] = {}
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        span = span_of(doc, t.start, t.end)
        if span is None or len(span) == 0:
            continue
        token, kind = _event_anchor(span)
        if t.is_vague and not (kind == "clause" and span.root.head.i == token.i):
            continue  # 'an official now with Rand': a vague word not dating any action
        groups.setdefault(token.i, []).append(t)
        anchors.setdefault(token.i, (token, kind, span))
    events: list[Event] = []
    for key in sorted(groups, key=lambda i: groups[i][0].start):
        token, kind, span = anchors[key]
        dated = groups[key]
        if kind == "noun":
            title, tokens = noun_title(token, skip)
            trigger, tense_verb = token, governing_verb(token)
            confidence = 0.7
        else:
            title, tokens = clause_title(token, skip)
            trigger, tense_verb = token, token
            if kind.startswith("clause-of:"):
                trigger = doc[int(kind.split(":")[1])]
            else:
                obj = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
                if obj is not None and token.lower_ in LIGHT_VERBS:
                    trigger = obj
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            confidence = 0.85 if has_subject and token.pos_ == "VERB" else 0.6
        if kind != "noun":
            full: list[Token] = []
            _collect(token, skip, full, True)
            tokens = tokens + full
        if len(title.split()) < 3:
            # 'Set', 'Figures': too little to recognise; the enclosing clause says more
            verb = governing_verb(token) if kind == "noun" else token.head
            if verb is not None and verb.i != token.i:
                longer, extra = clause_title(verb, skip)
                if len(longer.split()) > len(title.split()):
                    title, tokens = longer, tokens + extra
        if not title:
            title = span.sent.text.strip()[:MAX_TITLE]
        precise = [t for t in dated if t.earliest is not None]
        best = min(precise, key=lambda t: (t.latest - t.earliest, t.start)) if precise else None
        tense = verb_tense(tense_verb) if tense_verb is not None else "none"
        if kind == "noun" and best is not None:
            tense = _tense_from_dates(best, doc)
        if best is None:
            confidence -= 0.25
        if span.root.dep_ == "pobj" and span.root.head.lower_ in ("since", "until", "before", "after"):
            confidence -= 0.3  # 'his first since 2013': the date bounds the event, it is not its date
        sent = span.sent
        events.append(Event(
            id=f"e{len(events) + 1}", title=title,
            trigger=(trigger.idx, trigger.idx + len(trigger.text)),
            sentence=(sent.start_char, sent.start_char + len(sent.text.rstrip())),
            timex_ids=tuple(t.id for t in dated),
            earliest=best.earliest if best else None, latest=best.latest if best else None,
            granularity=best.granularity if best else "vague",
            participants=_participants(doc, tokens + [trigger], ents),
            tense=tense, confidence=max(0.1, min(1.0, confidence)),
        ))
    return events
