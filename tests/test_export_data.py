"""Data out: every export parses as its format, keeps offsets and dates, and marks the user's corrections."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from timeline_app.core.evaluate import read_tml
from timeline_app.core.export_data import (
    chronology_lines, publisher, timeml_files, to_chronology, to_csv, to_json, to_timelinejs, write_data,
)
from timeline_app.core.workspace import ChangeDate, Retitle, new_workspace


@pytest.fixture()
def ws(sample_extraction):
    w = new_workspace([sample_extraction, replace(sample_extraction, id="second", path="second.txt")])
    key = w.sources[0].key
    strike = next(e for e in sample_extraction.events if e.title.startswith("Trump ordered"))
    w.apply(ChangeDate.to(key, strike.id, dt.date(2017, 4, 6), "day"))
    w.apply(Retitle(key, strike.id, "Trump ordered a missile strike on Shayrat"))
    return w


def test_csv_one_row_per_event_with_offsets_and_corrections(ws) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(ws))))
    assert len(rows) == sum(len(x.events) for _, x in ws.documents())
    strike = next(r for r in rows if r["title"] == "Trump ordered a missile strike on Shayrat")
    assert (strike["earliest"], strike["latest"], strike["precision"]) == ("2017-04-06", "2017-04-06", "day")
    assert strike["corrected"] == "yes" and "date corrected by you" in strike["correction"]
    assert strike["source"] == "000_5c7e1887aa53ff4b.txt"
    text = ws.sources[0].extraction.text
    assert "strike" in text[int(strike["sentence_start"]):int(strike["sentence_end"])]
    untouched = [r for r in rows if r["source"] == "second.txt"]
    assert untouched and all(r["corrected"] == "no" for r in untouched)
    dated = [r["earliest"] for r in rows if r["earliest"]]
    assert dated == sorted(dated)


def test_json_marks_corrected_events(ws) -> None:
    docs = json.loads(to_json(ws))["documents"]
    corrected = [e for d in docs for e in d["events"] if "corrected" in e]
    assert [e["title"] for e in corrected] == ["Trump ordered a missile strike on Shayrat"]


def test_timelinejs_has_the_fields_timelinejs_requires(ws) -> None:
    data = json.loads(to_timelinejs(ws))
    assert isinstance(data["events"], list) and data["events"]
    assert data["title"]["text"]["headline"]
    ids = [s["unique_id"] for s in data["events"]]
    assert len(ids) == len(set(ids))
    for slide in data["events"]:
        start = slide["start_date"]
        assert isinstance(start["year"], int)
        if "day" in start:
            dt.date(start["year"], start["month"], start["day"])  # a real day
        assert slide["text"]["headline"] and slide["display_date"] and slide["group"]
    by_label = {s["display_date"]: s for s in data["events"]}
    assert by_label["March 2014"]["start_date"] == {"year": 2014, "month": 3}  # a month stays a month
    for slide in data["events"]:  # a year stays a year
        if slide["display_date"].isdigit():
            assert slide["start_date"] == {"year": int(slide["display_date"])}
    week = next(s for s in data["events"] if s["display_date"].startswith("week of"))
    assert "end_date" in week
    strike = next(s for s in data["events"] if s["text"]["headline"] == "Trump ordered a missile strike on Shayrat")
    assert strike["start_date"] == {"year": 2017, "month": 4, "day": 6}
    assert "Corrected by hand" in strike["text"]["text"]


def test_timeml_parses_offsets_match_and_eval_reads_it_back(ws, tmp_path) -> None:
    files = timeml_files(ws)
    assert sorted(files) == ["000_5c7e1887aa53ff4b.tml", "second.tml"]
    written = write_data(ws, "timeml", tmp_path / "tml")
    assert len(written) == 2
    for path in written:
        root = ET.parse(path).getroot()  # well-formed XML
        assert root.tag == "TimeML"
    x = ws.current(ws.sources[0].key)
    gold = read_tml(tmp_path / "tml" / "000_5c7e1887aa53ff4b.tml")
    assert gold.text == x.text and gold.dct == dt.date(2017, 5, 10)
    assert [(t.start, t.end, t.text, t.value) for t in gold.timexes] == \
        [(t.start, t.end, t.text, t.value or "") for t in x.timexes]
    root = ET.fromstring(files["000_5c7e1887aa53ff4b.tml"])
    text = "".join(root.find("TEXT").itertext())
    for tag in root.find("TEXT").iter("EVENT"):
        event = next(e for e in x.events if e.id == tag.get("eid"))
        assert text[event.trigger[0]:event.trigger[1]] == tag.text
    assert "date corrected by you" in files["000_5c7e1887aa53ff4b.tml"]


def test_chronology_in_date_order_with_the_publisher(ws) -> None:
    lines = to_chronology(ws).splitlines()
    assert publisher(ws.sources[0].extraction) == "Politico"
    strike = next(line for line in lines if "Shayrat" in line)
    assert strike.startswith("6 April 2017 - Trump ordered a missile strike on Shayrat (Politico, 10 May 2017)")
    assert strike.endswith("]") and "corrected by you" in strike
    timeline = ws.timeline(merge=False)  # exports keep each source's events
    order = [e for e in timeline.dated]
    assert len(lines) == len(order)
    assert [e.start for e in order] == sorted(e.start for e in order)
    assert len(chronology_lines(timeline, [order[0].key])) == 1


def test_timelinejs_writes_bc_years_as_timelinejs_reads_them(nlp) -> None:
    """TimelineJS shows `{"year": -480}` as "480 BCE" (its `Language.formatDate`, checked on
    @knight-lab/timelinejs 3.9.11): 480 BC is written -480, not the astronomical -479."""
    from timeline_app.core.pipeline import extract

    text = ("The Greco-Persian Wars\n\nIn August 480 BC the Persians reached Thermopylae. In 479 BC the Greeks "
            "won at Plataea. Herod died in 1 BC. Augustus died in AD 14.\n")
    data = json.loads(to_timelinejs([extract(text, None, nlp=nlp)]))
    dates = {s["display_date"]: s["start_date"] for s in data["events"]}
    assert dates["August 480 BC"] == {"year": -480, "month": 8}
    assert dates["479 BC"] == {"year": -479}
    assert dates["1 BC"] == {"year": -1}  # (astronomical 0)
    assert dates["AD 14"] == {"year": 14}


def test_timelinejs_draws_a_span_of_years_from_its_first_day_to_its_last(nlp) -> None:
    """'264 to 241 BC' (granularity year) was one slide dated 264 BC, as if the war had lasted that year."""
    from timeline_app.core.pipeline import extract

    text = ("The First Punic War (264 to 241 BC) was fought partly on land in Sicily. "
            "Rome and Carthage made peace in 241 BC.\n")
    data = json.loads(to_timelinejs([extract(text, None, nlp=nlp)]))
    slides = {s["display_date"]: s for s in data["events"]}
    war = slides["264–241 BC"]
    assert war["start_date"] == {"year": -264, "month": 1, "day": 1}
    assert war["end_date"] == {"year": -241, "month": 12, "day": 31}
    assert slides["241 BC"]["start_date"] == {"year": -241} and "end_date" not in slides["241 BC"]


def test_timeml_writes_a_corrected_bc_date_in_the_corpora_notation(nlp) -> None:
    """A date corrected to 265 BC was written value="-264" (its astronomical year), which no TimeML reader
    takes for 265 BC; the corpora write BC0265."""
    from timeline_app.core.dates.calendar import Day
    from timeline_app.core.pipeline import extract
    from timeline_app.core.workspace import ChangeDate

    text = "In 264 BC the Roman Republic had gained control of the Italian peninsula.\n"
    ws = new_workspace([extract(text, None, source="punic.txt", nlp=nlp)])
    key = ws.sources[0].key
    event = ws.current(key).events[0]
    for day, precision, value in ((Day(-264, 6, 1), "year", "BC0265"), (Day(-479, 8, 12), "month", "BC0480-08"),
                                  (Day(-479, 8, 12), "day", "BC0480-08-12")):
        edit = ChangeDate.to(key, event.id, day, precision)
        ws.apply(edit)
        (tml,) = timeml_files(ws).values()
        assert f'type="DATE" value="{value}" functionInDocument="NONE"' in tml
        ws.revert(edit)
