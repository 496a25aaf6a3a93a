"""Plain data of an extraction: documents, temporal expressions, events.

Everything here is a frozen dataclass; `to_dict` / `from_dict` are the one
place where these objects meet JSON.  Offsets are Python string indices into
the document's text (``\\r\\n`` already turned into ``\\n``), end exclusive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.dates.calendar import Day

#: Where the publication date came from.
PUBLISHED_SOURCES = ("url", "dateline", "html-meta", "json-ld", "html-time", "htmldate", "filename",
                     "pdf-metadata", "docx-metadata", "sidecar", "option")
#: Sources that say when the file was made, not when it was published: a guess the user should confirm.
CREATION_SOURCES = ("pdf-metadata", "docx-metadata")

#: Granularities, finest first.
GRANULARITIES = (
    "minute", "hour", "part-of-day", "day", "week", "month", "quarter",
    "season", "half", "year", "decade", "century", "vague",
)


def text_digest(text: str) -> str:
    """The SHA-256 of a text (UTF-8): tells whether a source file still holds the text extracted."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _iso(day: Day | dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _day(text: str | None) -> Day | None:
    """A day of any year from JSON: ISO 8601 with expanded years ('-0498-09-12' is 499 BC)."""
    return Day.fromisoformat(text) if text else None


@dataclass(frozen=True)
class PublicationDate:
    """The document creation time every deictic expression is anchored on."""

    date: dt.date
    source: str  # one of PUBLISHED_SOURCES
    evidence: str = ""  # the text it was read from, e.g. the URL

    def describe(self) -> str:
        return f"{self.date.isoformat()} (from the {self.source})"


@dataclass(frozen=True)
class Timex:
    """A temporal expression, classified and resolved (TimeML TIMEX3 + interval)."""

    id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TimeML value; None when it could not be resolved
    earliest: Day | None = None
    latest: Day | None = None
    granularity: str = "vague"
    anchor: str | None = None  # "publication date", a timex id, or None (absolute)
    explanation: str = ""
    mod: str | None = None  # START | END | MID | APPROX | ...
    rule: str = ""  # name of the rule that recognised it (for --errors and tests)

    @property
    def is_vague(self) -> bool:
        return self.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF") or (
            self.type in ("DATE", "TIME") and self.earliest is None
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "type": self.type, "value": self.value,
            "earliest": _iso(self.earliest), "latest": _iso(self.latest),
            "granularity": self.granularity, "anchor": self.anchor,
            "explanation": self.explanation, "mod": self.mod,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timex:
        return cls(
            id=d["id"], start=d["start"], end=d["end"], text=d["text"], type=d["type"],
            value=d.get("value"), earliest=_day(d.get("earliest")),
            latest=_day(d.get("latest")), granularity=d.get("granularity") or "vague",
            anchor=d.get("anchor"), explanation=d.get("explanation") or "",
            mod=d.get("mod"),
        )


#: How a time bounds an event it does not date ("his first visit since 2013").
RELATIONS = ("since", "until", "for", "before", "after", "quoted")


@dataclass(frozen=True)
class TimeRelation:
    """A time the event is related to without happening then: 'since 2013' is the start of a
    period the event closes, 'for three years' its length; 'quoted' is the time of the speech
    or text a quoted event comes from (the event is dated then)."""

    relation: str  # one of RELATIONS
    timex_id: str
    text: str = ""  # the expression as written, for the tooltip

    def describe(self) -> str:
        if self.relation == "quoted":
            return f"said in a quote dated {self.text}"
        return f"{self.relation} {self.text}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "timex_id": self.timex_id, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeRelation:
        return cls(d["relation"], d["timex_id"], d.get("text") or "")


