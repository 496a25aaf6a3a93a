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
    re.compile(r"(?m)^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z. ]+\))?\s*[,(—–-]\s*(?P<rest>[A-Z][a-z]{2,8}\.? \d\d?,? \d{4}|\d\d? [A-Z][a-z]{2,8}\.?,? \d{4})"),
)
_TEXT_DATE = (
    re.compile(_MONTH + r"\s+(?P<day>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<day>\d\d?)\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
)
_FILENAME = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)"),
)
#: A newswire file name with a two-digit year: the agency's letters, YYMMDD, then the story's
#: number ('AP900815-0044', 'WSJ910225-0066', 'ea980120.1830.0071').  Only that whole shape is read:
#: six digits anywhere else in a name are too often something else.
_FILENAME_TWO_DIGIT_YEAR = re.compile(r"^[A-Za-z]{2,5}(\d\d)(\d\d)(\d\d)[-_.]\d")


def century_of_two_digit_year(yy: int) -> int:
    """The year of a two-digit year, by the POSIX rule of `strptime`'s %y (Python's too):
    69-99 are 1969-1999, 00-68 are 2000-2068."""
    return 1900 + yy if yy >= 69 else 2000 + yy


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


def date_in_text(fragment: str) -> dt.date | None:
    """The first full date written in `fragment` ('May 10, 2017', '10 May 2017', '2017-05-10')."""
    return _from_text_date(fragment)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs in the text: metadata, never events of the story."""
    return [m.span() for m in _URL.finditer(text)]


def detect_publication_date(text: str, source: str | None = None) -> PublicationDate | None:
    """The publication date of a plain text and where it came from: URL, dateline, file name
    (a date with a four-digit year anywhere in it, else a newswire name with a two-digit year).

    (Web pages are read by `readers.read_html`, whose htmldate reading of the page's
    metadata comes first; this then only sees the article body.)
    """
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
    if source:
        name = source.replace("\\", "/").rsplit("/", 1)[-1]
        for pattern in _FILENAME:
            d = pattern.search(name)
            if d and (found := _make(*d.groups())):
                return PublicationDate(found, "filename", name)
        if (d := _FILENAME_TWO_DIGIT_YEAR.match(name)) and (
                found := _make(str(century_of_two_digit_year(int(d.group(1)))), d.group(2), d.group(3))):
            return PublicationDate(found, "filename", name)
    return None
