"""People and organisations as entities: the name variants of one participant clustered
("Putin" = "Vladimir Putin" = "Russian President Vladimir Putin") and shown by the fullest name.

Qt-free and spaCy-free: it works on names, so the same clustering serves one document (at
extraction) and several (the timeline of a workspace).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: Words that stand before a name without being part of it: titles, offices, nationalities.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "foreign", "secretary", "senator", "sen.", "rep.",
    "representative", "governor", "gov.", "mayor", "general", "gen.", "chancellor", "king", "queen",
    "prince", "princess", "pope", "judge", "justice", "chief", "director", "chairman", "chairwoman",
    "ceo", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "former",
    "leader", "spokesman", "spokeswoman", "ambassador", "attorney", "state", "of", "the", "defense",
    "defence", "interior", "finance", "deputy", "acting", "then", "late", "speaker", "house",
    "commissioner", "officer", "adviser", "advisor", "national", "security", "white", "candidate",
    "colonel", "col.", "captain", "capt.", "lt.", "sgt.", "professor", "prof.", "rev.", "reverend",
    "treasurer", "premier", "envoy", "lawmaker", "councillor", "councilor", "sheriff", "coach", "bishop",
}
#: Nationality adjectives are titles too ("Russian President Vladimir Putin").
NATIONALITIES = {
    "american", "russian", "chinese", "british", "french", "german", "italian", "spanish", "iranian",
    "iraqi", "israeli", "palestinian", "syrian", "turkish", "ukrainian", "japanese", "korean",
    "north", "south", "indian", "pakistani", "afghan", "egyptian", "saudi", "canadian", "mexican",
    "brazilian", "australian", "cuban", "venezuelan", "libyan", "lebanese", "jordanian", "greek",
    "polish", "dutch", "belgian", "swiss", "swedish", "norwegian", "danish", "irish", "scottish",
    "nigerian", "kenyan", "european", "u.s.", "us", "soviet", "yugoslav", "serbian", "bosnian",
}
#: Last words of organisation names: such a name keeps its first words ('State Department').
ORG_HEADS = {"department", "ministry", "council", "house", "office", "agency", "party", "committee",
             "court", "bank", "corporation", "corp.", "inc.", "co.", "service", "administration",
             "commission", "board", "union", "organization", "organisation", "center", "centre",
             "institute", "university", "senate", "congress", "assembly", "army", "police", "group"}
_LAST_WORDS_OF_NAMES = ORG_HEADS | TITLE_WORDS
_BEFORE_NAMES = TITLE_WORDS | NATIONALITIES
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Entity:
    """One participant: the name it is shown by and every variant the texts use."""

    name: str
    variants: tuple[str, ...]


def bare_name(name: str) -> str:
    """The name without the titles and nationality before it and a possessive after it:
    'Russian President Vladimir Putin' -> 'Vladimir Putin', 'Lavrov’s' -> 'Lavrov'."""
    words = _POSSESSIVE.sub("", name.strip()).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1].lower() in _LAST_WORDS_OF_NAMES:
        return " ".join(words)
    while len(words) > 1 and (words[0].lower() in _BEFORE_NAMES):
        words = words[1:]
    return " ".join(words)


def _key(name: str) -> tuple[str, ...]:
    return tuple(w.casefold().strip(".,") for w in bare_name(name).split())


def cluster_names(names: Iterable[str]) -> dict[str, str]:
    """Each name -> the fullest name of its entity.

    A name joins a longer one whose words end with its words ('Putin' -> 'Vladimir Putin',
    'Tillerson' -> 'Rex Tillerson'), or that spells it out with titles before it; when two
    different people share the short name ('Trump' with 'Donald Trump' and 'Ivanka Trump'),
    it stays on its own rather than be given to one of them.
    """
    counts = Counter(n for n in names if n.strip())
    keys = {n: _key(n) for n in counts}
    full: dict[tuple[str, ...], str] = {}  # key -> the spelling shown (most used bare spelling)
    spellings: dict[tuple[str, ...], Counter] = {}
    for n, k in keys.items():
        if k:
            spellings.setdefault(k, Counter())[bare_name(n)] += counts[n]
    for k, c in spellings.items():
        full[k] = max(c.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    longest = sorted(full, key=len, reverse=True)
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    for k in sorted(full, key=len):
        longer = [m for m in longest if len(m) > len(k) and m[-len(k):] == k]
        # a longer name that is itself a variant of a yet longer one goes there
        tops = {_top(m, longest) for m in longer}
        target[k] = tops.pop() if len(tops) == 1 else k
    return {n: full[target.get(k, k)] if k else n for n, k in keys.items()}


def _top(key: tuple[str, ...], longest: list[tuple[str, ...]]) -> tuple[str, ...]:
    longer = [m for m in longest if len(m) > len(key) and m[-len(key):] == key]
    return _top(longer[0], longest) if len(longer) == 1 else key


def entities(names: Iterable[str]) -> list[Entity]:
    """The entities behind `names`, most mentioned first."""
    names = list(names)
    mapping = cluster_names(names)
    counts = Counter(mapping[n] for n in names if n in mapping)
    variants: dict[str, list[str]] = {}
    for n in dict.fromkeys(names):
        if n in mapping:
            variants.setdefault(mapping[n], []).append(n)
    order = sorted(counts, key=lambda e: (-counts[e], e.casefold()))
    return [Entity(e, tuple(variants[e])) for e in order]