@dataclass(frozen=True)
class Event:
    """Something that happened (or will), dated by one or more timexes.

    An event merged from several mentions of one happening keeps all of them in `mentions`
    (each a whole Event, so a split gives them back unchanged; empty for a single mention);
    a mention from another document names it in `document`.
    """

    id: str
    title: str
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    timex_ids: tuple[str, ...]
    earliest: Day | None
    latest: Day | None
    granularity: str
    participants: tuple[str, ...] = ()
    tense: str = "none"  # past | present | future | none
    confidence: float = 0.5
    relations: tuple[TimeRelation, ...] = ()
    mentions: tuple[Event, ...] = ()
    document: str = ""  # id of the document a merged mention comes from, "" for its own
    #: why it is drawn where it is when no expression dates it, only relates it to a time
    #: ("'until 470 BC' in a narrative: drawn from the story's time (480 BC) up to its end")
    placement: str = ""
    #: of the names in its words, those that say where it happens (a city, a building, what follows
    #: 'in', 'to', 'at'), and of those the regions (cities, countries, areas): merging across
    #: articles weighs who takes part, not where, and keeps happenings in two regions apart
    places: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    @property
    def is_vague(self) -> bool:
        return self.earliest is None

    @property
    def mention_count(self) -> int:
        return len(self.mentions) or 1

    def all_mentions(self) -> tuple[Event, ...]:
        return self.mentions or (self,)

    def dates(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """Each distinct interval its mentions give it, in order of the mentions."""
        seen: list[tuple[dt.date, dt.date]] = []
        for m in self.all_mentions():
            if m.earliest is not None and (m.earliest, m.latest or m.earliest) not in seen:
                seen.append((m.earliest, m.latest or m.earliest))
        return tuple(seen)

    @property
    def sources_disagree(self) -> bool:
        """Whether two mentions date it at intervals that do not overlap."""
        spans = self.dates()
        return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(spans) for b in spans[i + 1:])

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "trigger": list(self.trigger),
            "sentence": list(self.sentence), "timex_ids": list(self.timex_ids),
            "earliest": _iso(self.earliest), "latest": _iso(self.latest),
            "granularity": self.granularity, "participants": list(self.participants),
            "tense": self.tense, "confidence": round(self.confidence, 2),
        } | self._optional_dict()

    def _optional_dict(self) -> dict[str, Any]:
        """Keys written only when they say something (older readers ignore them)."""
        d: dict[str, Any] = {}
        if self.relations:
            d["relations"] = [r.to_dict() for r in self.relations]
        if self.mentions:
            d["mentions"] = [m.to_dict() for m in self.mentions]
            d["sources_disagree"] = self.sources_disagree
            d["dates"] = [[_iso(a), _iso(b)] for a, b in self.dates()]
        if self.document:
            d["document"] = self.document
        if self.placement:
            d["placement"] = self.placement
        if self.places:
            d["places"] = list(self.places)
        if self.regions:
            d["regions"] = list(self.regions)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"], title=d["title"], trigger=tuple(d["trigger"]),
            sentence=tuple(d["sentence"]), timex_ids=tuple(d["timex_ids"]),
            earliest=_day(d.get("earliest")), latest=_day(d.get("latest")),
            granularity=d.get("granularity") or "vague",
            participants=tuple(d.get("participants") or ()),
            tense=d.get("tense") or "none", confidence=float(d.get("confidence", 0.5)),
            relations=tuple(TimeRelation.from_dict(r) for r in d.get("relations") or ()),
            mentions=tuple(Event.from_dict(m) for m in d.get("mentions") or ()),
            document=d.get("document") or "",
            placement=d.get("placement") or "",
            places=tuple(d.get("places") or ()), regions=tuple(d.get("regions") or ()),
        )


@dataclass(frozen=True)
class Extraction:
    """The result of processing one document."""

    id: str
    text: str
    path: str | None = None
    title: str = ""
    published: PublicationDate | None = None
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = field(default=())  # messages for the user
    author: str = ""  # as the file names it (web page, PDF, Word); "" when unknown
    anchoring: str = "auto"  # the anchoring policy it was extracted with: auto | news | narrative

    def timex(self, timex_id: str) -> Timex:
        for t in self.timexes:
            if t.id == timex_id:
                return t
        raise KeyError(timex_id)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "path": self.path, "title": self.title,
            "published": _iso(self.published.date) if self.published else None,
            "published_source": self.published.source if self.published else None,
            "text_length": len(self.text), "anchoring": self.anchoring,
            "text_sha256": text_digest(self.text),
            "timexes": [t.to_dict() for t in self.timexes],
            "events": [e.to_dict() for e in self.events],
        }
        if self.author:
            d["author"] = self.author
        if include_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Extraction:
        """Rebuild an extraction from its JSON; the text comes from `d["text"]` or `text`."""
        body = d.get("text") if d.get("text") is not None else text
        if body is None:
            raise ValueError(f"document {d.get('id')!r} carries no text")
        published = None
        if d.get("published"):
            published = PublicationDate(_date(d["published"]), d.get("published_source") or "option")
        return cls(
            id=d["id"], text=body, path=d.get("path"), title=d.get("title") or "",
            published=published, author=d.get("author") or "",
            timexes=tuple(Timex.from_dict(t) for t in d.get("timexes", ())),
            events=tuple(Event.from_dict(e) for e in d.get("events", ())),
            anchoring=d.get("anchoring") or "auto",
        )
