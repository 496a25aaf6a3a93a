"""Writing extractions as data: JSON, JSON Lines, CSV; never a half-written file."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable

from timeline_app.core.fileio import write_atomic
from timeline_app.core.model import Extraction

CSV_COLUMNS = ("document", "event_id", "earliest", "latest", "granularity", "title", "participants",
               "tense", "confidence", "timex_ids", "timex_texts", "values", "explanation",
               "relations", "mentions", "sources_disagree")


def to_json(extractions: Iterable[Extraction]) -> str:
    return json.dumps({"documents": [x.to_dict() for x in extractions]}, indent=2, ensure_ascii=False) + "\n"


def to_jsonl(extractions: Iterable[Extraction]) -> str:
    return "".join(json.dumps(x.to_dict(), ensure_ascii=False) + "\n" for x in extractions)


def to_csv(extractions: Iterable[Extraction]) -> str:
    """One row per event, with the expressions that date it."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for x in extractions:
        for e in x.events:
            timexes = [x.timex(i) for i in e.timex_ids if any(t.id == i for t in x.timexes)]
            writer.writerow([
                x.id, e.id, e.earliest.isoformat() if e.earliest else "",
                e.latest.isoformat() if e.latest else "", e.granularity, e.title,
                "; ".join(e.participants), e.tense, f"{e.confidence:.2f}", " ".join(e.timex_ids),
                " | ".join(t.text for t in timexes), " | ".join(t.value or "" for t in timexes),
                " | ".join(t.explanation for t in timexes),
                " | ".join(r.describe() for r in e.relations), e.mention_count,
                "yes" if e.sources_disagree else "",
            ])
    return buf.getvalue()


def write_extractions(extractions: list[Extraction], fmt: str, output: str | None) -> None:
    text = {"json": to_json, "jsonl": to_jsonl, "csv": to_csv}[fmt](extractions)
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
