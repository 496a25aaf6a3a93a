"""The timeline model: events of one or more extractions in date order, laid out in lanes.

Qt-free; the GUI draws what this module decides.  The x coordinate of a day is
the number of days since `EPOCH` (a small number, so it stays exact in floats
and in exported SVG), and a day `d` covers the interval ``[x(d), x(d) + 1)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from timeline_app.core.dates.calendar import FIRST_DAY, LAST_DAY, Day, describe_period, long_date, year_name
from timeline_app.core.dates.lexicon import MONTH_NAMES
from timeline_app.core.entities import cluster_names, entities
from timeline_app.core.mentions import merge_documents
from timeline_app.core.model import CREATION_SOURCES, Event, Extraction, Timex
from timeline_app.core.readable import readable_interval, readable_value

#: Day 0 of the x axis.
EPOCH = Day(2000, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()

#: Granularities drawn as a point (one day or finer); coarser ones are bars.
POINT_GRANULARITIES = frozenset({"minute", "hour", "part-of-day", "day"})

#: TimeML value of a vague timex -> the tray it is shown in.
VAGUE_KINDS = {"PAST_REF": "past", "PRESENT_REF": "present", "FUTURE_REF": "future"}
#: Trays of vague events, in the order they are shown.
VAGUE_ORDER = ("past", "present", "future", "unknown")

#: TimeML mod -> how a reader would qualify the date.
_MOD_WORDS = {"APPROX": "around {}", "START": "early {}", "MID": "mid-{}", "END": "late {}",
              "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "by {}",
              "ON_OR_AFTER": "from {}", "LESS_THAN": "less than {}", "MORE_THAN": "more than {}"}


def day_number(day: Day | dt.date) -> int:
    """x coordinate of the start of `day` (any year: BC days have large negative x)."""
    return day.toordinal() - _EPOCH_ORDINAL


def day_at(x: float) -> Day:
    """The day containing x, clamped to 9999 BC .. AD 9999."""
    if x != x:  # NaN
        return EPOCH
    ordinal = int(max(min(x, 1e9), -1e9) // 1) + _EPOCH_ORDINAL
    return Day.fromordinal(min(max(ordinal, FIRST_DAY.toordinal()), LAST_DAY.toordinal()))


def describe_interval(earliest: Day | dt.date | None, latest: Day | dt.date | None) -> str:
    """'12 April 2017', '1–7 May 2017', '499 BC', or 'no date' (`core.readable.readable_interval`)."""
    return readable_interval(earliest, latest)


@dataclass(frozen=True)
class TimelineEntry:
    """One event placed on the timeline."""

    key: int  # position in `Timeline.entries`, which are in date order
    doc: int  # index into `Timeline.documents`
    event: Event
    timexes: tuple[Timex, ...]
    start: float | None  # x of its first day; None when vague
    end: float | None  # x just after its last day (exclusive)
    lane: int  # row of the timeline; -1 for vague events (they go to the tray)
    label: str  # the date as the text states it, e.g. "week of 1 May 2017"
    vague_kind: str  # "" for dated events, else one of VAGUE_ORDER
    corrected: str = ""  # what the user corrected, in words ("date corrected by you …"); "" if nothing

    @property
    def is_vague(self) -> bool:
        return self.start is None

    @property
    def is_point(self) -> bool:
        """Drawn as a point (a day or finer) rather than as a bar spanning its interval."""
        if self.start is None or self.end is None:
            return False
        return self.event.granularity in POINT_GRANULARITIES or self.end - self.start <= 1

    @property
    def center(self) -> float | None:
        return None if self.start is None else (self.start + self.end) / 2

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def readable(self) -> str:
        """Its date as a reader says it: the interval it covers ('1–7 May 2017'), or its vague kind."""
        if self.is_vague:
            values = [readable_value(t.value) for t in self.timexes]
            return ", ".join(dict.fromkeys(values)) or self.label
        return readable_interval(self.event.earliest, self.event.latest)

    @property
    def resolved(self) -> str:
        """The TimeML values of its expressions, e.g. '2017-W18'."""
        values = [t.value or "unresolved" for t in self.timexes]
        return ", ".join(dict.fromkeys(values))


@dataclass(frozen=True)
class DocumentSummary:
    """What the status bar tells about one document."""

    events: int
    vague_events: int
    timexes: int
    vague_timexes: int
    unresolved_timexes: int

    def describe(self) -> str:
        return (f"{self.events} events ({self.vague_events} vague) · {self.timexes} expressions, "
                f"{self.unresolved_timexes} unresolved, {self.vague_timexes} vague")


@dataclass(frozen=True)
class Timeline:
    """Events of one or more documents, in date order (vague ones last), with lanes."""

    documents: tuple[Extraction, ...]
    entries: tuple[TimelineEntry, ...]
    lanes: int
    #: (document index, first lane, number of lanes) of each document when lanes are grouped by source
    lane_groups: tuple[tuple[int, int, int], ...] = ()
    _entity_names: dict[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def dated(self) -> tuple[TimelineEntry, ...]:
        return tuple(e for e in self.entries if not e.is_vague)

    @property
    def vague(self) -> tuple[TimelineEntry, ...]:
        return tuple(e for e in self.entries if e.is_vague)

    def extent(self) -> tuple[float, float] | None:
        """x range covering every dated event and every publication date."""
        xs = [x for e in self.dated for x in (e.start, e.end)]
        xs += [day_number(d.published.date) + off for d in self.documents if d.published
               for off in (0, 1)]
        return (min(xs), max(xs)) if xs else None

    def publication_days(self) -> list[tuple[float, str]]:
        """(x of the middle of the day, caption) for each distinct publication date."""
        seen: dict[dt.date, str] = {}
        for doc in self.documents:
            if doc.published and doc.published.date not in seen:
                seen[doc.published.date] = f"published {long_date(doc.published.date)}{_guessed(doc)}"
        return [(day_number(d) + 0.5, caption) for d, caption in sorted(seen.items())]

    def publication_marks(self) -> list[tuple[float, str, tuple[int, ...]]]:
        """(x of the middle of the day, caption, indices of the documents published that day) for each
        publication date."""
        days: dict[dt.date, list[int]] = {}
        for i, doc in enumerate(self.documents):
            if doc.published:
                days.setdefault(doc.published.date, []).append(i)
        marks = []
        for day, docs in sorted(days.items()):
            # with several sources the line has its source's colour; the caption stays short so that
            # the captions of nearby days fit side by side
            caption = f"published {long_date(day)}"
            if all(_guessed(self.documents[i]) for i in docs):
                caption += "?"  # only a file's creation date says so
            if len(docs) > 1:
                caption += f" ({len(docs)} sources)"
            marks.append((day_number(day) + 0.5, caption, tuple(docs)))
        return marks

    def title(self, limit: int = 90) -> str:
        """A heading for the plot: the document and its publication date, or how many documents."""
        if not self.documents:
            return ""
        if len(self.documents) > 1:
            names = ", ".join(short_name(d) for d in self.documents)
            heading = f"{len(self.documents)} sources: {names}"
            return heading if len(heading) <= limit else heading[:limit - 1].rstrip() + "…"
        doc = self.documents[0]
        name = document_name(doc)
        name = name if len(name) <= limit else name[:limit - 1].rstrip() + "…"
        return f"{name} — published {long_date(doc.published.date)}{_guessed(doc)}" if doc.published else name

    def outline(self) -> str:
        """One line per event, in date order: the text description of an exported image."""
        return "\n".join(f"{e.label}: {e.title}" for e in self.entries)

    def neighbour(self, key: int | None, step: int) -> int | None:
        """The entry `step` places from `key` in date order (clamped); the first if none."""
        if not self.entries:
            return None
        if key is None:
            return 0 if step >= 0 else len(self.entries) - 1
        return min(max(key + step, 0), len(self.entries) - 1)

    def entry_at_offset(self, doc: int, offset: int) -> int | None:
        """The event of document `doc` at a text offset: its trigger or expression, else its sentence."""
        in_sentence = None
        for e in self.entries:
            if e.doc != doc:
                continue
            spans = [e.event.trigger] + [(t.start, t.end) for t in e.timexes]
            if any(s <= offset < t for s, t in spans):
                return e.key
            s, t = e.event.sentence
            if in_sentence is None and s <= offset < t:
                in_sentence = e.key
        return in_sentence

    def participants(self) -> list[str]:
        """Every participant entity by its fullest name ('Vladimir Putin' for 'Putin' too), most
        frequent first."""
        return [e.name for e in entities(p for e in self.entries for p in e.event.participants)]

    def entity_of(self, name: str) -> str:
        """The entity a participant name belongs to, across all documents of the timeline."""
        if self._entity_names is None:
            object.__setattr__(self, "_entity_names", cluster_names(
                p for e in self.entries for p in e.event.participants))
        return self._entity_names.get(name, name)

    def sentence_text(self, entry: TimelineEntry) -> str:
        s, t = entry.event.sentence
        return self.documents[entry.doc].text[s:t]

    def matches(self, entry: TimelineEntry, text: str = "", participant: str = "") -> bool:
        """Whether the entry passes the table's filter: words anywhere, and the participant."""
        if participant:
            wanted = self.entity_of(participant).casefold()
            if wanted not in (self.entity_of(p).casefold() for p in entry.event.participants):
                return False
        if not text.strip():
            return True
        haystack = self.search_text(entry)
        return all(word in haystack for word in text.casefold().split())

    def search_text(self, entry: TimelineEntry) -> str:
        """What the filter's words are looked for in, casefolded: title, dates, participants, sentence."""
        merged = (f"{entry.event.mention_count} mentions" if entry.event.mentions else "") + (
            " sources disagree" if entry.event.sources_disagree else "")  # findable by typing 'disagree'
        return " ".join((entry.title, entry.label, entry.resolved, " ".join(entry.event.participants),
                         self.sentence_text(entry), merged)).casefold()

    def tooltip(self, entry: TimelineEntry) -> str:
        """Title, resolved interval and how each of its expressions was resolved."""
        interval = describe_interval(entry.event.earliest, entry.event.latest)
        label = entry.label.removesuffix(DISAGREE_BADGE)  # the disagreement has its own line below
        lines = [entry.title, label if entry.is_vague or interval == label else f"{label} ({interval})"]
        for t in entry.timexes:
            how = t.explanation or "no explanation recorded"
            lines.append(f"“{t.text}” → {readable_value(t.value)}: {how}")
        for r in entry.event.relations:
            lines.append(f"related to a time: {r.describe()}" if r.relation != "quoted" else
                         f"dated from the quote: {r.describe()}")
        if entry.event.placement:
            lines.append(entry.event.placement)
        if entry.event.mentions:
            others = [m.title for m in entry.event.mentions if m.title != entry.title]
            lines.append(f"{entry.event.mention_count} mentions" + (": also “" + "”, “".join(others) + "”" if others else ""))
            if entry.event.sources_disagree:
                dates = "; ".join(describe_interval(a, b) for a, b in entry.event.dates())
                lines.append(f"sources disagree: {dates}")
        if entry.corrected:
            lines.append(f"✎ {entry.corrected}")
        if len(self.documents) > 1:
            lines.append(f"in {document_name(self.documents[entry.doc])}")
        return "\n".join(lines)

    def summary(self, doc: int) -> DocumentSummary:
        d = self.documents[doc]
        return DocumentSummary(
            events=len(d.events), vague_events=sum(e.is_vague for e in d.events),
            timexes=len(d.timexes), vague_timexes=sum(t.value is not None and t.is_vague for t in d.timexes),
            unresolved_timexes=sum(t.value is None and t.earliest is None for t in d.timexes))  # a named period has no value


