"""Reading real files: web pages (trafilatura/htmldate), PDF, Word, and text in any common encoding.

Every file is made here: pages written out, PDFs by reportlab (encrypted by pypdf), Word
files by python-docx.  Offsets are checked against the text: text[start:end].
"""

from __future__ import annotations

import datetime as dt
import io
import socket

import pytest

from timeline_app.core.errors import UserError
from timeline_app.core.pipeline import extract_file
from timeline_app.core.readers import decode_bytes, read_source, read_text

ARTICLE = [
    "The Senate Intelligence Committee on Wednesday issued a subpoena for documents from former national "
    "security adviser Michael Flynn, the first such order in its investigation.",
    "Flynn's lawyers declined a request in April to hand over the records voluntarily. The committee had "
    "asked for them by May 19, and members said last week that patience had run out.",
    "Senator Richard Burr said the panel would hold a public hearing next month and expected to finish "
    "its interviews by the end of the summer.",
    "The White House said on Tuesday that it would cooperate fully with the inquiry.",
]
#: Dates outside the article: none of them may be read as an event or as the publication date.
BOILERPLATE = ["November 8, 2016", "March 3, 2015", "February 13, 2017", "March 30, 2017", "June 2, 2017",
               "December 31, 2018", "2020-01-15", "January 1, 2014"]


def news_page(head_date: str = '<meta property="article:published_time" content="2017-05-10T14:32:00-04:00">',
              byline_time: bool = True) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in ARTICLE)
    time = '<time datetime="2017-05-10T14:32:00-04:00">May 10, 2017</time>' if byline_time else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Senate panel subpoenas Flynn records | The Daily Ledger</title>
{head_date}
<meta property="article:modified_time" content="2017-05-12T09:00:00-04:00">
<meta name="author" content="Jane Porter">
<link rel="stylesheet" href="https://cdn.example.com/2016/01/05/styles.css">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Senate panel subpoenas Flynn records","author":{{"@type":"Person","name":"Jane Porter"}}}}</script>
<script>var t = "January 1, 2014"; document.write("<p>injected</p>");</script>
<script src="https://ads.example.com/tracker.js"></script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li>
<li><a href="/2016/11/08/election-night">Election night: November 8, 2016</a></li></ul></nav>
<div class="ticker">Markets: Dow up 0.4% on March 3, 2015</div></header>
<main><article><h1>Senate panel subpoenas Flynn records</h1>
<p class="byline">By <span class="author">Jane Porter</span> {time}</p>
{body}
<figure><img src="https://images.example.com/flynn.jpg"></figure>
</article>
<aside class="related"><h3>Related</h3><ul>
<li><a href="https://www.dailyledger.example/2017/02/13/flynn-resigns">Flynn resigns, February 13, 2017</a></li>
<li><a href="/2017/03/30/flynn-immunity">Flynn seeks immunity (March 30, 2017)</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><div class="comment"><p>Posted June 2, 2017: about time.</p></div>
</section></main>
<footer><p>&copy; 2019 The Daily Ledger. Updated December 31, 2018.</p></footer>
<!-- cache generated 2020-01-15 -->
</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- web pages -------------------------------------------------------------------------

def test_a_web_page_gives_its_article_body_only(no_network):
    read = read_text(news_page())
    for paragraph in ARTICLE:
        assert paragraph in read.text
    for junk in BOILERPLATE + ["Home", "Related", "Comments", "injected", "Markets", "<", "2019"]:
        assert junk not in read.text
    assert read.title == "Senate panel subpoenas Flynn records"
    assert read.author == "Jane Porter"
    assert read.text.count("\n\n") >= len(ARTICLE) - 1  # paragraphs stay paragraphs


@pytest.mark.parametrize("head,byline_time,source,evidence", [
    ('<meta property="article:published_time" content="2017-05-10T14:32:00-04:00">', True,
     "html-meta", "article:published_time"),
    ('<meta name="date" content="May 10, 2017">', False, "html-meta", "date"),
    ("", True, "html-time", '<time datetime="2017-05-10T14:32:00-04:00">'),
    ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-05-10T14:32:00Z"}</script>',
     False, "json-ld", "datePublished"),
])
def test_the_publication_date_of_a_page_and_where_it_comes_from(head, byline_time, source, evidence, no_network):
    """Not the stylesheet's dated path, the related story's URL, the modified time or the footer."""
    read = read_text(news_page(head, byline_time))
    assert read.published is not None
    assert (read.published.date, read.published.source, read.published.evidence) == (
        dt.date(2017, 5, 10), source, evidence)


