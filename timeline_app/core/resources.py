"""Files shipped with the package that the core, the GUI and the CLI all use."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
BUNDLED = _PACKAGE / "data" / "sample_politico_2017-05-10.txt"


def bundled_article() -> Path:
    """The sample article: installed with the package, or the repository's seeds/."""
    if BUNDLED.exists():
        return BUNDLED
    return _PACKAGE.parent / "seeds" / "000_5c7e1887aa53ff4b.txt"


LICENCE = "LICENSE"
NOTICES = "THIRD_PARTY_NOTICES.txt"
DISTRIBUTION = "timeline-explorer"


def legal_text(name: str) -> str | None:
    """LICENSE or THIRD_PARTY_NOTICES.txt: the source tree's, the standalone build's or the wheel's copy."""
    candidates = []
    if getattr(sys, "frozen", False) or (_PACKAGE.parent / "pyproject.toml").exists():
        candidates.append(_PACKAGE.parent / name)  # the standalone build's _internal/, or a checkout
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
        candidates += [Path(dist.locate_file(f)) for f in dist.files or []
                       if f.name == name and ".dist-info/" in f.as_posix()]
    except importlib.metadata.PackageNotFoundError:
        pass
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None
