"""Round 6 of the date rules: each row failed before its rule (text, publication date, what is read)."""

from __future__ import annotations

import datetime as dt

import pytest

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
    # "at month's end": the month of the date told before it in the paragraph, else the publication month
    ("UN forces captured Pyongyang on 19 October 1950. At month's end, UN forces held 135,000 prisoners.", HISTORY,
     "month's end", "DATE", "1950-10"),
    ("The fund will report its holdings at month-end.", FRI, "month-end", "DATE", "2014-07"),
]


@pytest.mark.parametrize("text, published, phrase, type_, value", READINGS, ids=[f"{r[2]}|{r[0][:30]}" for r in READINGS])
def test_reading(nlp, text, published, phrase, type_, value):
    x = extract(text, published, nlp=nlp)
    found = {t.text: t for t in x.timexes}
    assert phrase in found, list(found)
    t = found[phrase]
    assert (t.type, t.value) == (type_, value), t.explanation


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
