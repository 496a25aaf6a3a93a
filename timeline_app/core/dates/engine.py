"""The engine of the date rules: what a rule is, what it reads, and how candidates are found.

A rule (`Rule`) is a name, a compiled pattern and a resolver that turns a match into a
`Reading`; the rules themselves are a table (`rules/rules.ini`, loaded by `registry`) and
their resolvers live in `rules/`, one module per family of expression.  This module knows
nothing of any particular expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.lexicon import MODIFIERS

#: The anchor of a reading counted from the publication date.
PUB = "publication date"


@dataclass(frozen=True)
class Reading:
    """What a rule made of a match."""

    type: str
    value: str | None
    period: cal.Period | None
    explanation: str
    anchor: str | None = None
    mod: str | None = None
    granularity: str | None = None


@dataclass
class Context:
    """What a resolver may consult besides the match itself."""

    dct: cal.Day | None
    tense: Callable[[int, int], str]
    last_period: cal.Period | None = None
    last_id: str | None = None
    last_end: int = -1
    text: str = ""
    #: the last quarter mentioned, for results reporting ('the 1988 period' = that quarter in 1988)
    last_quarter: cal.Period | None = None
    last_quarter_id: str | None = None
    #: set by the anchoring policy in a narrative passage: `dct` is then the story's current time
    narrative: bool = False
    story_said: str = ""
    story_granularity: str = ""

    def last_in_sentence(self, start: int) -> bool:
        """Whether the last dated mention is in the same sentence as `start`."""
        if self.last_period is None or self.last_end < 0 or self.last_end > start:
            return False
        return not re.search(r"[.!?]\s|\n", self.text[self.last_end:start])

    def words_before(self, start: int) -> str:
        return self.text[max(0, start - 20):start].lower()


Resolver = Callable[[re.Match, Context], "Reading | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver
    needs: re.Pattern | None = None  # a cheap test: without it in the text, the rule cannot match


class MatchView:
    """A match with some groups renamed or filled in, for resolvers shared by rules."""

    def __init__(self, m: re.Match, **groups):
        self._m, self._g = m, groups

    def __getitem__(self, key):
        if key in self._g:
            return self._g[key]
        return self._m[key]

    def group(self, i=0):
        return self._m.group(i)

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def find_candidates(text: str, rules: Sequence[Rule],
                    accept: Callable[[Candidate], bool] = lambda c: True) -> list[Candidate]:
    """The longest non-overlapping matches of `rules` that `accept` takes, earlier rules winning ties."""
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, rule in enumerate(rules):
        if rule.needs is not None and rule.needs.search(text) is None:
            continue
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                found.append((-(m.end() - m.start()), m.start(), priority, Candidate(m.start(), m.end(), rule, m)))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for _, _, _, cand in found:
        if any(cand.start < e and s < cand.end for s, e in occupied) or not accept(cand):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken


#: Each modifier as it stands right before an expression, longest first.
_MODIFIER_BEFORE = [
    (re.compile(r"(?<![\w-])" + re.escape(phrase) + ("" if phrase.endswith("-") else r"[\s-]+") + "$", re.I), mod)
    for phrase, mod in sorted(MODIFIERS.items(), key=lambda kv: -len(kv[0]))
]


def extend_modifier(text: str, start: int) -> tuple[int, str | None]:
    """A modifier right before a date ('early', 'the end of', 'about'): new start and TimeML mod."""
    head = text[max(0, start - 25):start]
    for pattern, mod in _MODIFIER_BEFORE:
        if hit := pattern.search(head):
            return start - (len(head) - hit.start()), mod
    return start, None
