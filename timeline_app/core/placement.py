"""Where the timeline's labels go, with a guarantee: each sits by its own marker and hides nothing.

Qt-free pixel geometry.  The view hands over what it draws (`Marker`: the rect
of each point, bar, counted cluster or band, in the plot's pixels), a way to
measure text and the titles; `place_labels` returns the labels to draw.  Every
label it returns

- starts at its own marker: its left edge within `ANCHOR_SLACK` px of the
  marker's left edge, or inside the marker's bar (a bar running in from the left
  edge of the view is labelled where it enters);
- sits right above or right below that marker, or, for a bar with no room above and below (long bars
  stacked in lanes), inside the bar: a lane tall enough for a line of text then draws that bar as
  tall as its label (`PlacedLabel.inside`);
- lies wholly inside the view;
- overlaps no other label and no marker of another event.

What cannot be labelled that way is gathered into groups of markers close
together on screen, and a group gets one caption ('4 events, 1–7 May 2017:
Trump and Putin spoke by phone, …') under the same rules, anchored at one of
its own markers; clicking it (or zooming in) takes the group apart.
`check_placement` states the guarantee as code, for tests and exports.

`markers_in_view` computes the markers the view draws at a zoom (points,
counted clusters from `core.lod.cluster_points`, bars and bands from
`core.lod.merge_bars`), so tests can check the guarantee without Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from timeline_app.core.lod import LaneIndex, cluster_lanes, flat_bars, flat_points, merge_lane_bars

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px; y grows downwards

ANCHOR_SLACK = 3.0  # px a label may start left of its marker
GAP = 2.0  # px between a marker and its label, and between labels
LABEL_GAP = 8.0  # px between labels side by side: two titles 2 px apart read as one ("…made peace The Second…")
GROUP_JOIN = 16.0  # px: unlabelled markers closer than this (in x) form one group
GROUP_WIDTH = 240.0  # px: a group is cut where it would grow wider, so captions say where events are
BIG_GROUP = 20  # events: a group this big takes its caption's place from one or two titles of other events
MARGIN = 2.0  # px kept free at the edges of the view
TITLE_CHARS = (42, 24)  # a title is offered whole up to 42 characters, then shortened to 24
CELL = 64.0  # px: size of the cells of the spatial index
INSIDE_PAD = 4.0  # px between a bar's ends and a label drawn inside it
INSIDE_CHARS = 16  # inside a bar, a title may be shortened further: the bar says where the event is


@dataclass(frozen=True)
class Marker:
    """One drawn thing: a point, a bar, a counted cluster or a band of bars, as a pixel rect."""

    x0: float
    y0: float
    x1: float
    y1: float
    key: int  # the entry key (the first, in date order, of a cluster or band)
    count: int = 1  # events it stands for
    first_day: float = 0.0  # x (days) of its earliest event's start
    last_day: float = 0.0  # x (days) just after its latest event's end
    is_bar: bool = False  # a bar or band: a label may start anywhere inside it
    labelled: bool = True  # False: drawn (an obstacle) but never labelled, e.g. outside the filter


@dataclass(frozen=True)
class PlacedLabel:
    """A label to draw: its text, its box and the markers it belongs to."""

    text: str
    box: Box
    markers: tuple[int, ...]  # indices into the markers given; more than one for a group caption
    anchor: int  # the marker (index) its left edge is anchored to
    keys: tuple[int, ...]  # entry keys it names: one event, or the first of a cluster or group
    count: int  # events it stands for
    first_day: float
    last_day: float
    kind: str  # "event" (one event's title), "cluster" (a counted marker's caption) or "group"
    inside: bool = False  # drawn inside its bar (the bar then as tall as the label), not above or below it


@dataclass(frozen=True)
class Caption:
    """A fixed text tied to an x position, e.g. 'published 10 May 2017' by its dashed line."""

    x: float  # px of its line
    text: str
    shorter: tuple[str, ...] = ()  # shorter forms to try where the text has no room ('9 August 1998')


@dataclass
class Placement:
    labels: list[PlacedLabel] = field(default_factory=list)
    captions: list[tuple[str, Box]] = field(default_factory=list)
    unlabelled: list[int] = field(default_factory=list)  # markers neither labelled nor in a captioned group

    def label_at(self, x: float, y: float) -> PlacedLabel | None:
        for label in self.labels:
            x0, y0, x1, y1 = label.box
            if x0 <= x <= x1 and y0 <= y <= y1:
                return label
        return None


def _overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


class _Index:
    """A uniform grid of boxes for overlap queries: each box remembers its owner."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[Box, int]]] = {}

    @staticmethod
    def _span(box: Box) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
            for j in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
                yield i, j

    def add(self, box: Box, owner: int) -> None:
        for cell in self._span(box):
            self.cells.setdefault(cell, []).append((box, owner))

    def hits(self, box: Box, allowed: Callable[[int], bool] = lambda owner: False, gap: float = 0.0,
             gap_x: float | None = None) -> bool:
        """Whether `box` (grown by `gap`, and sideways by `gap_x` if given) overlaps a box whose owner is not
        `allowed`."""
        side = gap if gap_x is None else gap_x
        grown = (box[0] - side, box[1] - gap, box[2] + side, box[3] + gap)
        for cell in self._span(grown):
            for other, owner in self.cells.get(cell, ()):
                if _overlap(grown, other) and not allowed(owner):
                    return True
        return False


