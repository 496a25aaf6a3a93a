"""The spaCy component `timeline_dates`: resolved temporal expressions and dated events on a Doc.

    import spacy, datetime as dt
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("timeline_dates")          # found through the `spacy_factories` entry point
    doc = nlp.make_doc("The talks ended yesterday.")
    doc._.published = dt.date(2017, 5, 10)  # the date relative expressions are resolved against
    doc = nlp(doc)
    doc._.timexes[0].value                  # '2017-05-09'

or, per document, `nlp.pipe([(text, {"published": date}), ...], as_tuples=True)` (the context
may also give "anchoring", and "text": the text itself, which spares joining `doc.text` anew).
`doc._.timexes` is a tuple of `model.Timex`, `doc._.events` of `model.Event`.
The app's own extraction runs this same component (`pipeline.extract_parsed`).

The values survive `Doc.to_bytes` (and so `nlp.pipe(n_process=...)` and `DocBin`):
msgpack encoders for them are registered with srsly.
"""

from __future__ import annotations

import datetime as dt

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from timeline_app.core.model import Event, Timex

NAME = "timeline_dates"
for _attribute in ("published", "timexes", "events"):
    if not Doc.has_extension(_attribute):
        Doc.set_extension(_attribute, default=None)


def published_of(doc: Doc) -> dt.date | None:
    """The publication date given for `doc`: `doc._.published`, else its `nlp.pipe` context's "published"."""
    value = doc._.published
    context = getattr(doc, "_context", None)
    if value is None and isinstance(context, dict):
        value = context.get("published")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"published: not a date in the form YYYY-MM-DD: {value!r}") from None
    if value is not None and not isinstance(value, dt.date):
        raise TypeError(f"published: a datetime.date or 'YYYY-MM-DD', not {type(value).__name__}")
    return value


def is_text_of(text: object, doc: Doc) -> bool:
    """Whether `text` is the text `doc` was made from (spaCy's tokenizer keeps every character, so
    `doc.text` is that text; checked at its ends, without joining `doc.text` from every token)."""
    if not isinstance(text, str):
        return False
    if not len(doc):
        return text == ""
    first, last = doc[0], doc[-1]
    return (first.idx == 0 or text[:first.idx].isspace()) and text.startswith(first.text, first.idx) \
        and last.idx + len(last.text_with_ws) == len(text) and text.startswith(last.text, last.idx)


def annotate(doc: Doc, published: dt.date | None, anchoring: str = "auto", text: str | None = None) -> Doc:
    """Tag, resolve (against `published`, anchored as `anchoring` says: auto, news or narrative)
    and date the events of `doc`; set its extensions.  `text`, if given, is the text `doc` was
    made from (it spares joining `doc.text` anew from every token)."""
    # imported here: spaCy imports this module (its entry point) whenever any pipeline is made
    from timeline_app.core.events import find_events
    from timeline_app.core.dates.tagger import tag_timexes
    from timeline_app.core.quotes import redate_quoted

    if text is not None and is_text_of(text, doc):
        doc.user_data["timeline_app.text"] = text  # `syntax.doc_text`'s, for this pass only
    doc._.published = published
    doc.user_data["publication_date"] = published  # what events.py reads
    doc.user_data["anchoring"] = anchoring
    timexes = redate_quoted(doc, tag_timexes(doc, published, anchoring))  # quoted old text: from its time
    doc._.timexes = tuple(timexes)
    doc._.events = tuple(find_events(doc, timexes))
    for cache in ("timeline_app.text", "timeline_app.ents"):  # events.py's, for this pass only
        doc.user_data.pop(cache, None)  # (spaCy Spans would not survive Doc.to_bytes)
    return doc


def is_annotated(doc: Doc, published: dt.date | None, anchoring: str = "auto") -> bool:
    """Whether the component already ran on `doc` with this publication date and anchoring."""
    return (doc._.timexes is not None and doc._.published == published
            and doc.user_data.get("anchoring", "auto") == anchoring)


class TimelineDates:
    """The pipeline component: reads the document's publication date, writes timexes and events."""

    def __init__(self, name: str = NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        context = getattr(doc, "_context", None)
        anchoring = context.get("anchoring", "auto") if isinstance(context, dict) else "auto"
        text = context.get("text") if isinstance(context, dict) else None
        return annotate(doc, published_of(doc), anchoring, text)


#: Read once when the component is made: dateparser builds its timezone and locale tables on
#: first use (about a second), which would otherwise fall on the first document.
WARM_UP = ("WASHINGTON, March 3, 2015 10:30 a.m. EST — The talks ended on Tuesday, two days after "
           "the vote; they resume next week, by the summer of 1999 or 3/4/2016 at the latest.")


@Language.factory(NAME)
def make_timeline_dates(nlp: Language, name: str) -> TimelineDates:
    if "parser" in nlp.pipe_names:  # a trained pipeline: its first use now, not on a user's document
        from timeline_app.core.dates.absolute import read_absolute

        read_absolute("26nov 2015")  # dateparser's first date
        annotate(nlp(WARM_UP), dt.date(2015, 3, 3))
    return TimelineDates(name)


# --- msgpack (Doc.to_bytes) of the extension values -----------------------------------------

_KEY = "__timeline_app__"


def _encode(obj, chain=None):
    if isinstance(obj, Timex):
        return {_KEY: "timex", "d": obj.to_dict(), "rule": obj.rule}
    if isinstance(obj, Event):
        return {_KEY: "event", "d": {**obj.to_dict(), "confidence": obj.confidence}}
    if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
        return {_KEY: "date", "d": obj.isoformat()}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    kind = obj.get(_KEY) if isinstance(obj, dict) else None
    if kind == "timex":
        from dataclasses import replace

        return replace(Timex.from_dict(obj["d"]), rule=obj["rule"])
    if kind == "event":
        return Event.from_dict(obj["d"])
    if kind == "date":
        return dt.date.fromisoformat(obj["d"])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("timeline_app", func=_encode)
srsly.msgpack_decoders.register("timeline_app", func=_decode)
