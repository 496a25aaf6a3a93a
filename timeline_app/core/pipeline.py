"""From a document to an Extraction: publication date, NLP, timexes, events."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core.document import guess_title, looks_like_html, normalise_newlines, read_document
from timeline_app.core.errors import UserError
from timeline_app.core.events import find_events
from timeline_app.core.model import Extraction, PublicationDate
from timeline_app.core.nlp import load_model
from timeline_app.core.published import detect_publication_date
from timeline_app.core.dates.tagger import tag_timexes

if TYPE_CHECKING:
    from spacy.language import Language

#: spaCy's parser needs about 1 GB per 100,000 characters; its own default limit is this.
MAX_CHARS = 1_000_000
NO_DATE_NOTE = ("no publication date found: relative dates ('last week') stay unresolved; "
                "give it with --published YYYY-MM-DD (or Document > Set Publication Date)")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, paragraphs on their own lines."""
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|h[1-6]|li|tr|article|section)>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def resolve_publication(text: str, published: dt.date | None, source: str | None) -> PublicationDate | None:
    if published is not None:
        return PublicationDate(published, "option", "given by the user")
    return detect_publication_date(text, source)


def extract(text: str, published: dt.date | None = None, *, source: str | None = None,
            nlp: "Language | None" = None, anchoring: str = "auto") -> Extraction:
    """Resolved temporal expressions and their events for one document's text; `anchoring` is
    'auto', 'news' or 'narrative' (see `timeline_app.core.dates.anchoring`)."""
    text, pub, title = prepare_text(text, published, source)
    return extract_parsed((nlp or load_model())(text), pub, source=source, title=title, anchoring=anchoring)


def prepare_text(text: str, published: dt.date | None = None, source: str | None = None
                 ) -> tuple[str, PublicationDate | None, str]:
    """What the NLP reads (HTML turned into text), the publication date and the title of a document."""
    text = normalise_newlines(text)
    pub = resolve_publication(text, published, source)
    title = guess_title(text)
    if looks_like_html(text):
        text = html_to_text(text)
        title = title or guess_title(text)
    if len(text) > MAX_CHARS:
        raise UserError(f"{source or 'the text'}: too long for one article ({len(text):,} characters; "
                        f"the limit is {MAX_CHARS:,}): split it into several files")
    return text, pub, title


def extract_parsed(doc, pub: PublicationDate | None, *, source: str | None = None,
                   title: str = "", anchoring: str = "auto") -> Extraction:
    """The extraction of an already parsed spaCy Doc (corpus mode parses in batches)."""
    doc.user_data["publication_date"] = pub.date if pub else None
    timexes = tag_timexes(doc, pub.date if pub else None, anchoring)
    events = find_events(doc, timexes)
    name = Path(source).name if source else "document"
    notes = () if pub else (NO_DATE_NOTE,)
    return Extraction(id=Path(name).stem, text=doc.text, path=source, title=title or guess_title(doc.text),
                      published=pub, timexes=tuple(timexes), events=tuple(events), notes=notes,
                      anchoring=anchoring)


def extract_file(path: str | Path, published: dt.date | None = None, nlp: "Language | None" = None,
                 anchoring: str = "auto") -> Extraction:
    """Read `path` and extract it; UserError for files that cannot be read."""
    text, _ = read_document(path)
    return extract(text, published, source=str(path), nlp=nlp, anchoring=anchoring)