class _Occupancy:
    """Which pixels of the view any marker covers, as a summed-area table: 'is this box free?' in O(1).

    Kept in cells of `step` px, rects rounded outwards: a box found free is free
    at any sub-pixel position of the markers.
    """

    def __init__(self, markers: Sequence[Marker] | np.ndarray, view: Box, step: float = 2.0) -> None:
        """`markers`: the markers, or their rects as an (n, 4) array."""
        self.left, self.top, self.step = view[0] - 4.0, view[1] - 4.0, step
        w = math.ceil((view[2] - self.left + 4.0) / step) + 1
        h = math.ceil((view[3] - self.top + 4.0) / step) + 1
        self.w, self.h = w, h
        diff = np.zeros((h + 1, w + 1), np.int32)
        if len(markers):
            r = markers if isinstance(markers, np.ndarray) else \
                np.array([(m.x0, m.y0, m.x1, m.y1) for m in markers], float)
            x0, y0, x1, y1 = self._cells(r[:, 0], r[:, 1], r[:, 2], r[:, 3])
            ok = (x1 > x0) & (y1 > y0)
            x0, x1, y0, y1 = x0[ok], x1[ok], y0[ok], y1[ok]
            np.add.at(diff, (y0, x0), 1)
            np.add.at(diff, (y0, x1), -1)
            np.add.at(diff, (y1, x0), -1)
            np.add.at(diff, (y1, x1), 1)
        coverage = diff.cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)[:h, :w]  # markers over each cell
        self.table = np.zeros((h + 1, w + 1), np.int32)
        self.table[1:, 1:] = (coverage > 0).cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)
        self.counts = np.zeros((h + 1, w + 1), np.int64)  # the same of the counts: who else covers a box
        self.counts[1:, 1:] = coverage.cumsum(0, dtype=np.int64).cumsum(1, dtype=np.int64)

    def _cells(self, x0, y0, x1, y1):  # noqa: ANN001, ANN202 (scalars or arrays)
        s = self.step
        return (np.clip(np.floor((x0 - self.left) / s), 0, self.w).astype(np.int64),
                np.clip(np.floor((y0 - self.top) / s), 0, self.h).astype(np.int64),
                np.clip(np.ceil((x1 - self.left) / s), 0, self.w).astype(np.int64),
                np.clip(np.ceil((y1 - self.top) / s), 0, self.h).astype(np.int64))

    def free_many(self, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
        """`free` of many boxes at once."""
        a, b, c, d = self._cells(x0, y0, x1, y1)
        t = self.table
        return (t[d, c] - t[b, c] - t[d, a] + t[b, a] == 0) | (c <= a) | (d <= b)

    def free_but(self, box: Box, own: Box) -> bool:
        """Whether no marker but the one of rect `own` covers any of `box` (at the table's cells)."""
        a, b, c, d = (int(v) for v in self._cells(*box))
        e, f, g, k = (int(v) for v in self._cells(*own))
        if c <= a or d <= b:
            return True
        t = self.counts
        total = int(t[d, c] - t[b, c] - t[d, a] + t[b, a])
        mine = max(min(c, g) - max(a, e), 0) * max(min(d, k) - max(b, f), 0)  # its cells inside the box
        return total - mine == 0

    def free(self, box: Box) -> bool:
        s = self.step
        x0 = min(max(math.floor((box[0] - self.left) / s), 0), self.w)
        y0 = min(max(math.floor((box[1] - self.top) / s), 0), self.h)
        x1 = min(max(math.ceil((box[2] - self.left) / s), 0), self.w)
        y1 = min(max(math.ceil((box[3] - self.top) / s), 0), self.h)
        if x1 <= x0 or y1 <= y0:
            return True
        t = self.table
        return int(t[y1, x1] - t[y0, x1] - t[y1, x0] + t[y0, x0]) == 0


def elide(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


def _inside(box: Box, view: Box) -> bool:
    return (box[0] >= view[0] + MARGIN - 1e-6 and box[2] <= view[2] - MARGIN + 1e-6
            and box[1] >= view[1] - 1e-6 and box[3] <= view[3] + 1e-6)


def _anchor_x(m: Marker, view: Box) -> float | None:
    """Where a label of `m` starts: its left edge; for a bar entering from the left, where it enters."""
    left = view[0] + MARGIN
    if m.x0 >= left:
        return m.x0
    if m.is_bar and m.x1 - left >= 6.0:
        return left
    if m.x0 >= left - ANCHOR_SLACK:
        return left
    return None


def place_labels(markers: Sequence[Marker], title: Callable[[int], str], span_text: Callable[[float, float], str],
                 measure: Callable[[str], float], line_height: float, view: Box,
                 pinned: Sequence[int] = (), captions: Sequence[Caption] = (),
                 groups: bool = True) -> Placement:
    """Labels for `markers` that keep the module's guarantee.

    `title(key)` is an event's title, `span_text(first_day, last_day)` a readable
    span of days, `measure(text)` a text's width in px.  Markers listed in
    `pinned` (the selected event) are labelled first; then captions of the
    publication dates, then markers left to right.
    """
    # the markers as arrays, read once: 100,000 events can make tens of thousands of markers
    columns = np.array([(m.x0, m.y0, m.x1, m.y1, m.count, m.first_day, m.last_day, m.key, m.labelled, m.is_bar)
                        for m in markers], float).reshape(-1, 10)
    rects = columns[:, :4]
    counts, first_days, last_days = columns[:, 4].astype(np.int64), columns[:, 5], columns[:, 6]
    keys, may_label, is_bar = columns[:, 7].astype(np.int64), columns[:, 8].astype(bool), columns[:, 9].astype(bool)
    # a label's box lies beside its own markers, never on them: so it must cover no marker pixel at all
    obstacles = _Occupancy(rects, view)
    placed = _Index()
    result = Placement()
    h = line_height

    def free(box: Box) -> bool:
        return _inside(box, view) and obstacles.free(box) and not placed.hits(box, gap=GAP, gap_x=LABEL_GAP)

    def try_label(index: int, texts: Sequence[str], kind: str, members: tuple[int, ...],
                  count: int, first_day: float, last_day: float, keys: tuple[int, ...],
                  top: float | None = None) -> bool:
        m = markers[index]
        ax = _anchor_x(m, view)
        if ax is None:
            return False
        if kind == "group":  # above the whole group: its caption covers none of its own markers
            places = [(top if top is not None else min(markers[k].y0 for k in members), None)]
        else:
            places = [(m.y0, None), (None, m.y1)]
        for text in texts:
            width = measure(text)
            for top, bottom in places:
                box = (ax, top - GAP - h, ax + width, top - GAP) if top is not None else \
                    (ax, bottom + GAP, ax + width, bottom + GAP + h)
                if free(box):
                    placed.add(box, -1)
                    result.labels.append(PlacedLabel(text, box, members, index, keys, count, first_day,
                                                     last_day, kind))
                    return True
        if m.is_bar and kind != "group":  # no room above or below: inside the bar, where it is long enough
            middle = (m.y0 + m.y1) / 2
            end = min(m.x1, view[2] - MARGIN) - INSIDE_PAD
            shortest = texts[-1]
            shorter = [elide(title(m.key), INSIDE_CHARS)] if kind == "event" and len(shortest) > INSIDE_CHARS else []
            for text in [*texts, *shorter]:
                box = (ax + INSIDE_PAD, middle - h / 2, ax + INSIDE_PAD + measure(text), middle + h / 2)
                if box[2] <= end and _inside(box, view) and not placed.hits(box, gap=GAP, gap_x=LABEL_GAP) and \
                        obstacles.free_but((box[0] - GAP, box[1] - GAP, box[2] + GAP, box[3] + GAP),
                                           (m.x0, m.y0, m.x1, m.y1)):
                    placed.add(box, -1)
                    result.labels.append(PlacedLabel(text, box, members, index, keys, count, first_day,
                                                     last_day, kind, inside=True))
                    return True
        return False

    def texts_of(m: Marker) -> list[str]:
        if m.count == 1:
            full = title(m.key)
            return list(dict.fromkeys(elide(full, n) for n in TITLE_CHARS))
        return _group_texts(m.count, span_text(m.first_day, m.last_day), title(m.key))

    labelled: set[int] = set()
    order = [i for i in dict.fromkeys(pinned) if 0 <= i < len(markers) and markers[i].labelled]
    for i in order:
        if try_label(i, texts_of(markers[i]), "event" if markers[i].count == 1 else "cluster", (i,),
                     markers[i].count, markers[i].first_day, markers[i].last_day, (markers[i].key,)):
            labelled.add(i)

    def caption_boxes(level: int) -> list[tuple[str, Box]]:
        """Each caption right of its line, else left of it; top row, else the row below (where no other
        publication line runs through it, if it can); in its `level`-th form (0: the text itself, then
        shorter ones)."""
        out: list[tuple[str, Box]] = []
        lines = [c.x for c in captions]
        for caption in captions:
            forms = (caption.text, *caption.shorter)
            text = forms[min(level, len(forms) - 1)]
            width = measure(text)
            options = [(caption.x + 4, y0, caption.x + 4 + width, y0 + h) if right else
                       (caption.x - 4 - width, y0, caption.x - 4, y0 + h)
                       for y0 in (view[1] + 1, view[1] + 1 + h + GAP) for right in (True, False)]
            fitting = [b for b in options if free(b) and not any(_overlap(b, t, GAP) for _, t in out)]
            # rather where no other publication line runs through the text; else anywhere it fits
            clear = [b for b in fitting if not any(b[0] - 1 <= x <= b[2] + 1 for x in lines if x != caption.x)]
            if clear or fitting:  # (a form short enough to stand clear would lose the year: not worth it)
                out.append((text, (clear or fitting)[0]))
        return out

    best: list[tuple[str, Box]] = []
    for level in range(1 + max((len(c.shorter) for c in captions), default=0)):  # shorter until all fit
        got = caption_boxes(level)
        if len(got) > len(best):
            best = got
        if len(best) == len(captions):
            break
    for text, box in best:
        placed.add(box, -1)
        result.captions.append((text, box))

    # a first sieve, for all markers at once: one whose strips just above and below (as wide as a short
    # label) hold another marker can take no label; dense views skip most of the loop below
    short = min(measure("Abcdefgh…"), 60.0)
    hopeful = (obstacles.free_many(rects[:, 0], rects[:, 1] - GAP - h, rects[:, 0] + short, rects[:, 1] - GAP)
               | obstacles.free_many(rects[:, 0], rects[:, 3] + GAP, rects[:, 0] + short, rects[:, 3] + GAP + h)
               | (rects[:, 0] < view[0] + MARGIN)
               | (is_bar & (np.minimum(rects[:, 2], view[2]) - np.maximum(rects[:, 0], view[0]) >= short + 2 * INSIDE_PAD)))
    hopeful &= may_label
    hopeful[list(labelled)] = False
    candidates = np.flatnonzero(hopeful)
    rest = candidates[np.lexsort((rects[candidates, 1], rects[candidates, 0]))].tolist()  # by x0, then y0
    for i in rest:
        m = markers[i]
        if try_label(i, texts_of(m), "event" if m.count == 1 else "cluster", (i,), m.count, m.first_day,
                     m.last_day, (m.key,)):
            labelled.add(i)

    unlabelled = may_label.copy()
    unlabelled[list(labelled)] = False
    left = np.flatnonzero(unlabelled)
    left = left[np.argsort(rects[left, 0], kind="stable")].tolist()  # by x0
    pending: list[int] = []
    rows = np.round(rects[:, 1] + rects[:, 3]) if len(markers) else np.empty(0)

    def caption_group(group: list[int]) -> bool:
        g = np.asarray(group, np.int64)
        first = int(g[np.lexsort((keys[g], first_days[g]))[0]])
        first_day, last_day = float(first_days[g].min()), float(last_days[g].max())
        count = int(counts[g].sum())
        texts = _group_texts(count, span_text(first_day, last_day), title(markers[first].key))
        # anchored at its top marker (the leftmost of the top row): a caption above it covers none of the group
        members = tuple(g[np.lexsort((rects[g, 0], rows[g]))].tolist())
        return try_label(members[0], texts, "group", members, count, first_day, last_day, (markers[first].key,),
                         top=float(rects[g, 1].min()))

    def rebuild_index() -> None:
        placed.cells = {}
        for label in result.labels:
            placed.add(label.box, -1)
        for _, box in result.captions:
            placed.add(box, -1)

    def _caption_place(group: list[int]) -> Box | None:
        """Where the group's caption would go in its shortest form (None: it has no anchor in view)."""
        g = np.asarray(group, np.int64)
        top_marker = int(g[np.lexsort((rects[g, 0], rows[g]))[0]])
        ax = _anchor_x(markers[top_marker], view)
        if ax is None:
            return None
        top = float(rects[g, 1].min())
        return (ax, top - GAP - h, ax + measure(f"{int(counts[g].sum())} events"), top - GAP)

    for group in _groups(rects, left) if groups else [[i] for i in left]:
        if len(group) < 2 and markers[group[0]].count < 2:
            pending.extend(group)
            continue
        if caption_group(group):
            continue
        # a dense group whose caption is crowded out by a few labels of its own neighbours takes them in: the
        # labels in the caption's place (a group of long bars spans the view; labels elsewhere stay)
        lo = float(rects[group, 0].min()) - GROUP_JOIN
        hi = float(rects[group, 2].max()) + GROUP_JOIN
        wanted = _caption_place(group)
        near = [label for label in result.labels if label.kind != "group" and not set(label.markers) & set(pinned)
                and all(lo <= markers[k].x0 <= hi for k in label.markers)
                and (wanted is None or _overlap(label.box, wanted, GAP))]
        if near and len(near) < len(group):
            result.labels[:] = [label for label in result.labels if label not in near]
            rebuild_index()
            bigger = sorted(group + [k for label in near for k in label.markers])
            if caption_group(bigger):
                continue
            for label in near:  # no better: put them back
                placed.add(label.box, -1)
                result.labels.append(label)
        # one or two titles of events elsewhere stand where the caption would go (a title running in from the
        # left over a dense block): they move aside if they can (below their marker, or shorter); a group of
        # BIG_GROUP events or more is worth more than they are, and they are left unlabelled if they cannot
        blockers = [] if wanted is None else [
            label for label in result.labels if label.kind == "event" and not set(label.markers) & set(pinned)
            and _overlap(label.box, wanted, GAP)]
        if 0 < len(blockers) <= 2:
            before = list(result.labels)
            result.labels[:] = [label for label in before if label not in blockers]
            rebuild_index()
            if caption_group(group):
                moved = [try_label(b.anchor, texts_of(markers[b.anchor]), "event", b.markers, b.count, b.first_day,
                                   b.last_day, b.keys) for b in blockers]
                if all(moved) or int(counts[group].sum()) >= BIG_GROUP:
                    pending.extend(b.anchor for b, ok in zip(blockers, moved) if not ok)
                    continue
            result.labels[:] = before
            rebuild_index()
        pending.extend(group)
    result.unlabelled = sorted(pending)
    return result


def _group_texts(count: int, span: str, first_title: str) -> list[str]:
    return [f"{count} events, {span}: {elide(first_title, 32)}, …", f"{count} events, {span}", f"{count} events"]


def _groups(rects: np.ndarray, indices: Sequence[int]) -> list[list[int]]:
    """Markers (their rects; `indices` sorted by x0) whose x extents come within GROUP_JOIN px of each
    other, chained, and cut every GROUP_WIDTH px of a chain."""
    if not len(indices):
        return []
    idx = np.asarray(indices, np.int64)
    x0, x1 = rects[idx, 0], rects[idx, 2]
    reach = np.maximum.accumulate(x1)
    chain = np.cumsum(np.r_[True, x0[1:] > reach[:-1] + GROUP_JOIN])
    starts = np.flatnonzero(np.r_[True, chain[1:] != chain[:-1]])
    chain_x0 = np.repeat(x0[starts], np.diff(np.r_[starts, len(x0)]))
    part = np.floor((x0 - chain_x0) / GROUP_WIDTH).astype(np.int64)
    cut = np.flatnonzero(np.r_[True, (chain[1:] != chain[:-1]) | (part[1:] != part[:-1])])
    return [chunk.tolist() for chunk in np.split(idx, cut[1:])]


def check_placement(markers: Sequence[Marker], placement: Placement, view: Box) -> list[str]:
    """Every way `placement` breaks the guarantee, as readable lines; [] when it holds."""
    problems = []
    boxes = [(label.text, label.box) for label in placement.labels] + list(placement.captions)
    for text, box in boxes:
        if not _inside(box, view):
            problems.append(f"{text!r} at {box} leaves the view {view}")
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1][0])
    for n, i in enumerate(order):
        for j in order[n + 1:]:
            if boxes[j][1][0] >= boxes[i][1][2]:
                break
            if _overlap(boxes[i][1], boxes[j][1]):
                problems.append(f"{boxes[i][0]!r} overlaps {boxes[j][0]!r}")
    rows = sorted((label.box, label.text) for label in placement.labels)  # side by side: a word space apart at least
    for n, (a, text) in enumerate(rows):
        for b, other in rows[n + 1:]:
            if b[0] >= a[2] + LABEL_GAP - 1e-6:
                break
            if a[1] < b[3] and b[1] < a[3] and not _overlap(a, b):
                problems.append(f"{text!r} stands {b[0] - a[2]:.1f} px from {other!r}, closer than {LABEL_GAP:g}")
    index = _Index()
    for i, m in enumerate(markers):
        index.add((m.x0, m.y0, m.x1, m.y1), i)
    for label in placement.labels:
        own = set(label.markers)
        if index.hits(label.box, allowed=own.__contains__):
            problems.append(f"{label.text!r} covers another event's marker")
        m = markers[label.anchor]
        x = label.box[0]
        near_start = m.x0 - ANCHOR_SLACK <= x <= m.x0 + ANCHOR_SLACK
        entering = x <= view[0] + MARGIN + 1e-6 and m.x0 < x
        in_bar = m.is_bar and m.x0 <= x <= m.x1
        if not (near_start or entering or in_bar):
            problems.append(f"{label.text!r} starts at {x:.1f}, away from its marker at {m.x0:.1f}–{m.x1:.1f}")
        top = min(markers[k].y0 for k in label.markers)
        bottom = max(markers[k].y1 for k in label.markers)
        touching = (abs(label.box[3] - (top if label.kind == "group" else m.y0)) <= GAP + 0.5
                    or abs(label.box[1] - (bottom if label.kind == "group" else m.y1)) <= GAP + 0.5)
        within = (label.inside and m.is_bar and m.x0 <= label.box[0] and label.box[2] <= m.x1
                  and abs((label.box[1] + label.box[3]) / 2 - (m.y0 + m.y1) / 2) <= 0.5)
        if not (touching or within):
            problems.append(f"{label.text!r} is not right above or below its marker, nor inside its bar")
    for text, box in placement.captions:
        if index.hits(box):
            problems.append(f"caption {text!r} covers a marker")
    return problems


