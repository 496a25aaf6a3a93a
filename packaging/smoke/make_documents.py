"""Writes the three documents packaging/smoke_test.sh gives the standalone app (kept in this folder,
so the smoke test needs no Python): a saved web page with navigation, scripts, JSON-LD and a
<time> element, a PDF with a dateline, and a Word file with its creation date. Each tells the
smoke test that its reader (trafilatura/htmldate, pdfminer.six, python-docx) and that reader's
data files made it into the bundle.

    .venv/bin/python packaging/smoke/make_documents.py     (needs the test extras: reportlab, python-docx)
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = [
    "The Senate Intelligence Committee on Wednesday issued a subpoena for documents from former national "
    "security adviser Michael Flynn, the first such order in its investigation.",
    "Flynn's lawyers declined a request in April to hand over the records voluntarily. The committee had "
    "asked for them by May 19, and members said last week that patience had run out.",
    "The White House said on Tuesday that it would cooperate fully with the inquiry.",
]

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Senate panel subpoenas Flynn records | The Daily Ledger</title>
<meta property="article:published_time" content="2017-05-10T14:32:00-04:00">
<meta name="author" content="Jane Porter">
<link rel="stylesheet" href="https://cdn.example.com/2016/01/05/styles.css">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Senate panel subpoenas Flynn records","datePublished":"2017-05-10T14:32:00-04:00"}</script>
<script>var t = "January 1, 2014";</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li>
<li><a href="/2016/11/08/election-night">Election night: November 8, 2016</a></li></ul></nav></header>
<main><article><h1>Senate panel subpoenas Flynn records</h1>
<p class="byline">By Jane Porter <time datetime="2017-05-10T14:32:00-04:00">May 10, 2017</time></p>
BODY
</article>
<aside class="related"><h3>Related</h3><ul>
<li><a href="/2017/02/13/flynn-resigns">Flynn resigns, February 13, 2017</a></li></ul></aside></main>
<footer><p>Updated December 31, 2018.</p></footer>
</body></html>
"""


def pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title="Flynn subpoena", author="Jane Porter", invariant=True)
    styles = getSampleStyleSheet()
    doc.build([Paragraph(p, styles["BodyText"]) for p in ["WASHINGTON, May 10, 2017 — " + ARTICLE[0]] + ARTICLE[1:]])
    return buf.getvalue()


def docx(path: Path) -> None:
    import docx as python_docx

    document = python_docx.Document()
    document.core_properties.title = "Flynn subpoena"
    document.core_properties.author = "Jane Porter"
    document.core_properties.created = dt.datetime(2017, 5, 11, 9, 0)
    document.core_properties.modified = dt.datetime(2017, 5, 11, 9, 0)
    document.add_heading("Senate panel subpoenas Flynn records", level=1)
    for p in ARTICLE:
        document.add_paragraph(p)
    document.save(path)


def main() -> None:
    (HERE / "page.html").write_text(PAGE.replace("BODY", "\n".join(f"<p>{p}</p>" for p in ARTICLE)), encoding="utf-8")
    (HERE / "report.pdf").write_bytes(pdf())
    docx(HERE / "draft.docx")
    for name in ("page.html", "report.pdf", "draft.docx"):
        print(f"{HERE / name}: {(HERE / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
