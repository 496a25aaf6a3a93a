"""From a document to an Extraction: publication date, NLP, timexes, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core.component import NAME, annotate, is_annotated
from timeline_app.core.document import MAX_BYTES, guess_title
from timeline_app.core.errors import UserError
from timeline_app.core.model import CREATION_SOURCES, Extraction, PublicationDate
from timeline_app.core.nlp import load_model
from timeline_app.core.published import detect_publication_date
from timeline_app.core.readers import SourceText, read_source, read_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The longest text taken at all, checked before any pattern reads it (the same as files on disk).
MAX_CHARS = MAX_BYTES
#: Texts longer than this are parsed in chunks of whole paragraphs: spaCy's memory grows with the
#: length of what it parses at once (3.1 GB for 965,000 characters in one piece).
CHUNK_CHARS = 20_000

#: Called with (characters parsed, characters in all) while a long text is parsed; it may raise
#: `Cancelled` to stop.
Progress = Callable[[int, int], None]
NO_DATE_NOTE = ("no publication date found: relative dates ('last week') stay unresolved; "
                "give it with --published YYYY-MM-DD (or Document > Set Publication Date)")


def unconfirmed_note(pub: PublicationDate) -> str:
    """What a publication date taken from a file's creation date needs said: it is a guess."""
    made = {"pdf-metadata": "the PDF's", "docx-metadata": "the Word file's"}.get(pub.source, "the file's")
    return (f"publication date unconfirmed: {pub.date.isoformat()} is {made} creation date, which says when "
            "the file was made, not when the text was published; give the right one with --published "
            "YYYY-MM-DD (or Document > Set Publication Date)")


def resolve_publication(text: str, published: dt.date | None, source: str | None,
                        read: SourceText | None = None) -> PublicationDate | None:
    """The given date; else a sidecar file's or what the page's metadata states; else the text's own
    (URL, dateline, file name); else the file's creation date (PDF, Word), a guess (`unconfirmed_note`)."""
    if published is not None:
        return PublicationDate(published, "option", "given by the user")
    if read is not None and read.published is not None:
        return read.published
    return detect_publication_date(text, source) or (read.created if read is not None else None)


def check_arguments(text: object, published: object, source: object) -> None:
    """TypeError/ValueError for arguments the API cannot take, before any work is done."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if published is not None and (not isinstance(published, dt.date) or isinstance(published, dt.datetime)):
        hint = " (use datetime.date.fromisoformat)" if isinstance(published, str) else ""
        raise TypeError(f"published must be a datetime.date or None, not {type(published).__name__}{hint}")
    if source is not None and not isinstance(source, (str, Path)):
        raise TypeError(f"source must be a str, a Path or None, not {type(source).__name__}")
    if len(text) > MAX_CHARS:
        raise ValueError(f"text too long: {len(text):,} characters (the limit is {MAX_CHARS:,})")


def extract(text: str, published: dt.date | None = None, *, source: str | None = None,
            nlp: "Language | None" = None, progress: Progress | None = None,
            anchoring: str = "auto") -> Extraction:
    """Resolved temporal expressions and their events for one document's text; `anchoring` is
    'auto', 'news' or 'narrative' (see `timeline_app.core.dates.anchoring`).

    A long text is parsed in chunks of paragraphs, reporting to `progress` after each.
    """
    check_arguments(text, published, source)
    source = None if source is None else str(source)
    return extract_source(read_text(text), published, source=source, nlp=nlp, progress=progress,
                          anchoring=anchoring)


def extract_source(read: SourceText, published: dt.date | None = None, *, source: str | None = None,
                   nlp: "Language | None" = None, progress: Progress | None = None,
                   anchoring: str = "auto") -> Extraction:
    """The extraction of a document read by one of `core.readers`."""
    text, pub, meta = prepare_source(read, published, source)
    doc = parse(nlp or load_model(), text, progress, published=pub.date if pub else None, anchoring=anchoring)
    return extract_parsed(doc, pub, source=source, anchoring=anchoring, text=text, **meta)


def paragraph_chunks(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans covering `text` end to end, each at most `size` characters where possible,
    cut after a blank line, else after a line break, a sentence end or a space."""
    size = size or CHUNK_CHARS
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit, floor = start + size, start + size // 4
        for separator in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(separator, floor, limit)
            if cut != -1:
                end = cut + len(separator)
                break
        else:
            end = limit
        while end < n and text[end] == "\n":  # a run of blank lines stays with the paragraph before
            end += 1
        spans.append((start, end))
        start = end
    if start < n or not spans:
        spans.append((start, n))
    return spans


