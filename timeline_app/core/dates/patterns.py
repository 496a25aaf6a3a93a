"""Named pieces of patterns, built from the lexicon, that the rule table writes as `{MONTH}`.

`expand("(?P<m>{MONTH})\\s*(?P<d>{DAY})")` puts each piece in; braces around anything but an
upper-case name (`\\d{1,4}`) are left to the regular expression.
"""

from __future__ import annotations

import os
import re

from timeline_app.core.dates.lexicon import (
    BARE_YEAR_CUES, DECADE_WORDS, DEICTIC, ERAS, HISTORICAL_PERIODS, HOLIDAYS, INFORMAL, MODIFIERS, MONTH_NAMES, MONTHS,
    MOVABLE_HOLIDAYS, NUMBERS, ORDINAL_WORDS, ORDINALS, PARTS_OF_DAY, SEASONS, SET_WORDS, UNIT_PLURALS,
    UNITS, WEEKDAYS,
)


def alternatives(words) -> str:
    """A regex alternation of `words`, longest first, written as a tree of their common beginnings
    (`the\\ day(?:\\ before|\\ after)|to(?:morrow|day)`): the same matches, each word tried
    in the same order, but the regex engine no longer tries dozens of words one by one at every
    word of a text (it leaves a branch at its first character)."""
    return alternation(sorted(words, key=len, reverse=True))


def alternation(words) -> str:
    """`'|'.join(re.escape(w) for w in words)` written as a tree: the same matches, the words
    tried in that order.  Words are grouped by their first character; a group takes the place
    of its first word.  That keeps the order in which any
    text meets the words, because words of different first characters cannot both match at
    one place; an empty word (one that ends here) can, so no word moves past one.  Where case
    could make two first characters match alike ('F', 'f', or letters outside ASCII), the words
    stay a plain alternation."""
    words = list(dict.fromkeys(words))  # a word given twice matches where it did the first time
    firsts = {w[0] for w in words if w}
    if len({c.lower() for c in firsts}) < len(firsts) or not all(c.isascii() for c in firsts):
        return "|".join(re.escape(w) for w in words)
    options: list[tuple[str, list[str]]] = []  # (first character or "" for an empty word, the rests)
    open_groups: dict[str, int] = {}
    for w in words:
        if not w:
            options.append(("", []))
            open_groups = {}  # no word moves past an empty one
        elif w[0] in open_groups:
            options[open_groups[w[0]]][1].append(w[1:])
        else:
            open_groups[w[0]] = len(options)
            options.append((w[0], [w[1:]]))
    parts = []
    for first, rests in options:
        if not first:
            parts.append("")
        elif len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
        else:  # the beginning all its words share, then what follows it
            shared = first + os.path.commonprefix(rests)
            parts.append(re.escape(shared) + "(?:" + alternation([r[len(shared) - 1:] for r in rests]) + ")")
    return "|".join(parts)


def informal_variants(phrases) -> list[str]:
    """'last night' -> also 'last nite'; 'tomorrow' -> also 'tmr', 'tmrw', ..."""
    out = list(phrases)
    for phrase in phrases:
        words = phrase.split()
        for short, standard in INFORMAL.items():
            if standard in words:
                out.append(" ".join(short if w == standard else w for w in words))
    return out


def starting_with(words, pattern: str) -> str:
    """`pattern`, whose matches begin with one of `words`, behind a lookahead of their first
    characters: the same matches, but the regex engine leaves a position at once where no word
    can start instead of trying each alternative (on every word of a text)."""
    first = sorted({w[0].lower() for w in words})
    return "(?=[" + "".join(re.escape(c) for c in first) + "])" + pattern


_alt = alternatives
_MONTH_FULL = [name.lower() for name in MONTH_NAMES]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]
MONTH = starting_with(MONTHS, rf"(?:(?:{_alt(_MONTH_FULL)})\b|(?:{_alt(_MONTH_ABBR)})(?:\.|\b))")
_WD_FULL = [w for w in WEEKDAYS if w.endswith("day")]
WEEKDAY = starting_with(WEEKDAYS, rf"(?:(?:{_alt(_WD_FULL)})\b|(?:{_alt([w for w in WEEKDAYS if w not in _WD_FULL])})\.)")
_SMALL = [w for w, n in NUMBERS.items() if n is not None and 1 <= n < 10 and w not in ("a", "an", "single")]
_TENS = [w for w, n in NUMBERS.items() if n is not None and n in (20, 30, 40, 50, 60, 70, 80, 90)]
NUMWORD = (rf"(?:(?:{_alt(_SMALL)}|a)\s+(?:hundred|thousand)|(?:{_alt(_TENS)})[- ](?:{_alt(_SMALL)})"
           rf"|(?:{_alt(NUMBERS)}))")
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?\+?|{NUMWORD})"
UNIT_ANY = starting_with(list(UNITS) + list(UNIT_PLURALS), rf"(?:{_alt(list(UNITS) + list(UNIT_PLURALS))})")
UNIT_ONE = rf"(?:{_alt(UNITS)})"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
SPELLED_YEAR = (rf"(?:(?:nineteen|eighteen)[\s-]+(?:{_alt(_TENS)})(?:[\s-]+(?:{_alt(_SMALL)}))?"
                rf"|two\s+thousand(?:\s+and\s+(?:{_alt(_SMALL)}|ten))?)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PART = starting_with(PARTS_OF_DAY, rf"(?:{_alt(PARTS_OF_DAY)})")
MOD = starting_with(MODIFIERS, rf"(?:{_alt(MODIFIERS)})")
ORD = rf"(?:{_alt(ORDINALS)}|final|last|latest|current|this|next|previous|year-earlier|year-ago|same)"
SEASON = starting_with(SEASONS, rf"(?:{_alt(SEASONS)})")
_BARE_CASED_ERAS = ("ad", "ce")
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local time))"
#: An era; 'AD' and 'CE' without periods only in capitals ('10 ad agencies', '5 ce units' are words).
ERA = rf"(?:{_alt([e for e in ERAS if e not in _BARE_CASED_ERAS])}|(?-i:{'|'.join(e.upper() for e in _BARE_CASED_ERAS)}))(?!\w)"
ERA_BC = rf"(?:{_alt([e for e, bc in ERAS.items() if bc])})(?!\w)"
#: A year with its era: '499 BC', '146 B.C.', 'AD 9', '9 AD'.
ERA_YEAR = rf"(?:(?P<ey>\d{{1,4}})\s*(?P<era>{ERA})|(?P<era2>(?-i:AD)|A\.D\.)\s*(?P<ey2>\d{{1,4}})(?!\d|,\d))"
#: The year of a calendar date: '2017', or with its era ('480 BC', 'AD 41'); fills the groups `year_of` reads.
DATE_YEAR = (rf"(?:(?P<ey>\d{{1,4}})\s*(?P<era>{ERA})|(?P<era2>(?-i:AD)|A\.D\.)\s*(?P<ey2>\d{{1,4}})(?!\d|,\d)"
             rf"|(?P<y>{YEAR}))(?P<sy>)")
