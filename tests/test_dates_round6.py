"""Round 6 of the date rules: each row failed before its rule (text, publication date, what is read)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_dates_in_context import assert_reading
from timeline_app.core.pipeline import extract

FRI = dt.date(2014, 7, 4)  # a Friday
HISTORY = dt.date(2009, 12, 19)

READINGS = [
    # text, publication date, expression, type, value
    # a day of a year of either era: 'August 480 BC' was read and the day lost
    ("On 12 August 480 BC the Persian fleet met the Greeks.", HISTORY, "12 August 480 BC", "DATE", "BC0480-08-12"),
    ("On August 12, 480 BC the fleet sailed.", HISTORY, "August 12, 480 BC", "DATE", "BC0480-08-12"),
    ("Claudius became emperor on 24 January AD 41.", HISTORY, "24 January AD 41", "DATE", "0041-01-24"),
    ("Rome fell in 476 AD.", HISTORY, "476 AD", "DATE", "0476"),
    # a count after a month-day's comma is no year: the day stays ('May 6, 10 people died' was no date)
    ("May 6, 10 people died in the crash.", FRI, "May 6", "DATE", "2014-05-06"),
    ("On June 5, 10 people were hurt.", FRI, "June 5", "DATE", "2014-06-05"),
    ("The talks were held on May 6, 8 and 12.", FRI, "May 6", "DATE", "2014-05-06"),
    ("The talks were held on May 6, 8 and 12.", FRI, "12", "DATE", "2014-05-12"),
    ("The meeting is on May 6, 10:30 a.m.", FRI, "May 6, 10:30 a.m.", "TIME", "2014-05-06T10:30"),
    ("The war ended on 10 May 1945.", HISTORY, "10 May 1945", "DATE", "1945-05-10"),
    # a day listed after 'and' before a verb ('Surrendering on May 4 and 5 were ...': the 5th was lost)
    ("Surrendering on May 4 and 5 were the departments of Alabama.", FRI, "5", "DATE", "2014-05-05"),
    ("Talks were held on May 4 and 6 in Geneva.", FRI, "6", "DATE", "2014-05-06"),
    # an infinitive after a past verb of commitment is yet to happen when said: the occurrence nearest the
    # publication date, a weekday the coming one (both were read as past: February 1989, Feb. 10, 1999)
    ("Burton said he subpoenaed Elian to testify before the committee on Feb. 10.", dt.date(2000, 1, 7),
     "Feb. 10", "DATE", "2000-02-10"),
    ("Thermo Electron agreed to purchase the line for $22 million in February.", dt.date(1989, 11, 1),
     "February", "DATE", "1990-02"),
    ("The two sides agreed to meet again on Friday.", dt.date(2000, 1, 5), "Friday", "DATE", "2000-01-07"),
    ("In March, the company agreed to buy the plant in June.", dt.date(1989, 11, 1), "June", "DATE", "1989-06"),
    ("He went to Paris to meet her in March.", dt.date(1989, 11, 1), "March", "DATE", "1989-03"),
    # a day and a clock time with 'at' between are two expressions (TimeML keeps the preposition out), the
    # time that day's ('tomorrow at 12pm' was one TIME spanning 'at'); without it they stay one
    ("Another navy beauty coming up tomorrow at 12pm!", dt.date(2015, 1, 24), "12pm", "TIME", "2015-01-25T12:00"),
    ("Another navy beauty coming up tomorrow at 12pm!", dt.date(2015, 1, 24), "tomorrow", "DATE", "2015-01-25"),
    ("The senator will speak Tuesday at 9 a.m. in the hall.", dt.date(2017, 5, 10), "9 a.m.", "TIME",
     "2017-05-16T09:00"),
    ("Party this Sat, 7pm at my place", dt.date(2013, 4, 10), "this Sat, 7pm", "TIME", "2013-04-13T19:00"),
    # "at month's end": the month of the date told before it in the paragraph, else the publication month
    ("UN forces captured Pyongyang on 19 October 1950. At month's end, UN forces held 135,000 prisoners.", HISTORY,
     "month's end", "DATE", "1950-10"),
    ("The fund will report its holdings at month-end.", FRI, "month-end", "DATE", "2014-07"),
]


@pytest.mark.parametrize("text, published, phrase, type_, value", READINGS, ids=[f"{r[2]}|{r[0][:30]}" for r in READINGS])
def test_reading(nlp, text, published, phrase, type_, value):
    assert_reading(nlp, text, published, phrase, type_, value)


def test_a_day_bc_dates_its_event_on_that_day(nlp):
    x = extract("On 12 August 480 BC the Persian fleet met the Greeks at Artemisium.", HISTORY, nlp=nlp)
    (event,) = x.events
    assert event.latest == event.earliest, event
    assert event.earliest.year == -479 and (event.earliest.month, event.earliest.day) == (8, 12)


NO_DATES = [
    # 'ad' and 'ce' in lower case after a number are words, not eras ('10 ad agencies' was AD 10)
    ("The firm hired 10 ad agencies.", "ad"),
    ("Sales fell by 5 ce units.", "ce"),
]


@pytest.mark.parametrize("text, word", NO_DATES, ids=[r[0][:40] for r in NO_DATES])
def test_no_date(nlp, text, word):
    x = extract(text, FRI, nlp=nlp)
    assert not any(word in t.text for t in x.timexes), [(t.text, t.value) for t in x.timexes]


@pytest.mark.parametrize("text", [
    "The store is open between May 4 and 5 p.m. daily.",   # a clock time, not the 5th
    "Rain fell on May 4 and 5 people drowned.",            # a count
])
def test_not_read_as_a_listed_day(nlp, text):
    x = extract(text, FRI, nlp=nlp)
    assert not any(t.rule == "day-range" for t in x.timexes), [(t.text, t.rule) for t in x.timexes]


SECTIONS = [
    # a history told by the year: a month well before the story's month stays in the year its section's
    # heading names ('February 21' after 'November 1956' under '1956: ...' was 21 February 1957)
    ("Intro.\n\n1955: A surge\n\nIn January 1955 the surge began. In June 1955 it peaked.\n\n"
     "1956: The army arms\n\nThroughout 1956, violence fell. Fatalities numbered 490 in November 1956.\n"
     "In the regional dimension, Turkey attacked on February 21. Its troops withdrew on February 29.",
     {"February 21": "1956-02-21", "February 29": "1956-02-29"}),
    # ... and a season too
    ("The war began in 1950 and ended in 1960.\n\n1956: The army arms\n\nThroughout 1956, violence fell. In June "
     "1956 it rose. In December 1956 it dropped 80%.\nIn the spring, the army attacked the rebels.",
     {"the spring": "1956-SP"}),
    # a heading naming two years sets no year: the story moves on as before
    ("The war began in 1914. In 1916 it widened.\n\n1917-1918\n\nIn 1917 the war went on. In November 1917 the army attacked.\n"
     "In February the enemy retreated.", {"February": "1918-02"}),
]


@pytest.mark.parametrize("text, values", SECTIONS, ids=[str(k) for k in range(len(SECTIONS))])
def test_a_section_heading_keeps_its_year(nlp, text, values):
    x = extract(text, HISTORY, nlp=nlp)
    found = {t.text: t.value for t in x.timexes}
    assert {k: found.get(k) for k in values} == values, found


def test_no_expression_takes_the_reading_of_a_refused_one(nlp):
    """A candidate refused by the tagger is dropped by `find_candidates`; a later one could take its id,
    and with it that one's cached reading ('an hour' and the second 'Sunday' were lost on main, round 6)."""
    text = ("Additional details of the slaying emerged on Sunday. His lawyer said the bullet entered through a "
            "window.\n\nThe bullet bounced off a cabinet. Just over an hour later, he was declared dead at the "
            "hospital.\n\nSince the spring of 1992, three doctors were shot. In the late 1980s and early 1990s "
            "clinics were bombed on Sunday. The first was in 1992.")
    x = extract(text, dt.date(1998, 10, 25), nlp=nlp)
    assert [t.text for t in x.timexes] == ["Sunday", "an hour", "the spring of 1992", "the late 1980s",
                                           "early 1990s", "Sunday", "1992"]
