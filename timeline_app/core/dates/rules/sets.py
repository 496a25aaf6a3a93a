"""Sets (what recurs): 'daily', 'every Monday', 'each year', 'weekends'."""

from __future__ import annotations

from timeline_app.core.dates.engine import MatchView, Reading
from timeline_app.core.dates.lexicon import INFORMAL, PARTS_OF_DAY, SEASONS, SET_WORDS, WEEKDAYS
from timeline_app.core.dates.rules.common import month_of, number_of, quoted, unit_of
from timeline_app.core.dates.rules.durations import duration_value


def r_set_word(m, ctx):
    value, quant = SET_WORDS[m[0].lower()]
    return Reading("SET", value, None, f"{quoted(m[0])} happens regularly ({value})", granularity="vague")


def r_every(m, ctx):
    if m["wd"]:
        wd = WEEKDAYS[m["wd"].lower().rstrip(".").rstrip("s")]
        value = f"XXXX-WXX-{wd + 1}"
    elif m["part"]:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[INFORMAL.get(m['part'].lower(), m['part'].lower())]}"
    elif m["mo"]:
        value = f"XXXX-{month_of(m['mo']):02d}"
    elif m["s"]:
        value = f"XXXX-{SEASONS[m['s'].lower()]}"
    else:
        unit = unit_of(m["u"])
        value = duration_value(number_of(m["n"]) if m["n"] else 1, unit)
    return Reading("SET", value, None, f"{quoted(m[0])} happens regularly ({value})", granularity="vague")


def _every_match(m):
    return MatchView(m, wd=m["wd"] or m["wd2"], n=m["n"] if m["wd2"] is None else None,
                  part=m["part"], u=m["u"], mo=m["mo"], s=m["s"])


def r_every_written(m, ctx):
    """'every Monday', 'Mondays', 'each year': `r_every` whichever way the weekday is written."""
    return r_every(_every_match(m), ctx)


def r_weekends(m, ctx):
    """'weekends', 'every weekend'."""
    return Reading("SET", "XXXX-WXX-WE", None, f"{quoted(m[0])} happens every weekend", granularity="vague")
