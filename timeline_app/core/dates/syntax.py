"""What the dependency parse tells about a span: its clause's verb and tense."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

FUTURE_AUX = {"will", "'ll", "wo", "shall"}
MODAL_AUX = {"would", "could", "might", "may", "should", "can", "must", "'d", "ca"}
#: Verbs whose infinitive complement points to the future ("plans to meet in July").
FUTURE_CONTROL = {"plan", "plans", "planned", "planning", "expect", "expects", "expected", "intend",
                  "intends", "aim", "aims", "hope", "hopes", "want", "wants", "scheduled", "set",
                  "due", "going", "prepare", "prepares", "preparing", "seek", "seeks"}
#: Past verbs of commitment or direction whose infinitive is something yet to happen when they were
#: said ("agreed to buy the line in February", "subpoenaed him to testify on Feb. 10", "ordered them to
#: leave by Friday"): its date lies after the report, on either side of the publication date.
COMMITMENT_VERBS = {"agreed", "promised", "pledged", "vowed", "decided", "voted", "ordered", "asked", "invited",
                    "subpoenaed", "summoned", "urged", "offered", "threatened", "directed", "authorized",
                    "told", "instructed", "called"}


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy joins anew from every token at each access, joined once per Doc."""
    cached = doc.user_data.get("timeline_app.text")
    if cached is None:  # a Doc's text never changes
        cached = doc.user_data["timeline_app.text"] = doc.text
    return cached


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, which spaCy builds anew from every token at each access, built once per Doc
    (removed again by the component's pass: spaCy Spans do not survive `Doc.to_bytes`)."""
    cached = doc.user_data.get("timeline_app.ents")
    if cached is None:
        cached = doc.user_data["timeline_app.ents"] = doc.ents
    return cached


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above `token` (itself excluded unless it is the root verb)."""
    t = token
    seen = 0
    while seen < 40:
        if t.pos_ in ("VERB", "AUX") and t.i != token.i:
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        seen += 1
    return None


def verb_tense(verb: Token) -> str:
    """past | present | future | none, from the verb's tag and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if words & MODAL_AUX:
        # 'could happen in July': no tense of its own (the nearest occurrence is taken),
        # unless perfect ('could have happened')
        return "past" if "have" in words else "none"
    if verb.tag_ == "VB" and any(c.lower_ == "to" for c in auxes):
        head = verb.head
        if head.i != verb.i and head.lower_ in FUTURE_CONTROL:
            return "future"
        if head.i != verb.i and head.lower_ in COMMITMENT_VERBS:
            return "none"  # ahead of the report, not of the publication date (see `looks_ahead`)
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return verb_tense(head)
        return "none"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    perfect = words & {"has", "have", "'s", "'ve"}
    if perfect and (verb.tag_ == "VBN" or (verb.tag_ == "VBG" and "been" in words)):
        return "past"  # present perfect, also progressive ('have been searching since ...')
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes:
        return "past"  # 'the agreement, announced Friday'
    if verb.tag_ in ("VBN", "VBG") and verb.dep_ in ("acl", "relcl", "advcl") and verb.head.i != verb.i:
        v = governing_verb(verb.head) if verb.head.pos_ not in ("VERB", "AUX") else verb.head
        return verb_tense(v) if v is not None and v.i != verb.i else "none"
    return "none"


#: Verb forms that put their own dates ahead of the report ("has scheduled a news conference
#: Thursday", "planned a demonstration on Saturday").
PROSPECTIVE_VERBS = {"scheduled", "schedules", "planned", "plans", "slated", "due"}
#: The present of 'be', which with a present participle makes a present progressive.
PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}
#: Modals that point ahead ('would leave Thursday'); 'could' and 'can' are as often past ability.
AHEAD_MODALS = {"would", "might", "may", "should", "'d"}


def looks_ahead(verb: Token) -> bool:
    """A clause without tense of its own that still points ahead: a modal ('would leave Thursday'),
    'is to resume Tuesday', or a verb of scheduling."""
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if words & AHEAD_MODALS and "have" not in words:
        return True
    if verb.lower_ in PROSPECTIVE_VERBS and verb.dep_ != "acl":
        return True  # but not 'a service planned for Saturday was canceled'
    if verb.tag_ == "VB" and "to" in words and verb.head.i != verb.i and verb.head.lower_ in COMMITMENT_VERBS:
        return True  # 'agreed to meet again on Friday'
    return (verb.tag_ == "VB" and "to" in words and verb.dep_ == "xcomp"
            and verb.head.lower_ in ("is", "are", "was", "were"))


def _clause_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb governing the clause that text[start:end) belongs to, if any."""
    span = span_of(doc, start, end)
    if span is None or len(span) == 0:
        return None
    return governing_verb(span.root)


def tense_at(doc: Doc, start: int, end: int) -> str:
    """Tense of the clause that the text at [start, end) belongs to; 'prospective' for a clause
    with no tense of its own that points ahead (see `looks_ahead`)."""
    verb = _clause_verb(doc, start, end)
    if verb is None:
        return "none"
    tense = verb_tense(verb)
    if tense in ("none", "past", "present") and looks_ahead(verb):
        return "prospective"
    return tense


#: What a clause may have that a clipped progressive ('flying out on sunday') has not.
_SUBJECT_OR_AUX = {"aux", "auxpass", "nsubj", "nsubjpass", "csubj", "expl"}


def clipped_progressive(verb: Token) -> bool:
    """A present progressive written without its subject and 'be', as tweets and notes are
    ('flying out on sunday', '@ana heading to KL on Friday'): a present participle that opens its
    sentence (after @names and #tags) and has no subject or auxiliary; not a gerund subject
    ('Watching the game on Sunday was fun') nor a participle hung on a past verb."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("ROOT", "acl", "dep"):
        return False
    if any(c.dep_ in _SUBJECT_OR_AUX for c in verb.children):
        return False
    before = verb.doc[verb.sent.start:verb.i]
    return all(t.is_punct or t.is_space or t.text[:1] in "@#" for t in before)


def story_aspect(doc: Doc, start: int, end: int) -> str:
    """How the clause of text[start:end) stands to a narrative's current time: 'pluperfect' for a
    past perfect ('had invaded in late 1943': before the story's time), 'ahead' for a future in the
    past or a plan ('would be exposed for a campaign in 1976', 'planned for 1976'), 'progressive' for a
    present progressive ('are meeting them on Friday', which with a day points ahead; also clipped:
    'flying out on sunday'), else ''."""
    verb = _clause_verb(doc, start, end)
    if verb is None:
        return ""
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "had" in words and verb.tag_ == "VBN" or ("had" in words and "been" in words):
        return "pluperfect"
    if words & FUTURE_AUX or (words & AHEAD_MODALS and "have" not in words) or looks_ahead(verb):
        return "ahead"
    if verb.tag_ == "VBG" and (words & PRESENT_BE or clipped_progressive(verb)):
        return "progressive"
    return ""
