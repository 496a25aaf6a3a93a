"""The timeline model (Qt-free): order, lanes, labels as the text states them, tooltips, ticks."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from timeline_app.core.model import Event, Extraction, PublicationDate, Timex
from timeline_app.core.dates.calendar import Day
from timeline_app.core.timeline import (
    EPOCH, assign_lanes, build_timeline, date_label, date_ticks, day_at, day_number,
    describe_publication, place_labels, timex_at, timex_tooltip,
)

D = dt.date
TEXT = ("Lavrov arrives in Washington today. Trump ordered a strike last month. "
        "Putin spoke by phone last week. His first visit since 2013. The Kremlin recently declared it. "
        "They met on April 12. The 2010s were hard. Tillerson also met Lavrov today.")


def _timex(tid: str, phrase: str, value: str | None, earliest, latest, granularity: str,
           mod: str | None = None, explanation: str = "") -> Timex:
    start = TEXT.index(phrase)
    return Timex(tid, start, start + len(phrase), phrase, "DATE", value, earliest, latest, granularity,
                 explanation=explanation or f"rule for {phrase}", mod=mod)


def _event(eid: str, title: str, trigger_word: str, timex: Timex, participants=(), tense="past") -> Event:
    t0 = TEXT.index(trigger_word)
    s0 = TEXT.rfind(". ", 0, t0)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = TEXT.index(".", t0) + 1
    return Event(eid, title, (t0, t0 + len(trigger_word)), (s0, s1), (timex.id,), timex.earliest,
                 timex.latest, timex.granularity, tuple(participants), tense)


TIMEXES = (
    _timex("t1", "today", "2017-05-10", D(2017, 5, 10), D(2017, 5, 10), "day",
           explanation="the publication date (from the URL)"),
    _timex("t2", "last month", "2017-04", D(2017, 4, 1), D(2017, 4, 30), "month"),
    _timex("t3", "last week", "2017-W18", D(2017, 5, 1), D(2017, 5, 7), "week"),
    _timex("t4", "2013", "2013", D(2013, 1, 1), D(2013, 12, 31), "year"),
    _timex("t5", "recently", "PAST_REF", None, None, "vague"),
    _timex("t6", "April 12", "2017-04-12", D(2017, 4, 12), D(2017, 4, 12), "day"),
    _timex("t7", "The 2010s", "201", D(2010, 1, 1), D(2019, 12, 31), "decade"),
    _timex("t8", "today.", "2017-05-10", D(2017, 5, 10), D(2017, 5, 10), "day"),
)
EVENTS = (
    _event("e1", "Lavrov arrives in Washington", "arrives", TIMEXES[0], ("Lavrov",), "present"),
    _event("e2", "Trump ordered a strike", "ordered", TIMEXES[1], ("Trump",)),
    _event("e3", "Putin spoke by phone", "spoke", TIMEXES[2], ("Putin",)),
    _event("e4", "His first visit", "visit", TIMEXES[3]),
    _event("e5", "The Kremlin declared it", "declared", TIMEXES[4], ("Kremlin",)),
    _event("e6", "They met", "met on", TIMEXES[5], ("Tillerson", "Putin")),
    _event("e7", "The 2010s were hard", "were hard", TIMEXES[6]),
    _event("e8", "Tillerson met Lavrov", "also met", TIMEXES[7], ("Tillerson", "Lavrov")),
)
DOC = Extraction("doc", TEXT, path="/tmp/article.txt", title="Lavrov in Washington",
                 published=PublicationDate(D(2017, 5, 10), "url", "http://www.politico.com/story/2017/05/10/x"),
                 timexes=TIMEXES, events=EVENTS)


def test_core_timeline_imports_no_qt() -> None:
    code = ("import sys, timeline_app.core.timeline; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_entries_in_date_order_vague_last() -> None:
    tl = build_timeline([DOC])
    ids = [e.event.id for e in tl.entries]
    assert ids == ["e7", "e4", "e2", "e6", "e3", "e1", "e8", "e5"]
    assert [e.key for e in tl.entries] == list(range(8))
    assert tl.entries[-1].is_vague and tl.entries[-1].lane == -1 and tl.entries[-1].vague_kind == "past"


def test_events_at_the_same_time_get_their_own_lanes() -> None:
    tl = build_timeline([DOC])
    by_id = {e.event.id: e for e in tl.entries}
    assert by_id["e1"].lane != by_id["e8"].lane  # both on 10 May 2017
    # the decade bar covers every other dated event, so nothing shares its lane
    others = {e.lane for e in tl.dated if e.event.id != "e7"}
    assert by_id["e7"].lane not in others
    for a in tl.dated:
        for b in tl.dated:
            if a.key < b.key and a.lane == b.lane:
                assert a.end <= b.start or b.end <= a.start
    assert tl.lanes == max(e.lane for e in tl.dated) + 1


def test_assign_lanes_reuses_free_lanes() -> None:
    assert assign_lanes([(0, 10), (2, 3), (3, 4), (10, 12)]) == [0, 1, 1, 0]
    assert assign_lanes([(5, 5), (5, 5), (5, 5)]) == [0, 1, 2]  # zero-length still takes a day
    assert assign_lanes([]) == []


@pytest.mark.parametrize("granularity, earliest, latest, value, mod, expected", [
    ("day", D(2017, 4, 12), D(2017, 4, 12), "2017-04-12", None, "12 April 2017"),
    ("week", D(2017, 5, 1), D(2017, 5, 7), "2017-W18", None, "week of 1 May 2017"),
    ("month", D(2017, 4, 1), D(2017, 4, 30), "2017-04", None, "April 2017"),
    ("quarter", D(2017, 4, 1), D(2017, 6, 30), "2017-Q2", None, "Q2 2017"),
    ("year", D(2016, 1, 1), D(2016, 12, 31), "2016", None, "2016"),
    ("decade", D(2010, 1, 1), D(2019, 12, 31), "201", None, "the 2010s"),
    ("month", D(2017, 7, 1), D(2017, 7, 31), "2017-07", "APPROX", "around July 2017"),
    ("month", D(2017, 5, 1), D(2017, 5, 31), "2017-05", "END", "late May 2017"),
    # a part of a century or decade reads without its article: 'mid-19th century', 'early 1990s'
    ("century", D(1801, 1, 1), D(1900, 12, 31), "18", "MID", "mid-19th century"),
    ("decade", D(1990, 1, 1), D(1999, 12, 31), "199", "START", "early 1990s"),
    # a narrative 'now' takes the story's range: the label says both ends, as the bar is drawn
    ("year", Day(-263, 1, 1), Day(-240, 12, 31), "PRESENT_REF", None, "264–241 BC"),
    ("month", D(1944, 6, 1), D(1944, 8, 31), "PRESENT_REF", None, "June–August 1944"),
])
def test_date_label_as_the_text_states_it(granularity, earliest, latest, value, mod, expected) -> None:
    t = Timex("t", 0, 1, "x", "DATE", value, earliest, latest, granularity, mod=mod)
    e = Event("e", "x", (0, 1), (0, 1), ("t",), earliest, latest, granularity)
    assert date_label(e, (t,)) == expected


def test_vague_label_names_its_tray() -> None:
    tl = build_timeline([DOC])
    assert tl.entries[-1].label == "past (vague)"


def test_tooltip_has_title_interval_and_explanation() -> None:
    tl = build_timeline([DOC])
    week = next(e for e in tl.entries if e.event.id == "e3")
    tip = tl.tooltip(week)
    assert tip.splitlines()[0] == "Putin spoke by phone"
    assert "week of 1 May 2017 (1–7 May 2017)" in tip
    assert "“last week” → week of 1 May 2017: rule for last week" in tip
    today = next(e for e in tl.entries if e.event.id == "e1")
    assert "the publication date (from the URL)" in tl.tooltip(today)


def test_drawn_as_point_or_bar_by_precision() -> None:
    tl = build_timeline([DOC])
    kinds = {e.event.id: e.is_point for e in tl.dated}
    assert kinds == {"e1": True, "e8": True, "e6": True, "e3": False, "e2": False, "e4": False, "e7": False}
    week = next(e for e in tl.dated if e.event.id == "e3")
    assert (week.start, week.end) == (day_number(D(2017, 5, 1)), day_number(D(2017, 5, 8)))


def test_navigation_offsets_filter_and_summary() -> None:
    tl = build_timeline([DOC])
    assert tl.neighbour(None, 1) == 0 and tl.neighbour(0, -1) == 0
    assert tl.neighbour(3, 1) == 4 and tl.neighbour(7, 5) == 7
    # a click on "last week" in the passage picks the event dated by it
    offset = TEXT.index("last week") + 2
    assert tl.entries[tl.entry_at_offset(0, offset)].event.id == "e3"
    assert tl.entries[tl.entry_at_offset(0, TEXT.index("Putin spoke"))].event.id == "e3"
    assert tl.entry_at_offset(0, len(TEXT) + 5) is None
    assert [e.event.id for e in tl.entries if tl.matches(e, participant="putin")] == ["e6", "e3"]
    assert [e.event.id for e in tl.entries if tl.matches(e, text="WEEK phone")] == ["e3"]
    assert tl.participants()[:3] == ["Lavrov", "Putin", "Tillerson"]
    s = tl.summary(0)
    assert (s.events, s.vague_events, s.timexes, s.vague_timexes, s.unresolved_timexes) == (8, 1, 8, 1, 0)


def test_title_and_outline() -> None:
    tl = build_timeline([DOC])
    assert tl.title() == "Lavrov in Washington — published 10 May 2017"
    assert tl.outline().splitlines()[0] == "the 2010s: The 2010s were hard"
    assert build_timeline([DOC, DOC]).title() == "2 sources: article.txt, article.txt"  # named, not counted
    assert build_timeline([]).title() == ""


def test_publication_and_extent() -> None:
    tl = build_timeline([DOC])
    assert tl.publication_days() == [(day_number(D(2017, 5, 10)) + 0.5, "published 10 May 2017")]
    assert tl.extent() == (day_number(D(2010, 1, 1)), day_number(D(2020, 1, 1)))
    assert describe_publication(DOC) == ("published 10 May 2017 (from the URL "
                                         "http://www.politico.com/story/2017/05/10/x)")


def test_passage_tooltips() -> None:
    t = timex_at(DOC, TEXT.index("last month") + 1)
    assert t is not None and t.id == "t2"
    assert timex_tooltip(t).startswith("“last month” → April 2017  [TimeML 2017-04]")
    assert timex_at(DOC, 0) is None


def test_x_coordinates_are_small_day_numbers() -> None:
    assert day_number(EPOCH) == 0
    assert day_number(D(2017, 5, 10)) == 6339
    assert day_at(6339.7) == D(2017, 5, 10)
    assert day_at(-1e12) == Day(-9998, 1, 1)  # 1 January 9999 BC, the first day drawn
    assert day_at(1e12) == Day(9999, 12, 31)


@pytest.mark.parametrize("first, last, pixels, expected_first_labels", [
    (D(2010, 1, 1), D(2020, 1, 1), 800, ["2010", "2011", "2012"]),
    (D(2016, 11, 15), D(2017, 6, 15), 1000, ["Dec 2016", "Jan 2017", "Feb", "Mar"]),
    (D(2017, 3, 15), D(2017, 6, 15), 900, ["27 Mar 2017", "10 Apr", "24 Apr"]),
    (D(2017, 4, 28), D(2017, 5, 12), 1400, ["28 Apr 2017", "29 Apr", "30 Apr", "1 May"]),
    (D(1800, 1, 1), D(2017, 1, 1), 800, ["1800", "1850", "1900"]),
])
def test_date_ticks_read_naturally(first, last, pixels, expected_first_labels) -> None:
    major, minor = date_ticks(day_number(first), day_number(last), pixels)
    labels = [label for _, label in major]
    assert labels[:len(expected_first_labels)] == expected_first_labels
    xs = [x for x, _ in major]
    assert all(b - a >= 80 * (last - first).days / pixels * 0.9 for a, b in zip(xs, xs[1:]))
    assert not set(minor) & set(xs)


def test_date_ticks_name_the_year_past_a_cut_edge() -> None:
    # the range starts on a tick, whose label would be cut: the next tick says the year too
    major, _ = date_ticks(day_number(D(1950, 6, 1)), day_number(D(1951, 1, 31)), 700, edge=50)
    assert [label for _, label in major][:3] == ["Jun 1950", "Jul 1950", "Aug"]
    major, _ = date_ticks(day_number(Day(-479, 8, 10)), day_number(Day(-479, 8, 20)), 1400, edge=50)
    assert [label for _, label in major][:3] == ["10 Aug 480 BC", "11 Aug 480 BC", "12 Aug"]


def test_weekly_ticks_name_the_new_year_on_its_first_tick() -> None:
    major, _ = date_ticks(day_number(D(2016, 12, 1)), day_number(D(2017, 2, 1)), 700)
    labels = [label for _, label in major]
    first_of_2017 = next(label for x, label in major if day_at(x).year == 2017)
    assert labels[0].endswith("2016") and first_of_2017.endswith("2017"), labels  # '2 Jan 2017', not '2 Jan'
    major, _ = date_ticks(day_number(Day(-480, 12, 1)), day_number(Day(-479, 2, 1)), 700)
    assert any(label.endswith("480 BC") for _, label in major)  # 481 BC ends, 480 BC begins
    assert [label for _, label in major][0].endswith("481 BC")


def test_date_ticks_degenerate_ranges() -> None:
    assert date_ticks(5, 5, 100) == ([], [])
    assert date_ticks(0, 10, 0) == ([], [])
    major, _ = date_ticks(-1e9, 1e9, 1000)  # the whole calendar and beyond: no crash
    assert major


def test_labels_that_would_overlap_are_stacked_or_hidden() -> None:
    beside = [(0, 20, 50, 30), (40, 20, 90, 30), (95, 20, 140, 30), (40, 40, 90, 50)]
    assert place_labels([[b] for b in beside], gap=2) == {0: 0, 2: 0, 3: 0}
    # the selected label always wins
    assert place_labels([[b] for b in beside], first=[1], gap=2) == {1: 0, 2: 0, 3: 0}
    # a second, higher box lets the second label stack above the first
    stacked = [[beside[0]], [beside[1], (40, 5, 90, 15)]]
    assert place_labels(stacked, gap=2) == {0: 0, 1: 1}
    assert place_labels([]) == {} and place_labels([[]]) == {}


def test_the_filter_index_agrees_with_matches_as_words_are_typed() -> None:
    import random
    import sys
    from pathlib import Path

    from timeline_app.core.search import EntrySearch

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import synthetic_extractions

    timeline = build_timeline(synthetic_extractions(3000, documents=6))
    search = EntrySearch(timeline)
    rng = random.Random(3)
    typed = ["t", "ta", "tal", "talks", "talks 1", "talks 12", "talks 1", "", "gen", "geneva", "geneva t",
             "ta geneva", "zz", "1", "19", "199"] + [rng.choice(["a", "e", "o 2", "lima", "week", "#1"]) for _ in range(10)]
    for participant in ("", "Geneva"):
        for text in typed:
            want = [e.key for e in timeline.entries if timeline.matches(e, text, participant)]
            got = search.keys(text, participant)
            assert (got is None and not text.split() and not participant) or list(got) == want, (text, participant)


def test_a_named_period_is_not_counted_unresolved() -> None:
    """'the Middle Ages' has no TimeML value but an interval: the status bar does not call it unresolved."""
    period = Timex("t1", 0, 15, "the Middle Ages", "DATE", None, D(500, 1, 1), D(1500, 12, 31), "period")
    no_date = Timex("t2", 20, 29, "last week", "DATE", None)
    doc = Extraction("doc", "the Middle Ages. last week", timexes=(period, no_date))
    assert build_timeline([doc]).summary(0).unresolved_timexes == 1


def test_a_date_from_a_files_metadata_names_its_field_once() -> None:
    for source, field, where in (("pdf-metadata", "CreationDate", "the PDF's creation date"),
                                 ("docx-metadata", "created", "the Word file's creation date")):
        doc = Extraction("d", "text", published=PublicationDate(dt.date(2009, 12, 19), source, field))
        assert describe_publication(doc) == f"published 19 December 2009? (unconfirmed: from {where}, the '{field}' field)"
        assert describe_publication(doc, evidence=False) == f"published 19 December 2009? (unconfirmed: from {where})"