def test_a_saved_page_end_to_end_without_network(nlp, tmp_path, no_network):
    page = tmp_path / "flynn.html"
    page.write_text(news_page(), encoding="utf-8")
    x = extract_file(page, nlp=nlp)
    assert x.published.date == dt.date(2017, 5, 10) and x.published.source == "html-meta"
    assert x.title == "Senate panel subpoenas Flynn records" and x.to_dict()["author"] == "Jane Porter"
    for t in x.timexes:
        assert x.text[t.start:t.end] == t.text
    found = {t.text for t in x.timexes}
    assert {"Wednesday", "April", "May 19", "last week", "next month"} <= found
    assert not found & set(BOILERPLATE)
    wednesday = next(t for t in x.timexes if t.text == "Wednesday")
    assert wednesday.value == "2017-05-10"
    # the passage view shows x.text as plain text: nothing of the markup is left to load
    assert "<" not in x.text and "http" not in x.text


def test_a_web_page_reads_back_to_the_same_text(nlp, tmp_path):
    """`open` of a JSON Lines extraction re-reads the page: the offsets must still fit."""
    from timeline_app.core.corpus import extract_corpus, load_extractions

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flynn.html").write_text(news_page(), encoding="utf-8")
    extract_corpus([tmp_path / "in"], tmp_path / "out.jsonl", nlp)
    [x] = load_extractions(tmp_path / "out.jsonl")
    assert all(x.text[t.start:t.end] == t.text for t in x.timexes) and x.timexes


# --- encodings -------------------------------------------------------------------------

TEXT = ("WASHINGTON, May 10, 2017 — Trump’s aides met on Wednesday.\r\n\r\n"
        "The café’s “résumé” talks resume next week.\rThey ended last month.\n")


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("cp1252", b""),
])
def test_encodings_are_read_and_offsets_stay_exact(encoding, bom, nlp, tmp_path):
    f = tmp_path / f"a-{encoding}.txt"
    f.write_bytes(bom + TEXT.encode(encoding))
    x = extract_file(f, nlp=nlp)
    assert x.text == TEXT.replace("\r\n", "\n").replace("\r", "\n")
    assert x.published.date == dt.date(2017, 5, 10)
    assert {"Wednesday", "next week", "last month"} <= {t.text for t in x.timexes}
    for t in x.timexes:
        assert x.text[t.start:t.end] == t.text
    for e in x.events:
        assert 0 <= e.sentence[0] < e.sentence[1] <= len(x.text)


def test_latin1_and_utf16_without_bom_are_detected():
    french = "Le président a annoncé mercredi que les négociations reprendraient après l'été.\n" * 3
    text, notes = decode_bytes(french.encode("latin-1"))
    assert text == french and "detected" in notes[0]
    english = "The ministers met on Wednesday and agreed to resume talks next week in Geneva.\n"
    assert decode_bytes(english.encode("utf-16-le"))[0] == english


def test_one_stray_byte_in_utf8_is_replaced_alone_and_noted(nlp, tmp_path):
    good = "Trump’s talks on Wednesday — “no deal”.\nThe café reopened last week.\n"
    data = good.encode("utf-8")
    cut = data.index(b"The")
    f = tmp_path / "stray.txt"
    f.write_bytes(data[:cut] + b"\x97" + data[cut:])
    x = extract_file(f, nlp=nlp)
    assert x.text == good[:good.index("The")] + "\ufffd" + good[good.index("The"):]
    assert "â€" not in x.text
    assert any("1 undecodable byte" in n and "line 2" in n for n in x.notes)


def test_binary_data_is_refused(tmp_path):
    f = tmp_path / "x.txt"
    f.write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    with pytest.raises(UserError, match="binary"):
        read_source(f)


@pytest.mark.parametrize("content", [b"", b"  \r\n\n\t\n", b"\xef\xbb\xbf\n"])
def test_a_file_with_no_text_is_one_clear_message(content, tmp_path):
    f = tmp_path / "notes.txt"
    f.write_bytes(content)
    with pytest.raises(UserError, match="notes.txt: holds no text"):
        read_source(f)

# --- PDF -------------------------------------------------------------------------------

