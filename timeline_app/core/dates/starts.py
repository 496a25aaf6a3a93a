"""Where the date rules may begin in a text, found in one scan of it for all rules.

Scanning a text once per rule (about 70 `finditer` passes) cost most of the rules' time: the
regex engine tries each pattern at every character.  Instead, each rule's possible beginnings are
worked out once from `re`'s own parse of its pattern, as *keys*: the first few characters any
match must begin with, lowered, each digit written '0' and each run of spaces ' ' ('may 0',
'the fi', "'00s").  One regular expression of all keys is run over the lowered text, in a form
`re` searches quickly (an alternation of plain first characters, the rest of each key behind a
lookahead, one character taken per place so no place is skipped); at each place it finds, the
text's own key (`text_key`) says which rules may begin there.  A rule is then tried only there
(`matches_at`), with the same results as its `finditer` over the whole text.

The keys are a superset: every place a rule matches has one of its keys, as long as the text
lowered has the same length and case-insensitive matching folds no other character to an ASCII
letter (`engine.lowered_for_gates` says so) and the text has no digit outside ASCII (`places`
then says None).  A rule whose beginnings are not known (one that may begin with any character,
or match an empty string) gets no keys and is scanned whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:  # re's own parser, internal: without it every rule is scanned whole (`pattern_keys` says None)
    from re import _constants as sre, _parser
except ImportError:  # pragma: no cover
    sre = _parser = None

#: How many characters of a text, from a place, say which rules may begin there.
KEY_LENGTH = 6
#: A character class of more characters than this ends a key (a letter or a digit, 'anything').
_WIDEST_CLASS = 12
#: A rule's keys are cut shorter while they are more than this many.
_MOST_KEYS = 3000
_DIGITS_AND_SPACES = str.maketrans({**{c: "0" for c in "0123456789"},
                                    **{chr(i): " " for i in range(128) if chr(i).isspace()}})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r"\s+")


def text_key(lowered: str, place: int) -> str:
    """The key of the lowered text at `place`: its next `KEY_LENGTH` characters, each run of
    spaces as one ' ', each digit '0'."""
    piece = lowered[place:place + KEY_LENGTH]
    if piece.isascii() and "  " not in (key := piece.translate(_DIGITS_AND_SPACES)):
        return key  # (no run of spaces to make one)
    size = 2 * KEY_LENGTH
    while True:
        piece = _SPACES.sub(" ", lowered[place:place + size])
        if len(piece) >= KEY_LENGTH or place + size >= len(lowered):
            break
        size *= 2
    piece = piece[:KEY_LENGTH]
    if piece.isascii():
        return piece.translate(_DIGITS_AND_SPACES)
    return "".join("0" if c.isdecimal() else c for c in piece)


def _options(op, av) -> frozenset[str] | None:
    """The key characters one LITERAL or IN item of a parsed pattern can stand for: lowered
    letters, '0' for a digit, ' ' for a space; None when not known that way (a negated class, a
    category other than digits and spaces, a cased letter outside ASCII, whose folds are not
    followed here) or too many (`_WIDEST_CLASS`)."""
    found: set[str] = set()
    for o, a in ([(op, av)] if op is sre.LITERAL else av):
        if o is sre.LITERAL:
            c = chr(a)
            if not c.isascii() and c.lower() != c.upper():
                return None
            found.add("0" if c in "0123456789" else " " if c.isspace() else c.lower())
        elif o is sre.RANGE and a[1] < 128:
            found.update("0" if chr(x) in "0123456789" else " " if chr(x).isspace() else chr(x).lower()
                         for x in range(a[0], a[1] + 1))
        elif o is sre.CATEGORY and a == sre.CATEGORY_DIGIT:
            found.add("0")
        elif o is sre.CATEGORY and a == sre.CATEGORY_SPACE:
            found.add(" ")
        else:
            return None
    return frozenset(found) if len(found) <= _WIDEST_CLASS else None


class _Keys:
    """The keys of one parsed pattern.  A place in the pattern is a stack of frames, the
    innermost first, each (a sequence of items, by its number in `_items`; an index into it);
    `after(frames, budget, spaced)` is the set of key endings that can follow there, of `budget`
    characters at most, `spaced` when the key so far ends with a space.  An ending '' where more
    may follow means 'anything' from there on: a key may stop short."""

    _STOP = 0  # a sequence that stands for 'what follows is left open'

    def __init__(self) -> None:
        self._memo: dict = {}
        self._busy: set = set()
        self._items: list[tuple] = [()]  # the sequences, by number
        self._numbers: dict = {}  # id of a parsed sequence (or a repeat's remainder's key) -> number
        self._alive: list = []  # what those ids are the ids of

    def frame(self, items) -> int:
        """The number of a parsed sequence of items."""
        if (known := self._numbers.get(id(items))) is None:
            self._alive.append(items)
            known = self._numbers[id(items)] = len(self._items)
            self._items.append(tuple(items))
        return known

    def _remainder(self, op, low: int, high: int, sub) -> int:
        """The number of the one-item sequence: a repeat with `low`..`high` copies of `sub` left."""
        key = (id(sub), op, low, high)
        if (known := self._numbers.get(key)) is None:
            known = self._numbers[key] = len(self._items)
            self._items.append(((op, (low, high, sub)),))
        return known

    def after(self, frames: tuple, budget: int, spaced: bool) -> frozenset[str]:
        key = (frames, budget, spaced)
        if (known := self._memo.get(key)) is None:
            if key in self._busy:  # back where it started, having taken no character: left open
                return frozenset({""})
            self._busy.add(key)
            known = self._memo[key] = self._after(frames, budget, spaced)
            self._busy.discard(key)
        return known

    def _next(self, frames: tuple) -> tuple:
        """The frames past the current item (a finished sequence dropped, so that a place in the
        pattern is always written the same way)."""
        number, i = frames[0]
        return ((number, i + 1),) + frames[1:] if i + 1 < len(self._items[number]) else frames[1:]

    def _enter(self, frames: tuple, items) -> tuple:
        return ((self.frame(items), 0),) + self._next(frames)

    def _after(self, frames: tuple, budget: int, spaced: bool) -> frozenset[str]:
        if budget == 0 or not frames:
            return frozenset({""})
        number, i = frames[0]
        if number == self._STOP:
            return frozenset({""})
        items = self._items[number]
        if i == len(items):
            return self.after(frames[1:], budget, spaced)
        op, av = items[i]
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # they take no character
            return self.after(self._next(frames), budget, spaced)
        if op in (sre.LITERAL, sre.IN):
            return self._one_of(_options(op, av), self._next(frames), budget, spaced)
        if op is sre.BRANCH:
            return _cut(frozenset().union(*(self.after(self._enter(frames, alt.data), budget, spaced) for alt in av[1])))
        if op is sre.SUBPATTERN:
            return self.after(self._enter(frames, av[3].data), budget, spaced)
        if op is sre.ATOMIC_GROUP:
            return self.after(self._enter(frames, av.data), budget, spaced)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            rest = self._next(frames)
            without = self.after(rest, budget, spaced) if low == 0 else frozenset()
            if high == 0:
                return without
            data = sub.data
            options = _options(*data[0]) if len(data) == 1 and data[0][0] in (sre.LITERAL, sre.IN) else None
            if options == frozenset({" "}):  # spaces, however many, are one ' '
                return without | self._one_of(options, rest, budget, spaced)
            if sub.getwidth()[0] == 0:  # a copy may take nothing: one copy, then left open
                return without | self.after(((self.frame(data), 0), (self._STOP, 0)), budget, spaced)
            # one copy, then the repeat with one copy fewer
            again = self._remainder(op, max(low - 1, 0), high if high == sre.MAXREPEAT else high - 1, sub)
            return _cut(without | self.after(((self.frame(data), 0), (again, 0)) + rest, budget, spaced))
        return frozenset({""})

    def _one_of(self, options: frozenset[str] | None, rest: tuple, budget: int, spaced: bool) -> frozenset[str]:
        if options is None:
            return frozenset({""})
        found: set[str] = set()
        for c in options:
            if c == " " and spaced:
                found |= self.after(rest, budget, True)
            else:
                found |= {c + end for end in self.after(rest, budget - 1, c == " ")}
        return _cut(found)


def _cut(keys: set[str]) -> frozenset[str]:
    """`keys`, made shorter until there are at most `_MOST_KEYS` (a shorter key still holds)."""
    length = KEY_LENGTH
    while len(keys) > _MOST_KEYS and length > 1:
        length -= 1
        keys = {k[:length] for k in keys}
    return frozenset(keys)


def pattern_keys(pattern: re.Pattern) -> frozenset[str] | None:
    """The keys of `pattern`'s matches (see the module's docstring); None when a match may begin
    with anything, with a space, or be empty."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] == 0:
            return None
        analysis = _Keys()
        keys = analysis.after(((analysis.frame(parsed.data), 0),), KEY_LENGTH, False)
    except Exception:  # noqa: BLE001 - an internal module: if it ever changes, scan each rule whole
        return None
    if not keys or any(not k or k[0] == " " for k in keys):
        return None
    return keys