def parse(nlp: "Language", text: str, progress: Progress | None = None,
          chunk_chars: int | None = None, published: dt.date | None = None,
          anchoring: str = "auto") -> "Doc":
    """`nlp(text)`, the timeline_dates component reading `published` and `anchoring`; a text
    longer than `chunk_chars` (default `CHUNK_CHARS`) is parsed chunk by chunk
    (`paragraph_chunks`) and the chunks joined into one Doc over the same text, so memory stays
    bounded (the component then runs on the whole, in `extract_parsed`)."""
    chunk_chars = chunk_chars or CHUNK_CHARS
    if len(text) <= chunk_chars:
        doc = nlp.make_doc(text)
        doc._.published = published
        doc._context = {"anchoring": anchoring, "text": text}  # what nlp.pipe(as_tuples=True) gives the component
        doc = nlp(doc)
        doc._context = None
        return doc
    from spacy.tokens import Doc

    spans = paragraph_chunks(text, chunk_chars)
    docs = []
    if progress is not None:
        progress(0, len(text))
    for (_, end), doc in zip(spans, nlp.pipe((text[a:b] for a, b in spans), batch_size=1, disable=[NAME])):
        docs.append(doc)
        if progress is not None:
            progress(end, len(text))
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=("tensor", "user_data"))


def prepare_source(read: SourceText, published: dt.date | None = None, source: str | None = None
                   ) -> tuple[str, PublicationDate | None, dict]:
    """(text, publication date, {title, author, notes}) of a read document; too long is a UserError."""
    text = read.text
    if len(text) > MAX_CHARS:
        raise UserError(f"{source or 'the text'}: too long ({len(text):,} characters; "
                        f"the limit is {MAX_CHARS:,}): split it into several files")
    pub = resolve_publication(text, published, source, read)
    title = read.title or guess_title(text)
    return text, pub, {"title": title, "author": read.author, "notes": read.notes}


def extract_parsed(doc, pub: PublicationDate | None, *, source: str | None = None,
                   title: str = "", author: str = "", notes: tuple[str, ...] = (),
                   anchoring: str = "auto", text: str | None = None) -> Extraction:
    """The extraction of an already parsed spaCy Doc (corpus mode parses in batches); `text`, if
    given, is the text `doc` was made from (spaCy joins `doc.text` anew from every token)."""
    published = pub.date if pub else None
    if not is_annotated(doc, published, anchoring):  # parsed without the component, or for another date
        annotate(doc, published, anchoring, text)
    timexes, events = doc._.timexes, doc._.events
    name = Path(source).name if source else "document"
    notes = tuple(notes) + (() if pub else (NO_DATE_NOTE,)) + (
        (unconfirmed_note(pub),) if pub and pub.source in CREATION_SOURCES else ())
    text = doc.text if text is None else text
    return Extraction(id=Path(name).stem, text=text, path=source, title=title or guess_title(text),
                      author=author, published=pub, timexes=tuple(timexes), events=tuple(events), notes=notes,
                      anchoring=anchoring)


def extract_file(path: str | Path, published: dt.date | None = None, nlp: "Language | None" = None,
                 progress: Progress | None = None, anchoring: str = "auto") -> Extraction:
    """Read `path` (text, HTML, PDF, Word) and extract it; UserError for files that cannot be read."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a str or a Path, not {type(path).__name__}")
    return extract_source(read_source(path), published, source=str(path), nlp=nlp, progress=progress,
                          anchoring=anchoring)
