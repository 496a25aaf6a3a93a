"""The rule table: `rules/rules.ini` read once, each entry compiled into a `Rule` whose resolver
is looked up in its family's module (`rules/<family>.py`)."""

from __future__ import annotations

import configparser
import re
from collections.abc import Callable
from importlib import resources

from timeline_app.core.dates import engine
from timeline_app.core.dates.engine import Candidate, Rule
from timeline_app.core.dates.patterns import expand, gate_words
from timeline_app.core.dates.rules import (
    anaphora, deictic, durations, eras, financial, holidays, months, numeric_dates, seasons, sets,
    times_of_day, weekdays, years,
)

#: The families of expression, each a module of resolvers under `rules/`.
FAMILIES = {module.__name__.rsplit(".", 1)[1]: module for module in (
    numeric_dates, months, years, eras, seasons, financial, deictic, weekdays, anaphora, times_of_day,
    holidays, durations, sets)}
TABLE = "rules.ini"
#: What may not stand before a match unless the entry says otherwise; nothing word-like after it.
BEFORE = r"(?<![\w/-])"
AFTER = r"(?![\w/])"


def _joined(value: str) -> str:
    """A pattern written over several lines, joined without spaces."""
    return "".join(line.strip() for line in value.splitlines())


def _parse(text: str) -> configparser.ConfigParser:
    table = configparser.ConfigParser(interpolation=None, empty_lines_in_values=False,
                                      comment_prefixes=("#",), delimiters=("=",))
    table.optionxform = str  # keys as written
    table.read_string(text)
    return table


def table_text() -> str:
    """The text of the rule table shipped with the package."""
    return resources.files("timeline_app.core.dates.rules").joinpath(TABLE).read_text(encoding="utf-8")


def read_table(text: str) -> tuple[Rule, ...]:
    """The rules of a table in the format of `rules/rules.ini`, in its order."""
    table = _parse(text)
    rules = []
    for title in table.sections():
        entry = table[title]
        name = entry.get("name", title)
        family, _, function = entry["resolve"].partition(".")
        try:
            resolve = getattr(FAMILIES[family], function)
        except (KeyError, AttributeError):
            raise LookupError(f"rule {title!r}: no resolver {entry['resolve']!r} "
                              f"(families: {', '.join(FAMILIES)})") from None
        pattern = expand(_joined(entry["pattern"]))
        before = entry.get("before", BEFORE)
        needs = re.compile(expand(_joined(entry["needs"])), re.I) if "needs" in entry else None
        gate = gate_words(_joined(entry["needs"])) if "needs" in entry else ()
        rules.append(Rule(name, re.compile(rf"{before}{pattern}{AFTER}", re.I), resolve, needs, gate))
    return tuple(rules)


RULES: tuple[Rule, ...] = read_table(table_text())


def examples() -> list[tuple[str, str, Rule]]:
    """(title, example, rule) for every entry of the table that has an example."""
    table = _parse(table_text())
    return [(title, table[title]["example"], rule) for title, rule in zip(table.sections(), RULES)
            if "example" in table[title]]


def find_candidates(text: str, accept: Callable[[Candidate], bool] = lambda c: True) -> list[Candidate]:
    """The longest non-overlapping matches of the table's rules that `accept` takes, earlier
    entries winning ties (`engine.find_candidates`)."""
    return engine.find_candidates(text, RULES, accept)
