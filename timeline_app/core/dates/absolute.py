"""Absolute dates in forms the rules do not cover ('26nov 2015', '26.11.2015'), read by dateparser.

Only expressions that carry their own year are read here: dateparser's guesses for a
missing year ignore tense, which the rules in `rules/` take into account.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from timeline_app.core.dates import calendar as cal

_HAS_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_HAS_DAY_OR_MONTH = re.compile(r"[A-Za-z]{3}|\d{1,2}[./-]\d{1,2}")


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    # Without a fixed language, dateparser may detect Catalan on English text.
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                      "RETURN_AS_TIMEZONE_AWARE": False})


def read_absolute(text: str) -> cal.Period | None:
    """The calendar period of an absolute date written in an unusual form, or None."""
    if not _HAS_YEAR.search(text) or not _HAS_DAY_OR_MONTH.search(text):
        return None
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day: dt.date = data.date_obj.date()
    if str(day.year) not in text:
        return None
    if data.period == "month":
        return cal.month(day.year, day.month)
    if data.period == "year":
        return cal.year(day.year)
    return cal.day(day)
