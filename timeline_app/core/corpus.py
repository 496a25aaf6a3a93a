"""Corpus mode: many documents through spaCy's `nlp.pipe`, streamed as JSON Lines, resumable.

One line of the output is one document object (the schema of `extract`'s JSON).
Each line is written whole with one write() call, so an interrupted run (even killed) leaves complete
lines and at most one truncated last line; running again on the same output
cuts that line off and skips every document already written.  Reading an
extraction back (`load_extractions`) takes the text from the document's
``"text"`` key or from the file at its ``"path"``.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from timeline_app.core.readers import read_source
from timeline_app.core.errors import UserError
from timeline_app.core.fileio import check_writable
from timeline_app.core.model import Extraction, text_digest

if TYPE_CHECKING:
    from spacy.language import Language

#: File names taken from a folder given to `extract`.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx")

Note = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _link_problem(p: Path) -> str:
    """What is wrong with a symbolic link that leads nowhere."""
    try:
        p.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return f"{p}: symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{p}: symbolic link loop"
        return f"{p}: broken symbolic link (to {os.readlink(p)})"
    return f"{p}: cannot be followed"


def _folder_documents(folder: Path, on_note: Note) -> list[Path]:
    """The documents directly in `folder`, in name order; what else is there is said in a note."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise UserError(f"{folder}: folder cannot be read ({exc.strerror or exc})") from None
    documents, subfolders, broken = [], [], []
    for f in entries:
        try:
            if f.is_symlink() and not f.exists():
                broken.append(f.name)
            elif f.is_dir():
                subfolders.append(f.name)
            elif f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES:
                documents.append(f)
        except OSError:
            broken.append(f.name)
    if not documents:
        on_note(f"{folder}: no documents in it ({'/'.join(DOCUMENT_SUFFIXES)} files)")
    if subfolders:
        on_note(f"{folder}: {len(subfolders)} subfolder(s) not searched ({_names(subfolders)}); "
                "give them by name to include them")
    if broken:
        on_note(f"{folder}: {len(broken)} broken or looping link(s) skipped ({_names(broken)})")
    return documents


def _names(names: list[str], shown: int = 3) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def find_documents(inputs: Sequence[str | Path], on_note: Note | None = None) -> list[Path]:
    """The documents named by `inputs`: files as given, folders as their documents in name order.

    A file named twice (under any spelling) is taken once. A missing path, a broken or looping
    link, or an unreadable folder is a UserError; subfolders, broken links inside a folder and
    empty folders are described through `on_note`.
    """
    note = on_note or _quiet
    found: list[Path] = []
    seen: set[str] = set()
    for item in inputs:
        p = Path(item)
        try:
            if p.is_symlink() and not p.exists():
                raise UserError(_link_problem(p))
            if p.is_dir():
                candidates = _folder_documents(p, note)
            elif p.exists():
                candidates = [p]
            else:
                raise UserError(f"{p}: no such file")
        except OSError as exc:  # e.g. a folder on the way that may not be entered
            raise UserError(f"{p}: cannot be read ({exc.strerror or exc})") from None
        for f in candidates:
            key = same_file_key(f)
            if key in seen:
                note(f"{f}: given more than once; extracted once")
                continue
            seen.add(key)
            found.append(f)
    if not found:
        raise UserError("no documents to extract in " + ", ".join(str(i) for i in inputs))
    return found


def same_file_key(path: str | Path) -> str:
    """One spelling for a file however it is named (relative, with '..', through a link)."""
    return os.path.normcase(os.path.realpath(str(path)))


