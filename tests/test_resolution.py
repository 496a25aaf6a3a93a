"""Table-driven resolution: phrase in a clause + publication date -> value and interval."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.pipeline import extract

WED = dt.date(2017, 5, 10)  # Wednesday, ISO week 19
MARCH13 = dt.date(2013, 3, 22)

CASES = [
    # sentence, publication date, expression, type, value, earliest, latest, granularity
    ("The minister arrives in Washington today.", WED, "today", "DATE", "2017-05-10", "2017-05-10", "2017-05-10", "day"),
    ("Trump ordered a strike last month.", WED, "last month", "DATE", "2017-04", "2017-04-01", "2017-04-30", "month"),
    ("The two leaders spoke last week.", WED, "last week", "DATE", "2017-W18", "2017-05-01", "2017-05-07", "week"),
    ("He travels to Europe later this month.", WED, "later this month", "DATE", "2017-05", "2017-05-11", "2017-05-31", "month"),
    ("Tillerson met Putin on April 12.", WED, "April 12", "DATE", "2017-04-12", "2017-04-12", "2017-04-12", "day"),
    ("The summit will be held on April 12.", WED, "April 12", "DATE", "2018-04-12", "2018-04-12", "2018-04-12", "day"),
    ("The company was founded in August.", MARCH13, "August", "DATE", "2012-08", "2012-08-01", "2012-08-31", "month"),
    ("They will meet in July.", WED, "July", "DATE", "2017-07", "2017-07-01", "2017-07-31", "month"),
    ("The meeting could happen around the July summit.", WED, "July", "DATE", "2017-07", "2017-07-01", "2017-07-31", "month"),
    ("Russia annexed Crimea in March 2014.", WED, "March 2014", "DATE", "2014-03", "2014-03-01", "2014-03-31", "month"),
    ("The plant closed on Friday.", WED, "Friday", "DATE", "2017-05-05", "2017-05-05", "2017-05-05", "day"),
    ("The vote was held on Wednesday.", WED, "Wednesday", "DATE", "2017-05-10", "2017-05-10", "2017-05-10", "day"),
    ("The board will vote on Friday.", WED, "Friday", "DATE", "2017-05-12", "2017-05-12", "2017-05-12", "day"),
    ("The talks ended last Wednesday.", WED, "last Wednesday", "DATE", "2017-05-03", "2017-05-03", "2017-05-03", "day"),
    ("Prices rose two years ago.", WED, "two years ago", "DATE", "2015", "2015-01-01", "2015-12-31", "year"),
    ("Sales fell in the third quarter.", WED, "the third quarter", "DATE", "2016-Q3", "2016-07-01", "2016-09-30", "quarter"),
    ("Unemployment peaked in the 1990s.", WED, "the 1990s", "DATE", "199", "1990-01-01", "1999-12-31", "decade"),
    ("The deal was signed on May 7, 2015.", WED, "May 7, 2015", "DATE", "2015-05-07", "2015-05-07", "2015-05-07", "day"),
    ("Growth will slow next year.", WED, "next year", "DATE", "2018", "2018-01-01", "2018-12-31", "year"),
    ("He stayed there last summer.", WED, "last summer", "DATE", "2016-SU", "2016-06-01", "2016-08-31", "season"),
]


@pytest.mark.parametrize("sentence,published,phrase,type_,value,earliest,latest,granularity", CASES,
                         ids=[c[0] for c in CASES])
def test_resolves(nlp, sentence, published, phrase, type_, value, earliest, latest, granularity):
    x = extract(sentence, published, nlp=nlp)
    found = {t.text.lower(): t for t in x.timexes}
    assert phrase.lower() in found, [t.text for t in x.timexes]
    t = found[phrase.lower()]
    assert (t.type, t.value) == (type_, value), t.explanation
    assert (t.earliest.isoformat(), t.latest.isoformat(), t.granularity) == (earliest, latest, granularity)
    assert t.explanation


DURATIONS = [
    ("The war lasted three years.", "three years", "P3Y"),
    ("Talks went on for several months.", "several months", "PXM"),
    ("Prices rose over the past two weeks.", "the past two weeks", "P2W"),
    ("The rally lasted four hours.", "four hours", "PT4H"),
]


@pytest.mark.parametrize("sentence,phrase,value", DURATIONS)
def test_durations(nlp, sentence, phrase, value):
    x = extract(sentence, WED, nlp=nlp)
    found = {t.text.lower(): t for t in x.timexes}
    assert found[phrase.lower()].type == "DURATION"
    assert found[phrase.lower()].value == value


VAGUE = [
    ("We are working on that right now.", "now", "PRESENT_REF"),
    ("The Kremlin recently declared victory.", "recently", "PAST_REF"),
    ("Trump will soon face new pressure.", "soon", "FUTURE_REF"),
]


@pytest.mark.parametrize("sentence,phrase,value", VAGUE)
def test_vague_references(nlp, sentence, phrase, value):
    x = extract(sentence, WED, nlp=nlp)
    t = next(t for t in x.timexes if t.text.lower() == phrase)
    assert t.value == value and t.earliest is None and t.granularity == "vague"


TRAPS = [
    "What is unclear is how much Trump may still hope to build momentum.",
    "The measure passed with 2,016 votes.",
    "The ticket costs $2016 in total.",
    "Read more at http://www.example.com/2017/05/10/story",
    "Protesters march through the city.",
]


@pytest.mark.parametrize("sentence", TRAPS)
def test_trap_words_are_not_dates(nlp, sentence):
    assert extract(sentence, WED, nlp=nlp).timexes == ()


def test_without_publication_date_deictic_stays_unresolved(nlp):
    x = extract("The ministers met last week to prepare the March 2014 accord.", None, nlp=nlp)
    by_text = {t.text: t for t in x.timexes}
    assert by_text["last week"].value is None and by_text["last week"].earliest is None
    assert "publication date" in by_text["last week"].explanation
    assert by_text["March 2014"].value == "2014-03"
    assert x.published is None and any("--published" in n for n in x.notes)


def test_anaphoric_expression_follows_previous_mention(nlp):
    x = extract("The treaty was signed on June 3, 1998. The next day, protests began.", WED, nlp=nlp)
    t = next(t for t in x.timexes if t.text.lower() == "the next day")
    assert t.value == "1998-06-04" and t.anchor == "t1"
