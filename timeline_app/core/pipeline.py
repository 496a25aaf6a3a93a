"""From a document to an Extraction: publication date, NLP, timexes, events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core.document import guess_title
from timeline_app.core.errors import UserError
from timeline_app.core.component import annotate, is_annotated
from timeline_app.core.model import Extraction, PublicationDate
from timeline_app.core.nlp import load_model
from timeline_app.core.published import detect_publication_date
from timeline_app.core.readers import SourceText, read_source, read_text

if TYPE_CHECKING:
    from spacy.language import Language

#: spaCy's parser needs about 1 GB per 100,000 characters; its own default limit is this.
MAX_CHARS = 1_000_000
NO_DATE_NOTE = ("no publication date found: relative dates ('last week') stay unresolved; "
                "give it with --published YYYY-MM-DD (or Document > Set Publication Date)")


def resolve_publication(text: str, published: dt.date | None, source: str | None,
                        read: SourceText | None = None) -> PublicationDate | None:
    """The given date; else what the page's metadata states; else the text's own (URL, dateline,
    file name); else the file's creation date (PDF, Word)."""
    if published is not None:
        return PublicationDate(published, "option", "given by the user")
    if read is not None and read.published is not None:
        return read.published
    return detect_publication_date(text, source) or (read.created if read is not None else None)


def extract(text: str, published: dt.date | None = None, *, source: str | None = None,
            nlp: "Language | None" = None) -> Extraction:
    """Resolved temporal expressions and their events for one document's text (plain or HTML)."""
    return extract_source(read_text(text), published, source=source, nlp=nlp)


def extract_source(read: SourceText, published: dt.date | None = None, *, source: str | None = None,
                   nlp: "Language | None" = None) -> Extraction:
    """The extraction of a document read by one of `core.readers`."""
    text, pub, meta = prepare_source(read, published, source)
    nlp = nlp or load_model()
    doc = nlp.make_doc(text)
    doc._.published = pub.date if pub else None  # read by the timeline_dates component
    return extract_parsed(nlp(doc), pub, source=source, **meta)


def prepare_text(text: str, published: dt.date | None = None, source: str | None = None
                 ) -> tuple[str, PublicationDate | None, str]:
    """What the NLP reads (HTML turned into its article text), the publication date and the title."""
    text, pub, meta = prepare_source(read_text(text), published, source)
    return text, pub, meta["title"]


def prepare_source(read: SourceText, published: dt.date | None = None, source: str | None = None
                   ) -> tuple[str, PublicationDate | None, dict]:
    """(text, publication date, {title, author, notes}) of a read document; too long is a UserError."""
    text = read.text
    if len(text) > MAX_CHARS:
        raise UserError(f"{source or 'the text'}: too long for one article ({len(text):,} characters; "
                        f"the limit is {MAX_CHARS:,}): split it into several files")
    pub = resolve_publication(text, published, source, read)
    title = read.title or guess_title(text)
    return text, pub, {"title": title, "author": read.author, "notes": read.notes}


def extract_parsed(doc, pub: PublicationDate | None, *, source: str | None = None,
                   title: str = "", author: str = "", notes: tuple[str, ...] = ()) -> Extraction:
    """The extraction of an already parsed spaCy Doc (corpus mode parses in batches)."""
    published = pub.date if pub else None
    if not is_annotated(doc, published):  # parsed without the component, or for another date
        annotate(doc, published)
    timexes, events = doc._.timexes, doc._.events
    name = Path(source).name if source else "document"
    notes = tuple(notes) + (() if pub else (NO_DATE_NOTE,))
    return Extraction(id=Path(name).stem, text=doc.text, path=source, title=title or guess_title(doc.text),
                      author=author, published=pub, timexes=tuple(timexes), events=tuple(events), notes=notes)


def extract_file(path: str | Path, published: dt.date | None = None, nlp: "Language | None" = None) -> Extraction:
    """Read `path` (text, HTML, PDF, Word) and extract it; UserError for files that cannot be read."""
    return extract_source(read_source(path), published, source=str(path), nlp=nlp)
