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
    ("Prices rose in the past year.", HISTORY, "the past year", "DATE", "2008"),
    # a present progressive with its subject and 'be' left out points ahead, as the full one does
    ("\n@ishneak flying out on sunday. haha dinner with family.", FRI, "sunday", "DATE", "2014-07-06"),
    ("Leaving for Bali on monday", FRI, "monday", "DATE", "2014-07-07"),
    ("Watching the game on Sunday was fun.", FRI, "Sunday", "DATE", "2014-06-29"),  # a gerund subject
    ("Walking home on Sunday, I saw a fox.", FRI, "Sunday", "DATE", "2014-06-29"),  # hung on a past verb
    ("She was flying out on sunday.", FRI, "sunday", "DATE", "2014-06-29"),
]


@pytest.mark.parametrize("text, published, phrase, type_, value", READINGS, ids=[r[0][-40:] for r in READINGS])
def test_reading_in_context(nlp, text, published, phrase, type_, value):
    assert_reading(nlp, text, published, phrase, type_, value)


def assert_reading(nlp, text, published, phrase, type_, value) -> None:
    """`phrase` is found in `text` (published on `published`) and read as `type_` `value`."""
    x = extract(text, published, nlp=nlp)
    found = {t.text: t for t in x.timexes}
    assert phrase in found, list(found)
    t = found[phrase]
    assert (t.type, t.value) == (type_, value), t.explanation


def test_the_final_month_of_a_war_is_not_drawn_at_the_publication(nlp):
    """The Chinese Civil War history drew the Manchurian offensive of 1945 in November 2009."""
    x = extract("The army reached Nanjing in January 1946. In the last month of World War II in East Asia, "
                "Soviet forces launched the offensive.", HISTORY, nlp=nlp)
    dated = [(e.title, e.earliest) for e in x.events]
    assert all(e.earliest is None or e.earliest.year < 2000 for e in x.events), dated


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


STORY = [
    # a history, its publication date, the expression, its value: what moves the story's time and what not
    # a sentence-opening jump years ahead of a story told by the day, inside its paragraph, is an aside
    ("The invasion began on March 20, 2003.\nOn April 9 Baghdad fell, ending Hussein's rule. US forces tore down "
     "a statue. In November 2008, Iraqi protesters staged a similar stomping. The fall of Baghdad brought "
     "disorder.\nThe invasion phase concluded when on April 15 the coalition declared the invasion over.",
     "April 15", "2003-04-15"),
    # ... at the head of a paragraph it moves the story on
    ("The invasion began on March 20, 2003. On April 9 Baghdad fell.\nIn November 2008, Iraqi protesters staged "
     "a stomping. On December 4 the parliament voted.", "December 4", "2008-12-04"),
    # ... and so it does when it names a year ('In 1968, ...') or a reference time ('By September 1919 ...')
    ("On 2 August 1964 the destroyer was attacked. In 1968, the Tet offensive began. In March the enemy "
     "retreated.", "March", "1968-03"),
    ("On 5 April 1915 the fleet sailed. By September 1919 the army was in retreat. On 3 October it left.",
     "3 October", "1919-10-03"),
    # a date something is planned for, and 'next summer' counted from the story, do not move it
    ("The mandate was renewed on December 18, 2007. Brown outlined a withdrawal plan with a complete withdrawal "
     "date sometime in late 2008. In July the Danish troops left.", "July", "2007-07"),
    ("In a speech on September 10, 2007, Petraeus envisioned the withdrawal of 30,000 troops by next summer. On "
     "September 14, Bush backed a limited withdrawal.", "September 14", "2007-09-14"),
    # a past perfect looks back from the story's time: 'the past year' is the year before it (it was 2008)
    ("In 1945 the war ended. In 1946 talks failed. In 1947 fighting resumed. In 1948 the north rose. On 25 June "
     "1950 the army crossed the border. In the past year, both Korean armies had continually harassed each "
     "other.", "the past year", "1949"),
    # 'by the middle of summer' is the story's time (it moves on to that summer)
    ("Tukhachevsky recaptured Ekaterinburg on 27 January 1919, and by the middle of summer the Red army was "
     "larger. The Allies pulled out before the onset of winter.", "winter", "1920-WI"),
]


@pytest.mark.parametrize("text, phrase, value", STORY, ids=[s[1] + ": " + s[0][:30] for s in STORY])
def test_what_moves_the_story(nlp, text, phrase, value):
    x = extract(text, HISTORY, nlp=nlp, anchoring="auto" if "the past year" in text else "narrative")
    found = {t.text: t for t in x.timexes}
    assert phrase in found, list(found)
    assert found[phrase].value == value, found[phrase].explanation


