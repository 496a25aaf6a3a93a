"""One event per happening: mentions of the same happening merged, within an article and across
the articles of a timeline ("Trump and Putin spoke by phone last week" = "last week's talk
between Trump and Putin").

A merged event keeps every mention whole in `Event.mentions` (a mention from another document
names it in `Event.document`), so `split_event` gives back exactly what was merged. When the
mentions date the happening at intervals that do not overlap, both stay visible
(`Event.dates()`, `Event.sources_disagree`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from timeline_app.core.entities import cluster_names
from timeline_app.core.model import Event, Extraction

#: Trigger words of one kind of happening: two mentions whose triggers share a class may be one.
EVENT_CLASSES: dict[str, frozenset[str]] = {name: frozenset(words) for name, words in {
    "communication": {"speak", "spoke", "spoken", "talk", "call", "phone", "conversation", "discuss",
                      "discussion", "chat", "converse", "exchange"},
    "meeting": {"meet", "met", "meeting", "summit", "talks", "sit-down", "session", "encounter"},
    "visit": {"visit", "trip", "travel", "tour", "arrive", "arrival", "stop", "stay"},
    "attack": {"attack", "strike", "bomb", "bombing", "raid", "assault", "shelling", "airstrike",
               "shoot", "shooting", "explosion", "explode", "blast", "hit"},
    "election": {"election", "vote", "poll", "ballot", "referendum", "primary", "caucus"},
    "death": {"die", "died", "death", "kill", "killing", "murder", "assassination"},
    "arrest": {"arrest", "detain", "detention", "capture", "seize"},
    "dismissal": {"fire", "firing", "dismiss", "dismissal", "oust", "ouster", "sack", "remove", "removal"},
    "resignation": {"resign", "resignation", "quit", "departure", "leave", "left"},
    "agreement": {"agree", "agreement", "deal", "accord", "treaty", "sign", "signing", "pact"},
    "annexation": {"annex", "annexation", "seizure", "takeover", "invasion", "invade"},
    "interview": {"interview"},
    "announcement": {"announce", "announcement", "unveil", "launch"},
}.items()}
#: Triggers that report speech: two reports are one only when they say the same thing.
REPORTING = frozenset({"say", "said", "says", "tell", "told", "add", "added", "note", "noted",
                       "ask", "asked", "declare", "declared", "write", "wrote"})
_STOP = frozenset("a an the of to in on at for by with and or but from as is are was were be been "
                  "has have had will would could may might its his her their our this that these "
                  "those it he she they we i you during between about over into after before".split())
#: How far apart (days) two sources may date one happening and still be merged as disagreeing.
DISAGREEMENT_DAYS = 7
#: Mentions dated more coarsely than a month are never merged.
MAX_SPAN_DAYS = 31


@dataclass(frozen=True)
class MentionFeatures:
    """What two mentions are compared on."""

    trigger: frozenset[str]  # forms of the trigger word
    classes: frozenset[str]  # kinds of happening it names
    words: frozenset[str]  # content words of the title
    participants: frozenset[str]
    people: frozenset[str] = frozenset()  # the participants that are not where it happens
    regions: frozenset[str] = frozenset()  # cities, countries, areas where it happens
    refers_back: bool = False  # a bare definite noun ('the attack on Sunday')
    passage: str = ""  # its sentence's letters and digits, lower case (the same text in two documents)
    title: str = ""  # its title, lower case
    named: str = ""  # the name of the happening it is, lower case ('first punic war'), if it is one


@lru_cache(maxsize=4096)
def _forms(word: str) -> frozenset[str]:
    word = word.casefold()
    forms = {word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[:-len(suffix)])
    return frozenset(forms)


@lru_cache(maxsize=4096)
def _classes(forms: frozenset[str]) -> frozenset[str]:
    return frozenset(name for name, words in EVENT_CLASSES.items() if forms & words)


_WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True)
class MentionContext:
    """What the parse of its document says about a mention and the event does not keep (known
    within one document only; where it happens is in `Event.places` and `Event.regions`)."""

    refers_back: bool = False  # a bare definite noun ('the attack', 'that meeting' + only its date)
    named: str = ""  # the name of the happening it is ('First Punic War'), when its trigger names one


def features(event: Event, text: str, entity_of: dict[str, str] | None = None,
             context: MentionContext = MentionContext()) -> MentionFeatures:
    """`entity_of` names each participant by its entity (across documents)."""
    trigger = _forms(text[event.trigger[0]:event.trigger[1]])
    stems = frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w
                      for w in _WORD.findall(event.title.casefold()) if w not in _STOP)
    names = entity_of or {}
    participants = frozenset(names.get(p, p).casefold() for p in event.participants)
    settings = {names.get(p, p).casefold() for p in event.places}  # where it happens
    regions = frozenset(names.get(p, p).casefold() for p in event.regions)
    people = participants.difference(settings) if settings else participants
    return MentionFeatures(trigger, _classes(trigger), stems, participants, people, regions, context.refers_back,
                           passage_key(text[event.sentence[0]:event.sentence[1]]), event.title.casefold(),
                           context.named.casefold())


_NOT_LETTERS = re.compile(r"[\W_]+")


def passage_key(sentence: str) -> str:
    """A sentence as its letters and digits in lower case: the same sentence read from a web page,
    a PDF (its line breaks, a word hyphenated at a line's end) and a Word file gives one key."""
    return _NOT_LETTERS.sub("", sentence.casefold())


def _comparable(e: Event) -> bool:
    """Whether a mention is dated finely enough to be compared with others at all."""
    return not e.is_vague and _span_days(e) <= MAX_SPAN_DAYS




def _span_days(e: Event) -> int:
    return ((e.latest or e.earliest) - e.earliest).days + 1


def _gap_days(a: Event, b: Event) -> int:
    """0 when the intervals overlap, else the days between them."""
    a1, b1 = a.latest or a.earliest, b.latest or b.earliest
    if a.earliest <= b1 and b.earliest <= a1:
        return 0
    return (b.earliest - a1).days if a1 < b.earliest else (a.earliest - b1).days


def same_happening(a: Event, b: Event, fa: MentionFeatures, fb: MentionFeatures, across: bool = False) -> bool:
    """Whether two mentions tell of one happening: dates that overlap (across documents: at most
    `DISAGREEMENT_DAYS` apart, then shown as disagreeing), the same participants (one set within
    the other, at least one shared; who takes part decides, not where: 'Lavrov arrives in
    Washington' = 'Lavrov's visit to the White House'), in no two regions, and a trigger of the
    same kind or a title in the same words."""
    if not (_comparable(a) and _comparable(b)):
        return False  # a year or a decade holds too many happenings to say two are one
    gap = _gap_days(a, b)
    if gap and not (across and gap <= DISAGREEMENT_DAYS):
        return False
    return _same_by_features(fa, fb, gap, across, b.sentence[0] > a.sentence[0], _span_days(a) <= 1
                             and _span_days(b) <= 1)


def _same_by_features(fa: MentionFeatures, fb: MentionFeatures, gap: int, across: bool, b_later: bool,
                      one_day: bool) -> bool:
    """`same_happening` once the dates allow it: `gap` days between them, `b_later` whether the
    second is told later in the text, `one_day` whether both are dated to a day at most."""
    if fa.regions and fb.regions and fa.regions.isdisjoint(fb.regions):
        return False  # in Paris and in Berlin: two happenings
    # both name people: they decide (where one says only where, all its participants do)
    pa, pb = (fa.people, fb.people) if fa.people and fb.people else (fa.participants, fb.participants)
    if pa and pb:
        if pa.isdisjoint(pb) or not (pa <= pb or pb <= pa):
            return False
        if gap:
            return _same_kind(fa, fb) and _similar_words(fa, fb) >= 0.3
        return _same_kind(fa, fb) or _similar_words(fa, fb) >= 0.6
    if not across and not gap and one_day and _same_kind(fa, fb):
        # 'Rebels attacked the base on Sunday. The attack on Sunday killed 12': the later mention,
        # a definite noun naming nobody, refers back to the earlier one of that day
        fl = fb if b_later else fa
        if fl.refers_back and not fl.participants:
            return True
    if across and not fa.participants and not fb.participants:
        # nobody named on either side: where decides, on the same days ('A car bomb exploded in Kabul
        # on Sunday' = 'Sunday's car bombing in Kabul'), with a trigger of one kind and words in common
        return (not gap and not fa.regions.isdisjoint(fb.regions) and _same_kind(fa, fb)
                and _similar_words(fa, fb) >= 0.3)
    if fa.participants or fb.participants or across:
        return False  # nobody named on one side (or, across articles, on either): not enough to tell
    return _same_kind(fa, fb) and _similar_words(fa, fb) >= 0.5 and not gap


def _similar_words(fa: MentionFeatures, fb: MentionFeatures) -> float:
    union = len(fa.words | fb.words)
    return len(fa.words & fb.words) / union if union else 0.0


def _same_kind(fa: MentionFeatures, fb: MentionFeatures) -> bool:
    """Triggers of one kind of happening, neither of them reporting speech."""
    return ((not fa.trigger.isdisjoint(fb.trigger) or not fa.classes.isdisjoint(fb.classes))
            and fa.trigger.isdisjoint(REPORTING) and fb.trigger.isdisjoint(REPORTING))


def _mentions(event: Event) -> tuple[Event, ...]:
    return event.mentions or (event,)


def combine(events: Sequence[Event]) -> Event:
    """One event of several mentions: the title, id and dates of the best mention of its own
    document (a clause with a subject over a noun, then the first), the participants of all.
    The finest interval that agrees with it dates it."""
    mentions = tuple(m for e in events for m in _mentions(e))
    own = [m for m in mentions if not m.document] or list(mentions)
    primary = max(own, key=lambda m: (m.confidence, -m.sentence[0]))
    agreeing = [m for m in own if m.earliest is not None and primary.earliest is not None
                and _gap_days(m, primary) == 0]
    finest = min(agreeing, key=lambda m: ((m.latest or m.earliest) - m.earliest, m.sentence[0]), default=primary)
    participants = tuple(dict.fromkeys(p for m in mentions for p in m.participants))
    timex_ids = tuple(dict.fromkeys(t for m in own for t in m.timex_ids))
    relations = tuple(dict.fromkeys(r for m in own for r in m.relations))
    places = tuple(dict.fromkeys(p for m in mentions for p in m.places))
    regions = tuple(dict.fromkeys(p for m in mentions for p in m.regions))
    return replace(primary, earliest=finest.earliest, latest=finest.latest, granularity=finest.granularity,
                   participants=participants, timex_ids=timex_ids, relations=relations, places=places,
                   regions=regions,
                   mentions=tuple(sorted(mentions, key=lambda m: (m.document != "", m.document, m.sentence[0]))),
                   document="")


def split_event(event: Event) -> list[Event]:
    """The mentions a merged event was made of, as they were; a single mention as it is."""
    return list(event.mentions) if event.mentions else [event]


def _groups(items: Sequence[tuple[int, Event, MentionFeatures]], across: bool) -> list[list[int]]:
    """Indices of `items` grouped by `same_happening` (transitively); events compared only with
    those whose dates come within `DISAGREEMENT_DAYS`, in date order, and across documents only
    with those that share a participant (or, naming nobody, a region)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joined = [False] * len(items)
    window = DISAGREEMENT_DAYS if across else 0
    # each mention's dates as day numbers, once: the pairs below are many more than the mentions
    start = [0] * len(items)
    end = [0] * len(items)
    buckets: dict[str, list[int]] = {}
    for i, (_, e, f) in enumerate(items):
        if not _comparable(e):
            continue
        start[i] = e.earliest.toordinal()
        end[i] = (e.latest or e.earliest).toordinal()
        if not across:
            buckets.setdefault("", []).append(i)
        for p in f.participants if across else ():
            buckets.setdefault(p, []).append(i)  # across articles only mentions that share someone,
        if across and not f.participants:
            for r in f.regions:  # or, naming nobody, a region
                buckets.setdefault("\0" + r, []).append(i)
    for same in _same_statements(items, across):
        for j in same[1:]:
            if parent[j] == j:
                parent[j] = same[0]
                joined[same[0]] = joined[j] = True
    for bucket in buckets.values():
        dated = sorted(bucket, key=start.__getitem__)  # in date order (stable, as the mentions come)
        for k, i in enumerate(dated):
            if parent[i] != i:
                continue  # joined to another: no longer the centre of a star
            di, a, fa = items[i]
            a0, a1 = start[i], end[i]
            last = a1 + window
            for m in range(k + 1, len(dated)):
                j = dated[m]
                b0 = start[j]
                if b0 > last:
                    break
                if parent[j] != j or joined[j]:
                    continue
                dj, b, fb = items[j]
                if across and di == dj:
                    continue  # within one document the article's own merge has decided
                # the dates allow it (the others are never one happening): the days between them
                b1 = end[j]
                gap = 0 if (a0 <= b1 and b0 <= a1) else (b0 - a1 if a1 < b0 else a0 - b1)
                if gap and not (across and gap <= DISAGREEMENT_DAYS):
                    continue
                # a star around the first mention, not a chain: each one is compared with it
                if _same_by_features(fa, fb, gap, across, b.sentence[0] > a.sentence[0],
                                     a1 == a0 and b1 == b0):
                    parent[j] = i
                    joined[i] = joined[j] = True
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    return [sorted(g) for g in groups.values()]


def _same_statements(items: Sequence[tuple[int, Event, MentionFeatures]], across: bool) -> list[list[int]]:
    """Mentions that are one statement whatever their dates' precision or who they name (indices
    of `items`, the first of each group first): across documents, the same sentence giving the same
    title and dates (one article opened as a web page, a PDF and a Word file); within one, two
    mentions of one sentence on the same dates where one title ends in the other ('was named 1965's
    Man of the Year', dated twice), and a named happening ('First Punic War (264 to 241 BC)', a heading) with a
    mention on its dates that names it ('The First Punic War (264 BC - 241 BC) was fought …')."""
    keyed: dict[tuple, list[int]] = {}
    for i, (di, e, f) in enumerate(items):
        dates = (e.earliest, e.latest, e.granularity)
        if across and f.passage:
            keyed.setdefault((f.passage, f.words, dates), []).append(i)
        elif not across and e.earliest is not None:
            keyed.setdefault((e.sentence, dates), []).append(i)
    if across:
        groups = [[i for k, i in enumerate(g) if k == 0 or items[i][0] != items[g[0]][0]] for g in keyed.values()]
    else:  # of one sentence and dates, a title that ends in another's ('Man of the Year', 'X was named
        # Man of the Year': the happening and what is said of it)
        groups = []
        for g in keyed.values():
            for k, i in enumerate(g):
                groups.append([i, *(j for j in g[k + 1:] if _ends_in(items[i][2].title, items[j][2].title)
                                    or _ends_in(items[j][2].title, items[i][2].title))])
    if not across:
        for i, (_, e, f) in enumerate(items):
            if not f.named or e.earliest is None:
                continue
            name = _words_in(f.named)
            told = [j for j, (_, other, g) in enumerate(items) if j != i and other.earliest == e.earliest
                    and other.latest == e.latest and name.search(g.title)]
            if told:
                groups.append([i, *told])
    return [g for g in groups if len(g) > 1]


def _ends_in(title: str, end: str) -> bool:
    """Whether `title` is `end` or ends in it after a space."""
    return title == end or (title.endswith(end) and title[-len(end) - 1] == " ")


def _words_in(text: str) -> re.Pattern:
    """A pattern finding `text` as whole words."""
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def merge_mentions(events: Sequence[Event], text: str, contexts: Sequence[MentionContext] = ()) -> list[Event]:
    """The events of one document with mentions of one happening merged (in text order);
    `contexts`: one per event, from the parse."""
    items = [(0, e, features(e, text, context=contexts[i] if i < len(contexts) else MentionContext()))
             for i, e in enumerate(events)]
    out = []
    for group in _groups(items, across=False):
        out.append(events[group[0]] if len(group) == 1 else combine([events[i] for i in group]))
    return sorted(out, key=lambda e: e.sentence[0])


def merge_documents(documents: Sequence[Extraction]) -> tuple[Extraction, ...]:
    """The documents with mentions of one happening in several of them merged into one event,
    kept by the first of those documents; the others lose it (it lists them as mentions)."""
    names = cluster_names(p for doc in documents for e in doc.events for p in e.participants)
    items = [(di, e, features(e, doc.text, names)) for di, doc in enumerate(documents) for e in doc.events]
    removed: set[tuple[int, str]] = set()
    replaced: dict[tuple[int, str], Event] = {}
    for group in _groups(items, across=True):
        if len({items[i][0] for i in group}) < 2:
            continue
        home = items[group[0]][0]
        parts = []
        for i in group:
            di, e, _ = items[i]
            if di == home:
                parts.append(e)
            else:
                parts.append(replace(e, mentions=tuple(replace(m, document=documents[di].id) for m in _mentions(e)),
                                     document=documents[di].id) if e.mentions else replace(e, document=documents[di].id))
                removed.add((di, e.id))
        merged = combine(parts)
        first = next(items[i][1] for i in group if items[i][0] == home)
        replaced[(home, first.id)] = replace(merged, id=first.id)
        for i in group:
            if items[i][0] == home and items[i][1].id != first.id:
                removed.add((home, items[i][1].id))
    if not replaced:
        return tuple(documents)
    out = []
    for di, doc in enumerate(documents):
        events = tuple(replaced.get((di, e.id), e) for e in doc.events if (di, e.id) not in removed)
        out.append(replace(doc, events=events))
    return tuple(out)


def split_across(documents: Sequence[Extraction], doc_index: int, event_id: str) -> tuple[Extraction, ...]:
    """Undo a merge: the event `event_id` of document `doc_index` back into its mentions, each in
    the document it comes from."""
    home = documents[doc_index]
    event = next((e for e in home.events if e.id == event_id), None)
    if event is None or not event.mentions:
        return tuple(documents)
    by_doc: dict[str, list[Event]] = {}
    for m in event.mentions:
        by_doc.setdefault(m.document or home.id, []).append(replace(m, document=""))
    out = []
    for di, doc in enumerate(documents):
        back = by_doc.get(doc.id, [])
        if di == doc_index:
            kept = [e for e in doc.events if e.id != event_id]
            own = back if len(back) == 1 else [combine(back)] if back else []
            events = kept + own
        else:
            events = list(doc.events) + ([back[0]] if len(back) == 1 else [combine(back)] if back else [])
        out.append(replace(doc, events=tuple(sorted(events, key=lambda e: e.sentence[0]))))
    return tuple(out)


def merge_by_hand(documents: Sequence[Extraction], refs: Sequence[tuple[int, str]]) -> tuple[Extraction, ...]:
    """The user's merge: the events `refs` ((document index, event id), the first one's document
    keeps the result) become one event; `split_across` undoes it."""
    if len(refs) < 2:
        return tuple(documents)
    home, first_id = refs[0]
    by_ref = {(di, e.id): e for di, doc in enumerate(documents) for e in doc.events}
    parts = []
    for di, event_id in refs:
        e = by_ref[(di, event_id)]
        if di != home:
            e = replace(e, document=documents[di].id,
                        mentions=tuple(replace(m, document=documents[di].id) for m in e.mentions))
        parts.append(e)
    merged = replace(combine(parts), id=first_id)
    gone = set(refs[1:])
    out = []
    for di, doc in enumerate(documents):
        events = tuple(merged if (di, e.id) == (home, first_id) else e for e in doc.events if (di, e.id) not in gone)
        out.append(replace(doc, events=events))
    return tuple(out)
