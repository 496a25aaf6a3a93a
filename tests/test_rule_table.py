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
            | anchoring.NARRATIVE_ONLY_RULES | tagger._MODIFIABLE)
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