def short_name(doc: Extraction) -> str:
    """What a source is called where room is short (legend, table, captions): its file name, else its title."""
    if doc.path:
        return doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    return doc.title if len(doc.title) <= 40 else doc.title[:39].rstrip() + "…"


def document_name(doc: Extraction) -> str:
    """A short name for a document: its title, else its file name, else its id."""
    if doc.title:
        return doc.title
    if doc.path:
        return doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    return doc.id


def _guessed(doc: Extraction) -> str:
    """'?' after a publication date that is only the file's creation date (a guess), else ''."""
    return "?" if doc.published and doc.published.source in CREATION_SOURCES else ""


def describe_publication(doc: Extraction, evidence: bool = True, given_by: str = "the --published option") -> str:
    """'published 10 May 2017 (from the URL http://…)' or 'publication date unknown'; a date the user
    gave says where (`given_by`)."""
    p = doc.published
    if p is None:
        return "publication date unknown"
    where = {"url": "the URL", "dateline": "the dateline", "html-meta": "the HTML metadata",
             "json-ld": "the page's JSON-LD", "html-time": "the page's time element",
             "htmldate": "a date on the page (htmldate)", "pdf-metadata": "the PDF's creation date",
             "docx-metadata": "the Word file's creation date", "sidecar": "the date file next to it",
             "filename": "the file name", "option": given_by}.get(p.source, p.source)
    shown = f" {p.evidence}" if evidence and p.evidence and p.source != "option" else ""
    if shown and p.source == "sidecar":
        return f"published {long_date(p.date)} (from{shown}, the date file next to it)"
    if p.source in CREATION_SOURCES:  # when the file was made: a guess, said as one
        shown = f", the '{p.evidence}' field" if shown else ""  # its field's name, not 'creation date CreationDate'
        return f"published {long_date(p.date)}? (unconfirmed: from {where}{shown})"
    return f"published {long_date(p.date)} (from {where}{shown})"


