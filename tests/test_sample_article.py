"""The bundled Politico article (10 May 2017): every dated expression, as TEMPORAL.md says."""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "sample.json"

EXPECTED = [  # text as it appears, TimeML value, earliest, latest
    ("today", "2017-05-10", "2017-05-10", "2017-05-10"),
    ("2016", "2016", "2016-01-01", "2016-12-31"),
    ("last month", "2017-04", "2017-04-01", "2017-04-30"),
    ("recently", "PAST_REF", None, None),
    ("2013", "2013", "2013-01-01", "2013-12-31"),
    ("last week", "2017-W18", "2017-05-01", "2017-05-07"),
    ("now", "PRESENT_REF", None, None),
    ("March 2014", "2014-03", "2014-03-01", "2014-03-31"),
    ("April 12", "2017-04-12", "2017-04-12", "2017-04-12"),
    ("last week", "2017-W18", "2017-05-01", "2017-05-07"),
    ("July", "2017-07", "2017-07-01", "2017-07-31"),
    ("last week", "2017-W18", "2017-05-01", "2017-05-07"),
    ("now", "PRESENT_REF", None, None),
    ("2016", "2016", "2016-01-01", "2016-12-31"),
    ("last week", "2017-W18", "2017-05-01", "2017-05-07"),
    ("today", "PRESENT_REF", None, None),  # inside Tillerson's quote of last week
    ("soon", "FUTURE_REF", None, None),
    ("Later this month", "2017-05", "2017-05-11", "2017-05-31"),
    ("May 7", "2017-05-07", "2017-05-07", "2017-05-07"),
]


def test_publication_date_comes_from_the_url(sample_extraction):
    assert sample_extraction.published.date.isoformat() == "2017-05-10"
    assert sample_extraction.published.source == "url"


def test_every_dated_expression_is_resolved(sample_extraction):
    got = [(t.text, t.value, t.earliest and t.earliest.isoformat(), t.latest and t.latest.isoformat())
           for t in sample_extraction.timexes]
    assert got == EXPECTED


def test_traps_are_not_dates(sample_extraction):
    text = sample_extraction.text
    may = text.index("may still hope")
    url = text.index("http://")
    for t in sample_extraction.timexes:
        assert not (t.start <= may < t.end)
        assert t.start < url


def test_later_this_month_keeps_its_modifier(sample_extraction):
    t = next(t for t in sample_extraction.timexes if t.text == "Later this month")
    assert t.mod == "END" and t.granularity == "month"


def test_events_have_recognisable_titles(sample_extraction):
    titles = {m.title for e in sample_extraction.events for m in e.all_mentions()}
    for expected in ("Trump ordered a missile strike in Syria",
                     "Tillerson met with Putin during his April 12 visit to the Kremlin",
                     "Russia’s March 2014 annexation of Crimea",
                     "Talk between Trump and Putin",
                     "France’s May 7 presidential election"):
        assert expected in titles
    strike = next(e for e in sample_extraction.events if e.title.startswith("Trump ordered"))
    text = sample_extraction.text
    assert text[strike.trigger[0]:strike.trigger[1]] == "strike"
    assert (strike.earliest.isoformat(), strike.latest.isoformat(), strike.tense) == ("2017-04-01", "2017-04-30", "past")
    assert "Donald Trump" in strike.participants and strike.places == ("Syria",)  # who, and where
    assert "Syria" not in strike.participants
    assert "last month" in text[strike.sentence[0]:strike.sentence[1]]


def test_one_phone_call_two_mentions_and_a_visit_dated_today(sample_extraction):
    call = next(e for e in sample_extraction.events if "spoke by phone" in e.title)
    assert [m.title for m in call.mentions] == ["Trump and Russian President Vladimir Putin spoke by phone",
                                                 "Talk between Trump and Putin"]
    # the arrival today and "Lavrov’s visit to the White House—his first since 2013" are one trip
    visit = next(e for e in sample_extraction.events if any(m.title.startswith("Lavrov’s visit") for m in e.mentions))
    assert visit.title == "Sergei Lavrov arrives in Washington for talks" and visit.mention_count == 2
    assert visit.earliest.isoformat() == "2017-05-10" and visit.relations[0].describe() == "since 2013"
    allegation = next(e for e in sample_extraction.events if "colluded" in e.title)
    assert allegation.title.startswith("Charges")


def test_every_event_is_dated_by_its_expressions(sample_extraction):
    ids = {t.id for t in sample_extraction.timexes}
    for e in sample_extraction.events:
        assert e.timex_ids and set(e.timex_ids) <= ids
        assert 0 < len(e.title) <= 80
        assert 0 <= e.sentence[0] <= e.trigger[0] < e.trigger[1] <= e.sentence[1]


def test_whole_extraction_matches_the_golden_file(sample_extraction):
    """Any change in the sample's output shows up here; regenerate with UPDATE_GOLDEN=1 after review."""
    got = sample_extraction.to_dict()
    got["path"] = "seeds/000_5c7e1887aa53ff4b.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
