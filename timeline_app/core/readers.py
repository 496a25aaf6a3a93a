"""Reading what users bring (text in any common encoding, saved web pages, PDF, Word) into one text.

Each reader returns a `SourceText`: the text every offset of the extraction
refers to, plus what the file itself says about its title, author and
publication date.  The well-kept library of each format does the reading:
charset-normalizer (encodings), trafilatura + htmldate (web pages: the
article body only, and the publication date from the page's metadata),
pdfminer.six (PDF: its layout analysis gives the paragraphs) and
python-docx (Word).  Nothing is ever fetched: the HTML readers get the
markup as a string and never a URL.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from timeline_app.core.errors import UserError
from timeline_app.core.model import PublicationDate

#: Files larger than this are not articles; refuse them rather than freeze.
MAX_BYTES = 20_000_000

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
#: Short Western texts fit several single-byte code pages equally well; charset-normalizer
#: then names any of them (cp1250, cp1257...).  The model reads English, so among the
#: candidates that decode as cleanly (within this much "chaos"), these win, in this order.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
_CHAOS_SLACK = 0.1
_NAMES = {"utf_8": "UTF-8", "utf_16": "UTF-16", "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE",
          "utf_32": "UTF-32", "cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859_15": "Latin-9"}


@dataclass(frozen=True)
class SourceText:
    """A document read from a file: its text and what the file says about itself."""

    text: str  # newlines normalised: every offset refers to this
    kind: str = "text"  # text | html | pdf | docx
    title: str = ""
    author: str = ""
    #: the date the file's metadata gives as its publication (web pages): beats the text
    published: PublicationDate | None = None
    #: the file's creation date (PDF, Word), or htmldate's guess that no metadata of the page
    #: states: used only when nothing better (a dateline, the file name) is found
    created: PublicationDate | None = None
    notes: tuple[str, ...] = ()  # what the reader had to do, for the user


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`: the text every offset refers to."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- encodings ---------------------------------------------------------------------------

def _decoded(data: bytes, codec: str, label: str, detected: bool = False) -> tuple[str, tuple[str, ...]]:
    text = data.decode(codec, errors="replace")
    notes = []
    if detected:
        notes.append(f"read as {label} (detected; the file does not say its encoding)")
    bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    if bad:
        first = text.index("\ufffd")
        line = text.count("\n", 0, first) + 1
        notes.append(f"{bad} undecodable byte{'s' if bad > 1 else ''} in {label} replaced by "
                     f"'\ufffd' (first on line {line})")
    return text, tuple(notes)


def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, tuple[str, ...]]:
    """The text of `data` and notes on how it was decoded.

    A byte-order mark decides; else strict UTF-8; else UTF-8 with a few damaged bytes
    (more valid multi-byte characters than bad bytes) keeps its good characters and
    replaces only the bad ones; else charset-normalizer's detection.  Binary data is a
    UserError.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decoded(data[len(bom):], codec, label)
    if b"\x00" not in data:  # (UTF-16 and UTF-32 without a BOM have NULs and go to detection)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            lenient = data.decode("utf-8", errors="replace")
            bad = lenient.count("\ufffd")
            good = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
            if good > bad:
                return _decoded(data, "utf-8", "UTF-8")
        else:
            if _is_binary(text):
                raise UserError(f"{name}: is a binary file, not a text document")
            return text, ()
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        if b"\x00" in data:
            raise UserError(f"{name}: is a binary file, not a text document")
        return _decoded(data, "utf-8", "UTF-8")
    best = matches[0]
    codec = best.encoding
    for wanted in _PREFERRED:
        if any(wanted in m.could_be_from_charset and m.chaos <= best.chaos + _CHAOS_SLACK for m in matches):
            codec = wanted
            break
    text, notes = _decoded(data, codec, _NAMES.get(codec, codec), detected=True)
    if _is_binary(text):
        raise UserError(f"{name}: is a binary file, not a text document")
    return text, notes


#: The control characters other than tab, newlines and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _is_binary(text: str) -> bool:
    """NUL or more than 1 in 100 control characters (other than tab, newlines, form feed)."""
    head = text[:65536]
    return "\x00" in text or len(_CONTROL.findall(head)) > len(head) / 100


