"""What the words around a date change in its reading (round 5): each row failed before its rule."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.pipeline import extract

FRI = dt.date(2014, 7, 4)  # a Friday
HISTORY = dt.date(2009, 12, 19)  # a history published in 2009

READINGS = [
    # text, publication date, expression, type, value
    # 'the last month of ...' is the final month of what it names, not the month before the publication's
    ("The army reached Nanjing in January 1946. In the last month of World War II in East Asia, Soviet "
     "forces launched the offensive.", HISTORY, "the last month", "DURATION", "P1M"),
    ("He spent the last year of his life in Paris.", HISTORY, "the last year", "DURATION", "P1Y"),
    ("Sales rose over the last month.", HISTORY, "the last month", "DATE", "2009-11"),
    # a present progressive with its subject and 'be' left out points ahead, as the full one does
    ("\n@ishneak flying out on sunday. haha dinner with family.", FRI, "sunday", "DATE", "2014-07-06"),
    ("Leaving for Bali on monday", FRI, "monday", "DATE", "2014-07-07"),
    ("Watching the game on Sunday was fun.", FRI, "Sunday", "DATE", "2014-06-29"),  # a gerund subject
    ("Walking home on Sunday, I saw a fox.", FRI, "Sunday", "DATE", "2014-06-29"),  # hung on a past verb
    ("She was flying out on sunday.", FRI, "sunday", "DATE", "2014-06-29"),
]


@pytest.mark.parametrize("text, published, phrase, type_, value", READINGS, ids=[r[0][-40:] for r in READINGS])
def test_reading_in_context(nlp, text, published, phrase, type_, value):
    x = extract(text, published, nlp=nlp)
    found = {t.text: t for t in x.timexes}
    assert phrase in found, list(found)
    t = found[phrase]
    assert (t.type, t.value) == (type_, value), t.explanation


def test_the_final_month_of_a_war_is_not_drawn_at_the_publication(nlp):
    """The Chinese Civil War history drew the Manchurian offensive of 1945 in November 2009."""
    x = extract("The army reached Nanjing in January 1946. In the last month of World War II in East Asia, "
                "Soviet forces launched the offensive.", HISTORY, nlp=nlp)
    assert all(e.earliest is None or e.earliest.year < 2000 for e in x.events), [(e.title, e.earliest) for e in x.events]


@pytest.mark.parametrize("text", [
    "The final fall took two days.",
    "Prices saw a sharp fall last week.",
    "A sudden fall in temperature followed.",
])
def test_fall_as_a_drop_is_no_season(nlp, text):
    x = extract(text, FRI, nlp=nlp)
    assert not any(t.text.lower().endswith("fall") for t in x.timexes), [t.text for t in x.timexes]


@pytest.mark.parametrize("text, phrase, value", [
    ("In the late fall, the army retreated.", "the late fall", "2013-FA"),
    ("We will visit in the fall.", "the fall", "2014-FA"),
])
def test_fall_the_season_stays(nlp, text, phrase, value):
    x = extract(text, FRI, nlp=nlp)
    assert {t.text: t.value for t in x.timexes}.get(phrase) == value
