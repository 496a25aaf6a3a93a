"""Level of detail of the timeline plot: what to draw of many events at a given zoom.

Qt-free and vectorised (numpy).  Point events of a lane that would fall within
a few pixels of each other are drawn as one counted marker (a cluster) that
splits as the user zooms in; bars that touch at the current scale become one
band; labels are offered only where they can fit.  Clusters are bins of a
fixed grid of days whose width is a power of two, so that panning does not
reshuffle them and each zoom step by two moves one level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def bin_days(pixels_per_day: float, min_pixels: float) -> float:
    """Width in days of the cluster bins at a scale: the smallest power of two covering `min_pixels`.

    0 means no clustering is needed: events of one lane are at least a day apart,
    and a day is then already at least `min_pixels` wide.
    """
    if pixels_per_day <= 0 or not math.isfinite(pixels_per_day):
        return 0.0
    need = min_pixels / pixels_per_day
    if need <= 1.0:
        return 0.0
    return float(2.0 ** math.ceil(math.log2(need)))


@dataclass(frozen=True)
class PointMarkers:
    """Point events of one lane at one level: single events, and clusters of several."""

    x: np.ndarray  # centre of each single event
    keys: np.ndarray  # its entry key
    cluster_x: np.ndarray  # mean centre of each cluster's events
    cluster_first: np.ndarray  # centre of its earliest event
    cluster_last: np.ndarray  # centre of its latest event
    cluster_count: np.ndarray  # how many events it stands for
    cluster_first_key: np.ndarray  # entry key of its earliest event

    @property
    def events(self) -> int:
        return int(len(self.x) + self.cluster_count.sum())


def _group_starts(xs: np.ndarray, lanes: np.ndarray | None, days: float) -> np.ndarray:
    """Where each marker's events begin in `xs` (sorted, by lane if `lanes`): bins of `days` on a fixed grid
    (so markers stay still while panning), then neighbouring bins of a lane whose markers would sit less than
    `days` apart joined, so that two markers never cover each other (events at the end of one bin and the
    start of the next would otherwise be drawn one on the other)."""
    bins = np.floor(xs / days)
    new = bins[1:] != bins[:-1]
    if lanes is not None:
        new |= lanes[1:] != lanes[:-1]
    starts = np.flatnonzero(np.r_[True, new])
    if len(starts) < 2:
        return starts
    centres = np.add.reduceat(xs, starts) / np.diff(np.r_[starts, len(xs)])
    apart = np.diff(centres) >= days
    if lanes is not None:
        apart |= lanes[starts[1:]] != lanes[starts[:-1]]
    return starts[np.r_[True, apart]]


def cluster_points(x: np.ndarray, keys: np.ndarray, days: float, lo: float = -math.inf,
                   hi: float = math.inf) -> PointMarkers:
    """The markers of point events at centres `x` (sorted) between `lo` and `hi`, in bins of `days`.

    A bin holding one event shows it as it is; a bin holding several shows one
    cluster; neighbouring bins whose markers would sit under `days` apart are one.  `days` 0 shows every
    event singly.  (`cluster_lanes` of one lane.)
    """
    m = cluster_lanes(np.asarray(x, float), np.zeros(len(x)), np.asarray(keys), days, lo, hi)
    return PointMarkers(m.x, m.keys, m.cluster_x, m.cluster_first, m.cluster_last, m.cluster_count,
                        m.cluster_first_key)


@dataclass(frozen=True)
class LaneMarkers:
    """`PointMarkers` of every lane at once, with the lane of each single event and cluster."""

    x: np.ndarray
    lane: np.ndarray
    keys: np.ndarray
    cluster_x: np.ndarray
    cluster_lane: np.ndarray
    cluster_first: np.ndarray
    cluster_last: np.ndarray
    cluster_count: np.ndarray
    cluster_first_key: np.ndarray

    @property
    def events(self) -> int:
        return int(len(self.x) + self.cluster_count.sum())


def cluster_lanes(x: np.ndarray, lane: np.ndarray, keys: np.ndarray, days: float, lo: float = -math.inf,
                  hi: float = math.inf) -> LaneMarkers:
    """`cluster_points` of all lanes in one vectorised pass (no loop over lanes).

    `x`, `lane`, `keys` are the point events of every lane, ordered by lane and
    then by x (`flat_points`); the result holds, per lane, what
    `cluster_points(x of that lane, keys of that lane, days, lo, hi)` holds.
    """
    inside = (x >= lo) & (x <= hi)
    xs, ls, ks = x[inside], lane[inside], keys[inside]
    f, i = np.empty(0, float), np.empty(0, np.int64)
    if days <= 0 or len(xs) == 0:
        return LaneMarkers(xs, ls, ks, f, f, f, f, i, i)
    starts = _group_starts(xs, ls, days)
    counts = np.diff(np.r_[starts, len(xs)])
    single = counts == 1
    several = ~single
    sums = np.add.reduceat(xs, starts)
    ends = starts + counts - 1
    return LaneMarkers(
        x=xs[starts[single]], lane=ls[starts[single]], keys=ks[starts[single]],
        cluster_x=sums[several] / counts[several], cluster_lane=ls[starts[several]],
        cluster_first=xs[starts[several]], cluster_last=xs[ends[several]],
        cluster_count=counts[several].astype(np.int64), cluster_first_key=ks[starts[several]].astype(np.int64))


def flat_bars(bars: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-lane (sorted starts, ends, keys) as four flat arrays (start, end, lane, key), by lane then start."""
    lanes = sorted(bars)
    if not lanes:
        e = np.empty(0, float)
        return e, e, e, np.empty(0, np.int64)
    return (np.concatenate([bars[n][0] for n in lanes]).astype(float),
            np.concatenate([bars[n][1] for n in lanes]).astype(float),
            np.concatenate([np.full(len(bars[n][0]), float(n)) for n in lanes]),
            np.concatenate([bars[n][2] for n in lanes]).astype(np.int64))


