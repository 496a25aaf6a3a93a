"""Reading saved web pages and PDFs: the old regex HTML reader against trafilatura/htmldate, and
pypdf against pdfminer.six, on pages and PDFs made here with a known article text and date.

Web pages: 8 news-page layouts (WordPress-like, JSON-LD only, <time> in the byline, meta
name="date" in words, canonical URL only, dateline only, script/comment-heavy, itemprop), each
with navigation, a ticker, related links, comments, a footer, scripts and JSON-LD, around one of
4 articles.  Text quality: word recall and precision of the article body (order-aware matching,
difflib) and how many boilerplate dates leak into the text; publication date: exact day.
PDFs (reportlab): a two-column news page and a four-page report with running footers; text
recall/precision and paragraph breaks found.

    .venv/bin/python bench/bench_readers.py
"""

from __future__ import annotations

import difflib
import html
import io
import re
import time

ARTICLES = [
    ("2017-05-10", "Senate panel subpoenas Flynn records", "Jane Porter", [
        "The Senate Intelligence Committee on Wednesday issued a subpoena for documents from former national "
        "security adviser Michael Flynn, the first such order in its investigation.",
        "Flynn's lawyers declined a request in April to hand over the records voluntarily. The committee had "
        "asked for them by May 19, and members said last week that patience had run out.",
        "Senator Richard Burr said the panel would hold a public hearing next month and expected to finish "
        "its interviews by the end of the summer.",
        "The White House said on Tuesday that it would cooperate fully with the inquiry."]),
    ("2019-03-14", "Storm cuts power to 200,000 homes", "Luis Ortega", [
        "A late-winter storm left more than 200,000 homes without power on Thursday morning, the utility said.",
        "Crews restored service to about half of them by noon, and the company expects the rest back by Saturday.",
        "It was the third storm this month; the last one, on March 2, closed schools for two days.",
        "Forecasters said the weekend would be dry and that temperatures would rise next week."]),
    ("2021-11-02", "City council approves new budget", "Amira Haddad", [
        "The city council approved a $4.2 billion budget on Monday night after a five-hour meeting.",
        "The plan raises spending on transit by 8 percent from last year and freezes property taxes until 2023.",
        "Council members had rejected an earlier draft in October, saying it cut library hours.",
        "The mayor is expected to sign it on Friday; it takes effect on January 1."]),
    ("2015-08-20", "Drought forces water limits across the valley", "Kim Sato", [
        "Water managers on Thursday ordered farms across the valley to cut use by a quarter, the deepest cut since 1977.",
        "The order follows the driest July on record and a winter with almost no snow in the mountains.",
        "Growers have until September 1 to file plans; inspections begin in the fall.",
        "Officials said the limits could be eased next spring if the rains return."]),
]
BOILER_DATES = ["November 8, 2016", "March 3, 2015", "February 13, 2012", "June 2, 2016", "December 31, 2018",
                "January 1, 2014", "2020-01-15", "July 4, 2013"]


def _nav() -> str:
    return ('<header><nav><ul><li><a href="/">Home</a></li><li><a href="/2016/11/08/election-night">'
            'Election night: November 8, 2016</a></li><li><a href="/world">World</a></li></ul></nav>'
            '<div class="ticker">Markets: Dow up 0.4% on March 3, 2015 | Breaking: storm warning</div></header>')


def _tail() -> str:
    return ('<aside class="related"><h3>Related stories</h3><ul><li><a href="https://news.example/2012/02/13/'
            'old-story">An older story, February 13, 2012</a></li><li><a href="/2016/06/02/other">Posted June 2, '
            '2016</a></li></ul></aside><section id="comments"><h3>Comments</h3><div class="comment"><p>Posted '
            'July 4, 2013: first!</p></div></section></main><footer><p>&copy; 2019 News Example. Updated '
            'December 31, 2018.</p><a href="/2018/12/31/privacy">Privacy</a></footer>'
            '<!-- cache generated 2020-01-15 --></body></html>')


def _head(title: str, extra: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | News Example</title>'
            '<link rel="stylesheet" href="https://cdn.news.example/2016/01/05/site.css">'
            '<script>var cfg = {"built": "January 1, 2014", "ads": true};</script>'
            '<script src="https://ads.example.com/tag.js"></script>' + extra + '</head><body>')


def _words_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    return f"{months[m - 1]} {d}, {y}"