# --- the markers the view draws -------------------------------------------------------

@dataclass(frozen=True)
class ViewGeometry:
    """The mapping of (day, lane) to the plot's pixels, and the plot's size."""

    x0: float  # first visible day (x)
    x1: float  # last visible day (x)
    width: float  # px
    height: float  # px
    lane_y0: float  # px of the centre of lane 0
    lane_step: float  # px from one lane to the next

    @classmethod
    def for_lanes(cls, x0: float, x1: float, width: float, height: float, lanes: int,
                  reserve: float) -> ViewGeometry:
        """Lanes filling the plot below `reserve` px kept free at the top (captions, group captions)."""
        step = max(height - reserve, 1.0) / max(lanes, 1)
        return cls(x0, x1, width, height, lane_y0=reserve + step / 2, lane_step=step)

    @property
    def per_day(self) -> float:
        return self.width / max(self.x1 - self.x0, 1e-9)

    def px(self, x: np.ndarray | float) -> np.ndarray | float:
        return (x - self.x0) * self.per_day

    def py(self, lane: np.ndarray | float) -> np.ndarray | float:
        return self.lane_y0 + lane * self.lane_step

    @property
    def box(self) -> Box:
        return (0.0, 0.0, self.width, self.height)


def point_size(lane_step: float, largest: float = 11.0) -> float:
    """Diameter of a point marker: `largest`, or less so that markers of adjacent lanes stay apart."""
    return float(min(largest, max(bar_height(lane_step) + 2.0, 5.0)))


