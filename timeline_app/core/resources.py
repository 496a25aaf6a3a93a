"""Files shipped with the package that the core, the GUI and the CLI all use."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
BUNDLED = _PACKAGE / "data" / "sample_politico_2017-05-10.txt"


def bundled_article() -> Path:
    """The sample article: installed with the package, or the repository's seeds/."""
    if BUNDLED.exists():
        return BUNDLED
    return _PACKAGE.parent / "seeds" / "000_5c7e1887aa53ff4b.txt"