# --- web pages -------------------------------------------------------------------------

_HTML = re.compile(r"<\s*(html|body|p|div|article|meta)\b", re.I)
#: Where a page states its date, in the order htmldate trusts them; each is named in the result.
_META_KEYS = ("article:published_time", "og:published_time", "datepublished", "publishdate", "pubdate",
              "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
              "parsely-pub-date", "citation_publication_date", "article.published", "article:modified_time",
              "datemodified", "last-modified")
_JSON_LD_DATE = re.compile(r'"(datePublished|dateCreated|uploadDate|dateModified)"\s*:\s*"([^"]{4,40})"')
_ISO = re.compile(r"((?:1[0-9]|20)\d\d)-(\d\d)-(\d\d)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?:/|\b)")


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text[:5000]))


def _as_date(value: str) -> dt.date | None:
    """A date written in a metadata value: ISO first, then 'May 10, 2017' and the like."""
    from timeline_app.core.published import date_in_text

    if m := _ISO.search(value):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return date_in_text(value)


def _date_evidence(tree, markup: str, day: dt.date) -> tuple[str, str]:
    """(source, evidence) of the page element stating `day`: the meta key, JSON-LD, <time> or URL."""
    metas = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").lower()
        if key and el.get("content"):
            metas.setdefault(key, el.get("content"))
    for key in _META_KEYS:
        if key in metas and _as_date(metas[key]) == day:
            return "html-meta", key
    for key, value in metas.items():
        if "date" in key or "time" in key or "published" in key:
            if _as_date(value) == day:
                return "html-meta", key
    for m in _JSON_LD_DATE.finditer(markup):
        if _as_date(m.group(2)) == day:
            return "json-ld", m.group(1)
    for el in tree.iter("time"):
        if _as_date(el.get("datetime") or el.text_content() or "") == day:
            return "html-time", f"<time datetime=\"{el.get('datetime')}\">" if el.get("datetime") else "<time>"
    for el in tree.iter("link"):
        href = el.get("href") or ""
        if (el.get("rel") or "").lower() == "canonical" and (m := _URL_DATE.search(href)):
            if _as_date("-".join(f"{int(g):02d}" for g in m.groups())) == day:
                return "url", href
    return "htmldate", "the page"


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_MODIFIED = ("article:modified_time", "datemodified", "last-modified", "og:updated_time")


def _original_before(tree, markup: str, modified: dt.date) -> tuple[dt.date, str, str] | None:
    """An original date the page states (JSON-LD datePublished/dateCreated, else its first
    `<time datetime>`) not after the modification date htmldate fell back on."""
    for m in _JSON_LD_DATE.finditer(markup):
        if m.group(1) in ("datePublished", "dateCreated") and (day := _as_date(m.group(2))) and day <= modified:
            return day, "json-ld", m.group(1)
    for el in tree.iter("time"):
        if (value := el.get("datetime")) and (day := _as_date(value)) and day <= modified:
            return day, "html-time", f"<time datetime=\"{value}\">"
    return None