#: A vague TimeML value that nonetheless has an interval: 'now' told in a history is the story's present,
#: which the story's last date places (TimeML keeps PRESENT_REF; the interval says when).
STORY_TIME_WORDS = {"PAST_REF": "the story's past", "PRESENT_REF": "the story's present",
                    "FUTURE_REF": "the story's future"}


def timex_is_dated(timex: Timex) -> bool:
    """True when the expression was read as a time the timeline can place: a calendar value, or a vague
    value with an interval (a narrative 'now', the story's present); False for 'recently', 'now' in news."""
    return timex.earliest is not None or (timex.value is not None and not timex.is_vague)


def timex_tooltip(timex: Timex) -> str:
    """What the passage view shows on hovering an expression."""
    said = readable_value(timex.value)
    if timex.value in STORY_TIME_WORDS and timex.earliest is not None:
        said = f"{STORY_TIME_WORDS[timex.value]}, {describe_interval(timex.earliest, timex.latest)}"
    head = f"“{timex.text}” → {said}"
    if timex.earliest is not None and not said.endswith(describe_interval(timex.earliest, timex.latest)):
        head += f"  ({describe_interval(timex.earliest, timex.latest)})"
    if timex.value:
        head += f"  [TimeML {timex.value}]"
    return head + (f"\n{timex.explanation}" if timex.explanation else "")


