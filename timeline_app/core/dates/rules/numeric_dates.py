"""All-digit dates: '2017-05-10', '5/10/2017', '10.5.2017'."""

from __future__ import annotations

from timeline_app.core.dates import calendar as cal
from timeline_app.core.dates.engine import Reading
from timeline_app.core.dates.rules.common import quoted


def _numeric_date(order: str):
    """Resolver of an all-digit date; `order` names the reading in the explanation."""
    def resolve(m, ctx):
        y = int(m["y"])
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        try:
            p = cal.day(cal.Day(y, int(m["mo"]), int(m["d"])))
        except ValueError:
            return None
        return Reading("DATE", p.value, p, f"{quoted(m[0])} is an absolute date, read {order} ({p.describe()})")
    return resolve


r_iso_date = _numeric_date("year-month-day")


r_slash_date = _numeric_date("month/day/year")


r_dotted_date = _numeric_date("day.month.year")
