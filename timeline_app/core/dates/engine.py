"""The engine of the date rules: what a rule is, what it reads, and how candidates are found.

A rule (`Rule`) is a name, a compiled pattern and a resolver that turns a match into a
`Reading`; the rules themselves are a table (`rules/rules.ini`, loaded by `registry`) and
their resolvers live in `rules/`, one module per family of expression.  This module knows
nothing of any particular expression.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.lexicon import MODIFIERS
from timeline_app.core.dates.starts import RuleStarts, matches_at

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
    last_quarter_end: int = -1
    #: set by the anchoring policy in a narrative passage: `dct` is then the story's current time
    narrative: bool = False
    story_said: str = ""
    story_granularity: str = ""
    #: how a clause stands to the story's time ('pluperfect', 'ahead' or ''; see `syntax.story_aspect`)
    aspect: Callable[[int, int], str] = lambda start, end: ""

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
    #: words of which a text (lowered) must contain one for `needs` to pass: a cheaper test first
    gate: tuple[str, ...] = ()


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


#: The characters other than ASCII letters that case-insensitive matching takes for ASCII
#: letters ('ſ' for 's', the Kelvin sign for 'k', dotted and dotless i): where one occurs, a word
#: gate on the lowered text could miss a match, so only the regular expressions decide.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered_for_gates(text: str) -> str | None:
    """`text` lowered for word gates (`str.__contains__` instead of a case-insensitive scan),
    or None when word gates cannot be trusted on it."""
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


class Prescan:
    """Whether a rule can match a text, each distinct test run once per text: first its word
    gate on the lowered text, then its `needs` pattern (shared by several rules)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = lowered_for_gates(text)
        self._seen: dict[object, bool] = {}

    def has_any(self, words: tuple[str, ...]) -> bool:
        """Whether the text contains one of `words` (lowered); True when gates cannot be trusted."""
        if self.lowered is None or not words:
            return True
        if (known := self._seen.get(words)) is None:
            known = self._seen[words] = any(w in self.lowered for w in words)
        return known

    def may_match(self, rule: Rule, near: int = 0) -> bool:
        """Whether the rule's prescan passes; `near`: where in the text to look for its `needs`
        first (a match of the rule, which holds it), before the whole text."""
        if rule.needs is None:
            return True
        if not self.has_any(rule.gate):
            return False
        if (known := self._seen.get(rule.needs)) is None:
            quick = scanning_pattern(rule.needs)
            known = self._seen[rule.needs] = (quick.search(self.text, near) is not None
                                              or (near > 0 and quick.search(self.text) is not None))
        return known


def _first_characters(items) -> tuple[list, bool] | None:
    """(the class items of the characters a match of the parsed pattern `items` can begin with,
    whether it can match an empty string), or None when that is not known (any character, a
    negated class, a group reference...).  Lookarounds and anchors are passed over: they take
    no character, and only narrow what follows them."""
    from re import _constants as sre

    found: list = []
    for op, av in items:
        if op is sre.LITERAL:
            return found + [(op, av)], False
        if op is sre.IN:
            if not all(o in (sre.LITERAL, sre.RANGE) or (o is sre.CATEGORY and a in _CATEGORY_CLASSES)
                       for o, a in av):
                return None
            return found + list(av), False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.BRANCH:
            inner = [_first_characters(seq.data) for seq in av[1]]
        elif op is sre.SUBPATTERN and not (av[1] | av[2]) & re.I:  # (the same case rules inside)
            inner = [_first_characters(av[3].data)]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner = [_first_characters(av[2].data)] + ([([], True)] if av[0] == 0 else [])
        elif op is sre.ATOMIC_GROUP:
            inner = [_first_characters(av.data)]
        else:
            return None
        if any(part is None for part in inner):
            return None
        found += [item for chars, _ in inner for item in chars]
        if not any(empty for _, empty in inner):
            return found, False
    return found, True


try:  # the classes of characters spelled as they are in a pattern (re's own parse of them)
    from re import _constants as _sre

    _CATEGORY_CLASSES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
                         _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}
except (ImportError, AttributeError):  # an internal module: without it, patterns are scanned as they are
    _CATEGORY_CLASSES = {}


