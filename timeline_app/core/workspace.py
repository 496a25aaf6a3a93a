"""The workspace: sources side by side, the user's corrections as undoable edits, saved whole.

Qt-free. A `Workspace` holds each source's extraction as the extractor made it
and the user's corrections as a list of `Edit`s applied on top, in order, so a
re-extraction (another publication date, a better extractor) keeps them. Every
edit can be applied and reverted; the GUI wraps them in QUndoCommands, the
CLI and the tests drive them directly.

Each edit works the same way: it names the events it takes out and the events
it puts in (`Edit.changes`); applying it records what it took out and where,
so reverting puts exactly that back.

The file (`*.timeline.json`, schema below and in the README) holds each
source's text, path and content hash, its extraction, the edits and the view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from timeline_app.core.dates.calendar import FIRST_DAY, Day, days_in_month
from timeline_app.core.errors import UserError
from timeline_app.core.fileio import write_atomic
from timeline_app.core.model import Event, Extraction
from timeline_app.core.timeline import Timeline, build_timeline, describe_interval

#: What the "format" key of a workspace file says.
FORMAT = "timeline-explorer-workspace"
#: The schema version this code writes; it reads this one and older ones.
SCHEMA_VERSION = 1
#: File name ending of a workspace.
SUFFIX = ".timeline.json"

#: Precisions the user can give a corrected date ("range": any two days).
PRECISIONS = ("day", "week", "month", "quarter", "year", "range")
#: How many distinct source colours there are (the GUI has one colour per index).
COLOUR_COUNT = 10
#: Lane modes of the timeline.
LANE_MODES = ("merged", "by-source")


class EditConflict(Exception):
    """An edit does not fit the extraction it is applied to (its event is not there)."""


def text_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_workspace_file(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIX)


def period(day: Day | dt.date, precision: str) -> tuple[Day, Day]:
    """(earliest, latest) of the day, week (Monday to Sunday), month, quarter or year containing `day`,
    in any era (astronomical years: 0 is 1 BC)."""
    day = Day.of(day)
    if precision in ("day", "range"):
        return day, day
    if precision == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == "year":
        return Day(day.year, 1, 1), Day(day.year, 12, 31)
    first_month = day.month if precision == "month" else 3 * ((day.month - 1) // 3) + 1
    last_month = first_month + (0 if precision == "month" else 2)
    return Day(day.year, first_month, 1), Day(day.year, last_month, days_in_month(day.year, last_month))


def _iso(day: Day | dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: Any) -> Day | None:
    """A day of any era from ISO 8601 with expanded years ('2017-05-10', '-0263-01-01')."""
    return Day.fromisoformat(text) if text else None


# --- edits -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    """One correction of one source. Subclasses say which events go out and which come in."""

    source: str  # the key of the source it corrects
    kind: ClassVar[str] = ""

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        """(ids of the events taken out, events put in their place); EditConflict if it does not fit."""
        raise NotImplementedError

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        """One line for the undo history: 'Change date of “Trump ordered…” to 6 April 2017'
        (events named by their `titles`, else by id)."""
        raise NotImplementedError

    def apply(self, doc: Extraction) -> tuple[Extraction, AppliedEdit]:
        """`doc` with this edit made, and what is needed to revert it."""
        removed_ids, added = self.changes(doc)
        events = list(doc.events)
        index = {e.id: i for i, e in enumerate(events)}
        taken = []
        for event_id in removed_ids:
            if event_id not in index:
                raise EditConflict(f"event {event_id} is not in {doc.id}")
            taken.append((index[event_id], events[index[event_id]]))
        gone = set(removed_ids)
        clash = [e.id for e in added if e.id in set(index) - gone]
        if clash:
            raise EditConflict(f"event {clash[0]} is already in {doc.id}")
        kept = [e for e in events if e.id not in gone]
        at = min((i for i, _ in taken), default=len(kept))  # where the first event taken out was
        kept[at:at] = added
        return replace(doc, events=tuple(kept)), AppliedEdit(self, tuple(taken), tuple(e.id for e in added))

    def to_dict(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class AppliedEdit:
    """An edit as it was applied: the events it took out (with their positions) and the ids it put in."""

    edit: Edit
    removed: tuple[tuple[int, Event], ...]
    added: tuple[str, ...]

    def revert(self, doc: Extraction) -> Extraction:
        """`doc` as it was before the edit (which must be the last one applied to it)."""
        events = [e for e in doc.events if e.id not in set(self.added)]
        for position, event in sorted(self.removed, key=lambda pair: pair[0]):
            events.insert(min(position, len(events)), event)
        return replace(doc, events=tuple(events))

    def before(self, event_id: str) -> Event | None:
        return next((e for _, e in self.removed if e.id == event_id), None)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"


def _named(event_id: str, titles: Mapping[str, str] | None) -> str:
    return f"“{_short(titles[event_id])}”" if titles and event_id in titles else event_id


def _find(doc: Extraction, event_id: str) -> Event:
    for e in doc.events:
        if e.id == event_id:
            return e
    raise EditConflict(f"event {event_id} is not in {doc.id}")


@dataclass(frozen=True)
class ChangeDate(Edit):
    """The event happened on another day, week, month, quarter, year, or between two days."""

    event: str = ""
    earliest: Day | dt.date = FIRST_DAY
    latest: Day | dt.date = FIRST_DAY
    precision: str = "day"
    kind: ClassVar[str] = "change-date"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {self.precision!r}")
        if self.latest < self.earliest:
            raise ValueError("the end of the range comes before its start")

    @classmethod
    def to(cls, source: str, event: str, day: Day | dt.date, precision: str, until: Day | dt.date | None = None
           ) -> ChangeDate:
        """The date `day` at `precision` (for "range": from `day` to `until`)."""
        if precision == "range":
            return cls(source, event, Day.of(day), Day.of(until or day), "range")
        start, end = period(day, precision)
        return cls(source, event, start, end, precision)

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        old = _find(doc, self.event)
        return (old.id,), (replace(old, earliest=self.earliest, latest=self.latest, granularity=self.precision),)

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        return f"Change date of {_named(self.event, titles)} to {describe_interval(self.earliest, self.latest)}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "event": self.event, "earliest": _iso(self.earliest),
                "latest": _iso(self.latest), "precision": self.precision}


@dataclass(frozen=True)
class Retitle(Edit):
    """The event is better said otherwise."""

    event: str = ""
    title: str = ""
    kind: ClassVar[str] = "retitle"

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        old = _find(doc, self.event)
        return (old.id,), (replace(old, title=self.title),)

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        return f"Rename {_named(self.event, titles)} to “{self.title}”"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "event": self.event, "title": self.title}


@dataclass(frozen=True)
class Delete(Edit):
    """The event is not one (or not wanted)."""

    event: str = ""
    kind: ClassVar[str] = "delete"

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        return (_find(doc, self.event).id,), ()

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        return f"Delete {_named(self.event, titles)}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "event": self.event}


@dataclass(frozen=True)
class Insert(Edit):
    """An event put in: one the user added from a passage, or a deleted one restored."""

    event: Event | None = None
    restore: bool = False  # True: it is a deleted event brought back
    kind: ClassVar[str] = "insert"

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        return (), (self.event,)

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        return f"Restore “{_short(self.event.title)}”" if self.restore else f"Add event “{self.event.title}”"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "event": self.event.to_dict(), "restore": self.restore}


@dataclass(frozen=True)
class Merge(Edit):
    """Several mentions of one event become one: the first's title and trigger, every expression,
    the narrowest date, the participants of all."""

    events: tuple[str, ...] = ()
    new_id: str = ""
    kind: ClassVar[str] = "merge"

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        if len(self.events) < 2:
            raise EditConflict("merging needs two events or more")
        parts = [_find(doc, i) for i in self.events]
        dated = [p for p in parts if p.earliest is not None]
        narrowest = min(dated, key=lambda p: ((p.latest or p.earliest) - p.earliest, parts.index(p)), default=parts[0])
        first = parts[0]
        merged = replace(
            first, id=self.new_id, timex_ids=tuple(dict.fromkeys(t for p in parts for t in p.timex_ids)),
            earliest=narrowest.earliest, latest=narrowest.latest, granularity=narrowest.granularity,
            participants=tuple(dict.fromkeys(x for p in parts for x in p.participants)),
            confidence=max(p.confidence for p in parts))
        return tuple(self.events), (merged,)

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        return f"Merge {' + '.join(_named(e, titles) for e in self.events)}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "events": list(self.events), "new_id": self.new_id}


@dataclass(frozen=True)
class Split(Edit):
    """A merged event becomes its mentions again."""

    event: str = ""
    parts: tuple[Event, ...] = ()
    kind: ClassVar[str] = "split"

    def changes(self, doc: Extraction) -> tuple[tuple[str, ...], tuple[Event, ...]]:
        return (_find(doc, self.event).id,), tuple(self.parts)

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        return f"Split {_named(self.event, titles)} into {len(self.parts)} events"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "event": self.event,
                "parts": [p.to_dict() for p in self.parts]}


EDIT_KINDS: dict[str, type[Edit]] = {k.kind: k for k in (ChangeDate, Retitle, Delete, Insert, Merge, Split)}


def edit_from_dict(d: dict[str, Any]) -> Edit:
    kind = EDIT_KINDS.get(d.get("kind", ""))
    if kind is None:
        raise ValueError(f"unknown edit kind {d.get('kind')!r}")
    source = str(d["source"])
    if kind is ChangeDate:
        return ChangeDate(source, d["event"], _day(d["earliest"]), _day(d["latest"]), d["precision"])
    if kind is Retitle:
        return Retitle(source, d["event"], str(d["title"]))
    if kind is Delete:
        return Delete(source, d["event"])
    if kind is Insert:
        return Insert(source, Event.from_dict(d["event"]), bool(d.get("restore")))
    if kind is Merge:
        return Merge(source, tuple(d["events"]), d["new_id"])
    return Split(source, d["event"], tuple(Event.from_dict(p) for p in d["parts"]))


# --- sources and the workspace -----------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One document of the workspace, as extracted (corrections are kept apart, as edits)."""

    key: str
    extraction: Extraction
    sha256: str
    colour: int = 0  # index into the GUI's source colours
    visible: bool = True

    @property
    def name(self) -> str:
        """What the legend and the table call it: the file name, else the title, else the id."""
        x = self.extraction
        if x.path:
            return x.path.replace("\\", "/").rsplit("/", 1)[-1]
        return x.title or x.id


