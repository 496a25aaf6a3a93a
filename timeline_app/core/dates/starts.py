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


def _ends_non_word(items) -> bool:
    """Whether a parsed lookbehind's last character is a space or a character that is no word character."""
    if not items:
        return False
    op, av = items[-1]
    if op is sre.LITERAL:
        return not re.match(r"\w", chr(av))
    return op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_SPACE)]


def _after_non_word(items) -> bool:
    r"""Whether a parsed pattern (`items`) can match only where the character before is no word
    character: it opens, before taking any character, with a lookbehind that says so, such as the
    rules' `(?<![\w/-])` or `(?<=\bon\s)` (each alternative of a group, if it opens with one)."""
    for op, av in items:
        if op is sre.ASSERT_NOT and av[0] == -1 and len(av[1]) == 1 and av[1][0][0] is sre.IN:
            members = av[1][0][1]
            if (sre.CATEGORY, sre.CATEGORY_WORD) in members and not any(o is sre.NEGATE for o, _ in members):
                return True  # (?<![\w...])
        elif op is sre.ASSERT and av[0] == -1 and _ends_non_word(list(av[1])):
            return True  # (?<=...\s)
        elif op is sre.BRANCH:
            return all(_after_non_word(alternative.data) for alternative in av[1])
        elif op is sre.SUBPATTERN:
            return _after_non_word(av[3].data)
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return False  # it takes a character first
    return False


def after_non_word(pattern: re.Pattern) -> bool:
    r"""Whether `pattern` matches only where the character before the match is no word character
    (`_after_non_word`), as Unicode `\w` reads it; False when that is not known."""
    if pattern.flags & (re.ASCII | re.LOCALE):  # another \w than the scan's
        return False
    try:
        return _after_non_word(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - an internal module: if it ever changes, look everywhere
        return False


class RuleStarts:
    r"""For a sequence of patterns (the rules'), the places of a text where each may begin.

    The date rules all begin after a character that is no word character (`(?<![\w/-])`), so
    the scan looks only there (`(?<!\w)` before its keys: a third fewer places, and the regex
    engine passes over the rest of each word at once); a pattern that could begin inside a word
    is looked for everywhere, by a scan of its own keys."""

    #: Most pieces of text whose rules are remembered (`places`), before they are forgotten.
    _MOST_PIECES = 100_000

    def __init__(self, patterns: Sequence[re.Pattern]) -> None:
        self.patterns = tuple(patterns)
        by_key: dict[str, set[int]] = {}
        anywhere: set[str] = set()  # the keys of patterns that may begin inside a word
        self.keyed: list[bool] = []
        self.after_non_word: list[bool] = []
        for index, pattern in enumerate(self.patterns):
            keys = pattern_keys(pattern)
            self.keyed.append(keys is not None)
            self.after_non_word.append(keys is not None and after_non_word(pattern))
            for key in keys or ():
                by_key.setdefault(key, set()).add(index)
                if not self.after_non_word[-1]:
                    anywhere.add(key)
        self._by_key = by_key
        self._at: dict[str, tuple[int, ...]] = {}
        self._inside_word_at: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._pieces: dict[str, tuple[int, ...]] = {}
        # after no word character, for every key; anywhere, for the keys of patterns that may begin in a word
        self._finders = _finders(by_key, r"(?<!\w)") + _finders(anywhere, "")
        self._anywhere = bool(anywhere)

    def rules_at(self, key: str) -> tuple[int, ...]:
        """The patterns (indexes) that may begin where the text's key is `key`."""
        if (known := self._at.get(key)) is None:
            found: set[int] = set()
            for n in range(1, len(key) + 1):
                found |= self._by_key.get(key[:n], set())
            known = self._at[key] = tuple(sorted(found))
        return known

    def _rules_at_place(self, lowered: str, place: int) -> tuple[int, ...]:
        """`rules_at` the text's key at `place`, remembered by the text's next `KEY_LENGTH`
        characters where they alone make the key (ASCII, no run of spaces)."""
        piece = lowered[place:place + KEY_LENGTH]
        if (known := self._pieces.get(piece)) is None:
            known = self.rules_at(text_key(lowered, place))
            if piece.isascii() and "  " not in piece.translate(_DIGITS_AND_SPACES):
                if len(self._pieces) >= self._MOST_PIECES:
                    self._pieces.clear()
                self._pieces[piece] = known
        return known

    def places(self, text: str, lowered: str) -> list[list[int]] | None:
        """For each pattern, the places of `text` (`lowered`: the text lowered, of the same length)
        where it may begin, in order ([] for a pattern without keys); None when the text has a
        digit outside ASCII (which the scan, looking for ASCII digits, could miss).  (Lowering
        changes no character's being a word character: `tests/test_rule_starts.py` checks every
        code point.)"""
        if not text.isascii() and any(m[0].isdecimal() for m in _NON_ASCII.finditer(text)):
            return None
        places: list[list[int]] = [[] for _ in self.patterns]
        finders = self._finders
        found = [m.start() for finder in finders for m in finder.finditer(lowered)]
        if self._anywhere:  # (a place may be found twice)
            found = sorted(set(found))
        elif len(finders) > 1:
            found.sort()
        rules_at = self._rules_at_place
        inside = self._inside_word_at if self._anywhere else None
        for place in found:
            at = rules_at(lowered, place)
            if inside is not None and place > 0 and _WORD.match(lowered, place - 1):
                if (only := inside.get(at)) is None:  # inside a word: only the patterns that may begin there
                    only = inside[at] = tuple(i for i in at if not self.after_non_word[i])
                at = only
            for index in at:
                places[index].append(place)
        return places


_WORD = re.compile(r"\w")


def _finders(keys, before: str) -> list[re.Pattern]:
    """Regular expressions finding the places where one of `keys` begins, `before` in front of
    each: an alternation of plain first letters, which `re` searches for as a set of characters
    (the rest of each key behind a lookahead), and one for the keys that begin with a digit."""
    letters: dict = {}
    digits: dict = {}
    for key in keys:
        node = digits if key[0] == "0" else letters.setdefault(key[0], {})
        for c in key[1:]:
            node = node.setdefault(c, {})
        node[""] = {}
    found = []
    branches = [re.escape(c) + (f"(?={rest})" if (rest := _written(trie)) else "")
                for c, trie in sorted(letters.items())]
    if branches:
        found.append(re.compile(before + ("(?:" + "|".join(branches) + ")" if before else "|".join(branches))))
    if digits:  # (a lookbehind first would keep `re` from searching for the digits quickly)
        found.append(re.compile("[0-9]" + (f"(?={rest})" if (rest := _written(digits)) else "")))
    return found


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