def _written(trie: dict) -> str:
    """A trie of key characters (character -> trie; '' -> {} where a key ends) as a regex."""
    if "" in trie:
        return ""
    parts = [(r"\d" if c == "0" else r"\s+" if c == " " else re.escape(c)) + _written(rest)
             for c, rest in sorted(trie.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


class RuleStarts:
    """For a sequence of patterns (the rules'), the places of a text where each may begin."""

    def __init__(self, patterns: Sequence[re.Pattern]) -> None:
        self.patterns = tuple(patterns)
        by_key: dict[str, set[int]] = {}
        self.keyed: list[bool] = []
        for index, pattern in enumerate(self.patterns):
            keys = pattern_keys(pattern)
            self.keyed.append(keys is not None)
            for key in keys or ():
                by_key.setdefault(key, set()).add(index)
        self._by_key = by_key
        self._at: dict[str, tuple[int, ...]] = {}
        letters: dict = {}
        digits: dict = {}
        for key in by_key:
            node = digits if key[0] == "0" else letters.setdefault(key[0], {})
            for c in key[1:]:
                node = node.setdefault(c, {})
            node[""] = {}
        # an alternation of plain first characters, which `re` searches for as a set of characters
        branches = [re.escape(c) + (f"(?={rest})" if (rest := _written(trie)) else "")
                    for c, trie in sorted(letters.items())]
        self._letters = re.compile("|".join(branches)) if branches else None
        self._digits = re.compile("[0-9]" + (f"(?={rest})" if (rest := _written(digits)) else "")) if digits else None

    def rules_at(self, key: str) -> tuple[int, ...]:
        """The patterns (indexes) that may begin where the text's key is `key`."""
        if (known := self._at.get(key)) is None:
            found: set[int] = set()
            for n in range(1, len(key) + 1):
                found |= self._by_key.get(key[:n], set())
            known = self._at[key] = tuple(sorted(found))
        return known

    def places(self, text: str, lowered: str) -> list[list[int]] | None:
        """For each pattern, the places of `text` (`lowered`: the text lowered, of the same length)
        where it may begin, in order ([] for a pattern without keys); None when the text has a
        digit outside ASCII (which the scan, looking for ASCII digits, could miss)."""
        if not text.isascii() and any(m[0].isdecimal() for m in _NON_ASCII.finditer(text)):
            return None
        places: list[list[int]] = [[] for _ in self.patterns]
        found = [m.start() for finder in (self._letters, self._digits) if finder for m in finder.finditer(lowered)]
        if self._letters and self._digits:
            found.sort()
        for place in found:
            for index in self.rules_at(text_key(lowered, place)):
                places[index].append(place)
        return places


def matches_at(pattern: re.Pattern, text: str, places: list[int]) -> list[re.Match]:
    """The matches of `pattern.finditer(text)`, for a pattern that matches no empty string and
    can begin only at `places` (in order): each place tried unless a match already covers it, as
    `finditer` goes on from the end of the last match.  (`pattern.match(text, place)` sees the
    text before `place`, so lookbehinds read as they do in a scan.)"""
    found = []
    last = 0
    match = pattern.match
    for place in places:
        if place >= last and (m := match(text, place)) is not None:
            found.append(m)
            last = m.end()
    return found
