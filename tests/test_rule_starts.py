"""The date rules tried only where they may begin (`dates/starts.py`) find exactly what a scan of
the whole text with each rule finds: every match, span and groups, on the rules' examples, real
sentences and random ones built from the rules' own words with runs of spaces, tabs, newlines,
non-breaking spaces, digits outside ASCII and the letters case-insensitive matching folds to
ASCII ('ſ', the Kelvin sign, dotted and dotless i)."""

from __future__ import annotations

import random
import sys
import re

import pytest

from timeline_app.core.dates import engine, starts
from timeline_app.core.dates.registry import RULES, examples


def _plain(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text) if m.end() > m.start()]


def _plain_candidates(text: str) -> list:
    """engine.find_candidates as it was before: each rule's prescan, then its scan of the whole text."""
    prescan = engine.Prescan(text)
    found = []
    for priority, rule in enumerate(RULES):
        if prescan.may_match(rule):
            found += [(-(m.end() - m.start()), m.start(), priority, m) for m in rule.pattern.finditer(text)
                      if m.end() > m.start()]
    found.sort(key=lambda x: x[:3])
    taken, occupied = [], []
    for _, start, priority, m in found:
        if not any(start < e and s < m.end() for s, e in occupied):
            taken.append((m.span(), RULES[priority].name, m.groups()))
            occupied.append(m.span())
    return sorted(taken)


def _sentences(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for r in RULES for w in re.findall(r"[a-z]+", r.pattern.pattern)})
    extra = ["-", "'s", ".", ",", "1998", "12", "3", "'99", "10:30", "4/5", "1861-63", "Tomorrow", "MAY",
             "İ", "ſ", "\u212a", "\u0663", "٢٠١٧", "’", "–"]
    spaces = [" "] * 12 + ["  ", "\t", "\n", "\n\n", " \n ", "\xa0", "\x1c", ""]
    pool = words + extra + [example for _, example, _ in examples()]
    out = []
    for _ in range(count):
        n = rng.randint(1, 30)
        out.append("".join(rng.choice(pool) + rng.choice(spaces) for _ in range(n)))
    return out


SENTENCES = [example for _, example, _ in examples()] + [
    "Tomorrow's vote, set for May 9, comes two days after the 1998-99 season and the past three years.",
    "In the first  half of 1990, the company's third-quarter profit rose; a year\nearlier it fell.",
    "She arrived at 10 p.m. Tuesday, the day after Christmas, and left early next\tweek.",
    "the   fifth day of the rebellion, from October\n\n1917 to March; the 470s BC and 499 - 493 BC",
] + _sentences(15, 700)


@pytest.fixture(scope="module")
def places_of_sentences() -> list:
    """(text, each rule's places in it) for the sentences whose keys can be trusted."""
    table = engine.rule_starts(RULES)
    out = []
    for text in SENTENCES:
        lowered = engine.lowered_for_gates(text)
        places = table.places(text, lowered) if lowered is not None else None
        if places is not None:  # otherwise scanned whole (engine.find_candidates does)
            out.append((text, places))
    return out


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_a_rule_tried_where_it_may_begin_finds_what_its_scan_finds(rule, places_of_sentences):
    index = RULES.index(rule)
    assert engine.rule_starts(RULES).keyed[index], f"{rule.name}: no keys (scanned whole)"
    for text, places in places_of_sentences:
        found = [(m.span(), m.groups()) for m in starts.matches_at(rule.pattern, text, places[index])]
        assert found == _plain(rule.pattern, text), text


def test_find_candidates_is_what_scanning_every_rule_finds():
    for text in SENTENCES:
        assert sorted((c.match.span(), c.rule.name, c.match.groups()) for c in engine.find_candidates(text, RULES)) \
            == _plain_candidates(text), text


def test_texts_the_keys_cannot_be_trusted_on_are_scanned_whole():
    table = engine.rule_starts(RULES)
    assert table.places("on \u0663 May", "on \u0663 may") is None  # a digit outside ASCII
    assert engine.lowered_for_gates("the ſecond day") is None  # folds to ASCII under re.I
    for text in ("May \u0665, 2017", "\u0661\u0669\u0669\u0668", "the ſecond week of May 1998"):
        assert sorted((c.match.span(), c.rule.name) for c in engine.find_candidates(text, RULES)) \
            == [(span, name) for span, name, _ in _plain_candidates(text)]


def test_keys_are_the_beginnings_of_every_match():
    keys = starts.pattern_keys(re.compile(r"(?<![\w/-])(?:the\s+)?(?:last|next)\s+week", re.I))
    assert {"the la", "the ne", "last w", "next w"} <= keys
    assert all(k[:2] in ("th", "la", "ne") for k in keys)
    assert starts.pattern_keys(re.compile(r"\d{4}-\d\d", re.I)) == {"0000-0"}
    # a pattern that may match nothing, or begin with any character or a space, has none
    for unknown in (r"a*", r".x", r"[^a]b", r"\w+day", r"\s+ago", r"(a)?\1"):
        assert starts.pattern_keys(re.compile(unknown, re.I)) is None, unknown


def test_a_text_key_reads_a_run_of_spaces_as_one_and_digits_as_0():
    assert starts.text_key("the   fifth", 0) == "the fi"
    assert starts.text_key("may\n\n 10, 1998", 0) == "may 00"
    assert starts.text_key("ab\xa0\xa0cd", 0) == "ab cd"
    assert starts.text_key("x may", 2) == "may"
    table = starts.RuleStarts([re.compile(r"the\s+fifth\s+day", re.I)])
    assert table.places("On the \t fifth day", "on the \t fifth day") == [[3]]


def test_rules_that_begin_only_after_no_word_character_are_looked_for_only_there():
    assert starts.after_non_word(re.compile(r"(?<![\w/-])the\s+day", re.I))
    assert starts.after_non_word(re.compile(r"(?:(?<=\bon\s)|(?<=\bby\s))the\s+day", re.I))
    assert starts.after_non_word(re.compile(r"(?:(?<![\w'’])(?:a|b))c", re.I))
    for anywhere in (r"the\s+day", r"(?<![\w/-])year\s+end|year's\s+end", r"(?<![/-])day", r"(?<![^\w])day",
                     r"(?:(?<=\bon\s)|x)day", r"(?<=\bon)day"):
        assert not starts.after_non_word(re.compile(anywhere, re.I)), anywhere
    assert not starts.after_non_word(re.compile(r"(?<![\w/-])day", re.I | re.ASCII))  # another \w
    # a rule whose other alternative may begin inside a word is still looked for there
    table = starts.RuleStarts([re.compile(r"(?<![\w/-])year[-\s]end|year['’]s\s+end", re.I),
                               re.compile(r"(?<![\w/-])end", re.I)])
    assert table.places("midyear's end, year-end", "midyear's end, year-end") == [[3, 15], [10, 20]]
    assert table.places("Midyear end", "midyear end") == [[3], [8]]


def test_lowering_a_text_changes_no_character_into_or_out_of_a_word_character():
    """What lets the scan look for word starts (`(?<!\\w)`) in the lowered text rather than the text."""
    word = re.compile(r"\w")
    changed = [hex(i) for i in range(sys.maxunicode + 1) if len(lower := chr(i).lower()) == 1
               and bool(word.match(chr(i))) != bool(word.match(lower))]
    assert changed == []
    # the one character whose lowering is longer is one the gates refuse (the text is scanned whole)
    assert [hex(i) for i in range(sys.maxunicode + 1) if len(chr(i).lower()) != 1] == ["0x130"]
    assert engine.lowered_for_gates("\u0130stanbul, May 5") is None