@pytest.mark.parametrize("text, phrase, value", [
    # a part of the day said of a day is that day's part, one TIME (it was the day alone, or the morning of
    # the day before: 'the early morning hours of 30 April' was 'early morning' of Christmas 1975)
    ("On the morning of 31 January 1965 the attack came.", "the morning of 31 January 1965", "1965-01-31TMO"),
    ("Paul Revere rode on the night of April 18, 1775.", "the night of April 18, 1775", "1775-04-18TNI"),
    ("On 29 April 1975 the city fell. In the early morning hours of 30 April, the Marines left.",
     "the early morning hours of 30 April", "1975-04-30TMO"),
    ("The attack came early in the morning of 29 April 1975.", "early in the morning of 29 April 1975",
     "1975-04-29TMO"),
])
def test_part_of_day_of_a_day(nlp, text, phrase, value):
    x = extract(text, HISTORY, nlp=nlp, anchoring="narrative")
    found = {t.text: t for t in x.timexes}
    assert phrase in found, list(found)
    assert (found[phrase].type, found[phrase].value) == ("TIME", value), found[phrase].explanation
    assert len(x.timexes) == (2 if text.startswith("On 29") else 1), list(found)  # no 'hours' left over


@pytest.mark.parametrize("text, value", [
    # what follows a range or a list of days counts from its last day, whichever way it is written
    ("In 1950, the siege went on. On April 8-12 the army attacked. The next day it rested.", "1950-04-13"),
    ("In 1950, the siege went on. On 8-12 April the army attacked. The next day it rested.", "1950-04-13"),
])
def test_what_follows_a_range_of_days_counts_from_its_end(nlp, text, value):
    x = extract(text, HISTORY, nlp=nlp, anchoring="narrative")
    assert {t.text: t.value for t in x.timexes}["The next day"] == value


@pytest.mark.parametrize("text, phrase, value", [
    ("The flight took 2.5 HRS.", "2.5 HRS", "PT2.5H"),  # it was no expression
    ("It lasted 1.5hrs.", "1.5hrs", "PT1.5H"),
    ("Growth slowed over 1.5 decades.", "1.5 decades", "P15Y"),
    ("He waited a fortnight.", "a fortnight", "P2W"),  # it was P1W
    ("Two fortnights passed.", "Two fortnights", "P4W"),
])
def test_durations_with_decimals_and_fortnights(nlp, text, phrase, value):
    x = extract(text, FRI, nlp=nlp)
    assert {t.text: t.value for t in x.timexes}.get(phrase) == value, [(t.text, t.value) for t in x.timexes]


@pytest.mark.parametrize("text", [
    # the Iraq War history drew an event in 1483: a number after a thing it counts is no year
    "Citing United Nations Security Council Resolution 1483 (May 22, 2003), the CPA ruled.",
    "US Airways Flight 1549 landed in the Hudson.",
    "They drove along Route 1776 to Boston.",
])
def test_a_numbered_thing_is_no_year(nlp, text):
    x = extract(text, HISTORY, nlp=nlp)
    assert not any(t.rule == "year" for t in x.timexes), [(t.text, t.value) for t in x.timexes]


def test_a_year_after_a_count_word_stays(nlp):
    x = extract("The number of dead in 1983 rose. In 1483 Richard III was crowned.", HISTORY, nlp=nlp)
    assert [t.value for t in x.timexes] == ["1983", "1483"]


@pytest.mark.parametrize("text, dated", [
    # the Vietnam War history drew the evacuation at Christmas 1975: a holiday in a quoted title is no day
    ('The song "White Christmas" was broadcast as the final signal for withdrawal.', False),
    ('They sang "Easter Parade" at the party.', False),
    ('On "Christmas Eve" we met.', True),
    ('He said "see you at Christmas" and left.', True),
])
def test_a_holiday_in_a_quoted_title(nlp, text, dated):
    x = extract(text, HISTORY, nlp=nlp)
    assert any(t.rule == "holiday" for t in x.timexes) == dated, [(t.text, t.value) for t in x.timexes]


@pytest.mark.parametrize("published, text, phrase, value", [
    # 'last Oct. 23' is that day of the last October (it was the month, and its clock time the publication day's)
    (dt.date(1999, 4, 19), "The fire started at 10 p.m. last Oct. 23 in the mall.", "10 p.m. last Oct. 23",
     "1998-10-23T22:00"),
    (dt.date(1999, 4, 19), "He was elected last November 3.", "last November 3", "1998-11-03"),
    (dt.date(1999, 4, 19), "We meet next May 5.", "next May 5", "1999-05-05"),
    (dt.date(1999, 4, 19), "The fire started last October.", "last October", "1998-10"),
    # units and 'next' as tweets write them
    (FRI, "see you nxt yr", "nxt yr", "2015"),
    (FRI, "last yr was fun", "last yr", "2013"),
    (FRI, "this wkend is busy", "this wkend", "2014-W27-WE"),
    (FRI, "the past 2 mths were hard", "the past 2 mths", "P2M"),
])
def test_a_day_of_the_last_or_next_month_and_informal_units(nlp, published, text, phrase, value):
    x = extract(text, published, nlp=nlp)
    assert {t.text: t.value for t in x.timexes}.get(phrase) == value, [(t.text, t.value) for t in x.timexes]