@dataclass
class ViewState:
    """What the window showed: the date range, the selected event and how lanes are laid out."""

    range: tuple[Day, Day] | None = None
    selected: tuple[str, str] | None = None  # (source key, event id)
    lanes: str = "merged"  # one of LANE_MODES

    def to_dict(self) -> dict[str, Any]:
        return {"range": [d.isoformat() for d in self.range] if self.range else None,
                "selected": {"source": self.selected[0], "event": self.selected[1]} if self.selected else None,
                "lanes": self.lanes}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> ViewState:
        d = d or {}
        rng = d.get("range")
        sel = d.get("selected")
        lanes = d.get("lanes") if d.get("lanes") in LANE_MODES else "merged"
        return cls(range=(_day(rng[0]), _day(rng[1])) if rng else None,
                   selected=(str(sel["source"]), str(sel["event"])) if sel else None, lanes=lanes)


@dataclass
class Workspace:
    """Sources, the edits applied to them in order, and the view. Mutable: the one model the GUI edits."""

    sources: list[Source] = field(default_factory=list)
    view: ViewState = field(default_factory=ViewState)
    applied: list[AppliedEdit] = field(default_factory=list)
    #: Edits that no longer fit their source (its extraction changed): kept, saved back, not shown.
    stale: list[Edit] = field(default_factory=list)
    revision: int = 0  # goes up at every change; `saved_revision` is the one last saved or opened
    saved_revision: int = 0
    path: str | None = None  # where it was last saved or opened from
    _current: dict[str, Extraction] = field(default_factory=dict, repr=False)

    # --- sources ---

    def add_source(self, extraction: Extraction) -> Source:
        """Add an extraction as a new source with the first free colour; returns it."""
        taken = {s.key for s in self.sources}
        key, n = extraction.id or "document", 1
        while key in taken:
            n += 1
            key = f"{extraction.id}-{n}"
        used = [s.colour for s in self.sources]
        colour = min(range(COLOUR_COUNT), key=lambda c: (used.count(c), c))
        source = Source(key, extraction, text_hash(extraction.text), colour)
        self.sources.append(source)
        self._current[key] = extraction
        self._changed()
        return source

    def source(self, key: str) -> Source:
        for s in self.sources:
            if s.key == key:
                return s
        raise KeyError(key)

    def set_visible(self, key: str, visible: bool) -> None:
        self._replace_source(replace(self.source(key), visible=visible))

    def set_lanes(self, mode: str) -> None:
        if mode not in LANE_MODES:
            raise ValueError(mode)
        if mode != self.view.lanes:
            self.view.lanes = mode
            self._changed()

    def replace_extraction(self, key: str, extraction: Extraction) -> list[Edit]:
        """Put a new extraction of source `key` in place (e.g. another publication date) and apply
        the user's edits to it again; returns the edits that no longer fit (kept as stale)."""
        old = self.source(key)
        self._replace_source(replace(old, extraction=extraction, sha256=text_hash(extraction.text)))
        return self._replay()

    def current(self, key: str) -> Extraction:
        """The source's extraction with the user's edits made."""
        return self._current[key]

    def documents(self, visible_only: bool = True) -> list[tuple[Source, Extraction]]:
        """(source, corrected extraction) of each (visible) source, in the order they were added."""
        return [(s, self._current[s.key]) for s in self.sources if s.visible or not visible_only]

    def timeline(self, visible_only: bool = True, merge: bool = True) -> Timeline:
        """The timeline of the (visible) sources as corrected, corrections marked, lanes as the view says;
        `merge=False` keeps each source's own events apart (exports: one row per event per source)."""
        docs = self.documents(visible_only)
        notes = self.corrections()
        index = {s.key: i for i, (s, _) in enumerate(docs)}
        marks = {(index[key], event): note for (key, event), note in notes.items() if key in index}
        return build_timeline([x for _, x in docs], marks, by_source=self.view.lanes == "by-source", merge=merge)

    # --- edits ---

    @property
    def edits(self) -> list[Edit]:
        return [a.edit for a in self.applied]

    def apply(self, edit: Edit) -> AppliedEdit:
        """Make `edit`; EditConflict (nothing changed) if it does not fit."""
        doc, done = edit.apply(self._current[self.source(edit.source).key])
        self._current[edit.source] = doc
        self.applied.append(done)
        self._changed()
        return done

    def revert(self, edit: Edit | None = None) -> Edit:
        """Undo the last edit (which must be `edit`, if given)."""
        if not self.applied:
            raise IndexError("nothing to undo")
        last = self.applied[-1]
        if edit is not None and last.edit is not edit:
            raise ValueError("edits are reverted last first")
        # the last edit made to that source is this one (edits of other sources do not touch it)
        self._current[last.edit.source] = last.revert(self._current[last.edit.source])
        self.applied.pop()
        self._changed()
        return last.edit

    def new_event_id(self, key: str, prefix: str) -> str:
        """An event id not used in source `key` by the extraction, the edits or the stale edits."""
        used = {e.id for e in self.source(key).extraction.events} | {e.id for e in self._current[key].events}
        for a in self.applied:
            used.update(a.added)
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def merge(self, key: str, event_ids: Sequence[str]) -> Merge:
        return Merge(key, tuple(event_ids), self.new_event_id(key, "m"))

    def split(self, key: str, event_id: str) -> Split:
        """The edit that splits merged event `event_id` back into the events it was made of."""
        for a in reversed(self.applied):
            if isinstance(a.edit, Merge) and a.edit.source == key and event_id in a.added:
                return Split(key, event_id, tuple(e for _, e in sorted(a.removed, key=lambda p: p[0])))
        raise EditConflict(f"{event_id} was not made by merging events")

    def is_merged(self, key: str, event_id: str) -> bool:
        return any(isinstance(a.edit, Merge) and a.edit.source == key and event_id in a.added
                   for a in self.applied)

    def deleted(self, key: str) -> list[Event]:
        """Events of source `key` the user deleted and has not restored."""
        gone: dict[str, Event] = {}
        for a in self.applied:
            if a.edit.source != key:
                continue
            if isinstance(a.edit, Delete):
                gone.update({e.id: e for _, e in a.removed})
            for added in a.added:
                gone.pop(added, None)
        present = {e.id for e in self._current[key].events}
        return [e for i, e in gone.items() if i not in present]

    def add_event(self, key: str, title: str, span: tuple[int, int], day: Day | dt.date | None = None,
                  precision: str = "day", until: Day | dt.date | None = None) -> Insert:
        """An event for the text span the user selected: dated by an expression inside the span,
        else by `day` at `precision` (a UserError when neither is there)."""
        doc = self._current[key]
        start, end = span
        if not 0 <= start < end <= len(doc.text):
            raise UserError("select some text of the passage first")
        inside = [t for t in doc.timexes if start <= t.start and t.end <= end]
        dated = [t for t in inside if t.earliest is not None]
        if day is not None:
            earliest, latest = ((Day.of(day), Day.of(until or day)) if precision == "range"
                                else period(day, precision))
            timex_ids, granularity = (), precision
        elif dated:
            t = dated[0]
            earliest, latest, granularity, timex_ids = t.earliest, t.latest or t.earliest, t.granularity, (t.id,)
        else:
            raise UserError("the selection holds no date: select a date with the event, or type one")
        sentence = _sentence_around(doc.text, start, end)
        title = " ".join(title.split()) or " ".join(doc.text[start:end].split())[:80]
        event = Event(id=self.new_event_id(key, "u"), title=title, trigger=(start, end), sentence=sentence,
                      timex_ids=timex_ids, earliest=earliest, latest=latest, granularity=granularity,
                      tense="none", confidence=1.0)
        return Insert(key, event)

    def corrections(self) -> dict[tuple[str, str], str]:
        """{(source key, event id): what the user changed, in words} for each corrected event shown."""
        notes: dict[tuple[str, str], list[str]] = {}
        for a in self.applied:
            e = a.edit
            if isinstance(e, ChangeDate):
                was = a.before(e.event)
                said = "date corrected by you" + (
                    f" (extracted: {describe_interval(was.earliest, was.latest)})" if was else "")
            elif isinstance(e, Retitle):
                was = a.before(e.event)
                said = "title corrected by you" + (f" (extracted: “{was.title}”)" if was else "")
            elif isinstance(e, Merge):
                said = f"merged by you from {' + '.join(e.events)}"
            elif isinstance(e, Split):
                said = f"split by you from {e.event}"
            else:
                said = "restored by you" if getattr(e, "restore", False) else "added by you"
            # a merged event carries what was said of its parts; any other event what was said of it
            inherited = [n for i in e.events for n in notes.get((e.source, i), [])] if isinstance(e, Merge) else None
            for added in a.added:
                base = inherited if inherited is not None else notes.get((e.source, added), [])
                notes[(e.source, added)] = [*base, said]
        shown = {(s.key, ev.id) for s in self.sources for ev in self._current[s.key].events}
        return {k: "; ".join(dict.fromkeys(v)) for k, v in notes.items() if k in shown and v}

    # --- saving ---

    @property
    def modified(self) -> bool:
        return self.revision != self.saved_revision

    def to_dict(self) -> dict[str, Any]:
        from timeline_app import __version__

        return {
            "format": FORMAT, "version": SCHEMA_VERSION, "written_by": f"timeline-app {__version__}",
            "sources": [{"key": s.key, "path": s.extraction.path, "sha256": s.sha256, "colour": s.colour,
                         "visible": s.visible, "text": s.extraction.text,
                         "published_evidence": s.extraction.published.evidence if s.extraction.published else "",
                         "extraction": s.extraction.to_dict()} for s in self.sources],
            "edits": [e.to_dict() for e in self.edits] + [e.to_dict() for e in self.stale],
            "view": self.view.to_dict(),
        }

    def save(self, path: str | Path) -> None:
        """Write the workspace to `path` atomically (a failure leaves the previous file as it was)."""
        write_atomic(path, json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n")
        self.path = str(path)
        self.saved_revision = self.revision

    # --- inner workings ---

    def _changed(self) -> None:
        self.revision += 1

    def _replace_source(self, source: Source) -> None:
        self.sources = [source if s.key == source.key else s for s in self.sources]
        self._changed()

    def _replay(self) -> list[Edit]:
        """Apply every edit (the stale ones too) again to the sources as extracted."""
        edits = self.edits + self.stale
        self._current = {s.key: s.extraction for s in self.sources}
        self.applied, self.stale = [], []
        for edit in edits:
            if edit.source not in self._current:
                self.stale.append(edit)
                continue
            try:
                doc, done = edit.apply(self._current[edit.source])
            except EditConflict:
                self.stale.append(edit)
                continue
            self._current[edit.source] = doc
            self.applied.append(done)
        self._changed()
        return list(self.stale)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence-like stretch (between full stops or paragraph breaks) holding [start, end)."""
    left = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
               text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return left, max(right, end)


# --- opening -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Opened:
    """A workspace read from a file, and what the user should be told about it."""

    workspace: Workspace
    notes: tuple[str, ...]


def new_workspace(extractions: Iterable[Extraction]) -> Workspace:
    ws = Workspace()
    for x in extractions:
        ws.add_source(x)
    ws.saved_revision = ws.revision  # nothing to save yet that the user did
    return ws


def open_workspace(path: str | Path) -> Opened:
    """Read a workspace file. One clear UserError for a missing, damaged or newer file (the file is
    never written to); notes for sources whose file has moved or changed (the saved text is used)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{p}: no such file") from None
    except OSError as exc:
        raise UserError(f"{p}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{p}: damaged workspace file (not UTF-8 text); it was not changed") from None
    except ValueError as exc:
        raise UserError(f"{p}: damaged workspace file (invalid JSON at line {exc.lineno}, column {exc.colno}); "
                        "it was not changed") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{p}: not a Timeline Explorer workspace (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise UserError(f"{p}: damaged workspace file (schema version {version!r}); it was not changed")
    if version > SCHEMA_VERSION:
        raise UserError(f"{p}: written by a newer Timeline Explorer ({data.get('written_by', 'unknown')}, "
                        f"workspace schema {version}); this version reads schema {SCHEMA_VERSION} and older. "
                        "Update the app to open it; the file was not changed")
    notes: list[str] = []
    ws = Workspace()
    try:
        for s in data["sources"]:
            text = s["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
            if text_hash(text) != s["sha256"]:
                raise ValueError(f"the text of source {s['key']!r} does not match its hash")
            x = Extraction.from_dict(s["extraction"], text=text)
            if x.published is not None and s.get("published_evidence"):  # e.g. the URL, which names the publisher
                x = replace(x, published=replace(x.published, evidence=str(s["published_evidence"])))
            if x.path:
                notes.extend(_check_source_file(x.path, text, p.resolve().parent))
            ws.sources.append(Source(str(s["key"]), x, s["sha256"], int(s.get("colour", 0)) % COLOUR_COUNT,
                                     bool(s.get("visible", True))))
        ws.stale = [edit_from_dict(e) for e in data.get("edits", ())]
        ws.view = ViewState.from_dict(data.get("view"))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise UserError(f"{p}: damaged workspace file ({type(exc).__name__}: {exc}); it was not changed") from None
    if len({s.key for s in ws.sources}) != len(ws.sources):
        raise UserError(f"{p}: damaged workspace file (two sources with the same key); it was not changed")
    stale = ws._replay()
    for edit in stale:
        notes.append(f"a correction no longer fits its source and is kept aside: {edit.describe()}")
    ws.path = str(p)
    ws.saved_revision = ws.revision
    return Opened(ws, tuple(notes))


def _check_source_file(path: str, text: str, base: Path) -> list[str]:
    """Notes when a source's file is gone or now says something else (the workspace keeps its text)."""
    from timeline_app.core.document import looks_like_html, normalise_newlines, read_document

    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    file = Path(path)
    if not file.is_absolute() and not file.exists():
        file = base / file
    if not file.is_file():
        return [f"{name}: the file is no longer at {path}; the workspace keeps its text, so nothing is lost"]
    try:
        now, _ = read_document(file)
    except UserError:
        return [f"{name}: the file at {path} cannot be read now; the workspace keeps its text"]
    now = normalise_newlines(now)
    if looks_like_html(now):
        from timeline_app.core.pipeline import html_to_text

        now = html_to_text(now)
    if now != text:
        return [f"{name}: the file has changed since it was added to the workspace; showing the text saved in "
                "the workspace (open the file itself to extract its new text)"]
    return []