@lru_cache(maxsize=None)
def scanning_pattern(pattern: re.Pattern) -> re.Pattern:
    """`pattern` behind a lookahead of the characters its matches can begin with ('(?=[tn\\d])...'):
    the same matches and groups, but at a word that cannot begin one the regex engine stops
    at once, instead of trying each optional part and alternative of the pattern (at every word
    of a text, for each of ~60 rules).  `pattern` itself where those characters are not known."""
    try:
        from re import _constants as sre, _parser

        first = _first_characters(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - an internal module: if it ever changes, scan as before
        return pattern
    if first is None or first[1] or not first[0]:
        return pattern
    parts = []
    for op, av in first[0]:
        if op is sre.LITERAL:
            parts.append(f"\\U{av:08x}")
        elif op is sre.RANGE:
            parts.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
        else:
            parts.append(_CATEGORY_CLASSES[av])
    quick = re.compile(f"(?=[{''.join(dict.fromkeys(parts))}])(?:{pattern.pattern})", pattern.flags)
    return quick if quick.groupindex == pattern.groupindex and quick.groups == pattern.groups else pattern


_STARTS: dict[int, tuple[Sequence[Rule], RuleStarts]] = {}


def rule_starts(rules: Sequence[Rule]) -> RuleStarts:
    """The `starts.RuleStarts` of a table of rules' patterns, made once per table."""
    known = _STARTS.get(id(rules))
    if known is None or known[0] is not rules or (  # (a tuple of frozen rules never changes)
            not isinstance(rules, tuple) and known[1].patterns != tuple(r.pattern for r in rules)):
        known = _STARTS[id(rules)] = (rules, RuleStarts([r.pattern for r in rules]))
    return known[1]


def find_candidates(text: str, rules: Sequence[Rule],
                    accept: Callable[[Candidate], bool] = lambda c: True) -> list[Candidate]:
    """The longest non-overlapping matches of `rules` that `accept` takes, earlier rules winning ties."""
    found: list[tuple[int, int, int, re.Match]] = []
    prescan = Prescan(text)
    starts = rule_starts(rules) if prescan.lowered is not None else None
    places = starts.places(text, prescan.lowered) if starts is not None else None
    for priority, rule in enumerate(rules):
        if places is not None and starts.keyed[priority]:
            if not places[priority]:
                continue
            matches = matches_at(rule.pattern, text, places[priority])
            # its prescan, only where it matters (a match holds what `needs` looks for)
            if not matches or not prescan.may_match(rule, matches[0].start()):
                continue
        elif prescan.may_match(rule):
            matches = [m for m in scanning_pattern(rule.pattern).finditer(text) if m.end() > m.start()]
        else:
            continue
        for m in matches:
            start = m.start()
            found.append((start - m.end(), start, priority, m))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    taken: list[Candidate] = []
    # the spans taken, which never overlap: their starts in order, and their ends in the same order
    starts_taken: list[int] = []
    ends_taken: list[int] = []
    for length, start, priority, m in found:
        end = start - length
        at = bisect_left(starts_taken, end)  # the spans that begin before this one ends ...
        if at and ends_taken[at - 1] > start:  # ... the last of which ends after it begins: overlap
            continue
        cand = Candidate(start, end, rules[priority], m)
        if not accept(cand):
            continue
        taken.append(cand)
        starts_taken.insert(at, start)
        ends_taken.insert(at, end)
    taken.sort(key=lambda c: c.start)
    return taken


#: Each modifier as it stands right before an expression, longest first.
_MODIFIER_BEFORE = [
    (re.compile(r"(?<![\w-])" + re.escape(phrase) + ("" if phrase.endswith("-") else r"[\s-]+") + "$", re.I), mod)
    for phrase, mod in sorted(MODIFIERS.items(), key=lambda kv: -len(kv[0]))
]


#: The modifiers by their last word, each list in the order above.  A modifier ends with its last
#: word and then spaces or hyphens ('the end of ', 'mid-'), preceded by a space or, for a word of
#: its own, by no word character: so only those whose last word is the word before the date can match.
_MODIFIERS_BY_LAST_WORD: dict[str, list[tuple[re.Pattern, str]]] = {}
for _phrase, (_pattern, _mod) in zip(sorted(MODIFIERS, key=lambda phrase: -len(phrase)), _MODIFIER_BEFORE):
    _MODIFIERS_BY_LAST_WORD.setdefault(re.findall(r"\w+", _phrase)[-1].lower(), []).append((_pattern, _mod))
_LAST_WORD = re.compile(r"(\w+)[\s-]+$")


def extend_modifier(text: str, start: int) -> tuple[int, str | None]:
    """A modifier right before a date ('early', 'the end of', 'about'): new start and TimeML mod."""
    head = text[max(0, start - 25):start]
    if _FOLDS_TO_ASCII.search(head):  # a letter re.I takes for an ASCII one: lower() would not say
        candidates = _MODIFIER_BEFORE
    elif (last := _LAST_WORD.search(head)) is None:
        return start, None
    else:
        candidates = _MODIFIERS_BY_LAST_WORD.get(last.group(1).lower(), [])
    for pattern, mod in candidates:
        if hit := pattern.search(head):
            return start - (len(head) - hit.start()), mod
    return start, None
