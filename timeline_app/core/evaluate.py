"""Scoring the extractor on TimeML corpora, the TempEval-3 way.

Strict match: identical span.  Relaxed match: any overlap, paired one to one.
Type and value accuracy are counted over relaxed matches (value compared as a
string); value F1 = relaxed F1 x value accuracy, which TempEval-3 ranked by.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from timeline_app.core.document import normalise_newlines
from timeline_app.core.errors import UserError

TYPES = ("DATE", "TIME", "DURATION", "SET")

#: Notations some corpora use for values that standard TimeML writes otherwise.
_CANONICAL = (
    (re.compile(r"^(\d{4}-\d\d-\d\d)-WXX-\d"), r"\1"),      # 2014-05-04-WXX-7 -> 2014-05-04
    (re.compile(r"^(\d{4})-XX-XX$"), r"\1"),                    # 2014-XX-XX -> 2014
    (re.compile(r"^(\d{4})-\d\d-(W\d\d)$"), r"\1-\2"),        # 2015-01-W02 -> 2015-W02
    (re.compile(r"T:(\d\d:\d\d)"), r"T\1"),                    # 2012-05-15T:07:30 -> T07:30
    (re.compile(r"^(\d{4}-W)(\d)$"), r"\g<1>0\2"),              # 2000-W2 -> 2000-W02
)


def canonical_value(value: str) -> str:
    """The standard TimeML spelling of a value written in a corpus-specific notation."""
    for pattern, replacement in _CANONICAL:
        value = pattern.sub(replacement, value)
    return value


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    id: str
    dct: dt.date | None
    text: str
    timexes: tuple[GoldTimex, ...]


_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: str | Path) -> GoldDocument:
    """Text of <TEXT> (tags stripped, entities decoded) with its TIMEX3s at string offsets."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text (byte {exc.start}); TimeML files are UTF-8") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    dct = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME" and attrs.get("value"):
            try:
                dct = dt.date.fromisoformat(attrs["value"][:10])
            except ValueError:
                dct = None
            break
    body = _TEXT.search(raw)
    if body is None:
        raise UserError(f"{path}: no <TEXT> element, not a TimeML file")
    content = body.group(1)
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(content):
        chunk = normalise_newlines(html.unescape(content[pos:m.start()]))
        pieces.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(m.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            timexes.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    pieces.append(normalise_newlines(html.unescape(content[pos:])))
    text = "".join(pieces)
    timexes = [GoldTimex(t.start, t.end, text[t.start:t.end], t.type, t.value) for t in timexes]
    return GoldDocument(Path(path).stem.removesuffix(".tml"), dct, text, tuple(sorted(timexes, key=lambda t: t.start)))


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    # matches counted by the system item's type, for per-type precision
    strict_sys: int = -1
    relaxed_sys: int = -1

    def scores(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        strict_sys = self.strict if self.strict_sys < 0 else self.strict_sys
        relaxed_sys = self.relaxed if self.relaxed_sys < 0 else self.relaxed_sys
        sp = strict_sys / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        rp = relaxed_sys / self.system if self.system else 0.0
        rr = self.relaxed / self.gold if self.gold else 0.0
        rf = f1(rp, rr)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr),
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "value_accuracy": value_acc, "value_f1": rf * value_acc,
            "gold": self.gold, "system": self.system,
        }


@dataclass
class Report:
    corpus: str
    documents: int = 0
    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts(strict_sys=0, relaxed_sys=0) for t in TYPES})
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"corpus": self.corpus, "documents": self.documents, "overall": self.overall.scores(),
                "by_type": {t: c.scores() for t, c in self.by_type.items()}}


