"""The core under bad arguments and long texts: clear errors, chunked parsing, cancelling."""

from __future__ import annotations

import datetime as dt

import pytest

import timeline_app
from timeline_app.core.errors import Cancelled
from timeline_app.core.pipeline import MAX_CHARS, extract, extract_file, paragraph_chunks, parse
from tests.conftest import SAMPLE

PUBLISHED = dt.date(2017, 5, 10)


@pytest.mark.parametrize("call, message", [
    (lambda: timeline_app.extract(None), "text must be a str, not NoneType"),
    (lambda: timeline_app.extract(b"bytes"), "text must be a str, not bytes"),
    (lambda: timeline_app.extract("x", "2017-05-10"), "published must be a datetime.date or None, not str"),
    (lambda: timeline_app.extract("x", dt.datetime(2017, 5, 10)), "not datetime"),
    (lambda: timeline_app.extract("x", source=3), "source must be a str, a Path or None, not int"),
    (lambda: extract_file(None), "path must be a str or a Path, not NoneType"),
])
def test_wrong_argument_types_are_a_clear_type_error_before_any_work(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_a_text_over_the_limit_is_a_value_error_before_any_pattern_runs():
    with pytest.raises(ValueError, match="text too long"):
        timeline_app.extract("x" * (MAX_CHARS + 1), PUBLISHED)


def test_paragraph_chunks_cover_the_text_and_cut_after_blank_lines():
    text = "First paragraph here.\n\nSecond one, a bit longer.\n\n\nThird.\n" * 5
    spans = paragraph_chunks(text, 60)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[end - 2:end] == "\n\n" and text[end] != "\n" for _, end in spans[:-1])
    one_line = "word " * 100
    assert all(one_line[end - 1] == " " for _, end in paragraph_chunks(one_line, 64)[:-1])


def test_a_long_text_parsed_in_chunks_gives_the_same_extraction_and_reports_progress(nlp):
    text = SAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n")
    text = text + "\n\n" + text
    calls: list[tuple[int, int]] = []
    chunked = parse(nlp, text, lambda done, total: calls.append((done, total)), chunk_chars=2000)
    assert chunked.text == text
    assert len(calls) >= 5 and calls[0] == (0, len(text)) and calls[-1] == (len(text), len(text))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    from timeline_app.core.model import PublicationDate
    from timeline_app.core.pipeline import extract_parsed

    pub = PublicationDate(PUBLISHED, "option")
    whole, pieces = extract_parsed(nlp(text), pub), extract_parsed(chunked, pub)
    assert [(t.start, t.end, t.value) for t in pieces.timexes] == [(t.start, t.end, t.value) for t in whole.timexes]
    assert [e.title for e in pieces.events] == [e.title for e in whole.events]


def test_a_long_extraction_can_be_cancelled_between_chunks(nlp):
    text = ("The talks began on March 3, 2016, in Geneva. " * 20 + "\n\n") * 6
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done > 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        parse(nlp, text, progress, chunk_chars=1000)
    assert seen[-1] < len(text)  # stopped after the first chunk, not at the end


def test_the_worker_pool_gives_what_one_process_gives(nlp, tmp_path):
    from timeline_app.core.corpus import iter_extractions

    paths = []
    for i in range(5):
        paths.append(tmp_path / f"s{i}.txt")
        paths[-1].write_text(f"Story {i}: the council voted on March {i + 1}, 2016.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    paths.insert(2, tmp_path / "bad.txt")
    failed_one: list[str] = []
    failed_two: list[str] = []
    one = [x.to_dict() for x in iter_extractions(paths, nlp, PUBLISHED, jobs=1, batch_size=2, failed=failed_one)]
    two = [x.to_dict() for x in iter_extractions(paths, nlp, PUBLISHED, jobs=2, batch_size=2, failed=failed_two)]
    assert one == two and len(one) == 5 and failed_one == failed_two and "binary" in failed_one[0]


def test_jobs_are_capped_at_the_cores_and_said_so(nlp, tmp_path):
    from timeline_app.core.corpus import available_cores, extract_corpus

    (tmp_path / "a.txt").write_text("The vote was on May 2, 2017.", encoding="utf-8")
    notes: list[str] = []
    report = extract_corpus([tmp_path / "a.txt"], tmp_path / "out.jsonl", nlp, jobs=500, on_note=notes.append)
    assert report.jobs == available_cores() and report.written == 1
    assert any("--jobs 500" in n and f"using {available_cores()}" in n for n in notes)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o077 != 0  # not a private 0600 file


def test_open_notices_a_source_edited_without_changing_its_length(nlp, tmp_path):
    import json

    from timeline_app.core.corpus import load_extractions
    from timeline_app.core.errors import UserError

    source = tmp_path / "a.txt"
    source.write_text("The ministers met in Geneva on May 2, 2017.", encoding="utf-8")
    saved = tmp_path / "a.json"
    saved.write_text(json.dumps({"documents": [extract_file(source, nlp=nlp).to_dict()]}), encoding="utf-8")
    assert load_extractions(saved)[0].text == source.read_text(encoding="utf-8")
    source.write_text("The ministers sat in Zurich on May 2, 2017.", encoding="utf-8")  # same length
    with pytest.raises(UserError, match="has changed since it was extracted"):
        load_extractions(saved)