def timex_at(doc: Extraction, offset: int) -> Timex | None:
    for t in doc.timexes:
        if t.start <= offset < t.end:
            return t
    return None


def vague_kind(event: Event, timexes: Sequence[Timex]) -> str:
    """Which tray a vague event goes to; '' for a dated event."""
    if not event.is_vague:
        return ""
    for t in timexes:
        if t.value == "FUTURE_REF" and event.tense == "past":
            return "past"  # 'Rome was able to seize Sardinia a few years later': later than the story, not than now
        if t.value in VAGUE_KINDS:
            return VAGUE_KINDS[t.value]
    return {"past": "past", "present": "present", "future": "future"}.get(event.tense, "unknown")


def date_label(event: Event, timexes: Sequence[Timex] = ()) -> str:
    """The date as the text states it: '12 April 2017', 'week of 1 May 2017', 'the 2010s'…"""
    if event.is_vague:
        return f"{vague_kind(event, timexes)} (vague)"
    # the expression that dates the event exactly carries its value (for seasons) and mod
    primary = next((t for t in timexes if (t.earliest, t.latest) == (event.earliest, event.latest)), None)
    value = (primary.value or "") if primary else ""
    text = describe_period(event.granularity, event.earliest, value) or ""
    if not text or (event.granularity in POINT_GRANULARITIES and event.latest != event.earliest) or (
            primary is None and event.placement) or _wider_than_its_unit(event):  # drawn over more: both ends
        text = describe_interval(event.earliest, event.latest)
    said = primary.text.lower().split()[0] if primary and primary.text else ""
    if primary and said in ("later", "earlier") and primary.mod in ("END", "START"):
        text = f"{said} in {text}"  # 'later this month' is after the publication day, not late in it
    elif primary and primary.mod in _MOD_WORDS:
        text = _MOD_WORDS[primary.mod].format(text.removeprefix("the "))  # 'mid-19th century', 'early 1990s'
    return text


