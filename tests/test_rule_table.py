"""The date rule table (core/dates/rules/rules.ini): every entry reads its example, the names
other modules use exist, and a table that names a missing resolver or piece says so."""

from __future__ import annotations

import pytest

from timeline_app.core.dates import anchoring, engine, registry, tagger


@pytest.mark.parametrize("title,example,rule", registry.examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_rule_reads_its_example(title, example, rule):
    hit = rule.pattern.search(example)
    assert hit is not None, f"[{title}] does not match its example {example!r}"
    assert rule.needs is None or rule.needs.search(example), f"[{title}]: its prescan skips its own example"


def test_every_entry_has_an_example():
    assert len(registry.examples()) == len(registry.RULES)


def test_the_rule_names_other_modules_use_are_in_the_table():
    names = {rule.name for rule in registry.RULES}
    used = (anchoring.STORY_RULES | anchoring.DEICTIC_RULES | anchoring.ABSOLUTE_RULES | anchoring.NOW_RULES
            | anchoring.TEXT_ORDER_RULES | anchoring.ORIGIN_COUNTED_RULES | tagger._MODIFIABLE)
    assert used <= names, sorted(used - names)


def test_a_new_class_is_a_table_row_and_a_resolver():
    table = registry.read_table(r"""
[month-day-year]
resolve = months.r_full_date
pattern = (?P<m>{MONTH})\s*(?P<d>{DAY}),?\s+(?P<y>{YEAR})
example = May 10, 2017

[ides]
resolve = months.r_month_day
pattern = the\s+ides\s+of\s+(?P<m>march)(?P<d>)(?P<wdp>)
""")
    assert [r.name for r in table] == ["month-day-year", "ides"]
    found = engine.find_candidates("It ended on May 10, 2017, not on the Ides of March.", table)
    assert [(c.rule.name, c.match[0]) for c in found] == [("month-day-year", "May 10, 2017"),
                                                         ("ides", "the Ides of March")]


def test_a_table_naming_a_missing_resolver_or_piece_says_which():
    with pytest.raises(LookupError, match=r"rule 'x'.*months\.r_nothing"):
        registry.read_table("[x]\nresolve = months.r_nothing\npattern = x\n")
    with pytest.raises(KeyError, match=r"\{NOPE\}"):
        registry.read_table("[x]\nresolve = months.r_month\npattern = {NOPE}\n")


def _texts_for_gates() -> list[str]:
    from timeline_app.core.resources import bundled_article

    examples = [example for _, example, _ in registry.examples()]
    return (examples + [e.upper() for e in examples] + [e.title() for e in examples]
            + [f"({e}); {e.upper()}." for e in examples] + [bundled_article().read_text(encoding="utf-8")])


@pytest.mark.parametrize("rule", registry.RULES, ids=lambda r: r.name)
def test_a_rule_is_never_skipped_on_a_text_it_matches(rule):
    """The prescans (word gates, `needs`) only skip texts the rule cannot match."""
    for text in _texts_for_gates():
        if rule.pattern.search(text):
            assert engine.Prescan(text).may_match(rule), (rule.name, text[:80])


def test_letters_that_match_ascii_only_case_insensitively_turn_the_word_gates_off():
    # 'ſ' (long s) matches 's' and the Kelvin sign 'k' when case is ignored; lowering shows neither
    for text, rule in (("Auguſt 4, 2017", "month-day-year"), ("two wee\u212as ago", "ago")):
        assert engine.lowered_for_gates(text) is None
        assert rule in [c.rule.name for c in registry.find_candidates(text)], text


def test_word_gates_come_from_the_prescan_words():
    month_day = next(r for r in registry.RULES if r.name == "month-day")
    assert "jan" in month_day.gate and "january" not in month_day.gate  # 'jan' is in every 'january'
    assert not engine.Prescan("The talks ended on a quiet note.").may_match(month_day)
    assert engine.Prescan("The talks ended on JANUARY 5.").may_match(month_day)
