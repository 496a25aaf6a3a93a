"""Publication date detection: URL, dateline, HTML meta, file name, and the option."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.pipeline import resolve_publication
from timeline_app.core.published import detect_publication_date
from timeline_app.core.readers import read_text

CASES = [
    ("Story.\nSource: http://www.politico.com/story/2017/05/10/trump-238191", None, "2017-05-10", "url"),
    ("See https://example.org/news/2016-11-09-election-night.html", None, "2016-11-09", "url"),
    ("See https://example.org/a/20150102/b.html", None, "2015-01-02", "url"),
    ("Published March 22, 2013\nThe ministers met.", None, "2013-03-22", "dateline"),
    ("WASHINGTON, May 10, 2017 — The ministers met.", None, "2017-05-10", "dateline"),
    ("LONDON, 26 February 2020 — The ministers met.", None, "2020-02-26", "dateline"),
    ("LONDON, 26 Feb. 2020 — The ministers met.", None, "2020-02-26", "dateline"),
    ("The ministers met yesterday.", "AP_20130322.txt", "2013-03-22", "filename"),
]


@pytest.mark.parametrize("text,source,date,where", CASES)
def test_detects(text, source, date, where):
    found = detect_publication_date(text, source)
    assert found is not None
    assert (found.date.isoformat(), found.source) == (date, where)


def test_a_web_page_date_comes_from_its_metadata():
    read = read_text('<html><head><meta property="article:published_time" content="2019-07-04T10:00:00Z">'
                     "</head><body><p>Text</p></body></html>")
    found = resolve_publication(read.text, None, None, read)
    assert (found.date.isoformat(), found.source, found.evidence) == (
        "2019-07-04", "html-meta", "article:published_time")


def test_none_when_nothing_says_it():
    assert detect_publication_date("The ministers met yesterday.", "article.txt") is None


def test_url_wins_over_file_name():
    found = detect_publication_date("x http://a.com/2017/05/10/b", "AP_20130322.txt")
    assert found.source == "url"


def test_option_overrides_the_document():
    found = resolve_publication("x http://a.com/2017/05/10/b", dt.date(2020, 1, 2), None)
    assert (found.date, found.source) == (dt.date(2020, 1, 2), "option")


@pytest.mark.parametrize("name,date", [
    ("AP900815-0044.txt", "1990-08-15"),  # AP: letters, YYMMDD, story number
    ("WSJ910225-0066.txt", "1991-02-25"),
    ("ea980120.1830.0071.txt", "1998-01-20"),
    ("APW050607_0001.txt", "2005-06-07"),
    ("NYT19980206.0460.txt", "1998-02-06"),  # four digits: the other rule, as before
    ("AP690101-0001.txt", "1969-01-01"),  # the century rule: 69-99 are 19xx ...
    ("AP681231-0001.txt", "2068-12-31"),  # ... 00-68 are 20xx
])
def test_a_newswire_file_name_with_a_two_digit_year(name, date):
    found = detect_publication_date("The ministers met yesterday.", f"/corpus/{name}")
    assert (found.date.isoformat(), found.source, found.evidence) == (date, "filename", name)


@pytest.mark.parametrize("name", [
    "SJMN91-06338157.txt",  # a year and a serial number, no day
    "AP901315-0044.txt",  # no 13th month
    "photo201512-3.jpg.txt",  # six digits that are no date
    "report_900815.txt",  # not a newswire name: six digits somewhere
    "draft 900815-1.txt",
    "wsj_0006.txt",
])
def test_other_names_with_six_digits_are_not_dated(name):
    assert detect_publication_date("The ministers met yesterday.", name) is None
