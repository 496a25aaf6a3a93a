"""Corpus mode: many documents through spaCy's `nlp.pipe`, streamed as JSON Lines, resumable.

One line of the output is one document object (the schema of `extract`'s JSON).
Each line is written whole and flushed, so an interrupted run leaves complete
lines and at most one truncated last line; running again on the same output
cuts that line off and skips every document already written.  Reading an
extraction back (`load_extractions`) takes the text from the document's
``"text"`` key or from the file at its ``"path"``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from timeline_app.core.document import looks_like_html, read_document
from timeline_app.core.errors import UserError
from timeline_app.core.model import Extraction

if TYPE_CHECKING:
    from spacy.language import Language

#: File names taken from a folder given to `extract`.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


def find_documents(inputs: Sequence[str | Path]) -> list[Path]:
    """The documents named by `inputs`: files as given, folders as their documents in name order."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES))
        elif p.exists():
            found.append(p)
        else:
            raise UserError(f"{p}: no such file")
    return found


def _same_file_key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(str(path)))


def repair_jsonl(path: str | Path) -> set[str]:
    """Cut off a truncated last line of `path` and return the keys of the documents it holds.

    A key is the absolute form of the document's "path" (else its id).  Any
    other line that is not a JSON object is an error: it is not our output.
    """
    target = Path(path)
    if not target.exists():
        return set()
    done: set[str] = set()
    with open(target, "rb+") as fh:
        data = fh.read()
        end = data.rfind(b"\n") + 1  # everything after the last newline is an unfinished line
        if end < len(data):
            fh.truncate(end)
    for number, line in enumerate(data[:end].splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError:
            raise UserError(f"{target}: line {number} is not JSON; not an output of 'extract --format jsonl'"
                            ) from None
        if not isinstance(doc, dict) or "events" not in doc:
            raise UserError(f"{target}: line {number} is not a document object")
        done.add(_same_file_key(doc["path"]) if doc.get("path") else f"id:{doc.get('id')}")
    return done


@dataclass
class CorpusReport:
    """What a corpus run did."""

    written: int = 0
    skipped: int = 0  # already in the output
    failed: list[str] = field(default_factory=list)  # one message per unreadable document
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0


class ProgressBar:
    """A one-line progress bar on a terminal; silent when `stream` is not a TTY."""

    def __init__(self, total: int, stream: IO[str] | None = None, width: int = 28) -> None:
        self.total, self.width = total, width
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1 and done < self.total:
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        filled = int(self.width * done / self.total) if self.total else self.width
        eta = f"{(self.total - done) / rate:5.0f} s left" if rate > 0 and done < self.total else ""
        self.stream.write(f"\r[{'#' * filled}{'-' * (self.width - filled)}] {done}/{self.total} documents "
                          f"{rate:6.1f}/s {eta}   ")
        self.stream.flush()

    def clear(self) -> None:
        """Blank the bar's line so that a message can be printed on it (redrawn at the next update)."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self._last = 0.0

    def close(self) -> None:
        if self.enabled:
            self.update(self.total if self.total else 0, force=True)
            self.stream.write("\n")
            self.stream.flush()


def _prepared(paths: Iterable[Path], published: dt.date | None, failed: list[str]
              ) -> Iterator[tuple[str, tuple[str, object, str]]]:
    """(text, (source, publication date, title)) of each readable document; failures noted."""
    from timeline_app.core.pipeline import prepare_text

    for p in paths:
        try:
            raw, _ = read_document(p)
        except UserError as exc:
            failed.append(str(exc))
            continue
        text, pub, title = prepare_text(raw, published, str(p))
        yield text, (str(p), pub, title)


def iter_extractions(paths: Sequence[Path], nlp: "Language", published: dt.date | None = None,
                     jobs: int = 1, batch_size: int = 16, failed: list[str] | None = None,
                     anchoring: str = "auto") -> Iterator[Extraction]:
    """Extractions of `paths` in order, parsed in batches by `nlp.pipe` (in `jobs` processes).

    Each equals what `pipeline.extract_file` gives for the same file.
    Unreadable documents are skipped and described in `failed`.
    """
    from timeline_app.core.pipeline import extract_parsed

    failed = failed if failed is not None else []
    stream = nlp.pipe(_prepared(paths, published, failed), as_tuples=True, batch_size=batch_size,
                      n_process=max(jobs, 1))
    for doc, (source, pub, title) in stream:
        yield extract_parsed(doc, pub, source=source, title=title, anchoring=anchoring)


def extract_corpus(inputs: Sequence[str | Path], output: str | Path | None, nlp: "Language",
                   published: dt.date | None = None, jobs: int = 1, batch_size: int = 16,
                   progress: IO[str] | None = None,
                   on_note: Callable[[str], None] | None = None, anchoring: str = "auto") -> CorpusReport:
    """Extract every document of `inputs` as JSON Lines into `output` (standard output if None).

    Documents already in `output` are skipped; a truncated last line left by an
    interrupted run is removed first.  Lines are flushed one by one, so the
    memory used does not grow with the number of documents.
    """
    paths = find_documents(inputs)
    report = CorpusReport()
    started = time.monotonic()
    if output is not None:
        target = Path(output)
        if not (target.parent if str(target.parent) else Path(".")).is_dir():
            raise UserError(f"{target}: folder {target.parent} does not exist")
        done = repair_jsonl(target)
        todo = [p for p in paths if _same_file_key(p) not in done]
        report.skipped = len(paths) - len(todo)
        try:
            sink = open(target, "a", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise UserError(f"{target}: cannot write there ({exc.strerror})") from None
    else:
        todo, sink = paths, sys.stdout
    bar = ProgressBar(len(paths), progress)
    bar.update(report.skipped, force=True)
    try:
        for x in iter_extractions(todo, nlp, published, jobs, batch_size, report.failed, anchoring):
            sink.write(json.dumps(x.to_dict(), ensure_ascii=False) + "\n")
            sink.flush()
            report.written += 1
            for note in x.notes if on_note else ():
                bar.clear()
                on_note(f"{x.path}: {note}")
            bar.update(report.skipped + report.written + len(report.failed))
    finally:
        if sink is not sys.stdout:
            sink.close()
        bar.close()
    report.seconds = time.monotonic() - started
    return report


# --- reading an extraction back ----------------------------------------------------------

def _document_objects(path: Path) -> list[dict]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        whole = json.loads(raw)
    except ValueError:
        whole = None
    if isinstance(whole, dict):
        docs = whole.get("documents") if "documents" in whole else [whole]
    else:
        docs = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except ValueError:
                raise UserError(f"{path}: line {number} is not JSON (is the file an extraction?)") from None
    if not isinstance(docs, list) or not all(isinstance(d, dict) and "events" in d and "id" in d for d in docs):
        raise UserError(f"{path}: not an extraction written by 'timeline-app extract'")
    return docs


def _text_of(d: dict, base: Path) -> str:
    """The text a document object's offsets refer to: its "text", else the file at its "path"."""
    if d.get("text") is not None:
        return d["text"]
    if not d.get("path"):
        raise UserError(f"document {d['id']!r} has neither \"text\" nor \"path\"; cannot show its passages")
    source = Path(d["path"])
    if not source.is_absolute() and not source.exists() and (base / source).exists():
        source = base / source  # a path relative to the extraction's own folder
    if not source.exists():
        raise UserError(f"{d['path']}: the text of document {d['id']!r} is gone (moved or deleted); "
                        "extract it again or put the file back")
    text, _ = read_document(source)
    if looks_like_html(text):
        from timeline_app.core.pipeline import html_to_text

        text = html_to_text(text)
    expected = d.get("text_length")
    if expected is not None and len(text) != expected:
        raise UserError(f"{d['path']}: has changed since it was extracted ({len(text)} characters, "
                        f"not {expected}); extract it again")
    return text


def load_extractions(path: str | Path) -> list[Extraction]:
    """The documents of a JSON or JSON Lines extraction, with their texts, without any NLP."""
    p = Path(path)
    docs = _document_objects(p)
    base = p.resolve().parent
    out = []
    for d in docs:
        try:
            out.append(Extraction.from_dict(d, text=_text_of(d, base)))
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(f"{p}: document {d.get('id')!r} is malformed ({type(exc).__name__}: {exc})") from None
    return out


def is_extraction_file(path: str | Path) -> bool:
    """Whether `path` names an extraction (JSON or JSON Lines) rather than an article."""
    return Path(path).suffix.lower() in (".json", ".jsonl")
