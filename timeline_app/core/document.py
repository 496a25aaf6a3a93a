"""Reading a document from disk into the text every offset refers to."""

from __future__ import annotations

import re
from pathlib import Path

from timeline_app.core.errors import UserError

#: Files larger than this are not news articles; refuse them rather than freeze.
MAX_BYTES = 20_000_000


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`: the text every offset refers to."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: str | Path) -> tuple[str, str]:
    """Return (text, name) of a UTF-8 (or Latin-1) text or HTML file."""
    p = Path(path)
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
    if b"\x00" in data[:4096]:
        raise UserError(f"{p}: is a binary file, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UserError(f"{p}: is not UTF-8 or Windows-1252 text") from None
    return normalise_newlines(text), p.name


_HTML = re.compile(r"<\s*(html|body|p|div|article|meta)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text[:5000]))


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