def _wider_than_its_unit(event: Event) -> bool:
    """A month or year event drawn over more than one month or year (a narrative 'now' that takes the story's
    range, '264–241 BC'): its label must say both ends, not the first month or year alone."""
    a, b = event.earliest, event.latest
    if a is None or b is None:
        return False
    if event.granularity == "year":
        return a.year != b.year
    if event.granularity == "month":
        return (a.year, a.month) != (b.year, b.month)
    return False


#: What the date of an event whose sources date it differently says (table, filter, outline).
DISAGREE_BADGE = " ≠ sources disagree"


@dataclass(frozen=True)
class OtherDate:
    """A date one source gives a merged event that differs from the date it is drawn at."""

    start: float  # x of its first day
    end: float  # x just after its last day
    doc: int  # index into `Timeline.documents` of the source that gives it
    label: str  # '3 May 2017'


@dataclass(frozen=True)
class MentionLink:
    """A merged event whose sources disagree on its date: the plot joins its own marker (at
    `start`..`end` in `lane`) to each of the `others` dates by a connector with its own glyph."""

    key: int  # the entry
    lane: int
    start: float
    end: float
    others: tuple[OtherDate, ...]

    @property
    def first(self) -> float:
        return min([self.start] + [o.start for o in self.others])

    @property
    def last(self) -> float:
        return max([self.end] + [o.end for o in self.others])


def mention_links(timeline: Timeline) -> list[MentionLink]:
    """One `MentionLink` per dated entry whose mentions date it at intervals that do not overlap."""
    index = {d.id: i for i, d in enumerate(timeline.documents)}
    links = []
    for entry in timeline.entries:
        event = entry.event
        if entry.is_vague or not event.sources_disagree:
            continue
        own = (event.earliest, event.latest or event.earliest)
        others: dict[tuple, OtherDate] = {}
        for m in event.all_mentions():
            if m.earliest is None:
                continue
            span = (m.earliest, m.latest or m.earliest)
            if span == own or span in others:
                continue
            others[span] = OtherDate(float(day_number(span[0])), float(day_number(span[1]) + 1),
                                     index.get(m.document, entry.doc) if m.document else entry.doc,
                                     describe_interval(*span))
        if others:
            links.append(MentionLink(entry.key, entry.lane, entry.start, entry.end, tuple(others.values())))
    return links


def assign_lanes(intervals: Sequence[tuple[float, float]], min_span: float = 1.0) -> list[int]:
    """Lane of each interval so that no two intervals in a lane overlap.

    Intervals are half-open; each takes at least `min_span`, so that events on
    the same day never share a lane.  Greedy by start: optimal lane count.
    """
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], intervals[i][1]))
    lane_ends: list[float] = []
    lanes = [0] * len(intervals)
    for i in order:
        start, end = intervals[i]
        end = max(end, start + min_span)
        for lane, lane_end in enumerate(lane_ends):
            if lane_end <= start:
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(end)
        lane_ends[lane] = end
        lanes[i] = lane
    return lanes


