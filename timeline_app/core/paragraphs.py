"""Paragraphs end sentences: a spaCy component, run before the parser, that starts a sentence
after every blank line, so that a dateline or heading ("Published 19 December 2009") is never
read as the first words of the paragraph below it."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

NAME = "timeline_paragraphs"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@Language.component(NAME)
def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first word after each blank line as a sentence start and the word after it as none
    (the parser keeps both). spaCy's tokenizer keeps a run of spaces and line breaks as one space
    token, so only those are read (`doc.text` would build the whole text, token by token)."""
    spaces = doc.to_array(IS_SPACE)
    n = len(doc)
    starts = None
    for i in spaces.nonzero()[0].tolist():
        if not _BLANK_LINE.search(doc[i].text):
            continue
        first = i + 1
        if first >= n or spaces[first]:  # the next space token holds the rest of the blank lines
            continue
        if starts is None:  # all at once: each Token.is_sent_start set reads every token's parse
            starts = doc.to_array(SENT_START).astype(np.int64)
        starts[first] = 1
        second = first + 1  # and the paragraph's first word is no sentence of its own ("Storm | Ciara swept")
        if second < n and not spaces[second] and "\n" not in doc[first].whitespace_:
            starts[second] = -1
    if starts is not None:
        doc.from_array([SENT_START], starts.astype(np.uint64).reshape(-1, 1))
    return doc
