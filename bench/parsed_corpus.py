"""Texts of a gold corpus parsed once by spaCy's own pipes (without `timeline_dates`), for benches
that time the component's parts on the same parses."""

from __future__ import annotations

import sys
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def parsed_corpus(corpus: str, docs: int) -> tuple[list, float] | None:
    """([(Doc, publication date), ...] for the first `docs` .tml files of ../shared/corpora/`corpus`,
    the parse's CPU seconds), or None (said on stderr) when there are none."""
    from timeline_app.core import component
    from timeline_app.core.evaluate import read_tml
    from timeline_app.core.nlp import load_model

    files = sorted((CORPORA / corpus).rglob("*.tml"))[:docs]
    if not files:
        print(f"error: no .tml files under {CORPORA / corpus}", file=sys.stderr)
        return None
    gold = [read_tml(f) for f in files]
    nlp = load_model()
    t0 = time.process_time()
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == component.NAME]):
        parsed = [(nlp(d.text), d.dct) for d in gold]
    return parsed, time.process_time() - t0