def _pdf(paragraphs: list[str], *, title: str = "", author: str = "", image_only: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, author=author, invariant=True)
    styles = getSampleStyleSheet()
    if image_only:
        from reportlab.graphics.shapes import Drawing, Rect

        d = Drawing(200, 100)
        d.add(Rect(10, 10, 180, 80))
        story = [d]
    else:
        story = [Paragraph(p, styles["BodyText"]) for p in paragraphs] + [Spacer(1, 12)]
    doc.build(story)
    return buf.getvalue()


def test_a_pdf_gives_paragraphs_metadata_and_exact_offsets(nlp, tmp_path):
    f = tmp_path / "report.pdf"
    f.write_bytes(_pdf(["WASHINGTON, May 10, 2017 — " + ARTICLE[0]] + ARTICLE[1:], title="Flynn subpoena",
                       author="Jane Porter"))
    x = extract_file(f, nlp=nlp)
    assert x.text.split("\n\n")[1:] == ARTICLE[1:]
    assert x.title == "Flynn subpoena" and x.author == "Jane Porter"
    assert (x.published.date, x.published.source) == (dt.date(2017, 5, 10), "dateline")  # beats CreationDate
    for t in x.timexes:
        assert x.text[t.start:t.end] == t.text


def test_a_pdf_creation_date_is_the_last_resort(nlp, tmp_path):
    f = tmp_path / "undated.pdf"
    f.write_bytes(_pdf(ARTICLE))  # invariant: reportlab writes CreationDate 2000-01-01
    x = extract_file(f, nlp=nlp)
    assert (x.published.date, x.published.source) == (dt.date(2000, 1, 1), "pdf-metadata")


def test_a_pdf_made_just_now_is_dated_by_its_creation_date_only_as_an_unconfirmed_guess(nlp, tmp_path):
    """A PDF written a moment ago by a tool (reportlab stamps the time it was made): its CreationDate is
    used, for want of anything better, and said to be a guess both in the notes and where it is shown."""
    from timeline_app.core.timeline import build_timeline, describe_publication

    f = tmp_path / "made-now.pdf"
    today = dt.date.today()
    doc_bytes = io.BytesIO()
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.lib.styles import getSampleStyleSheet

    SimpleDocTemplate(doc_bytes).build([Paragraph(p, getSampleStyleSheet()["BodyText"]) for p in ARTICLE])
    f.write_bytes(doc_bytes.getvalue())
    x = extract_file(f, nlp=nlp)
    assert x.published.source == "pdf-metadata" and x.published.date in (today, today - dt.timedelta(days=1))
    assert any(n.startswith("publication date unconfirmed") and "creation date" in n and "--published" in n
               for n in x.notes)
    assert describe_publication(x, evidence=False).endswith("? (unconfirmed: from the PDF's creation date)")
    assert x.author == "" and "anonymous" not in x.title  # reportlab's placeholders are nobody's name
    made_on = build_timeline([x])  # the plot's heading and its publication line say so too
    assert made_on.title().endswith("?") and made_on.publication_marks()[0][1].endswith("?")
    # a dated URL in the text beats it, with no such note
    f.write_bytes(_pdf(["https://www.example.com/2017/05/10/flynn-subpoena"] + ARTICLE))
    x = extract_file(f, nlp=nlp)
    assert (x.published.date, x.published.source) == (dt.date(2017, 5, 10), "url")
    assert not any("unconfirmed" in n for n in x.notes)
    assert build_timeline([x]).title().endswith("published 10 May 2017")


def test_encrypted_image_only_and_damaged_pdfs_each_have_their_message(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf(ARTICLE)))
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    cases = {"locked.pdf": (buf.getvalue(), "encrypted"),
             "scan.pdf": (_pdf([], image_only=True), "no text layer"),
             "broken.pdf": (_pdf(ARTICLE)[:400], "damaged"),
             "fake.pdf": (b"this is not a pdf at all", "damaged or not a PDF")}
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError, match=message) as caught:
            read_source(tmp_path / name)
        assert str(caught.value).startswith(str(tmp_path / name))


# --- Word ------------------------------------------------------------------------------

