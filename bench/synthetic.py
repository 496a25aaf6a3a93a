"""Synthetic extractions for the rendering and memory benchmarks: N events over 50 years.

Deterministic (seeded).  Most events are single days; some are weeks, months or
years, like real news; they are spread over 100 documents so the timeline looks
like a corpus opened with `timeline-app open`.  Each event names a place and one of 600 people, so
that merging mentions across documents (`core.mentions`) finds few events told twice and the
timeline keeps about as many entries as there are events.
"""

from __future__ import annotations

import datetime as dt
import random

from timeline_app.core.model import Event, Extraction, PublicationDate, Timex

START = dt.date(1975, 1, 1)
YEARS = 50
WORDS = ("talks", "strike", "election", "summit", "merger", "trial", "storm", "protest", "launch",
         "ceasefire", "vote", "report", "deal", "inquiry", "visit")
PLACES = ("Geneva", "Lagos", "Lima", "Oslo", "Hanoi", "Quito", "Cairo", "Perth", "Riga", "Accra")
GIVEN = ("Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jon", "Kofi", "Lena", "Mei",
         "Nils", "Omar", "Pia", "Raj", "Sara", "Tom", "Uma", "Vera", "Wim", "Yara", "Zeno")
FAMILY = ("Abe", "Berg", "Costa", "Diaz", "Eze", "Frey", "Gao", "Haas", "Ito", "Juarez", "Kim", "Lund", "Moss",
          "Nagy", "Okoro", "Park", "Quinn", "Rossi", "Sato", "Tan", "Ueda", "Vogel", "Wu", "Yilmaz", "Zhou")


def synthetic_extractions(n: int, documents: int = 100, seed: int = 7) -> list[Extraction]:
    rng = random.Random(seed)
    days = YEARS * 365
    out = []
    per_doc = [n // documents + (1 if i < n % documents else 0) for i in range(documents)]
    counter = 0
    for d, count in enumerate(per_doc):
        text = f"Synthetic document {d}.\n" + "Something happened. " * 4
        timexes, events = [], []
        for i in range(count):
            counter += 1
            start = START + dt.timedelta(days=rng.randrange(days))
            kind = rng.random()
            if kind < 0.75:
                gran, end, value = "day", start, start.isoformat()
            elif kind < 0.87:
                start -= dt.timedelta(days=start.weekday())
                gran, end, value = "week", start + dt.timedelta(days=6), start.strftime("%G-W%V")
            elif kind < 0.97:
                start = start.replace(day=1)
                nxt = (start + dt.timedelta(days=32)).replace(day=1)
                gran, end, value = "month", nxt - dt.timedelta(days=1), start.strftime("%Y-%m")
            else:
                start = start.replace(month=1, day=1)
                gran, end, value = "year", start.replace(month=12, day=31), str(start.year)
            tid = f"t{i}"
            timexes.append(Timex(id=tid, start=0, end=8, text="some day", type="DATE", value=value,
                                 earliest=start, latest=end, granularity=gran,
                                 explanation="synthetic event for benchmarks"))
            place = rng.choice(PLACES)
            title = f"{place} {rng.choice(WORDS)} #{counter}"
            events.append(Event(id=f"e{i}", title=title, trigger=(0, 9), sentence=(0, 20), timex_ids=(tid,),
                                earliest=start, latest=end, granularity=gran, participants=(place, f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"),
                                tense="past", confidence=0.8))
        out.append(Extraction(id=f"doc{d}", text=text, path=None, title=f"Synthetic document {d}",
                              published=PublicationDate(START + dt.timedelta(days=days), "option"),
                              timexes=tuple(timexes), events=tuple(events)))
    return out
