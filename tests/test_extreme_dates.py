"""Any publication date a user can type (years 1-9999) and any expression: a result or an
'unresolved' timex, never an exception (issue 14, 'Extreme dates crash')."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core.dates.calendar import Day
from timeline_app.core.model import Extraction, PublicationDate
from timeline_app.core.pipeline import extract_parsed


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("sentence, published, expected", [
    ("The meeting was yesterday.", "0001-01-01", ("yesterday", "BC0001-12-31", "0000-12-31")),
    ("Talks resume this weekend.", "9999-12-31", ("this weekend", "9999-W52-WE", "+10000-01-01")),
    ("The ship will return next month.", "9999-11-20", ("next month", "9999-12", "9999-12-01")),
    ("It began in 1 BC and ended next year.", "0001-06-01", ("next year", "0002", "0002-01-01")),
])
def test_cli_extract_at_the_ends_of_the_calendar(tmp_path, sentence, published, expected):
    (tmp_path / "a.txt").write_text(sentence + "\n")
    done = _run("extract", "a.txt", "--published", published, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    timexes = json.loads(done.stdout)["documents"][0]["timexes"]
    assert expected in [(t["text"], t["value"], t["earliest"]) for t in timexes]


# --- seeded fuzz: generated date-like text x publication dates over years 1-9999 ---------------

_PHRASES = [
    "yesterday", "today", "tomorrow", "tonight", "this weekend", "the weekend", "last weekend",
    "next month", "last month", "this month", "later this month", "early next year", "last year",
    "the next day", "the following week", "the previous year", "two days later", "a year earlier",
    "three months later", "twelve days later", "five years ago", "a decade ago", "a century ago",
    "in the first quarter", "the fourth quarter", "the year-ago quarter", "the second half",
    "last spring", "this winter", "next fall", "the summer", "in the 1990s", "the '80s", "the nineties",
    "the end of the decade", "the start of the century", "the end of the year", "year-end",
    "on Monday", "last Friday", "next Sunday", "this coming Saturday", "the following Tuesday",
    "on Christmas", "last Thanksgiving", "next Easter", "on New Year's Day", "Memorial Day",
    "on Jan. 1", "Dec. 31", "February 29", "on 29 February", "in December", "last May", "next January",
    "June last year", "in the fiscal year", "FY2019", "2016-17", "at 10 p.m.", "noon Friday",
    "tomorrow night", "Tuesday at 9 a.m.", "every Monday", "for three years", "the week of March 6",
    "in 499 BC", "480-479 BC", "the 5th century BC", "AD 9", "the first century", "the 3rd millennium",
    "that January day in 2011", "August of that year", "later that month", "that same day",
]
_FRAMES = ["The council met {}.", "They will sign it {}.", "Prices rose {} and fell {}.",
           "{}, the army crossed the river.", "She said {} that it ended {}.", "Talks resume {}."]


def _texts(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        frame = rng.choice(_FRAMES)
        out.append(frame.format(*(rng.choice(_PHRASES) for _ in range(frame.count("{}")))))
    return out


def _publication_dates(rng: random.Random, n: int) -> list[dt.date]:
    edges = [dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(1, 12, 31), dt.date(9999, 12, 31),
             dt.date(9999, 11, 20), dt.date(9999, 1, 1), dt.date(2000, 2, 29)]
    lo, hi = dt.date.min.toordinal(), dt.date.max.toordinal()
    return edges + [dt.date.fromordinal(rng.randint(lo, hi)) for _ in range(n - len(edges))]


def test_extract_never_fails_for_any_publication_date(nlp):
    rng = random.Random(20261201)
    docs = list(nlp.pipe(_texts(rng, 250)))  # the NLP once per text; the fuzz runs below it
    cases = 0
    for doc in docs:
        for published in _publication_dates(rng, 40):
            x = extract_parsed(doc, PublicationDate(published, "option"))
            for t in x.timexes:
                assert x.text[t.start:t.end] == t.text
                assert (t.earliest is None) == (t.latest is None)
                assert t.earliest is None or t.earliest <= t.latest, (doc.text, published, t)
                assert t.explanation
            again = Extraction.from_dict(x.to_dict(), text=x.text)  # JSON round trip of any year
            assert [(t.earliest, t.latest) for t in again.timexes] == [(t.earliest, t.latest) for t in x.timexes]
            cases += 1
    assert cases >= 10_000