def test_a_docx_gives_paragraphs_title_author_and_exact_offsets(nlp, tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Flynn subpoena"
    document.core_properties.author = "Jane Porter"
    document.core_properties.created = dt.datetime(2017, 5, 11, 9, 0)
    document.add_heading("Senate panel subpoenas Flynn records", level=1)
    for p in ARTICLE:
        document.add_paragraph(p)
        document.add_paragraph("")
    f = tmp_path / "draft.docx"
    document.save(f)
    x = extract_file(f, nlp=nlp)
    assert x.text.split("\n\n") == ["Senate panel subpoenas Flynn records"] + ARTICLE
    assert x.title == "Flynn subpoena" and x.author == "Jane Porter"
    assert (x.published.date, x.published.source) == (dt.date(2017, 5, 11), "docx-metadata")
    assert next(t for t in x.timexes if t.text == "Wednesday").value == "2017-05-10"
    for t in x.timexes:
        assert x.text[t.start:t.end] == t.text


def test_a_damaged_docx_is_one_message(tmp_path):
    f = tmp_path / "broken.docx"
    f.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="damaged or not a Word"):
        read_source(f)
    g = tmp_path / "locked.docx"
    g.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(UserError, match="encrypted"):
        read_source(g)


def test_an_xhtml_page_with_an_xml_declaration_and_a_fragment():
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + news_page()
    read = read_text(page)
    assert read.published.date == dt.date(2017, 5, 10) and ARTICLE[0] in read.text
    assert "The talks ended yesterday." in read_text("<p>The talks ended yesterday.</p>").text


# --- a publication date kept next to the document --------------------------------------

def test_a_sidecar_date_file_dates_its_document_and_beats_what_the_text_says(nlp, tmp_path):
    (tmp_path / "story.txt").write_text("WASHINGTON, March 3, 2015 — " + ARTICLE[0], encoding="utf-8")
    (tmp_path / "story.dct").write_text("2017-05-10\n", encoding="utf-8")
    x = extract_file(tmp_path / "story.txt", nlp=nlp)
    assert (x.published.date, x.published.source, x.published.evidence) == (dt.date(2017, 5, 10), "sidecar",
                                                                           "story.dct")
    assert next(t for t in x.timexes if t.text == "Wednesday").value == "2017-05-10"
    from timeline_app.core.timeline import describe_publication

    assert describe_publication(x) == "published 10 May 2017 (from story.dct, the date file next to it)"
    assert describe_publication(x, evidence=False) == "published 10 May 2017 (from the date file next to it)"
    # the user's own date beats it
    assert extract_file(tmp_path / "story.txt", dt.date(2016, 1, 1), nlp=nlp).published.source == "option"


def test_a_sidecar_without_a_date_is_said_and_ignored(tmp_path):
    (tmp_path / "story.txt").write_text("WASHINGTON, March 3, 2015 — " + ARTICLE[0], encoding="utf-8")
    for content in ("soon", "2017-02-30", "2017-05-10 and 2017-05-11", ""):
        (tmp_path / "story.dct").write_text(content, encoding="utf-8")
        read = read_source(tmp_path / "story.txt")
        assert read.published is None
        assert read.notes == (f"{tmp_path / 'story.dct'}: not a publication date (one date, YYYY-MM-DD); ignored",)


def test_a_folder_of_texts_and_their_date_files_gives_each_text_its_date(nlp, tmp_path):
    """As the TimeML corpora lay their texts out: NAME.txt and NAME.dct side by side; the .dct files are
    no documents of their own."""
    import json

    from timeline_app.core.corpus import extract_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, day in (("a", "2011-11-26"), ("b", "2013-03-22")):
        (folder / f"{name}.txt").write_text("Did yoga classes today? We leave tomorrow.", encoding="utf-8")
        (folder / f"{name}.dct").write_text(day, encoding="utf-8")
    report = extract_corpus([folder], tmp_path / "out.jsonl", nlp)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report.written == 2 and [d["published"] for d in lines] == ["2011-11-26", "2013-03-22"]
    assert {d["published_source"] for d in lines} == {"sidecar"}
    assert [next(t["value"] for t in d["timexes"] if t["text"] == "tomorrow") for d in lines] == [
        "2011-11-27", "2013-03-23"]


@pytest.mark.parametrize("raw, shown", [
    ("(anonymous)", ""), ("python-docx", ""), ("Untitled", ""), ("Microsoft Word - Flood report.docx", "Flood report.docx"),
    ("  Flynn   subpoena ", "Flynn subpoena"), ("Jane Porter", "Jane Porter"),
])
def test_a_tools_placeholder_is_no_title_or_author(raw, shown):
    from timeline_app.core.readers import metadata_name

    assert metadata_name(raw) == shown

