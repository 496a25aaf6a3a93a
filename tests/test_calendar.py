"""Calendar arithmetic: every period's value and interval agree, for any date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, strategies as st

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


# --- any year: 9999 BC .. AD 9999 (astronomical years -9998 .. 9999) ----------------------

ANY_ORDINAL = st.integers(min_value=cal.FIRST_DAY.toordinal(), max_value=cal.LAST_DAY.toordinal())
ANY_DAY = ANY_ORDINAL.map(cal.Day.fromordinal)
ALL_UNITS = st.sampled_from(["day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century"])


@given(ANY_ORDINAL)
def test_day_numbers_round_trip_through_dates_and_iso(n):
    d = cal.Day.fromordinal(n)
    assert d.toordinal() == n
    assert cal.Day(d.year, d.month, d.day) == d
    assert cal.Day.fromisoformat(d.isoformat()) == d
    assert 1 <= d.day <= cal.days_in_month(d.year, d.month)


@given(st.dates())
def test_days_agree_with_python_dates_where_both_exist(date):
    d = cal.Day.of(date)
    assert d.toordinal() == date.toordinal() and d.weekday() == date.weekday()
    assert d.isocalendar() == tuple(date.isocalendar())
    assert d == date and hash(d) == hash(date) and d.to_date() == date


@given(ANY_ORDINAL, ANY_ORDINAL)
def test_days_order_like_their_numbers(a, b):
    da, db = cal.Day.fromordinal(a), cal.Day.fromordinal(b)
    assert (da < db) == (a < b) and (da == db) == (a == b)
    assert ((da.year, da.month, da.day) < (db.year, db.month, db.day)) == (a < b)


@given(ANY_DAY, st.integers(min_value=-20000, max_value=20000))
def test_interval_arithmetic(d, n):
    moved = d + dt.timedelta(days=n)
    assert moved - d == dt.timedelta(days=n)
    assert moved - dt.timedelta(days=n) == d
    assert (moved.weekday() - d.weekday()) % 7 == n % 7


@given(ANY_DAY, ALL_UNITS, st.integers(min_value=-3, max_value=3))
def test_periods_of_any_year_contain_their_day_and_parse_back(d, unit, n):
    p = cal.shift(unit, d, 0)
    if unit != "weekend":  # the weekend of a weekday's week lies after it
        assert p.earliest <= d <= p.latest
    q = cal.shift(unit, d, n)
    assert q.earliest <= q.latest
    assume(cal.FIRST_DAY <= q.earliest and q.latest <= cal.LAST_DAY)  # TimeML writes four-digit years
    parsed = cal.parse_value_interval(q.value)
    if parsed is not None and unit not in ("century",):
        assert parsed[:2] == (q.earliest, q.latest), q


@pytest.mark.parametrize("period, value, first, last, said", [
    (cal.year(-498), "BC0499", "-0498-01-01", "-0498-12-31", "499 BC"),
    (cal.year(0), "BC0001", "0000-01-01", "0000-12-31", "1 BC"),
    (cal.year(9), "0009", "0009-01-01", "0009-12-31", "AD 9"),
    (cal.bc_century(5), "BC04", "-0499-01-01", "-0400-12-31", "the 5th century BC"),
    (cal.ordinal_century(1), "00", "0001-01-01", "0100-12-31", "the 1st century"),
    (cal.decade(-498), "BC049", "-0498-01-01", "-0489-12-31", "the 490s BC"),
    (cal.day(cal.Day(-479, 8, 1)), "BC0480-08-01", "-0479-08-01", "-0479-08-01", "1 August 480 BC"),
])
def test_bc_values_and_intervals(period, value, first, last, said):
    assert period.value == value
    assert (period.earliest.isoformat(), period.latest.isoformat()) == (first, last)
    assert period.describe() == said