def build_timeline(documents: Sequence[Extraction], corrections: Mapping[tuple[int, str], str] | None = None,
                   by_source: bool = False, merge: bool = False) -> Timeline:
    """Order the events of `documents` by date and assign lanes.

    `corrections` maps (document index, event id) to what the user corrected; with `by_source`,
    each document gets lanes of its own, one block after the other. With `merge` (and lanes not
    by source, where each source shows its own account), mentions of one happening in several
    documents become one event (see `mentions.merge_documents`).
    """
    corrections = corrections or {}
    if merge and not by_source and len(documents) > 1:
        documents = merge_documents(documents)
    raw = []
    for doc_index, doc in enumerate(documents):
        by_id = {t.id: t for t in doc.timexes}
        for event in doc.events:
            timexes = tuple(by_id[i] for i in event.timex_ids if i in by_id)
            raw.append((doc_index, event, timexes))

    def order(item: tuple[int, Event, tuple[Timex, ...]]) -> tuple:
        doc_index, event, timexes = item
        if event.is_vague:
            return (1, VAGUE_ORDER.index(vague_kind(event, timexes)), doc_index, event.sentence[0])
        latest = event.latest or event.earliest
        return (0, event.earliest, latest, doc_index, event.sentence[0])

    def span_of(event: Event) -> tuple[float, float]:
        return float(day_number(event.earliest)), float(day_number(event.latest or event.earliest) + 1)

    def lane_span(event: Event) -> tuple[float, float]:
        """What an event takes in its lane: its own dates, and all its sources' dates when they
        disagree, so that the marker joining them crosses no other event of the lane."""
        if not event.sources_disagree:
            return span_of(event)
        spans = [(float(day_number(a)), float(day_number(b) + 1)) for a, b in event.dates()]
        return min(s for s, _ in spans), max(e for _, e in spans)

    raw.sort(key=order)
    dated = [i for i, (_, e, _) in enumerate(raw) if not e.is_vague]
    lane_of: dict[int, int] = {}
    groups: list[tuple[int, int, int]] = []
    if by_source:
        first = 0
        for doc_index in range(len(documents)):
            mine = [i for i in dated if raw[i][0] == doc_index]
            lanes = assign_lanes([lane_span(raw[i][1]) for i in mine])
            lane_of.update({i: first + lane for i, lane in zip(mine, lanes)})
            count = max(lanes, default=-1) + 1
            groups.append((doc_index, first, count))
            first += count
    else:
        lane_of = dict(zip(dated, assign_lanes([lane_span(raw[i][1]) for i in dated])))
    entries = []
    for key, (doc_index, event, timexes) in enumerate(raw):
        span = None if event.is_vague else span_of(event)
        entries.append(TimelineEntry(
            key=key, doc=doc_index, event=event, timexes=timexes,
            start=span[0] if span else None, end=span[1] if span else None,
            lane=lane_of.get(key, -1), label=date_label(event, timexes) + (DISAGREE_BADGE if event.sources_disagree else ""),
            vague_kind=vague_kind(event, timexes), corrected=corrections.get((doc_index, event.id), "")))
    lane_count = max((e.lane + 1 for e in entries), default=0)
    return Timeline(tuple(documents), tuple(entries), lane_count, tuple(groups))


# --- date axis -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Step:
    unit: str  # day | month | year
    count: int

    @property
    def days(self) -> float:
        return self.count * {"day": 1, "month": 30.44, "year": 365.25}[self.unit]