def bar_height(lane_step: float, largest: float = 9.0) -> float:
    return float(min(largest, max(abs(lane_step) - 1.5, 2.0)))


def cluster_diameter(count: np.ndarray, lane_step: float, base: float = 11.0) -> np.ndarray:
    """Counted cluster markers: larger for more events, never taller than a lane."""
    cap = max(min(abs(lane_step) - 1.0, 24.0), 7.0)
    return np.minimum(base + 4.0 * np.log10(np.maximum(count, 1)), cap)


def markers_in_view(points: Mapping[int, tuple[np.ndarray, np.ndarray]],
                    bars: Mapping[int, tuple[np.ndarray, np.ndarray, np.ndarray]],
                    geometry: ViewGeometry, level: float, window: tuple[float, float] | None = None
                    ) -> list[Marker]:
    """What the view draws: per lane, single points, counted clusters, bars and bands, as pixel markers.

    `points[lane]` are sorted centres and keys of one-day events, `bars[lane]`
    sorted starts, ends and keys of longer ones; `level` is the cluster bin
    width in days (`core.lod.bin_days`) and `window` the x range the clusters
    were worked out for (clusters at the edge depend on it).
    """
    g = geometry
    lo, hi = window if window is not None else (g.x0, g.x1)
    size = point_size(g.lane_step)
    height = bar_height(g.lane_step)
    found = cluster_lanes(*flat_points(points), level, lo, hi)  # every lane at once
    px, py = g.px(found.x), g.py(found.lane)
    inside = (px + size / 2 >= 0) & (px - size / 2 <= g.width)
    r = size / 2
    out = [Marker(x - r, y - r, x + r, y + r, k, 1, day - 0.5, day + 0.5)
           for x, y, k, day in zip(px[inside].tolist(), py[inside].tolist(), found.keys[inside].tolist(),
                                   found.x[inside].tolist())]
    if len(found.cluster_x):
        d = cluster_diameter(found.cluster_count, g.lane_step)
        cx, cy = g.px(found.cluster_x), g.py(found.cluster_lane)
        inside = (cx + d / 2 >= 0) & (cx - d / 2 <= g.width)
        out += [Marker(x - r, y - r, x + r, y + r, k, n, a - 0.5, b + 0.5)
                for x, y, r, n, k, a, b in zip(cx[inside].tolist(), cy[inside].tolist(), (d[inside] / 2).tolist(),
                                               found.cluster_count[inside].tolist(),
                                               found.cluster_first_key[inside].tolist(),
                                               found.cluster_first[inside].tolist(), found.cluster_last[inside].tolist())]
    starts, ends, lanes, keys = flat_bars(bars)
    seen = np.flatnonzero((ends > g.x0) & (starts < g.x1))  # (per lane, sorted by start is sorted by end)
    if len(seen):
        starts, ends, lanes, keys = starts[seen], ends[seen], lanes[seen], keys[seen]
        bands, band_lane = merge_lane_bars(g.px(starts), g.px(ends), lanes, min_width=2.0, gap=-1.0)
        last_day = np.maximum.reduceat(ends, bands.first)
        y = g.py(band_lane)
        out += [Marker(x0, y - height / 2, x1, y + height / 2, k, n, a, b, True)
                for x0, x1, y, n, k, a, b in zip(np.maximum(bands.start, -10.0).tolist(),
                                                 np.minimum(bands.end, g.width + 10).tolist(), y.tolist(),
                                                 bands.count.tolist(), keys[bands.first].tolist(),
                                                 starts[bands.first].tolist(), last_day.tolist())]
    return out


