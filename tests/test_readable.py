"""Dates as a reader says them (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.dates.calendar import Day
from timeline_app.core.readable import readable_interval, readable_value

D = dt.date


@pytest.mark.parametrize("value, said", [
    ("2013-W12", "week of 18 March 2013"),
    ("2013-W12-WE", "weekend of 23 March 2013"),
    ("2017-04-12", "12 April 2017"),
    ("2017-04-12T15:00", "12 April 2017"),
    ("1943-SP", "spring 1943"),
    ("2017-04", "April 2017"),
    ("2017-Q3", "Q3 2017"),
    ("2016", "2016"),
    ("201", "the 2010s"),
    ("19", "the 20th century"),
    ("BC0480", "480 BC"),
    ("BC04", "the 5th century BC"),
    ("BC0480-08", "August 480 BC"),  # every BC precision says BC, not the TimeML notation
    ("BC0480-08-12", "12 August 480 BC"),
    ("BC0480-SU", "summer 480 BC"),
    ("BC049", "the 490s BC"),
    ("BC0480-13", "BC0480-13"),
    ("PAST_REF", "the past"),
    ("P3Y", "3 years"),
    ("P1D", "1 day"),
    ("PXM", "some months"),
    (None, "unresolved"),
    ("2017-13", "2017-13"),  # not a date: shown as it is
    ("XXXX-05", "XXXX-05"),
])
def test_timeml_values_read_as_a_person_says_them(value, said) -> None:
    assert readable_value(value) == said


@pytest.mark.parametrize("a, b, said", [
    (Day(-498, 1, 1), Day(-492, 12, 31), "499–493 BC"),  # the era said once
    (Day(-1, 1, 1), Day(1, 12, 31), "2 BC–AD 1"),
    (D(2017, 4, 12), D(2017, 4, 12), "12 April 2017"),
    (D(2017, 4, 12), None, "12 April 2017"),
    (D(2017, 5, 1), D(2017, 5, 7), "1\u20137 May 2017"),
    (D(2017, 4, 28), D(2017, 5, 3), "28 April \u2013 3 May 2017"),
    (D(2016, 12, 28), D(2017, 1, 3), "28 December 2016 \u2013 3 January 2017"),
    (D(2017, 4, 1), D(2017, 4, 30), "April 2017"),
    (D(2017, 4, 1), D(2017, 5, 31), "April\u2013May 2017"),
    (D(2016, 1, 1), D(2016, 12, 31), "2016"),
    (D(2010, 1, 1), D(2019, 12, 31), "2010\u20132019"),
])
def test_a_span_of_days_is_said_once(a, b, said) -> None:
    assert readable_interval(a, b) == said
    assert " \u2014 " not in said