def read_html(markup: str) -> SourceText:
    """The article body of a web page (no navigation, scripts, comments, related links, footer),
    its title and author, and the publication date its metadata states (htmldate)."""
    import htmldate
    import trafilatura
    from lxml import html as lxml_html

    markup = _XML_DECLARATION.sub("", normalise_newlines(markup), count=1)  # lxml refuses it in a str
    try:
        tree = lxml_html.fromstring(markup)
    except Exception:  # lxml raises a handful of types on broken pages  # noqa: BLE001
        tree = None
    body = trafilatura.extract(markup, output_format="txt", include_comments=False, include_tables=True,
                               include_images=False, include_links=False, deduplicate=False,
                               favor_recall=True, with_metadata=False) or ""
    if not body and tree is not None:  # too short for trafilatura (a fragment): its visible text
        for el in tree.xpath("//script|//style|//noscript|//template|//head|//nav|//footer|//aside"):
            el.drop_tree()
        body = tree.text_content()
    paragraphs = [" ".join(line.split()) for line in body.split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    meta = trafilatura.extract_metadata(markup)
    title = " ".join((meta.title or "").split()) if meta else ""
    author = " ".join((meta.author or "").split()) if meta else ""
    published = guessed = None
    found = htmldate.find_date(markup, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    if found and tree is not None:
        day = dt.date.fromisoformat(found)
        source, evidence = _date_evidence(tree, markup, day)
        if evidence.lower() in _MODIFIED and (original := _original_before(tree, markup, day)):
            day, source, evidence = original
        if source == "htmldate":  # no metadata states it (a date in a link or a footer?): a last resort
            guessed = PublicationDate(day, source, evidence)
        else:
            published = PublicationDate(day, source, evidence)
    notes = () if text else ("the page has no article text that could be told from its navigation",)
    return SourceText(text, "html", title=title[:200], author=author[:200], published=published,
                      created=guessed, notes=notes)


# --- PDF --------------------------------------------------------------------------------

_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)?(\d\d)?")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


def _pdf_creation_date(info: dict) -> dt.date | None:
    raw = info.get("CreationDate")
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1", errors="replace")
    if isinstance(raw, str) and (m := _PDF_DATE.search(raw)):
        try:
            return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        except ValueError:
            return None
    return None


#: What tools write in a file's title or author field when nobody gave one (reportlab's
#: "(anonymous)", python-docx's "python-docx", Word's "Microsoft Word - draft.docx" prefix).
_PLACEHOLDER_NAMES = {"(anonymous)", "anonymous", "(unspecified)", "unspecified", "untitled", "unknown",
                      "python-docx", "author", "title", "user"}
_TOOL_PREFIX = re.compile(r"^microsoft (?:word|powerpoint) - ", re.IGNORECASE)


def metadata_name(value: str) -> str:
    """A title or author from a file's metadata, '' when it is a tool's placeholder."""
    value = _TOOL_PREFIX.sub("", " ".join(value.split()))[:200]
    return "" if value.lower() in _PLACEHOLDER_NAMES else value


def _pdf_string(value) -> str:
    if isinstance(value, bytes):
        if value.startswith(codecs.BOM_UTF16_BE):
            return value[2:].decode("utf-16-be", errors="replace")
        return value.decode("latin-1", errors="replace")
    return value if isinstance(value, str) else ""


def _paragraph(box_text: str) -> str:
    """The lines of one text box as one paragraph: a hyphen at a line end joins a word."""
    lines = [line.strip() for line in box_text.split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out.endswith("-") and line[:1].islower() and out[-2:-1].isalpha():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def read_pdf(data: bytes, name: str = "the file") -> SourceText:
    """The text of a PDF, one paragraph per text block of pdfminer.six's layout analysis.

    Running headers and footers (the same line on several pages, page numbers) are left out.
    """
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psexceptions import PSException

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UserError(f"{name}: is damaged or not a PDF (no PDF header)")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        if not document.is_extractable:
            raise UserError(f"{name}: its author forbids text extraction (PDF permissions)")
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        pages: list[list[str]] = []
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            layout = device.get_result()
            pages.append([p for box in layout if isinstance(box, LTTextBox) and (p := _paragraph(box.get_text()))])
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UserError(f"{name}: is encrypted (password-protected); save an unprotected copy") from None
    except UserError:
        raise
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, EOFError, OverflowError, ZeroDivisionError):
        raise UserError(f"{name}: is damaged; its text cannot be read") from None
    if not pages:
        raise UserError(f"{name}: is damaged; it has no pages")
    if not any(pages):
        raise UserError(f"{name}: has no text layer (scanned images?); run OCR on it first")
    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line)

    def edges(page: list[str]) -> list[str]:
        return [p for p in {page[0], page[-1]} if len(p) < 120] if page else []
    seen: dict[str, int] = {}
    for page in pages:
        for key in {shape(p) for p in edges(page)}:
            seen[key] = seen.get(key, 0) + 1
    running = {k for k, n in seen.items() if n >= 2}  # the same first or last line on several pages
    paragraphs = [p for page in pages for i, p in enumerate(page)
                  if not ((i == 0 or i == len(page) - 1) and (shape(p) in running or _PAGE_NUMBER.match(p)))]
    info = document.info[0] if document.info else {}
    created = _pdf_creation_date(info)
    return SourceText("\n\n".join(paragraphs), "pdf", title=metadata_name(_pdf_string(info.get("Title"))),
                      author=metadata_name(_pdf_string(info.get("Author"))),
                      created=PublicationDate(created, "pdf-metadata", "CreationDate") if created else None)