def repair_jsonl(path: str | Path) -> set[str]:
    """The keys of the documents `path` holds; a last line cut off by an interrupted run is removed.

    A key is `same_file_key` of the document's "path" (a relative one read against the output's
    folder and against the working folder), else "id:" and its id. Any complete line that is not
    a document object means the file is not our output: a UserError, and the file is left as it is.
    """
    target = Path(path)
    if not target.exists():
        return set()
    if target.is_dir():
        raise UserError(f"{target}: is a folder")
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise UserError(f"{target}: cannot be read ({exc.strerror})") from None
    end = data.rfind(b"\n") + 1  # everything after the last newline is an unfinished line
    tail = data[end:]
    done: set[str] = set()
    base = target.absolute().parent
    for number, line in enumerate(data[:end].splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError:
            raise UserError(f"{target}: line {number} is not JSON; not an output of 'extract --format jsonl'"
                            ) from None
        if not isinstance(doc, dict) or "events" not in doc:
            raise UserError(f"{target}: line {number} is not a document object; "
                            "not an output of 'extract --format jsonl'")
        if doc.get("path"):
            source = Path(doc["path"])
            done.add(same_file_key(source))
            if not source.is_absolute():
                done.add(same_file_key(base / source))
        else:
            done.add(f"id:{doc.get('id')}")
    if tail.strip() and not tail.lstrip().startswith(b"{"):
        raise UserError(f"{target}: its last line is not JSON; not an output of 'extract --format jsonl'")
    if tail:
        try:
            with open(target, "rb+") as fh:
                fh.truncate(end)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise UserError(f"{target}: cannot be repaired ({exc.strerror})") from None
    return done


@dataclass
class CorpusReport:
    """What a corpus run did."""

    written: int = 0
    skipped: int = 0  # already in the output
    failed: list[str] = field(default_factory=list)  # one message per unreadable document
    seconds: float = 0.0
    jobs: int = 1  # processes that parsed

    @property
    def per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0


class ProgressBar:
    """A one-line progress bar on a terminal; silent when `stream` is not a TTY."""

    def __init__(self, total: int, stream: IO[str] | None = None, width: int = 28,
                 unit: str = "documents") -> None:
        self.total, self.width, self.unit = total, width, unit
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
        if self.unit == "documents":
            count = f"{done}/{self.total} documents {rate:6.1f}/s"
        else:
            count = f"{100 * done // max(self.total, 1):3d} % of {self.total:,} {self.unit}"
        self.stream.write(f"\r[{'#' * filled}{'-' * (self.width - filled)}] {count} {eta}   ")
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


# --- parsing in batches, in this process or in worker processes ---------------------------

#: One document's outcome: ("ok", Extraction) or ("failed", message for the user).
Outcome = tuple[str, object]


def extract_batch(nlp: "Language", paths: Sequence[Path], published: dt.date | None,
                  anchoring: str = "auto") -> list[Outcome]:
    """Read, parse (with `nlp.pipe`) and extract `paths`; a document that fails is described, not raised."""
    from timeline_app.core import pipeline
    from timeline_app.core.pipeline import extract_parsed, parse, prepare_source

    outcomes: list[Outcome | None] = [None] * len(paths)
    prepared, long_ones = [], []
    for i, p in enumerate(paths):
        try:
            text, pub, meta = prepare_source(read_source(p), published, str(p))
        except UserError as exc:
            outcomes[i] = ("failed", str(exc))
            continue
        (long_ones if len(text) > pipeline.CHUNK_CHARS else prepared).append((i, text, pub, meta))

    def finish(i: int, doc, text, pub, meta) -> None:
        try:
            outcomes[i] = ("ok", extract_parsed(doc, pub, source=str(paths[i]), anchoring=anchoring, text=text,
                                                **meta))
        except Exception as exc:  # a bug on one document must not stop a corpus run
            outcomes[i] = ("failed", f"{paths[i]}: extraction failed ({type(exc).__name__}: {exc})")

    # the timeline_dates component reads each document's publication date and anchoring from its context
    docs = nlp.pipe(((text, {"published": pub.date if pub else None, "anchoring": anchoring, "text": text})
                     for _, text, pub, _ in prepared), as_tuples=True, batch_size=max(len(prepared), 1))
    for (i, text, pub, meta), (doc, _) in zip(prepared, docs):
        finish(i, doc, text, pub, meta)
    for i, text, pub, meta in long_ones:
        finish(i, parse(nlp, text), text, pub, meta)
    return [o for o in outcomes if o is not None]


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def _die_with_parent(parent: int) -> None:
    """Make the kernel kill this worker when the parent dies, even by SIGKILL (Linux)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)


def _worker(conn, nlp: "Language", published: dt.date | None, parent: int, inherited: list,
            anchoring: str = "auto") -> None:
    """A worker process: extract the batches it is sent until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _die_with_parent(parent)
    for other in inherited:  # the parent's ends of the other workers' pipes, copied by fork
        other.close()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        number, paths = task
        outcomes = extract_batch(nlp, paths, published, anchoring)
        try:
            conn.send((number, outcomes))
        except OSError:  # the parent has stopped listening: it is ending the run
            return


class WorkerPool:
    """`jobs` forked processes extracting batches of documents; results come back in order.

    Each worker has its own pipe (no shared lock a killed process could hold), ignores Ctrl-C,
    and is killed by the kernel if the parent dies. Leaving the `with` block stops them all.
    """

    IN_FLIGHT = 2  # batches sent ahead to each worker

    def __init__(self, jobs: int, nlp: "Language", published: dt.date | None, anchoring: str = "auto") -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.processes, self.conns = [], []
        blocked = {signal.SIGINT, signal.SIGTERM}
        old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)  # none until the worker set its handlers
        try:
            for _ in range(jobs):
                mine, theirs = context.Pipe()
                process = context.Process(target=_worker, daemon=True, name="timeline-app worker",
                                          args=(theirs, nlp, published, os.getpid(), self.conns + [mine], anchoring))
                process.start()
                theirs.close()
                self.processes.append(process)
                self.conns.append(mine)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, kind, *_: object) -> None:
        self.close(graceful=kind is None)

    def map(self, batches: Iterable[Sequence[Path]]) -> Iterator[list[Outcome]]:
        from multiprocessing.connection import wait

        batches = iter(batches)
        in_flight = {conn: 0 for conn in self.conns}
        ready: dict[int, list[Outcome]] = {}
        sent = delivered = 0
        exhausted = False
        while True:
            for conn in self.conns:
                while not exhausted and in_flight[conn] < self.IN_FLIGHT:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    conn.send((sent, list(batch)))
                    in_flight[conn] += 1
                    sent += 1
            if delivered in ready:
                yield ready.pop(delivered)
                delivered += 1
                continue
            if exhausted and delivered == sent:
                return
            for conn in wait([c for c in self.conns if in_flight[c]]):
                try:
                    number, outcomes = conn.recv()
                except (EOFError, OSError):
                    raise UserError("a worker process ended unexpectedly (out of memory?); "
                                    "run the same command again to resume") from None
                ready[number] = outcomes
                in_flight[conn] -= 1

    def close(self, graceful: bool = True) -> None:
        """Stop the workers: asked to finish when all went well, killed otherwise; always reaped."""
        for conn, process in zip(self.conns, self.processes):
            if graceful:
                try:
                    conn.send(None)
                except OSError:
                    pass
            else:
                process.kill()
        for conn, process in zip(self.conns, self.processes):
            process.join(timeout=5 if graceful else None)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()


