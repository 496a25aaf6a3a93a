"""Level of detail: clusters that split as you zoom in, bars merged into bands, label candidates."""

from __future__ import annotations

import numpy as np
import pytest

from timeline_app.core.lod import (
    bin_days, cluster_lanes, cluster_points, count_label, flat_bars, flat_points, label_candidates, merge_bars,
    merge_lane_bars,
)


@pytest.mark.parametrize("per_day, days", [(20.0, 0.0), (14.0, 0.0), (7.0, 2.0), (1.0, 16.0), (0.01, 2048.0)])
def test_bins_are_powers_of_two_days_covering_the_marker(per_day, days):
    assert bin_days(per_day, 14.0) == days


def test_close_events_become_one_counted_cluster_that_splits_when_zoomed_in():
    x = np.array([0.5, 1.5, 2.5, 40.5, 100.5])
    keys = np.arange(5)
    far = cluster_points(x, keys, 64.0)
    assert far.cluster_count.tolist() == [4] and far.keys.tolist() == [4]
    assert far.cluster_first.tolist() == [0.5] and far.cluster_last.tolist() == [40.5]
    nearer = cluster_points(x, keys, 4.0)
    assert nearer.cluster_count.tolist() == [3] and nearer.keys.tolist() == [3, 4]
    close = cluster_points(x, keys, 0.0)
    assert close.keys.tolist() == [0, 1, 2, 3, 4] and len(close.cluster_x) == 0
    assert far.events == nearer.events == close.events == 5


def test_clusters_only_cover_the_requested_window():
    x = np.arange(1000) + 0.5
    m = cluster_points(x, np.arange(1000), 8.0, lo=100, hi=200)
    assert m.events == 100 and m.cluster_first.min() >= 100 and m.cluster_last.max() <= 200


@pytest.mark.parametrize("days, lo, hi", [(0.0, -1e9, 1e9), (4.0, 50.0, 700.0), (64.0, -1e9, 1e9), (1024.0, 0.0, 300.0)])
def test_all_lanes_at_once_cluster_as_each_lane_alone(days, lo, hi):
    rng = np.random.default_rng(3)
    points = {}
    for lane in (0, 1, 4, 9):
        x = np.sort(rng.integers(0, 1000, 60)) + 0.5
        points[lane] = (x, rng.permutation(1000)[:60] + 1000 * lane)
    together = cluster_lanes(*flat_points(points), days, lo, hi)
    for lane, (x, keys) in points.items():
        alone = cluster_points(x, keys, days, lo, hi)
        mine, theirs = together.lane == lane, together.cluster_lane == lane
        assert together.keys[mine].tolist() == alone.keys.tolist()
        assert together.x[mine].tolist() == alone.x.tolist()
        assert together.cluster_count[theirs].tolist() == alone.cluster_count.tolist()
        assert together.cluster_first_key[theirs].tolist() == alone.cluster_first_key.tolist()
        assert np.allclose(together.cluster_x[theirs], alone.cluster_x)
    assert together.events == sum(cluster_points(x, k, days, lo, hi).events for x, k in points.values())


def test_bars_closer_than_a_pixel_merge_into_a_band_but_adjacent_wide_bars_do_not():
    bands = merge_bars(np.array([0.0, 0.5, 1.0, 50.0, 90.0]), np.array([0.4, 0.9, 1.2, 90.0, 130.0]), gap=-1.0)
    assert bands.count.tolist() == [3, 1, 1]
    assert bands.start.tolist() == [0.0, 50.0, 90.0] and bands.end[0] == pytest.approx(3.0)


def test_bars_of_all_lanes_at_once_merge_as_each_lane_alone():
    rng = np.random.default_rng(5)
    bars = {}
    for lane in (0, 2, 3, 7):
        starts = np.sort(rng.uniform(-3000, 3000, 80))
        bars[lane] = (starts, starts + rng.uniform(0, 30, 80), np.arange(80) + 100 * lane)
    start, end, lane, keys = flat_bars(bars)
    together, band_lane = merge_lane_bars(start, end, lane, min_width=2.0, gap=-1.0)
    for n, (a, b, _) in bars.items():
        alone = merge_bars(a, b, min_width=2.0, gap=-1.0)
        mine = band_lane == n
        assert together.count[mine].tolist() == alone.count.tolist()
        assert np.allclose(together.start[mine], alone.start) and np.allclose(together.end[mine], alone.end)
        assert keys[together.first[mine]].tolist() == (alone.first + 100 * n).tolist()


def test_one_label_candidate_per_column_of_a_lane():
    px = np.array([1.0, 5.0, 95.0, 2.0, 300.0])
    lanes = np.array([0, 0, 0, 1, 0])
    assert label_candidates(px, lanes, 90.0).tolist() == [0, 2, 3, 4]


@pytest.mark.parametrize("n, text", [(7, "7"), (312, "312"), (4500, "4.5k"), (12345, "12k")])
def test_count_labels_are_short(n, text):
    assert count_label(n) == text


