"""The date rules' faster scanning finds exactly what the plain patterns find.

`patterns.alternation` writes word lists as trees and `engine.scanning_pattern` puts a lookahead
of first characters in front of each rule: both must leave every match (span and groups) as it
was, on real sentences and on random ones built from the rules' own words.
"""

from __future__ import annotations

import random
import re

import pytest

from timeline_app.core.dates.engine import scanning_pattern
from timeline_app.core.dates.patterns import alternation, alternatives
from timeline_app.core.dates.registry import RULES, examples


def _found(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _sentences(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for r in RULES for w in re.findall(r"[a-z]+", r.pattern.pattern)})
    extra = [" ", "-", "'s", ".", "\n", "1998", "12", "3", ",", "Tomorrow", "MAY", "İ", "ſ", "\u212a"]
    pool = words + extra + [example for _, example, _ in examples()]
    return [" ".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(count)]


SENTENCES = [example for _, example, _ in examples()] + [
    "Tomorrow's vote, set for May 9, comes two days after the 1998-99 season and the past three years.",
    "In the first half of 1990, the company's third-quarter profit rose; a year earlier it fell.",
    "She arrived at 10 p.m. Tuesday, the day after Christmas, and left early next week.",
] + _sentences(15, 600)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_scanning_pattern_finds_what_the_rule_finds(rule):
    quick = scanning_pattern(rule.pattern)
    for text in SENTENCES:
        assert _found(quick, text) == _found(rule.pattern, text), text


def test_scanning_pattern_starts_with_the_first_characters():
    quick = scanning_pattern(re.compile(r"(?<![\w/-])(?:the\s+)?(?:last|next)\s+week", re.I))
    assert quick.pattern.startswith("(?=[")
    assert quick.search("see you next week").span() == (8, 17)
    assert quick.search("the week") is None
    # a pattern that may match nothing, or begin with any character, is left as it is
    for unknown in (r"a*", r".x", r"[^a]b", r"(a)?\1"):
        pattern = re.compile(unknown)
        assert scanning_pattern(pattern) is pattern


@pytest.mark.parametrize("words", [
    ["the day", "the", "th", "today", "tomorrow", "a", "an"],
    ["an", "a", "", "ab", "abc", "b"],  # an empty word: nothing moves past it
    ["Fy", "fy", "f"],  # first letters alike but for case: left as a plain alternation
    ["ab", "b", "ab", "a"],  # a word twice
])
def test_alternation_keeps_the_order_of_the_words(words):
    plain = "|".join(re.escape(w) for w in words)
    tree = alternation(words)
    rng = random.Random(3)
    texts = ["".join(rng.choice("abFfythedaomrwn ") for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for flags in (0, re.I):
        for wrap in ("(?:{})", "(?:{})\\s", "(?:{})b", "x?(?:{})(?=y|$)"):
            a, b = re.compile(wrap.format(plain), flags), re.compile(wrap.format(tree), flags)
            for text in texts:
                assert _found(a, text) == _found(b, text), (words, wrap, text)


def test_alternatives_are_tried_longest_first_as_before():
    words = ["last night", "last", "late", "later"]
    assert re.match(f"(?:{alternatives(words)})", "last night").group() == "last night"
    assert re.match(f"(?:{alternatives(words)})", "later").group() == "later"
    assert alternatives(words).startswith("la")  # written as a tree