def _batches(paths: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for i in range(0, len(paths), size):
        yield paths[i:i + size]


#: glibc's `mallopt` settings for corpus mode: arrays up to 32 MiB (the most it allows) from the heap,
#: not from pages of their own, and freed memory kept rather than handed back to the system.
_MALLOC_SETTINGS = ((-3, 32 * 1024 * 1024),  # M_MMAP_THRESHOLD
                    (-1, 2**31 - 1),  # M_TRIM_THRESHOLD
                    (-2, 64 * 1024 * 1024))  # M_TOP_PAD
_malloc_kept = [False]


def keep_freed_memory() -> bool:
    """Have the C allocator keep the memory spaCy frees for the next batch (glibc only; a no-op
    elsewhere); whether it does now.

    With glibc's defaults, spaCy's arrays of a batch (several MiB each) are given back to the
    system when freed and the next batch takes them again page by page: about 1,100 page faults
    and 7-9 ms of system time per tbaq-cleaned document, 6 % of the parse.  Kept, the process's
    memory stays at the size of its largest batch (what it needs anyway) until it ends.  Set once
    per process, before worker processes are forked (they inherit it)."""
    if _malloc_kept[0]:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt to speak of)
        return False
    _malloc_kept[0] = all([mallopt(option, value) == 1 for option, value in _MALLOC_SETTINGS])
    return _malloc_kept[0]