def test_markers_of_a_lane_never_sit_on_each_other() -> None:
    # events at the end of one bin and the start of the next were drawn as two markers a pixel apart
    rng = np.random.default_rng(5)
    x = np.sort(rng.uniform(0, 400, 300))
    for days in (1.0, 4.0, 16.0):
        m = cluster_points(x, np.arange(len(x)), days)
        centres = np.sort(np.r_[m.x, m.cluster_x])
        assert (np.diff(centres) >= days).all()
        assert m.events == len(x)
    edge = cluster_points(np.array([9.9, 9.95, 10.05, 10.1]), np.arange(4), 8.0)
    assert len(edge.x) == 0 and edge.cluster_count.tolist() == [4]  # one marker, not two on each other


def test_the_opening_view_leaves_out_a_few_far_events_only_when_they_squeeze_the_rest():
    from timeline_app.core.lod import main_body

    news = np.sort(np.r_[np.linspace(7000.0, 10_000.0, 120), -360_000.0])  # 120 events of 1990-2000, one of 1000
    assert main_body(news) == (1, 121)  # the 11th century is left out of the opening view
    two_far = np.sort(np.r_[news, 500_000.0])  # and one far in the future: both left out
    assert main_body(two_far) == (1, 121)
    history = np.linspace(-900_000.0, 10_000.0, 150)  # a history spread over its centuries: all of it
    assert main_body(history) == (0, 150)
    # the Punic Wars: 29 events of 264-146 BC, the founding of Carthage (9th century BC) and a legend of the
    # 19th century AD: both far ones are left out (at most one in ten may be)
    punic = np.sort(np.r_[np.linspace(-96_000.0, -53_000.0, 29), -310_000.0, 680_000.0])
    assert main_body(punic) == (1, 30)
    # 150 tweets of 2011-2016 and one that says 2035: the others would fill a sixth of the plot
    tweets = np.r_[np.linspace(4000.0, 6000.0, 80), 13_000.0]
    assert main_body(tweets) == (0, 80)
    # the sample article: March 2014, then 2016-2017; the rest would fill a third of the plot: all of it
    sample = np.r_[5188.5, np.linspace(6027.0, 6406.5, 15)]
    assert main_body(sample) == (0, 16)
    few = np.r_[-360_000.0, np.linspace(7000.0, 10_000.0, 8)]  # 9 events: not one in ten may be left out
    assert main_body(few) == (0, 9)
    three_far = np.r_[-360_000.0, -350_000.0, 500_000.0, np.linspace(7000.0, 10_000.0, 20)]  # 23: two may be
    assert main_body(np.sort(three_far)) == (0, 23)
    assert main_body(np.empty(0)) == (0, 0)


def test_the_overview_counts_an_event_in_every_bin_it_spans_and_a_short_one_once():
    from timeline_app.core.lod import density

    # ten bins of 36.5 days over a year: a day, a week across a bin's edge, a quarter, the whole year
    starts = np.array([3.0, 70.0, 100.0, 0.0])
    ends = np.array([4.0, 77.0, 191.0, 365.0])
    edges, counts = density(starts, ends, 0.0, 365.0, 10)
    assert len(edges) == 11 and edges[0] == 0.0 and edges[-1] == 365.0
    # the year is in every bin; the day in the first; the week once, in the bin of its middle (73.5, the
    # third bin); the quarter (100-191) in the bins whose middles it spans: 127.75 and 164.25
    assert counts.tolist() == [2, 1, 2, 2, 2, 1, 1, 1, 1, 1]
    # an event partly out of the range counts in the bins it reaches; one wholly out of it, nowhere
    _, counts = density(np.array([-100.0, 400.0]), np.array([20.0, 500.0]), 0.0, 365.0, 10)
    assert counts.tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_the_lanes_in_a_range_are_those_of_the_spans_that_meet_it():
    from timeline_app.core.lod import LaneIndex

    # a long war in lane 0, a busy century in lanes 0-40, one battle in lane 3 far from it
    index = LaneIndex.of([0.0, 5000.0, *[5000.0 + i for i in range(40)], 100.0],
                         [3000.0, 5050.0, *[5001.0 + i + 40 for i in range(40)], 101.0],
                         [0, 0, *range(1, 41), 3], range(43))
    assert index.lanes_in(50.0, 200.0) == (0, 3)  # the war's lane and the battle's, not the century's 40
    assert index.lanes_in(5020.0, 5045.0) == (0, 40)
    assert index.lanes_in(5060.0, 5070.0) == (20, 40)  # the war and the first of the century are over
    assert index.lanes_in(3500.0, 4000.0) is None  # nothing there
    assert index.lanes_in(2000.0, 2500.0) == (0, 0)  # inside the long war
    assert index.joined([3500.0], [3600.0], [7], [43]).lanes_in(3500.0, 4000.0) == (7, 7)
    # a filter that hides all but the battle and the century's last 10 events: their lanes only
    member = np.zeros(43, bool)
    member[[42, *range(32, 42)]] = True
    assert index.only(member).lanes_in(50.0, 200.0) == (3, 3)
    assert index.only(member).lanes_in(5020.0, 5045.0) == (31, 40)
