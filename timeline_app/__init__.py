"""Timeline Explorer: news articles turned into an explorable timeline."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from timeline_app._version import __version__

if TYPE_CHECKING:
    from timeline_app.core.model import Extraction


def extract(text: str, published: _dt.date | None = None, *, source: str | None = None) -> "Extraction":
    """Extract resolved temporal expressions and the events they date from `text`.

    `published` overrides the publication date found in the document; `source`
    is the path or name of the document (used for its id and for a date in the
    file name).
    """
    from timeline_app.core.pipeline import extract as _extract

    return _extract(text, published, source=source)


__all__ = ["__version__", "extract"]
