"""Shared fixtures: the real spaCy model, loaded once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_5c7e1887aa53ff4b.txt"


@pytest.fixture(scope="session")
def nlp():
    from timeline_app.core.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def sample_extraction(nlp):
    from timeline_app.core.pipeline import extract_file

    return extract_file(SAMPLE, nlp=nlp)