Layers = tuple[dict[int, tuple[np.ndarray, np.ndarray]], dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]]


def timeline_layers(entries: Iterable[object]) -> Layers:
    """Per lane, (centres, keys) of the point entries and (starts, ends, keys) of the bars, sorted.

    `entries` are `core.timeline.TimelineEntry` objects (vague ones are skipped).
    """
    point_rows: dict[int, list[tuple[float, int]]] = {}
    bar_rows: dict[int, list[tuple[float, float, int]]] = {}
    for e in entries:
        if e.is_vague:
            continue
        if e.is_point:
            point_rows.setdefault(e.lane, []).append((e.center, e.key))
        else:
            bar_rows.setdefault(e.lane, []).append((e.start, e.end, e.key))
    points = {}
    for lane, rows in point_rows.items():
        rows.sort()
        points[lane] = (np.array([r[0] for r in rows], float), np.array([r[1] for r in rows], np.int64))
    bars = {}
    for lane, rows in bar_rows.items():
        rows.sort()  # lanes never overlap, so sorted by start is sorted by end too
        bars[lane] = (np.array([r[0] for r in rows], float), np.array([r[1] for r in rows], float),
                      np.array([r[2] for r in rows], np.int64))
    return points, bars


@dataclass(frozen=True)
class TimelineArrays:
    """What the view draws from, as arrays, worked out once per timeline (off the GUI thread for big ones)."""

    layers: Layers  # every dated entry, per lane (`timeline_layers`)
    centres: np.ndarray  # sorted middles of the dated entries
    doc_of: np.ndarray  # document index of each entry, by key
    dated: int  # how many entries are dated (they come first; the vague ones follow)
    extent: tuple[float, float] | None  # first start and last end of the dated entries
    spans: LaneIndex  # each dated entry's [start, end) and lane, by start: the lanes in a range, the density


def timeline_arrays(entries: Sequence[object]) -> TimelineArrays:
    """`TimelineArrays` of `core.timeline.TimelineEntry` objects in key order (dated first, vague last)."""
    dated = [e for e in entries if not e.is_vague]
    layers = timeline_layers(dated)
    centres = np.sort(np.fromiter((e.center for e in dated), float, len(dated)))
    doc_of = np.fromiter((e.doc for e in entries), np.int64, len(entries))
    extent = (min(e.start for e in dated), max(e.end for e in dated)) if dated else None
    spans = LaneIndex.of(np.fromiter((e.start for e in dated), float, len(dated)),
                         np.fromiter((e.end for e in dated), float, len(dated)),
                         np.fromiter((e.lane for e in dated), np.int64, len(dated)),
                         np.fromiter((e.key for e in dated), np.int64, len(dated)))
    return TimelineArrays(layers, centres, doc_of, len(dated), extent, spans)
