"""Paragraphs end sentences: a spaCy component, run before the parser, that starts a sentence
after every blank line, so that a dateline or heading ("Published 19 December 2009") is never
read as the first words of the paragraph below it."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

NAME = "timeline_paragraphs"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@Language.component(NAME)
def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first word after each blank line as a sentence start and the word after it as none
    (the parser keeps both)."""
    text = doc.text
    if "\n" not in text:
        return doc
    for m in _BLANK_LINE.finditer(text):
        token = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if token is None:
            continue
        after = token.end
        while after < len(doc) and doc[after].is_space:
            after += 1
        if after < len(doc):
            doc[after].is_sent_start = True
            second = after + 1  # and the paragraph's first word is no sentence of its own ("Storm | Ciara swept")
            if second < len(doc) and not doc[after].whitespace_.count("\n") and not doc[second].is_space:
                doc[second].is_sent_start = False
    return doc