def layouts():
    """(name, builder) where builder(date, title, author, paragraphs) -> (html, gold text)."""
    def body(title, author, paragraphs, byline=""):
        ps = "".join(f"<p>{p}</p>" for p in paragraphs)
        return (f'<main><article><h1>{title}</h1><p class="byline">By {author} {byline}</p>{ps}'
                '<figure><img src="https://img.news.example/a.jpg"><figcaption>File photo.</figcaption></figure>'
                '</article>')

    def wordpress(d, t, a, ps):
        return _head(t, f'<meta property="article:published_time" content="{d}T10:00:00+00:00">'
                        f'<meta name="author" content="{a}">') + _nav() + body(t, a, ps) + _tail()

    def json_ld(d, t, a, ps):
        ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"%s","datePublished":'
              '"%sT08:00:00Z","dateModified":"2022-01-01T00:00:00Z","author":{"@type":"Person","name":"%s"}}'
              '</script>' % (t, d, a))
        return _head(t, ld) + _nav() + body(t, a, ps) + _tail()

    def time_el(d, t, a, ps):
        return (_head(t, '<meta property="article:modified_time" content="2022-06-01T00:00:00Z">') + _nav()
                + body(t, a, ps, f'<time datetime="{d}T09:30:00-04:00">{_words_date(d)}</time>') + _tail())

    def meta_words(d, t, a, ps):
        return _head(t, f'<meta name="date" content="{_words_date(d)}">') + _nav() + body(t, a, ps) + _tail()

    def canonical(d, t, a, ps):
        y, m, day = d.split("-")
        return (_head(t, f'<link rel="canonical" href="https://news.example/{y}/{m}/{day}/story">') + _nav()
                + body(t, a, ps) + _tail())

    def dateline(d, t, a, ps):
        ps = [f"WASHINGTON, {_words_date(d)} — {ps[0]}"] + ps[1:]
        return _head(t, "") + _nav() + body(t, a, ps) + _tail()

    def heavy(d, t, a, ps):
        blob = "<script>window.__STATE__ = " + '{"items": [' + ",".join(
            '{"date": "2014-0%d-1%d", "title": "x"}' % (i % 9 + 1, i % 9) for i in range(200)) + "]};</script>"
        return (_head(t, f'<meta property="og:published_time" content="{d}">' + blob)
                + "<!-- promo expires July 4, 2013 -->" + _nav() + body(t, a, ps) + _tail())

    def itemprop(d, t, a, ps):
        return (_head(t, "") + _nav() + '<div itemscope itemtype="https://schema.org/NewsArticle">'
                f'<meta itemprop="datePublished" content="{d}">' + body(t, a, ps) + "</div>" + _tail())

    return [("wordpress meta", wordpress), ("json-ld only", json_ld), ("<time> byline", time_el),
            ("meta date in words", meta_words), ("canonical URL", canonical), ("dateline only", dateline),
            ("scripts+comments", heavy), ("itemprop", itemprop)]


def pages():
    for i, (name, build) in enumerate(layouts()):
        for j in range(2):
            d, t, a, ps = ARTICLES[(i + j) % len(ARTICLES)]
            gold = build.__name__ == "dateline" and [f"WASHINGTON, {_words_date(d)} — {ps[0]}"] + ps[1:] or ps
            yield name, build(d, t, a, ps), d, t + "\n\n" + "\n\n".join(gold)


# --- the regex reader before issue 15 (pipeline.html_to_text + published.py), for comparison ---

def old_html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|h[1-6]|li|tr|article|section)>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def old_publication_date(markup: str) -> str | None:
    from timeline_app.core.published import _DATELINE, _URL, _URL_DATES, _from_text_date, _make

    for m in _URL.finditer(markup):
        for pattern in _URL_DATES:
            d = pattern.search(m.group(0))
            if d and (found := _make(*d.groups())):
                return found.isoformat()
    for pattern in _DATELINE:
        for m in pattern.finditer(markup[:3000]):
            if found := _from_text_date(m.group("rest")):
                return found.isoformat()
    meta = re.compile(r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|"
                      r"og:published_time|pubdate|publishdate|date|dc\.date)[\"'][^>]*>", re.I)
    for m in meta.finditer(markup[:100_000]):
        content = re.search(r"content=[\"']([^\"']+)[\"']", m.group(0), re.I)
        if content and (found := _from_text_date(content.group(1)[:10])):
            return found.isoformat()
    if m := re.search(r"\"datePublished\"\s*:\s*\"(\d{4}-\d\d-\d\d)", markup[:100_000]):
        return m.group(1)
    return None


def new_publication_date(read) -> str | None:
    from timeline_app.core.pipeline import resolve_publication

    found = resolve_publication(read.text, None, None, read)
    return found.date.isoformat() if found else None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’]\w+)*", text.lower())


def quality(gold: str, got: str) -> tuple[float, float]:
    g, x = _words(gold), _words(got)
    matched = sum(b.size for b in difflib.SequenceMatcher(None, g, x, autojunk=False).get_matching_blocks())
    return matched / len(g), matched / max(len(x), 1)