# --- Word -------------------------------------------------------------------------------

def read_docx(data: bytes, name: str = "the file") -> SourceText:
    """The paragraphs (and table cells) of a Word .docx file, its title, author and creation date."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(f"{name}: is encrypted (password-protected) or an old binary .doc; "
                        "save it as an unprotected .docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UserError(f"{name}: is damaged or not a Word (.docx) document") from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends from a broken part  # noqa: BLE001
        raise UserError(f"{name}: is damaged ({type(exc).__name__})") from None
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [" ".join(c.text.split()) for c in row.cells]
            paragraphs.append(" | ".join(c for c in dict.fromkeys(cells) if c))
    props = document.core_properties
    created = props.created.date() if isinstance(props.created, dt.datetime) else None
    return SourceText("\n\n".join(p for p in paragraphs if p), "docx", title=metadata_name(props.title or ""),
                      author=metadata_name(props.author or ""),
                      created=PublicationDate(created, "docx-metadata", "created") if created else None)


# --- any file ---------------------------------------------------------------------------

def read_text(text: str) -> SourceText:
    """A document given as a string (the API, the window's paste): HTML or plain text."""
    text = normalise_newlines(text)
    return read_html(text) if looks_like_html(text) else SourceText(text)


def file_bytes(p: Path) -> bytes:
    """The bytes of document file `p`; UserError for a missing, folder, unreadable or too large one."""
    if not p.exists():
        raise UserError(f"{p}: no such file")
    if p.is_dir():
        raise UserError(f"{p}: is a folder, not a document")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UserError(f"{p}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise UserError(f"{p}: too large for an article ({len(data) // 1_000_000} MB)")
    return data


#: A document's publication date kept next to it, in a file of the same name ending in `.dct`
#: (`story.txt` and `story.dct`), as corpora of TimeML texts are laid out: one ISO date.
SIDECAR_SUFFIX = ".dct"
_SIDECAR_DATE = re.compile(r"\s*(\d{4}-\d\d-\d\d)\s*")


def read_sidecar(p: Path) -> tuple[PublicationDate | None, tuple[str, ...]]:
    """(the publication date in `p`'s sidecar file, notes): (None, ()) when there is none; a sidecar
    that holds no date is said in a note and ignored."""
    side = p.with_suffix(SIDECAR_SUFFIX)
    if side == p or not side.is_file():
        return None, ()
    try:
        raw = side.read_bytes()[:100].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raw = ""
    if m := _SIDECAR_DATE.fullmatch(raw):
        try:
            return PublicationDate(dt.date.fromisoformat(m.group(1)), "sidecar", side.name), ()
        except ValueError:
            pass
    return None, (f"{side}: not a publication date (one date, YYYY-MM-DD); ignored",)


def read_source(path: str | Path, sidecar: bool = True) -> SourceText:
    """Read any supported file: .pdf, .docx, else text or HTML in whatever encoding it is in.
    A publication date in a sidecar file (`read_sidecar`) beats what the file itself says
    (`sidecar=False`: what the file says alone)."""
    p = Path(path)
    source = _read_file(p)
    if not source.text.strip():
        raise UserError(f"{p.name}: holds no text; there is nothing in it to put on a timeline")
    if not sidecar:
        return source
    published, notes = read_sidecar(p)
    if published is not None or notes:
        source = replace(source, published=published or source.published, notes=source.notes + notes)
    return source


def _read_file(p: Path) -> SourceText:
    data = file_bytes(p)
    suffix = p.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return read_pdf(data, str(p))
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]):
        return read_docx(data, str(p))
    text, notes = decode_bytes(data, str(p))
    source = read_text(text)
    return replace(source, notes=notes + source.notes) if notes else source
