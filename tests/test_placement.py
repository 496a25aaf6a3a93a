"""The label placement guarantee, on dense synthetic timelines at many zoom levels and widths (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
import random
import sys
from pathlib import Path

import pytest

from timeline_app.core.lod import bin_days
from timeline_app.core.model import Event, Extraction, PublicationDate, Timex
from timeline_app.core.placement import (
    LABEL_GAP, Caption, Marker, Placement, ViewGeometry, check_placement, markers_in_view, place_labels,
    timeline_layers,
)
from timeline_app.core.readable import readable_interval
from timeline_app.core.timeline import build_timeline, day_at, day_number

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synthetic import synthetic_extractions  # noqa: E402

CHAR = 7.0  # px per character of the stand-in font
LINE = 15.0  # px of a text line


def measure(text: str) -> float:
    return CHAR * len(text)


def _week(n: int, sources: int = 1, seed: int = 3) -> list[Extraction]:
    """`n` events in the week of 1 May 2017 (days, some hours, the week itself), spread over `sources`."""
    rng = random.Random(seed)
    docs = []
    for s in range(sources):
        timexes, events = [], []
        for i in range(s, n, sources):
            day = dt.date(2017, 5, 1) + dt.timedelta(days=rng.randrange(7))
            if i % 9 == 0:
                a, b, g, v = dt.date(2017, 5, 1), dt.date(2017, 5, 7), "week", "2017-W18"
            else:
                a, b, g, v = day, day, "day", day.isoformat()
            timexes.append(Timex(f"t{i}", 0, 4, "then", "DATE", v, a, b, g))
            events.append(Event(f"e{i}", f"Source {s} event number {i} happened", (0, 4), (0, 4), (f"t{i}",), a, b, g))
        docs.append(Extraction(f"d{s}", "then", published=PublicationDate(dt.date(2017, 5, 10), "option"),
                               timexes=tuple(timexes), events=tuple(events)))
    return docs


def _place(timeline, x0: float, x1: float, width: float, height: float = 420.0, selected: int | None = None):
    layers = timeline_layers(timeline.entries)
    g = ViewGeometry.for_lanes(x0, x1, width, height, timeline.lanes, reserve=2 * LINE + 8)
    level = bin_days(g.per_day, 14.0)
    span = x1 - x0
    markers = markers_in_view(*layers, g, level, window=(x0 - span, x1 + span))
    pinned = [i for i, m in enumerate(markers) if m.key == selected]
    captions = [Caption(float(g.px(x)), c) for x, c in timeline.publication_days() if x0 <= x <= x1]
    placement = place_labels(markers, lambda k: timeline.entries[k].title,
                             lambda a, b: readable_interval(day_at(a), day_at(b - 0.5)), measure, LINE, g.box,
                             pinned=pinned, captions=captions)
    return markers, placement, g


def _zooms(x0: float, x1: float, levels: int = 6):
    """The whole range, then zooming in by 4 each step around its first quarter."""
    centre = x0 + (x1 - x0) * 0.3
    span = (x1 - x0) * 1.2
    for _ in range(levels):
        yield centre - span / 2, centre + span / 2
        span /= 4


@pytest.mark.parametrize("width", [480.0, 1000.0, 2400.0])
def test_a_thousand_events_in_one_week_keep_the_guarantee_at_every_zoom(width: float) -> None:
    timeline = build_timeline(_week(1000))
    x0, x1 = timeline.extent()
    labelled = []
    for a, b in _zooms(x0 - 1, x1 + 1, levels=6):
        markers, placement, g = _place(timeline, a, b, width)
        assert check_placement(markers, placement, g.box) == []
        labelled.append(len(placement.labels))
    assert max(labelled) > 0


@pytest.mark.parametrize("width", [480.0, 1000.0, 2400.0])
def test_six_sources_keep_the_guarantee_and_label_what_has_room(width: float) -> None:
    timeline = build_timeline(_week(60, sources=6))
    x0, x1 = timeline.extent()
    for a, b in _zooms(x0 - 1, x1 + 1, levels=5):
        markers, placement, g = _place(timeline, a, b, width, selected=5)
        assert check_placement(markers, placement, g.box) == []
        # nothing in view is lost without trace: labelled, in a captioned group, or listed as unlabelled
        covered = {i for label in placement.labels for i in label.markers} | set(placement.unlabelled)
        assert covered == set(range(len(markers)))


@pytest.fixture(scope="module")
def hundred_thousand():
    return build_timeline(synthetic_extractions(100_000))


@pytest.mark.parametrize("width", [600.0, 1400.0, 2800.0])
def test_a_hundred_thousand_events_over_fifty_years_keep_the_guarantee(hundred_thousand, width: float) -> None:
    x0, x1 = hundred_thousand.extent()
    for a, b in _zooms(x0, x1, levels=5):
        markers, placement, g = _place(hundred_thousand, a, b, width)
        assert check_placement(markers, placement, g.box) == []
        assert placement.labels or not markers  # something in view is always named, if only a counted group


def test_the_selected_event_is_labelled_first_and_by_its_own_marker() -> None:
    timeline = build_timeline(_week(14))
    x0, x1 = timeline.extent()
    for selected in (3, 7, 11):
        markers, placement, _ = _place(timeline, x0 - 1, x1 + 1, 1400, selected=selected)
        label = next(label for label in placement.labels if label.keys == (selected,))
        m = markers[label.anchor]
        assert m.key == selected and abs(label.box[0] - m.x0) <= 3


def test_a_group_caption_counts_its_events_and_names_the_first() -> None:
    # four one-week events of the same week stacked in four lanes, too thin to label one by one
    timeline = build_timeline(_week(4 * 9, seed=1))
    x0, x1 = day_number(dt.date(2016, 1, 1)), day_number(dt.date(2018, 6, 1))
    markers, placement, g = _place(timeline, x0, x1, 1000, height=300)
    assert check_placement(markers, placement, g.box) == []
    groups = [label for label in placement.labels if label.kind in ("group", "cluster")]
    assert groups
    assert groups[0].text.startswith(f"{groups[0].count} events, 1\u20137 May 2017: Source 0 event number")


def test_the_checker_catches_a_label_away_from_its_marker() -> None:
    markers = [Marker(100, 100, 110, 110, key=0), Marker(300, 100, 310, 110, key=1)]
    placement = place_labels(markers, lambda k: "a title", lambda a, b: "", measure, LINE, (0, 0, 800, 400))
    assert check_placement(markers, placement, (0, 0, 800, 400)) == []
    moved = placement.labels[0]
    from dataclasses import replace

    placement.labels[0] = replace(moved, box=(200, moved.box[1], 200 + moved.box[2] - moved.box[0], moved.box[3]))
    assert any("away from its marker" in p for p in check_placement(markers, placement, (0, 0, 800, 400)))


def test_publication_captions_of_crowded_days_fall_back_to_shorter_forms() -> None:
    # three sources published on consecutive days, 70 px apart: only two full captions fit in the two rows
    captions = [Caption(100.0 + 70 * i, f"published {d} August 1998", (f"{d} August 1998", f"{d} August"))
                for i, d in enumerate((7, 8, 9))]
    placement = place_labels([], lambda k: "", lambda a, b: "", measure, LINE, (0.0, 0.0, 600.0, 300.0),
                             captions=captions)
    texts = [text for text, _ in placement.captions]
    assert len(texts) == 3  # every dashed line keeps a caption: all in a shorter form where the full ones crowd
    assert texts == ["7 August 1998", "8 August 1998", "9 August 1998"]
    assert check_placement([], placement, (0.0, 0.0, 600.0, 300.0)) == []


def test_long_bars_across_the_view_leave_the_labels_of_events_elsewhere() -> None:
    # the American Revolutionary War zoomed to the summer of 1776 (the markers the window had): four year-long
    # bars run across the view in lanes too close to label them all, a month's bar, and days of that summer
    # with room for their own labels below them
    bars = [Marker(-10, 44.7 + 22.5 * lane, 1390.5, 53.7 + 22.5 * lane, key=12 + lane, is_bar=True) for lane in range(4)]
    bars.append(Marker(0, 134.7, 342.3, 143.7, key=20, is_bar=True))
    days = [Marker(992.8, 133.7, 1003.8, 144.7, key=22), Marker(80.1, 156.2, 91.1, 167.2, key=21),
            Marker(1214.7, 133.1, 1226.9, 145.3, key=23, count=2)]
    markers = bars + days
    titles = {22: "The British drove the Americans back to Brooklyn Heights", 21: "They failed at Trois-Rivières"}
    view = (0.0, 0.0, 1380.5, 263.5)
    placement = place_labels(markers, lambda k: titles.get(k, f"a year-long event number {k}"),
                             lambda a, b: "1776", measure, LINE, view)
    assert check_placement(markers, placement, view) == []
    labelled = {k for label in placement.labels if label.kind == "event" for k in label.keys}
    assert {21, 22} <= labelled  # not swallowed into a caption for the bars' group


def test_a_publication_caption_stands_where_no_other_line_runs_through_it() -> None:
    captions = [Caption(300.0, "published 7 August 1998"), Caption(360.0, "published 8 August 1998")]
    placement = place_labels([], lambda k: "", lambda a, b: "", measure, LINE, (0.0, 0.0, 800.0, 300.0),
                             captions=captions)
    (a, box_a), (b, box_b) = placement.captions
    assert (a, b) == ("published 7 August 1998", "published 8 August 1998")  # whole: the year is kept
    assert not box_a[0] <= 360.0 <= box_a[2]  # 7 August left of its line, clear of 8 August's
    assert not box_b[0] <= 300.0 <= box_b[2]


def test_long_bars_stacked_with_no_room_between_them_are_labelled_inside() -> None:
    # a history zoomed to ten years: year-long and longer bars in lanes 19 px apart (9 px bars, 15 px text
    # lines), so no label fits above or below any of them; each long enough is labelled inside itself
    pitch, view = 19.0, (0.0, 0.0, 1400.0, 200.0)
    spans = [(-10, 1410), (10, 600), (150, 290), (110, 1390), (-10, 1410)]  # (lane 3 clear of the label of 4)
    bars = [Marker(a, 40 + pitch * lane - 4.5, b, 40 + pitch * lane + 4.5, key=lane, is_bar=True)
            for lane, (a, b) in enumerate(spans)]
    point = Marker(330.0, 40 + pitch * 3 - 5.5, 341.0, 40 + pitch * 3 + 5.5, key=9)  # a day on lane 3, by its bar
    markers = [*bars, point]
    titles = {0: "Opposition to the Vietnam War", 1: "The Geneva Accords partitioned Vietnam",
              2: "Lodge, frustrated, resigned", 3: "Thieu, mistrustful and indecisive, remained",
              4: "The late 1960s", 9: "A day"}
    placement = place_labels(markers, titles.__getitem__, lambda a, b: "", measure, LINE, view)
    assert check_placement(markers, placement, view) == []
    inside = {label.keys[0]: label for label in placement.labels if label.inside}
    assert {1, 2} <= set(inside)  # no room above or below these: labelled inside
    assert {label.keys[0] for label in placement.labels} >= {0, 1, 2, 4}  # (0 above, 4 below: they have room)
    assert inside[1].text == "The Geneva Accords partitioned Vietnam"  # whole where the bar is long enough
    assert inside[2].text == "Lodge, frustrat…"  # shortened to what the bar holds
    for label in inside.values():
        bar = markers[label.anchor]
        assert bar.x0 <= label.box[0] and label.box[2] <= bar.x1
    # lane 3's bar has the day's marker touching its label's place: its label is shortened to end before it
    assert inside[3].box[2] < point.x0 and inside[3].text.endswith("…")


@pytest.mark.parametrize("early_x", [700.0, 815.0])
def test_a_dense_block_gets_its_caption_where_a_title_from_the_left_ran_over_it(early_x: float) -> None:
    # the Vietnam War at Fit All: an event of 1945 at the top left, its title running over a block of 24 markers
    # (1954-1976) packed in 12 lanes, where the block's caption would go
    pitch, view = 19.0, (0.0, 0.0, 1400.0, 300.0)
    early = Marker(early_x, 40 - 4.5, early_x + 5, 40 + 4.5, key=0, is_bar=True)
    block = [Marker(880.0 + 30 * (i % 2), 40 + pitch * (i // 2) - 4.5, 904.0 + 30 * (i % 2), 40 + pitch * (i // 2) + 4.5,
                    key=1 + i, is_bar=True) for i in range(24)]
    markers = [early, *block]
    title = {0: "In a statement similar to that made, Ho Chi Minh warned"}.get
    placement = place_labels(markers, lambda k: title(k, f"event {k}"), lambda a, b: "1954–1976", measure, LINE, view)
    assert check_placement(markers, placement, view) == []
    captions = [label for label in placement.labels if label.kind == "group" and label.count >= 20]
    assert captions and captions[0].text.startswith(f"{captions[0].count} events, 1954–1976")
    early_label = [label for label in placement.labels if label.keys == (0,)]
    if early_x == 700.0:  # far enough to the left: its title moves aside, shortened
        assert early_label and early_label[0].text == "In a statement similar…"
    else:  # a caption for the block is worth more than one title: it is listed unlabelled (hover tells it)
        assert not early_label and 0 in placement.unlabelled


def test_two_titles_side_by_side_stand_a_word_space_apart() -> None:
    # the Punic Wars: "Rome and Carthage made peace" ended 2 px before "The Second Punic War (218 BC - 201 BC)
    # is…" began, on one line, and read as one sentence; the second goes elsewhere (below its marker)
    first = "Rome and Carthage made peace"
    second_x = 100.0 + measure(first) + 4
    view = (0.0, 0.0, 1400.0, 300.0)
    markers = [Marker(100.0, 100.0, 111.0, 111.0, key=0), Marker(second_x, 100.0, second_x + 11, 111.0, key=1)]
    titles = {0: first, 1: "The Second Punic War (218 BC - 201 BC) is"}
    placement = place_labels(markers, titles.__getitem__, lambda a, b: "", measure, LINE, view)
    assert check_placement(markers, placement, view) == []
    boxes = {label.keys[0]: label.box for label in placement.labels}
    assert set(boxes) == {0, 1}
    a, b = boxes[0], boxes[1]
    assert not (a[1] < b[3] and b[1] < a[3]) or b[0] - a[2] >= LABEL_GAP  # another row, or a word space apart
    # and check_placement says so when they are not
    moved = replace(placement.labels[1], box=(a[2] + 2, a[1], a[2] + 90, a[3]), anchor=0, markers=(0,))
    close = Placement(labels=[placement.labels[0], moved])
    assert any("closer than" in p for p in check_placement(markers, close, view))