def score_document(gold: Iterable[GoldTimex], system: Iterable, doc_id: str, report: Report,
                   canonical: bool = False) -> None:
    """Pair system and gold items one to one by overlap and add the counts to `report`.

    With `canonical`, values are compared after `canonical_value` (same date, other notation).
    """
    same_value = (lambda a, b: canonical_value(a) == canonical_value(b)) if canonical else str.__eq__
    gold, system = list(gold), list(system)
    used: set[int] = set()
    matched_gold: set[int] = set()
    report.overall.gold += len(gold)
    report.overall.system += len(system)
    def per_type(name: str) -> Counts:
        return report.by_type.setdefault(name, Counts(strict_sys=0, relaxed_sys=0))

    for g in gold:
        per_type(g.type).gold += 1
    for s in system:
        per_type(s.type).system += 1
    for gi, g in enumerate(gold):
        best = None
        for si, s in enumerate(system):
            if si in used or not (s.start < g.end and g.start < s.end):
                continue
            exact = s.start == g.start and s.end == g.end
            if best is None or exact:
                best = si
                if exact:
                    break
        if best is None:
            report.errors.append(f"{doc_id}\tMISSED\t{g.text!r}\t{g.type} {g.value}")
            continue
        used.add(best)
        matched_gold.add(gi)
        s = system[best]
        exact = s.start == g.start and s.end == g.end
        for c in (report.overall, per_type(g.type)):
            c.relaxed += 1
            c.strict += exact
            c.type_ok += s.type == g.type
            c.value_ok += same_value(s.value or "", g.value)
        per_type(s.type).relaxed_sys += 1
        per_type(s.type).strict_sys += exact
        if not same_value(s.value or "", g.value) or s.type != g.type:
            report.errors.append(f"{doc_id}\tVALUE\t{g.text!r} -> {s.text!r}\tgold {g.type} {g.value}"
                                 f"\tsystem {s.type} {s.value}\t[{getattr(s, 'rule', '')}]")
        elif (s.start, s.end) != (g.start, g.end):
            report.errors.append(f"{doc_id}\tSPAN\tgold {g.text!r}\tsystem {s.text!r}")
    for si, s in enumerate(system):
        if si not in used:
            report.errors.append(f"{doc_id}\tSPURIOUS\t{s.text!r}\t{s.type} {s.value}\t[{getattr(s, 'rule', '')}]")


def evaluate_corpus(folder: str | Path, model: str | None = None, canonical: bool = False,
                    anchoring: str = "auto") -> Report:
    """Run the extractor over every .tml file under `folder` (its DCT as publication date)."""
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_parsed
    from timeline_app.core.model import PublicationDate

    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"{folder}: not a folder")
    try:
        files = sorted(root.rglob("*.tml"))
    except OSError as exc:
        raise UserError(f"{folder}: cannot be read ({exc.strerror or exc})") from None
    if not files:
        raise UserError(f"{folder}: no TimeML (.tml) files in it")
    golds = [read_tml(f) for f in files]
    nlp = load_model(model)
    report = Report(str(folder))
    stream = nlp.pipe(((g.text, {"published": g.dct, "anchoring": anchoring}) for g in golds), as_tuples=True,
                      batch_size=16)  # the component dates each document once, as asked
    for gold, (doc, _) in zip(golds, stream):
        pub = PublicationDate(gold.dct, "option") if gold.dct else None
        x = extract_parsed(doc, pub, source=gold.id, anchoring=anchoring)
        score_document(gold.timexes, x.timexes, gold.id, report, canonical)
        report.documents += 1
    return report


def format_report(report: Report, errors: bool = False) -> str:
    lines = [f"{report.corpus}: {report.documents} documents"]
    header = f"{'':10}{'gold':>6}{'sys':>6}  {'strict P/R/F1':>20}  {'relaxed P/R/F1':>20}  {'type':>6}{'value':>7}{'valF1':>7}"
    lines.append(header)

    def row(name: str, c: Counts) -> str:
        s = c.scores()
        pct = lambda x: f"{100 * x:5.1f}"  # noqa: E731
        return (f"{name:10}{s['gold']:>6}{s['system']:>6}  {pct(s['strict_p'])} {pct(s['strict_r'])} "
                f"{pct(s['strict_f1'])}  {pct(s['relaxed_p'])} {pct(s['relaxed_r'])} {pct(s['relaxed_f1'])}"
                f"  {pct(s['type_accuracy'])} {pct(s['value_accuracy'])} {pct(s['value_f1'])}")

    lines.append(row("overall", report.overall))
    for t in TYPES:
        lines.append(row(t, report.by_type.get(t, Counts())))
    if errors:
        lines.append("")
        lines.extend(report.errors)
    return "\n".join(lines)
