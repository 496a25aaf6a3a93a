"""Calendar arithmetic: every period's value and interval agree, for any date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, strategies as st

from timeline_app.core.dates import calendar as cal

DATES = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))
UNITS = st.sampled_from(["day", "week", "month", "quarter", "half", "year", "decade"])


@given(DATES, UNITS, st.integers(min_value=-30, max_value=30))
def test_shifted_period_is_consistent(anchor, unit, n):
    p = cal.shift(unit, anchor, n)
    assert p.earliest <= p.latest
    parsed = cal.parse_value_interval(p.value)
    if parsed is not None:  # halves have no parser of their own
        assert parsed[:2] == (p.earliest, p.latest)


@given(DATES, UNITS)
def test_the_period_of_a_day_contains_it(anchor, unit):
    p = cal.shift(unit, anchor, 0)
    assert p.earliest <= anchor <= p.latest


@given(DATES)
def test_iso_week_runs_monday_to_sunday(anchor):
    p = cal.week(anchor)
    assert p.earliest.weekday() == 0 and (p.latest - p.earliest).days == 6
    assert p.value.endswith(f"W{anchor.isocalendar()[1]:02d}")


def test_known_values():
    assert cal.week(dt.date(2017, 5, 3)).value == "2017-W18"
    assert cal.season(2016, "WI").latest == dt.date(2017, 2, 28)
    assert cal.decade(1994).value == "199"
    assert cal.easter(2014) == dt.date(2014, 4, 20)
    assert cal.nth_weekday(2014, 11, 3, 4) == dt.date(2014, 11, 27)  # Thanksgiving
    assert cal.describe_period("century", dt.date(2001, 1, 1)) == "the 21st century"
