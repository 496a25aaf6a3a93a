"""A blank line ends a sentence: a dateline or heading is never the start of the paragraph below it."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.pipeline import extract

HISTORY = ("Published 19 December 2009\n\n"
           "In 264 BC the Roman Republic had gained control of the Italian peninsula. "
           "Carthage fought Rome in 241 BC.\n")


def test_a_dateline_above_a_paragraph_is_not_part_of_its_first_event(nlp) -> None:
    x = extract(HISTORY, dt.date(2009, 12, 19), nlp=nlp)
    rome = next(e for e in x.events if "Roman Republic" in e.title)
    assert "Published" not in rome.title
    assert rome.earliest is not None and rome.earliest.year == -263  # 264 BC, not the publication day


def test_the_parser_keeps_the_paragraph_starts(nlp) -> None:
    doc = nlp("Heading of the piece\n\nThe talks ended yesterday. They will meet again.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Heading of the piece"
    assert starts[1].startswith("The talks ended")
