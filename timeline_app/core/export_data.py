"""Writing extractions and workspaces as data; never a half-written file.

Formats: JSON and JSON Lines (the extraction schema), CSV (one row per event),
TimelineJS 3 JSON (Knight Lab's format, for publishing on the web), TimeML
(one `.tml` per source, TIMEX3 and EVENT tags at the extraction's offsets),
a plain-text chronology, and the workspace itself. Everything goes through a
`Workspace`, so the user's corrections are in every format and marked as theirs.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from timeline_app.core.dates.calendar import year_value
from timeline_app.core.errors import UserError
from timeline_app.core.fileio import write_atomic
from timeline_app.core.model import Extraction
from timeline_app.core.timeline import Timeline, TimelineEntry, long_date
from timeline_app.core.workspace import Workspace, new_workspace

#: Formats of `extract --format` and File > Export Data.
DATA_FORMATS = ("json", "csv", "jsonl", "timelinejs", "timeml", "chronology", "workspace")
#: File name ending of each format (TimeML: one file per source in a folder).
SUFFIXES = {"json": ".json", "csv": ".csv", "jsonl": ".jsonl", "timelinejs": ".timelinejs.json",
            "timeml": ".tml", "chronology": ".txt", "workspace": ".timeline.json"}

CSV_COLUMNS = ("source", "event_id", "title", "earliest", "latest", "precision", "date", "explanation",
               "sentence_start", "sentence_end", "trigger_start", "trigger_end", "timex_ids", "timex_texts",
               "values", "participants", "tense", "confidence", "relations", "mentions", "sources_disagree",
               "corrected", "correction")


def _workspace(data: Workspace | Iterable[Extraction]) -> Workspace:
    return data if isinstance(data, Workspace) else new_workspace(data)


def _source_names(ws: Workspace, visible_only: bool) -> list[str]:
    return [s.name for s, _ in ws.documents(visible_only)]


def to_json(data: Workspace | Iterable[Extraction], visible_only: bool = False) -> str:
    """`{"documents": [...]}`, each as corrected; an event the user corrected carries "corrected"."""
    ws = _workspace(data)
    notes = ws.corrections()
    docs = []
    for source, x in ws.documents(visible_only):
        d = x.to_dict()
        for event in d["events"]:
            if (source.key, event["id"]) in notes:
                event["corrected"] = notes[(source.key, event["id"])]
        docs.append(d)
    return json.dumps({"documents": docs}, indent=2, ensure_ascii=False) + "\n"


def to_jsonl(extractions: Iterable[Extraction]) -> str:
    return "".join(json.dumps(x.to_dict(), ensure_ascii=False) + "\n" for x in extractions)


def to_csv(data: Workspace | Iterable[Extraction], visible_only: bool = False) -> str:
    """One row per event in date order: its dates, how they were resolved, its passage, corrected or not."""
    ws = _workspace(data)
    timeline = ws.timeline(visible_only, merge=False)
    names = _source_names(ws, visible_only)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in timeline.entries:
        ev = e.event
        writer.writerow([
            names[e.doc], ev.id, ev.title, ev.earliest.isoformat() if ev.earliest else "",
            ev.latest.isoformat() if ev.latest else "", ev.granularity, e.label,
            " | ".join(t.explanation for t in e.timexes), ev.sentence[0], ev.sentence[1], ev.trigger[0],
            ev.trigger[1], " ".join(ev.timex_ids), " | ".join(t.text for t in e.timexes),
            " | ".join(t.value or "" for t in e.timexes), "; ".join(ev.participants), ev.tense,
            f"{ev.confidence:.2f}", " | ".join(r.describe() for r in ev.relations), ev.mention_count,
            "yes" if ev.sources_disagree else "", "yes" if e.corrected else "no", e.corrected,
        ])
    return buf.getvalue()


# --- TimelineJS ------------------------------------------------------------------------

def _tl_date(day, precision: str) -> dict:
    """A TimelineJS date object as precise as the event: a year, a month or a day.

    TimelineJS reads a negative year as that many years BCE (its `Language.formatDate` drops the sign and
    adds "BCE": `{"year": -500}` is "500 BCE" on its time axis): BC years are written so, not as
    astronomical years (where -499 is 500 BC, and 0 is 1 BC)."""
    d = {"year": day.year if day.year > 0 else day.year - 1}
    if precision not in ("year", "decade", "century"):
        d["month"] = day.month
        if precision not in ("month", "quarter", "half", "season"):
            d["day"] = day.day
    return d


def _one_unit(earliest, latest, granularity: str) -> bool:
    """Whether an event is one day, month or year (one date for TimelineJS), not a span of several."""
    if granularity == "year":
        return earliest.year == latest.year
    if granularity == "month":
        return (earliest.year, earliest.month) == (latest.year, latest.month)
    return latest == earliest


def to_timelinejs(data: Workspace | Iterable[Extraction], visible_only: bool = False, title: str = "") -> str:
    """TimelineJS 3 JSON: one slide per dated event (vague ones have no date to show), grouped by source.

    `display_date` says the date as precisely as it is known ("week of 1 May 2017",
    "Q2 2017"); a week, quarter or range also has an end date. Corrected events say so.
    """
    ws = _workspace(data)
    timeline = ws.timeline(visible_only, merge=False)
    names = _source_names(ws, visible_only)
    slides = []
    for e in timeline.dated:
        ev = e.event
        single = _one_unit(ev.earliest, ev.latest or ev.earliest, ev.granularity)
        # a span ('264–241 BC', a war; a week; a quarter) goes from its first day to its last, so that its bar
        # on TimelineJS's axis is as long (a span of years had been one date, 264 BC, as if it were that year)
        precision = ev.granularity if single else "day"
        slide = {
            "unique_id": _slug(f"{names[e.doc]}-{ev.id}"),
            "start_date": _tl_date(ev.earliest, precision),
            "display_date": e.label,
            "text": {"headline": escape(ev.title), "text": _slide_text(timeline, e, names[e.doc])},
            "group": names[e.doc],
        }
        if not single:
            slide["end_date"] = _tl_date(ev.latest, precision)
        slides.append(slide)
    heading = title or timeline.title() or "Timeline"
    out = {"title": {"text": {"headline": escape(heading),
                              "text": escape(f"{len(slides)} dated events from {len(names)} "
                                             f"source{'s' if len(names) != 1 else ''}, "
                                             "extracted by Timeline Explorer")}},
           "events": slides}
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def _slide_text(timeline: Timeline, e: TimelineEntry, source: str) -> str:
    sentence = " ".join(timeline.sentence_text(e).split())
    parts = [f"<p>{escape(sentence)}</p>", f"<p><em>{escape(source)}</em></p>"]
    if e.corrected:
        parts.append(f"<p><strong>Corrected by hand:</strong> {escape(e.corrected)}</p>")
    return "".join(parts)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "event"


# --- TimeML ----------------------------------------------------------------------------

def to_timeml(x: Extraction, corrections: dict[str, str] | None = None) -> str:
    """One document as TimeML 1.2: the DCT, TIMEX3 and EVENT tags in <TEXT> at the extraction's offsets,
    a MAKEINSTANCE per event and a TLINK from each event to the expressions dating it.

    An EVENT whose span would cross a TIMEX3 or another EVENT is left untagged in
    the text (XML tags must nest) but keeps its instance and links. A date the
    user corrected is a TIMEX3 after the text, marked in a comment.
    """
    corrections = corrections or {}
    spans: list[tuple[int, int, str, str]] = []  # start, end, open tag, close tag
    taken: list[tuple[int, int]] = []
    for t in x.timexes:
        attrs = f'tid="{t.id}" type="{t.type}"' + (f" value={quoteattr(t.value)}" if t.value else "")
        if t.mod:
            attrs += f" mod={quoteattr(t.mod)}"
        spans.append((t.start, t.end, f"<TIMEX3 {attrs}>", "</TIMEX3>"))
        taken.append((t.start, t.end))
    tagged_events = set()
    for ev in x.events:
        s, t = ev.trigger
        if s >= t or any(a < t and s < b for a, b in taken):
            continue
        spans.append((s, t, f'<EVENT eid="{ev.id}" class="OCCURRENCE">', "</EVENT>"))
        taken.append((s, t))
        tagged_events.add(ev.id)
    spans.sort(key=lambda sp: (sp[0], -sp[1]))
    body, pos = [], 0
    for start, end, opening, closing in spans:
        body += [escape(x.text[pos:start]), opening, escape(x.text[start:end]), closing]
        pos = end
    body.append(escape(x.text[pos:]))
    dct = ""
    if x.published:
        day = x.published.date.isoformat()
        dct = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
               f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n')
    tail: list[str] = []
    known = {t.id for t in x.timexes}
    for n, ev in enumerate(x.events, 1):
        tail.append(f'<MAKEINSTANCE eiid="ei{n}" eventID="{ev.id}" tense="{ev.tense.upper()}" aspect="NONE" '
                    f'polarity="POS" pos="UNKNOWN"/>')
        note = corrections.get(ev.id)
        timexes = [i for i in ev.timex_ids if i in known]
        if note and "date" in note or (ev.earliest and not timexes):
            if note:
                tail.append(f"<!-- {escape(ev.id)}: {_comment(note)} -->")
            if ev.earliest:
                value = _value_of(ev.earliest, ev.latest, ev.granularity)
                tail.append(f'<TIMEX3 tid="c{ev.id}" type="DATE" value="{value}" functionInDocument="NONE"/>')
                timexes = [f"c{ev.id}"]
        elif note:
            tail.append(f"<!-- {escape(ev.id)}: {_comment(note)} -->")
        for k, tid in enumerate(timexes, 1):
            tail.append(f'<TLINK lid="l{n}_{k}" eventInstanceID="ei{n}" relatedToTime="{tid}" relType="IS_INCLUDED"/>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n'
            f"<DOCID>{escape(x.id)}</DOCID>\n{dct}<TEXT>{''.join(body)}</TEXT>\n" + "\n".join(tail) + "\n</TimeML>\n")


def _comment(text: str) -> str:
    return text.replace("--", "–")


def _value_of(earliest, latest, granularity: str) -> str:
    """The TimeML value of a corrected date at its precision, in the corpora's notation for BC years
    ('BC0265', 'BC0480-08'; a corrected 265 BC had been written '-264', its astronomical year)."""
    year = year_value(earliest.year)
    if granularity == "year":
        return year
    if granularity == "month":
        return f"{year}-{earliest.month:02d}"
    if granularity == "quarter":
        return f"{year}-Q{(earliest.month - 1) // 3 + 1}"
    if granularity == "week":
        iso = earliest.isocalendar()
        return f"{year_value(iso[0])}-W{iso[1]:02d}"
    return f"{year}-{earliest.month:02d}-{earliest.day:02d}"


def timeml_files(data: Workspace | Iterable[Extraction], visible_only: bool = False) -> dict[str, str]:
    """{file name: TimeML} for each source, named after it (`a.txt` -> `a.tml`)."""
    ws = _workspace(data)
    notes = ws.corrections()
    out: dict[str, str] = {}
    for source, x in ws.documents(visible_only):
        name = _slug(Path(source.name).stem) + ".tml"
        n = 2
        while name in out:
            name, n = f"{_slug(Path(source.name).stem)}-{n}.tml", n + 1
        out[name] = to_timeml(x, {e: note for (k, e), note in notes.items() if k == source.key})
    return out


# --- chronology ------------------------------------------------------------------------

def publisher(x: Extraction) -> str:
    """Who published a source, for a citation: the site named in its URL ("Politico"), else its name."""
    p = x.published
    if p is not None and p.source == "url" and p.evidence:
        host = re.sub(r"^[a-z]+://", "", p.evidence.strip()).split("/", 1)[0].lower()
        parts = [part for part in host.split(".") if part not in ("www", "m", "amp", "edition")]
        if len(parts) >= 2:
            site = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "ac") else parts[-2]
            return site.capitalize()
    if x.path:
        return Path(x.path.replace("\\", "/")).name
    return x.title or x.id


def chronology_lines(timeline: Timeline, keys: Iterable[int] | None = None) -> list[str]:
    """'12 April 2017 - Tillerson met Putin … (Politico, 10 May 2017)' for each dated event, in date order."""
    wanted = None if keys is None else set(keys)
    lines = []
    for e in timeline.dated:
        if wanted is not None and e.key not in wanted:
            continue
        x = timeline.documents[e.doc]
        cite = publisher(x) + (f", {long_date(x.published.date)}" if x.published else "")
        mark = f" [{e.corrected}]" if e.corrected else ""
        title = e.title[0].upper() + e.title[1:] if e.title else e.title
        lines.append(f"{e.label} - {title} ({cite}){mark}")
    return lines


def to_chronology(data: Workspace | Iterable[Extraction], visible_only: bool = False) -> str:
    ws = _workspace(data)
    return "".join(line + "\n" for line in chronology_lines(ws.timeline(visible_only, merge=False)))


# --- writing ---------------------------------------------------------------------------

def render(data: Workspace | Iterable[Extraction], fmt: str, visible_only: bool = False) -> str:
    """The text of one export (not TimeML, which is one file per source: see `timeml_files`)."""
    if fmt == "jsonl":
        ws = _workspace(data)
        return to_jsonl(x for _, x in ws.documents(visible_only))
    if fmt == "workspace":
        return json.dumps(_workspace(data).to_dict(), indent=1, ensure_ascii=False) + "\n"
    writers = {"json": to_json, "csv": to_csv, "timelinejs": to_timelinejs, "chronology": to_chronology}
    if fmt not in writers:
        raise UserError(f"unknown data format {fmt!r}; use one of {', '.join(DATA_FORMATS)}")
    return writers[fmt](data, visible_only)


def write_data(data: Workspace | Iterable[Extraction], fmt: str, output: str | Path | None,
               visible_only: bool = False) -> list[Path]:
    """Write an export to `output` (standard output if None); returns the files written.

    TimeML writes one `.tml` per source into the folder `output` (created if
    missing), or to `output` itself when it ends in `.tml` and there is one source.
    """
    ws = _workspace(data)
    if fmt == "timeml":
        files = timeml_files(ws, visible_only)
        if output is None:
            if len(files) != 1:
                raise UserError("TimeML is one file per source: give a folder with -o")
            sys.stdout.write(next(iter(files.values())))
            return []
        target = Path(output)
        if target.suffix.lower() == ".tml":
            if len(files) != 1:
                raise UserError(f"{target}: there are {len(files)} sources; give a folder for their .tml files")
            write_atomic(target, next(iter(files.values())))
            return [target]
        if target.exists() and not target.is_dir():
            raise UserError(f"{target}: not a folder (TimeML is one .tml file per source)")
        if not target.exists():
            if not target.absolute().parent.is_dir():
                raise UserError(f"{target}: folder {target.absolute().parent} does not exist")
            target.mkdir()
        written = []
        for name, text in files.items():
            write_atomic(target / name, text)
            written.append(target / name)
        return written
    if fmt == "workspace":
        if output is None:
            raise UserError("a workspace is written to a file: give -o STORY.timeline.json")
        ws.save(output)
        return [Path(output)]
    text = render(ws, fmt, visible_only)
    if output:
        write_atomic(output, text)
        return [Path(output)]
    sys.stdout.write(text)
    sys.stdout.flush()
    return []


def write_extractions(extractions: list[Extraction], fmt: str, output: str | None) -> None:
    write_data(extractions, fmt, output)
