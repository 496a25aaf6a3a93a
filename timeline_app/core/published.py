"""Finding the publication date (the anchor of every deictic expression)."""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates.lexicon import MONTHS
from timeline_app.core.model import PublicationDate

_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?:/|\b)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"),
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATELINE = (
    re.compile(r"(?im)^\s*(?:published|posted|updated|date|first published)\s*(?:on|:)?\s*"
               r"(?P<rest>.{6,60})$"),
    re.compile(r"(?m)^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z. ]+\))?\s*[,(—–-]\s*(?P<rest>[A-Z][a-z]{2,8}\.? \d\d?,? \d{4})"),
)
_TEXT_DATE = (
    re.compile(_MONTH + r"\s+(?P<day>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<day>\d\d?)\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
)
_META = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|"
    r"og:published_time|pubdate|publishdate|date|dc\.date)[\"'][^>]*>", re.I)
_META_CONTENT = re.compile(r"content=[\"']([^\"']+)[\"']", re.I)
_JSON_LD = re.compile(r"\"datePublished\"\s*:\s*\"(\d{4}-\d\d-\d\d)")
_FILENAME = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)"),
)


def _make(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _from_text_date(fragment: str) -> dt.date | None:
    for pattern in _TEXT_DATE:
        m = pattern.search(fragment)
        if m:
            g = m.groupdict()
            month = g.get("mnum") or MONTHS[g["month"].lower().rstrip(".")]
            found = _make(g["year"], str(month), g["day"])
            if found:
                return found
    return None


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs in the text: metadata, never events of the story."""
    return [m.span() for m in _URL.finditer(text)]


def detect_publication_date(text: str, source: str | None = None) -> PublicationDate | None:
    """The publication date and where it came from: URL, dateline, HTML meta, file name."""
    for m in _URL.finditer(text):
        url = m.group(0)
        for pattern in _URL_DATES:
            d = pattern.search(url)
            if d and (found := _make(*d.groups())):
                return PublicationDate(found, "url", url)
    head = text[:3000]
    for pattern in _DATELINE:
        for m in pattern.finditer(head):
            if found := _from_text_date(m.group("rest")):
                return PublicationDate(found, "dateline", m.group(0).strip())
    for m in _META.finditer(text[:100_000]):
        content = _META_CONTENT.search(m.group(0))
        if content and (found := _from_text_date(content.group(1)[:10])):
            return PublicationDate(found, "html-meta", m.group(0))
    if m := _JSON_LD.search(text[:100_000]):
        if found := _from_text_date(m.group(1)):
            return PublicationDate(found, "html-meta", m.group(0))
    if source:
        name = source.replace("\\", "/").rsplit("/", 1)[-1]
        for pattern in _FILENAME:
            d = pattern.search(name)
            if d and (found := _make(*d.groups())):
                return PublicationDate(found, "filename", name)
    return None
