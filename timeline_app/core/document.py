"""Reading a document from disk into the text every offset refers to (formats: `core.readers`)."""

from __future__ import annotations

import re
from pathlib import Path

from timeline_app.core.readers import (MAX_BYTES, decode_bytes, file_bytes, looks_like_html,  # noqa: F401 (re-exported)
                                       normalise_newlines, read_source)


def read_document(path: str | Path) -> tuple[str, str]:
    """Return (text, name) of a text or HTML file in any common encoding, as it is (markup kept)."""
    p = Path(path)
    data = file_bytes(p)
    text, _ = decode_bytes(data, str(p))
    return normalise_newlines(text), p.name


def guess_title(text: str) -> str:
    """The first non-empty line when it is short enough to be a headline, else its first words."""
    m = re.search(r"<title>(.*?)</title>", text[:20000], re.I | re.S)
    if m:
        return " ".join(m.group(1).split())[:120]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            if len(line) <= 120:
                return line
            cut = line[:80].rsplit(" ", 1)[0]
            return cut + "…"
    return ""