def iter_extractions(paths: Sequence[Path], nlp: "Language", published: dt.date | None = None,
                     jobs: int = 1, batch_size: int = 16, failed: list[str] | None = None,
                     anchoring: str = "auto") -> Iterator[Extraction]:
    """Extractions of `paths` in order, parsed in batches by `nlp.pipe` (in `jobs` processes).

    Each equals what `pipeline.extract_file` gives for the same file.
    Documents that cannot be read or extracted are skipped and described in `failed`.
    """
    failed = failed if failed is not None else []
    jobs = max(1, min(jobs, -(-len(paths) // max(batch_size, 1))))
    keep_freed_memory()
    if jobs == 1:
        results: Iterator[list[Outcome]] = (extract_batch(nlp, b, published, anchoring)
                                                    for b in _batches(paths, batch_size))
        pool = None
    else:
        pool = WorkerPool(jobs, nlp, published, anchoring)
        results = pool.map(_batches(paths, batch_size))
    try:
        for outcomes in results:
            for kind, value in outcomes:
                if kind == "ok":
                    yield value  # type: ignore[misc]
                else:
                    failed.append(str(value))
    except BaseException:
        if pool is not None:
            pool.close(graceful=False)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close(graceful=True)


class _LineSink:
    """JSON Lines appended to a file, each line with one write() call, so a process killed at any
    moment leaves whole lines only; the file is created with its first line (normal permissions)."""

    def __init__(self, path: Path) -> None:
        self.path, self.fd = path, None

    def write(self, line: str) -> None:
        data = memoryview(line.encode("utf-8"))
        try:
            if self.fd is None:
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
                self.fd = os.open(self.path, flags, 0o666)
            while data:
                data = data[os.write(self.fd, data):]
        except OSError as exc:
            raise UserError(f"{self.path}: cannot write there ({exc.strerror})") from None

    def close(self) -> None:
        if self.fd is not None:
            try:
                os.fsync(self.fd)
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None


class _StdoutSink:
    def write(self, line: str) -> None:
        sys.stdout.write(line)
        sys.stdout.flush()

    def close(self) -> None:
        pass


def extract_corpus(inputs: Sequence[str | Path], output: str | Path | None,
                   nlp: "Language | Callable[[], Language]",
                   published: dt.date | None = None, jobs: int = 1, batch_size: int = 16,
                   progress: IO[str] | None = None,
                   on_note: Callable[[str], None] | None = None, anchoring: str = "auto") -> CorpusReport:
    """Extract every document of `inputs` as JSON Lines into `output` (standard output if None).

    Each document's "path" is written absolute, so a run resumed from any folder skips the
    documents already in `output`; a truncated last line left by an interrupted run is removed
    first. `jobs` is capped at the cores there are (said through `on_note`). Lines are written
    whole, one by one, so memory does not grow with the number of documents, and a file in which
    nothing could be written is not created. `nlp` may be a function giving the model: it is then
    called only once the output has been checked and there is something to do.
    """
    note = on_note or _quiet
    paths = [p.absolute() for p in find_documents(inputs, note)]
    report = CorpusReport()
    started = time.monotonic()
    cores = available_cores()
    if jobs > cores:
        note(f"--jobs {jobs}: this machine has {cores} core(s); using {cores}")
        jobs = cores
    report.jobs = jobs
    sink: _LineSink | _StdoutSink
    if output is not None:
        target = Path(output)
        check_writable(target)
        done = repair_jsonl(target)
        todo = [p for p in paths if same_file_key(p) not in done]
        report.skipped = len(paths) - len(todo)
        sink = _LineSink(target)
    else:
        todo, sink = paths, _StdoutSink()
    if todo and not hasattr(nlp, "pipe"):
        nlp = nlp()
    bar = ProgressBar(len(paths), progress)
    bar.update(report.skipped, force=True)
    try:
        for x in iter_extractions(todo, nlp, published, jobs, batch_size, report.failed, anchoring):
            sink.write(json.dumps(x.to_dict(), ensure_ascii=False) + "\n")
            report.written += 1
            for n in x.notes:
                bar.clear()
                note(f"{x.path}: {n}")
            bar.update(report.skipped + report.written + len(report.failed))
    finally:
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
    text = read_source(source).text
    digest, length = d.get("text_sha256"), d.get("text_length")
    if (digest is not None and text_digest(text) != digest) or (length is not None and len(text) != length):
        raise UserError(f"{d['path']}: has changed since it was extracted (its text is not the one the "
                        "offsets refer to); extract it again")
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