ORD_WORD = rf"(?:{_alt(ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))"
#: An optional weekday before a date: 'Tuesday, May 9'.
WD_OPT = rf"(?:(?P<wdp>{WEEKDAY}),?\s+)?"
HOLIDAY = starting_with(list(HOLIDAYS) + list(MOVABLE_HOLIDAYS) + ["easter", "xmas"],
                        _alt(list(HOLIDAYS) + list(MOVABLE_HOLIDAYS) + ["easter", "xmas"]))
DECADE_WORD = starting_with(DECADE_WORDS, _alt(DECADE_WORDS))
DEICTIC_PHRASE = starting_with(informal_variants(DEICTIC), _alt(informal_variants(DEICTIC)))
SET_WORD = starting_with(SET_WORDS, _alt(SET_WORDS))
_PERIOD_WORDS = [re.escape(n).replace("\\ ", r"[\s-]+") for n in sorted(HISTORICAL_PERIODS, key=len, reverse=True)]
PERIOD_NAME = starting_with(HISTORICAL_PERIODS, "(?:" + "|".join(_PERIOD_WORDS) + ")")
#: Right after one of the words that may stand before a bare year BC ('in 480').
AFTER_BARE_YEAR_CUE = "(?:" + "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in BARE_YEAR_CUES) + ")"

PIECES: dict[str, str] = {
    name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)
}
_PIECE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
#: The words each match of these pieces contains, written as they are (case aside): a text
#: that contains none of them cannot match the piece (`gate_words`).
WORDS: dict[str, tuple[str, ...]] = {
    "MONTH": tuple(MONTHS), "WEEKDAY": tuple(WEEKDAYS), "SEASON": tuple(SEASONS),
    "UNIT_ANY": tuple(UNITS) + tuple(UNIT_PLURALS),
    "HOLIDAY": tuple(HOLIDAYS) + tuple(MOVABLE_HOLIDAYS) + ("easter", "xmas"),
    "DECADE_WORD": tuple(DECADE_WORDS), "DEICTIC_PHRASE": tuple(informal_variants(DEICTIC)),
    "SET_WORD": tuple(SET_WORDS), "PERIOD_NAME": tuple(max(w.split(), key=len) for w in HISTORICAL_PERIODS),
}
_PLAIN_WORD = re.compile(r"(?:\\b)?([A-Za-z0-9'-]+)(?:\\b)?")


def fewest_words(words) -> tuple[str, ...]:
    """`words` lowered, without those that contain another (a text with 'january' has 'jan')."""
    lowered = sorted({w.lower() for w in words}, key=len)
    kept: list[str] = []
    for w in lowered:
        if not any(k in w for k in kept):
            kept.append(w)
    return tuple(kept)


def gate_words(needs: str) -> tuple[str, ...]:
    """The words of a prescan template that is one word piece (`{MONTH}`) or plain words joined by
    '|' (`quarter|period`, `\\bago\\b`): a text containing none of them (lowered) fails the
    prescan.  () for any other prescan, which is then only run as a regular expression."""
    if (whole := _PIECE.fullmatch(needs)) and whole[1] in WORDS:
        return fewest_words(WORDS[whole[1]])
    parts = [_PLAIN_WORD.fullmatch(part) for part in needs.split("|")]
    if all(parts):
        return fewest_words(part[1] for part in parts)
    return ()


def expand(template: str) -> str:
    """`template` with every `{NAME}` replaced by the piece of that name."""
    def piece(m: re.Match) -> str:
        if m[1] not in PIECES:
            raise KeyError(f"no pattern piece named {{{m[1]}}} (known: {', '.join(sorted(PIECES))})")
        return PIECES[m[1]]
    return _PIECE.sub(piece, template)