_STEPS = tuple(_Step("day", n) for n in (1, 2, 7, 14)) + tuple(
    _Step("month", n) for n in (1, 2, 3, 6)) + tuple(
    _Step("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000))


def _year_ticks(first: int, last: int, count: int) -> list[int]:
    """Years from `first` to `last` a step of `count` apart, as a historian counts them: AD years
    that are multiples of `count`, BC years likewise ('500 BC', '400 BC'), and AD 1 between them
    (there is no year 0)."""
    years = set(range(max(first, 1) + (-max(first, 1)) % count, last + 1, count))
    if first <= 0:
        # BC year b = 1 - y; ticks where b is a multiple of count
        top_bc, low_bc = 1 - first, max(1 - min(last, 0), 1)
        years.update(1 - b for b in range(low_bc + (-low_bc) % count, top_bc + 1, count))
        if last >= 1:
            years.add(1)
    return sorted(years)


def _step_ticks(step: _Step, first: Day, last: Day) -> list[Day]:
    if step.unit == "day":
        # a fixed phase keeps ticks still while panning; ordinal 1 is a Monday, so weeks start on Mondays
        ordinal = first.toordinal()
        n = ordinal - (ordinal - 1) % step.count
        return [Day.fromordinal(k) for k in range(n, last.toordinal() + 1, step.count)]
    if step.unit == "month":
        index = first.year * 12 + first.month - 1
        index -= index % step.count
        last_index = last.year * 12 + last.month - 1
        return [Day(i // 12, i % 12 + 1, 1) for i in range(index, last_index + 1, step.count)]
    return [Day(y, 1, 1) for y in _year_ticks(first.year, last.year, step.count)]


def _tick_label(step: _Step, day: Day, first: bool, era: bool = False) -> str:
    """Tick text, with its year if `first` (of the axis or of a year); with `era` (the axis reaches BC)
    every year says its era: '500 BC', 'AD 1'."""
    month = MONTH_NAMES[day.month - 1][:3]
    y = year_name(day.year) if era or day.year < 1 else str(day.year)
    if era and day.year >= 1000:
        y = f"AD {day.year}"
    if step.unit == "year":
        return y
    if step.unit == "month":
        return f"{month} {y}" if first else month
    return f"{day.day} {month} {y}" if first else f"{day.day} {month}"


def date_ticks(x0: float, x1: float, pixels: float, min_spacing: float = 80.0, edge: float = 0.0
               ) -> tuple[list[tuple[float, str]], list[float]]:
    """Major ticks (x, label) and minor ticks (x) of a date axis showing [x0, x1] in `pixels`.

    The step is the finest calendar step (days, weeks, months, years, decades…)
    whose ticks are at least `min_spacing` pixels apart; labels name the year
    (and its era, when the axis reaches BC) on the first tick and at each new
    year, so every zoom reads naturally.  `edge` is how many pixels at the left
    end a label may be cut or hidden in: the year then goes on the first tick
    past it as well, so a day or month axis always says which year it shows.
    """
    if not x1 > x0 or pixels <= 0:
        return [], []
    per_day = pixels / (x1 - x0)
    index = next((i for i, s in enumerate(_STEPS) if s.days * per_day >= min_spacing), len(_STEPS) - 1)
    step = _STEPS[index]
    first, last = day_at(x0), day_at(x1)
    majors = [d for d in _step_ticks(step, first, last) if x0 <= day_number(d) <= x1]
    era = first.year < 1
    past_edge = next((i for i, d in enumerate(majors) if (day_number(d) - x0) * per_day >= edge), 0)
    # the year on the first tick, on the first past the cut edge, and on the first tick of each new year
    major = [(float(day_number(d)), _tick_label(step, d, i in (0, past_edge) or d.year != majors[i - 1].year, era))
             for i, d in enumerate(majors)]
    minor: list[float] = []
    if index > 0:
        finer = next((s for s in reversed(_STEPS[:index]) if s.days * per_day >= 8
                      and (s.unit != "day" or s.count in (1, 7))), None)
        if finer is not None:
            taken = {x for x, _ in major}
            minor = [float(day_number(d)) for d in _step_ticks(finer, first, last)
                     if x0 <= day_number(d) <= x1 and day_number(d) not in taken]
    return major, minor


# --- labels ----------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def place_labels(candidates: Sequence[Sequence[Box]], first: Sequence[int] = (), gap: float = 4.0
                 ) -> dict[int, int]:
    """Where to put each label so that no two overlap: {label index: index of its chosen box}.

    Each label offers boxes in order of preference (e.g. beside its marker, then
    stacked one line higher); it gets the first that does not come within `gap`
    of a label already placed, or is hidden (absent from the result).  Labels in
    `first` (captions, the selected event) are placed before all others; the
    rest left to right.
    """
    pinned = list(dict.fromkeys(i for i in first if 0 <= i < len(candidates) and candidates[i]))
    skip = set(pinned)
    rest = sorted((i for i in range(len(candidates)) if i not in skip and candidates[i]),
                  key=lambda i: candidates[i][0][0])
    chosen: dict[int, int] = {}
    # placed boxes sorted by x0, for a quick sweep; labels are narrow compared with the view
    starts: list[float] = []
    placed: list[Box] = []
    widest = 0.0
    for i in pinned + rest:
        for choice, (x0, y0, x1, y1) in enumerate(candidates[i]):
            lo = bisect.bisect_left(starts, x0 - widest - gap)
            hi = bisect.bisect_right(starts, x1 + gap)
            if any(px0 < x1 + gap and x0 < px1 + gap and py0 < y1 + gap and y0 < py1 + gap
                   for px0, py0, px1, py1 in placed[lo:hi]):
                continue
            at = bisect.bisect_left(starts, x0)
            starts.insert(at, x0)
            placed.insert(at, (x0, y0, x1, y1))
            widest = max(widest, x1 - x0)
            chosen[i] = choice
            break
    return chosen