def flat_points(points: dict[int, tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-lane (sorted x, keys) arrays as three flat arrays (x, lane, key), ordered by lane then x."""
    lanes = sorted(points)
    if not lanes:
        return np.empty(0, float), np.empty(0, float), np.empty(0, np.int64)
    x = np.concatenate([points[n][0] for n in lanes]).astype(float)
    lane = np.concatenate([np.full(len(points[n][0]), float(n)) for n in lanes])
    keys = np.concatenate([points[n][1] for n in lanes]).astype(np.int64)
    return x, lane, keys


@dataclass(frozen=True)
class FlatLayers:
    """The drawn layers (`core.placement.Layers`) as flat arrays ordered by lane, then x: the point
    events as (x, lane, key) (`flat_points`) and the bars as (start, end, lane, key) (`flat_bars`)."""

    points: tuple[np.ndarray, np.ndarray, np.ndarray]
    bars: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def split(self, member: np.ndarray) -> tuple[FlatLayers, FlatLayers]:
        """(the entries whose key `member[key]` is True, the others), in the same order: what a filter
        keeps and what it dims, in one boolean lookup per entry (no loop over lanes)."""
        inside_p, inside_b = member[self.points[-1]], member[self.bars[-1]]
        return (FlatLayers(tuple(c[inside_p] for c in self.points), tuple(c[inside_b] for c in self.bars)),
                FlatLayers(tuple(c[~inside_p] for c in self.points), tuple(c[~inside_b] for c in self.bars)))

    def per_lane(self) -> tuple[dict[int, tuple[np.ndarray, ...]], dict[int, tuple[np.ndarray, ...]]]:
        """Back to per-lane arrays, (x, key) of points and (start, end, key) of bars: views, not copies."""
        x, lane, keys = self.points
        start, end, bar_lane, bar_keys = self.bars
        return ({n: (x[a:b], keys[a:b]) for n, a, b in _lane_runs(lane)},
                {n: (start[a:b], end[a:b], bar_keys[a:b]) for n, a, b in _lane_runs(bar_lane)})


def flat_layers(layers: tuple[dict, dict]) -> FlatLayers:
    """`FlatLayers` of per-lane layers."""
    return FlatLayers(flat_points(layers[0]), flat_bars(layers[1]))


def _lane_runs(lane: np.ndarray) -> list[tuple[int, int, int]]:
    """(lane, first index, end index) of each run of one lane in a sorted lane array."""
    if not len(lane):
        return []
    cuts = np.r_[0, np.flatnonzero(lane[1:] != lane[:-1]) + 1, len(lane)]
    return [(int(lane[a]), int(a), int(b)) for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist())]


@dataclass(frozen=True)
class Bands:
    """Bars of one lane merged where they touch on screen: one rectangle per run."""

    start: np.ndarray  # pixel x where the run begins
    end: np.ndarray  # pixel x where it ends
    count: np.ndarray  # how many bars it holds
    first: np.ndarray  # index (into the input) of its first bar


def merge_bars(x0: np.ndarray, x1: np.ndarray, min_width: float = 2.0, gap: float = 1.0) -> Bands:
    """Runs of bars (pixel spans, sorted by start) that overlap or come within `gap` pixels.

    Each bar is at least `min_width` wide, as drawn.  A run of one bar is that bar.
    """
    if len(x0) == 0:
        e = np.empty(0, float)
        return Bands(e, e, np.empty(0, np.int64), np.empty(0, np.int64))
    x1 = np.maximum(x1, x0 + min_width)
    reach = np.maximum.accumulate(x1)
    new = np.r_[True, x0[1:] > reach[:-1] + gap]
    starts = np.flatnonzero(new)
    ends = np.r_[starts[1:], len(x0)] - 1
    return Bands(start=x0[starts], end=reach[ends], count=(ends - starts + 1).astype(np.int64), first=starts)


_LANE_APART = 1e7  # px: lanes laid end to end this far apart, so one pass merges the bars of all of them
_FAR = 1e6  # px: bar ends beyond this (far outside any view) are clipped to it


def merge_lane_bars(x0: np.ndarray, x1: np.ndarray, lane: np.ndarray, min_width: float = 2.0,
                    gap: float = 1.0) -> tuple[Bands, np.ndarray]:
    """`merge_bars` of all lanes in one pass: bars ordered by lane, then by start.  Returns the bands
    (`first` indexes the input) and the lane of each; bands never span two lanes."""
    if len(x0) == 0:
        return merge_bars(x0, x1), np.empty(0, float)
    offset = lane * _LANE_APART
    a = np.clip(x0, -_FAR, _FAR)
    b = np.clip(np.maximum(x1, x0 + min_width), -_FAR, _FAR)
    bands = merge_bars(a + offset, b + offset, min_width=0.0, gap=gap)
    band_lane = lane[bands.first]
    shift = band_lane * _LANE_APART
    return Bands(bands.start - shift, bands.end - shift, bands.count, bands.first), band_lane


def label_candidates(px: np.ndarray, lanes: np.ndarray, cell: float) -> np.ndarray:
    """Indices of the markers that may get a label: the first of each `cell`-pixel column of a lane.

    Labels are far wider than markers, so at most one per cell can show; the
    rest would be hidden anyway, and offering them costs time at every repaint.
    """
    if len(px) == 0:
        return np.empty(0, np.int64)
    column = np.floor(px / cell).astype(np.int64)
    order = np.lexsort((px, column, lanes))
    keep = np.r_[True, (lanes[order][1:] != lanes[order][:-1]) | (column[order][1:] != column[order][:-1])]
    return np.sort(order[keep])


def count_label(n: int) -> str:
    """A short count for a cluster marker: '7', '312', '4.5k', '12k'."""
    if n < 1000:
        return str(n)
    if n < 10_000:
        return f"{n / 1000:.1f}k"
    return f"{n // 1000}k"


def lane_arrays(lanes: Sequence[int], x: Sequence[float], keys: Sequence[int]
                ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per lane, the sorted x and the keys of its markers."""
    lane_a, x_a, key_a = np.asarray(lanes, np.int64), np.asarray(x, float), np.asarray(keys, np.int64)
    out = {}
    for lane in np.unique(lane_a):
        mask = lane_a == lane
        order = np.argsort(x_a[mask], kind="stable")
        out[int(lane)] = (x_a[mask][order], key_a[mask][order])
    return out


def zoom_centre(centres: np.ndarray, x0: float, x1: float, selected: float | None = None) -> float:
    """Where a toolbar zoom of the view [x0, x1] should centre: on the selected event if it is in view,
    else on the middle (median) of the events in view, else on the event nearest the view's middle;
    never on empty space.  `centres` are the sorted x of the events' middles."""
    if selected is not None and x0 <= selected <= x1:
        return float(selected)
    if len(centres) == 0:
        return (x0 + x1) / 2
    a, b = int(np.searchsorted(centres, x0, side="left")), int(np.searchsorted(centres, x1, side="right"))
    if b > a:
        return float(centres[(a + b - 1) // 2])
    middle = (x0 + x1) / 2
    i = int(np.clip(np.searchsorted(centres, middle), 1, len(centres) - 1)) if len(centres) > 1 else 0
    near = centres[max(i - 1, 0):i + 1]
    return float(near[np.argmin(np.abs(near - middle))])


#: The window opens on the main body of the events when leaving out a few far ones (at most OUTLIERS, and
#: one in OUTLIER_SHARE) makes the rest span under 1/SQUEEZE of all: an 11th-century temple among 100
#: articles of 1998 would otherwise squeeze them into the last pixels of a thousand years, the founding
#: of Carthage (9th century BC) and a 19th-century legend the 29 events of the Punic Wars (264-146 BC) into
#: a twentieth of the width, and one tweet's 2035 the other 150 tweets' 2011-2016 into a sixth of it. The
#: status bar says how many are out of view.
OUTLIERS, OUTLIER_SHARE, SQUEEZE = 5, 10, 4


def main_body(centres: np.ndarray) -> tuple[int, int]:
    """(first, end) indices into the sorted `centres` of the events to open on: all of them, unless leaving
    out the fewest far ones at either end (see OUTLIERS) makes the rest span under 1/SQUEEZE of the whole."""
    n = len(centres)
    whole = float(centres[-1] - centres[0]) if n else 0.0
    for out in range(1, min(OUTLIERS, n // OUTLIER_SHARE) + 1):
        span, a = min((float(centres[n - 1 - (out - a)] - centres[a]), a) for a in range(out + 1))
        if span * SQUEEZE < whole:
            return a, n - (out - a)
    return 0, n


def density(starts: np.ndarray, ends: np.ndarray, x0: float, x1: float, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """(edges, counts) of the overview strip's shape over [x0, x1]: how many events are going on in each bin.

    An event counts in every bin whose middle its [start, end) spans (a war of six years in each bin of those
    years, not once at its middle), and an event shorter than that in the bin of its own middle, so every
    event in the range counts at least once and a one-day event once."""
    if not x1 > x0:
        x1 = x0 + 1.0
    bins = max(bins, 1)
    edges = np.linspace(x0, x1, bins + 1)
    starts, ends = np.asarray(starts, float), np.asarray(ends, float)
    keep = (ends > x0) & (starts < x1)
    starts, ends = starts[keep], ends[keep]
    width = (x1 - x0) / bins
    first = np.ceil((starts - x0) / width - 0.5)  # the first bin whose middle is at or after the start
    last = np.ceil((ends - x0) / width - 0.5) - 1  # the last whose middle is before the end
    short = last < first
    middle = np.floor(((starts + ends) / 2 - x0) / width)
    first, last = np.where(short, middle, first), np.where(short, middle, last)
    first = np.clip(first, 0, bins - 1).astype(np.int64)
    last = np.clip(last, 0, bins - 1).astype(np.int64)
    steps = np.zeros(bins + 1, np.int64)  # +1 where an event's bins begin, -1 after they end
    np.add.at(steps, first, 1)
    np.add.at(steps, last + 1, -1)
    return edges, np.cumsum(steps[:-1])


@dataclass(frozen=True)
class LaneIndex:
    """The lanes that hold something in a range of days: what the plot's height is fitted to, so that a view
    of one war among many histories shows that war's lanes, not the hundred lanes of the busiest century.

    Spans sorted by start: each event's [start, end) in its lane (and the other dates its sources give it,
    drawn in its lane), with the event's key."""

    starts: np.ndarray
    ends: np.ndarray
    lanes: np.ndarray
    keys: np.ndarray

    @classmethod
    def of(cls, starts: Sequence[float] | np.ndarray, ends: Sequence[float] | np.ndarray,
           lanes: Sequence[int] | np.ndarray, keys: Sequence[int] | np.ndarray) -> LaneIndex:
        starts, ends = np.asarray(starts, float), np.asarray(ends, float)
        order = np.argsort(starts, kind="stable")
        return cls(starts[order], ends[order], np.asarray(lanes, np.int64)[order], np.asarray(keys, np.int64)[order])

    def joined(self, starts: Sequence[float], ends: Sequence[float], lanes: Sequence[int],
               keys: Sequence[int]) -> LaneIndex:
        """This index with more spans."""
        if not len(starts):
            return self
        return LaneIndex.of(np.r_[self.starts, np.asarray(starts, float)], np.r_[self.ends, np.asarray(ends, float)],
                            np.r_[self.lanes, np.asarray(lanes, np.int64)], np.r_[self.keys, np.asarray(keys, np.int64)])

    def only(self, member: np.ndarray) -> LaneIndex:
        """The spans of the events whose key is True in `member` (a boolean array by key): those a filter
        shows when it hides the rest."""
        inside = self.keys < len(member)
        inside[inside] = member[self.keys[inside]]
        return LaneIndex(self.starts[inside], self.ends[inside], self.lanes[inside], self.keys[inside])

    def lanes_in(self, x0: float, x1: float) -> tuple[int, int] | None:
        """(first, last) lane holding a span that meets [x0, x1]; None when nothing does."""
        n = int(np.searchsorted(self.starts, x1, side="right"))  # spans starting at or before x1
        if n == 0:
            return None
        meets = self.ends[:n] >= x0
        if not meets.any():
            return None
        lanes = self.lanes[:n][meets]
        return int(lanes.min()), int(lanes.max())