def bench_html() -> None:
    from timeline_app.core.readers import read_html

    rows = {"regex (before)": [], "trafilatura+htmldate": []}
    new_publication_date(read_html(next(pages())[1]))  # imports and first-call set-up are not per page
    for name, markup, date, gold in pages():
        t0 = time.process_time()
        old_text, old_date = old_html_to_text(markup), old_publication_date(markup)
        t1 = time.process_time()
        read = read_html(markup)
        new_text, new_date = read.text, new_publication_date(read)
        t2 = time.process_time()
        for key, text, found, seconds in (("regex (before)", old_text, old_date, t1 - t0),
                                          ("trafilatura+htmldate", new_text, new_date, t2 - t1)):
            r, p = quality(gold, text)
            leaked = sum(d in text for d in BOILER_DATES)
            rows[key].append((name, r, p, leaked, found == date, seconds))
    print(f"web pages: {len(rows['regex (before)'])} saved pages of 8 layouts")
    print(f"{'reader':22s} {'recall':>7s} {'precision':>9s} {'leaked dates':>12s} {'pub date':>9s} {'ms CPU/page':>8s}")
    for key, r in rows.items():
        n = len(r)
        print(f"{key:22s} {sum(x[1] for x in r) / n:7.3f} {sum(x[2] for x in r) / n:9.3f} "
              f"{sum(x[3] for x in r):12d} {sum(x[4] for x in r):4d}/{n:<4d} {1000 * sum(x[5] for x in r) / n:8.1f}")
    print("publication date by layout (before -> after):")
    for (name, *_, ok_old, _s), (_n, *__, ok_new, _t) in zip(rows["regex (before)"], rows["trafilatura+htmldate"]):
        print(f"  {name:20s} {'right' if ok_old else 'WRONG':5s} -> {'right' if ok_new else 'WRONG'}")


def _pdfs():
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    paragraphs = [p for a in ARTICLES for p in a[3]]
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=letter)
    w = (doc.width - 12) / 2
    doc.addPageTemplates([PageTemplate(frames=[Frame(doc.leftMargin, doc.bottomMargin, w, doc.height),
                                               Frame(doc.leftMargin + w + 12, doc.bottomMargin, w, doc.height)])])
    doc.build([Paragraph(ARTICLES[0][1], ss["Heading1"])] + [Paragraph(p, ss["BodyText"]) for p in paragraphs])
    yield "news, two columns", buf.getvalue(), [ARTICLES[0][1]] + paragraphs
    buf, gold, story = io.BytesIO(), [], []
    for i in range(4):
        heading = f"{i + 1}. Findings of the review, part {i + 1}"
        story.append(Paragraph(heading, ss["Heading2"]))
        gold.append(heading)
        for k, p in enumerate(paragraphs[i * 4:(i + 1) * 4] * 3):
            p = f"{('First', 'Second', 'Third')[k // 4]}, {p[0].lower()}{p[1:]}"
            story.append(Paragraph(p, ss["BodyText"]))
            gold.append(p)

    def footer(canvas, d):
        canvas.drawString(72, 40, f"Annual Report 2016 - page {d.page}")
    SimpleDocTemplate(buf, pagesize=letter).build(story, onFirstPage=footer, onLaterPages=footer)
    yield "report, 4+ pages, running footer", buf.getvalue(), gold


def bench_pdf() -> None:
    import pypdf
    from pdfminer.high_level import extract_text

    from timeline_app.core.readers import read_pdf

    def pypdf_text(data):
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)

    readers = [("pypdf extract_text", pypdf_text),
               ("pdfminer.six extract_text", lambda data: extract_text(io.BytesIO(data))),
               ("readers.read_pdf (pdfminer)", lambda data: read_pdf(data).text)]
    print(f"\nPDFs: {'reader':28s} {'recall':>7s} {'precision':>9s} {'paragraphs':>11s} {'ms CPU':>6s}")
    for name, data, gold in _pdfs():
        print(f"  {name}")
        for label, fn in readers:
            t0 = time.process_time()
            text = fn(data)
            ms = 1000 * (time.process_time() - t0)
            r, p = quality("\n".join(gold), text)
            found = len([b for b in re.split(r"\n\s*\n", text) if b.strip()])
            print(f"        {label:28s} {r:7.3f} {p:9.3f} {found:5d}/{len(gold):<5d} {ms:6.0f}")


def bench_plain_text_dates() -> None:
    """Plain texts' publication date (URL, dateline, file name) against the corpus's own DCT:
    the texts of ../shared/corpora/tbaq-cleaned/text with their .dct files."""
    from collections import Counter
    from pathlib import Path

    from timeline_app.core.pipeline import resolve_publication
    from timeline_app.core.readers import read_source

    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "tbaq-cleaned" / "text"
    files = [f for f in sorted(folder.glob("*.txt")) if f.with_suffix(".dct").exists()]
    if not files:
        print(f"\nplain texts: {folder} not found")
        return
    outcome, sources = Counter(), Counter()
    for f in files:
        gold = f.with_suffix(".dct").read_text(encoding="utf-8").strip()[:10]
        read = read_source(f, sidecar=False)  # the text's own date, not the corpus's .dct next to it
        found = resolve_publication(read.text, None, str(f), read)
        kind = "none" if found is None else "right" if found.date.isoformat() == gold else "wrong"
        outcome[kind] += 1
        if found is not None:
            sources[f"{found.source} {kind}"] += 1
    print(f"\nplain texts, publication date against the DCT ({len(files)} tbaq-cleaned texts): "
          f"{outcome['right']} right, {outcome['wrong']} wrong, {outcome['none']} none found "
          f"({', '.join(f'{k}: {v}' for k, v in sorted(sources.items()))})")


if __name__ == "__main__":
    bench_html()
    bench_pdf()
    bench_plain_text_dates()
