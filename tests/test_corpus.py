"""Corpus mode: JSON Lines streamed from nlp.pipe, resumed, repaired; extractions read back without NLP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core.corpus import extract_corpus, find_documents, load_extractions, repair_jsonl
from timeline_app.core.errors import UserError
from timeline_app.core.pipeline import extract_file

STORIES = {
    "a_2017-05-10.txt": "Ministers met in Geneva on Tuesday. The talks began last month.",
    "b_2016-03-02.txt": "The company said on March 1 that profits rose in 2015.",
    "c_2015-01-20.txt": "The storm hit the coast on January 12, a week before the vote.",
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for name, text in STORIES.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "notes.json").write_text("{}", encoding="utf-8")  # not an article: ignored in a folder
    return d


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_folder_becomes_one_valid_json_line_per_document_equal_to_single_file_extraction(nlp, folder, tmp_path):
    out = tmp_path / "out.jsonl"
    report = extract_corpus([folder], out, nlp)
    assert (report.written, report.skipped, report.failed) == (3, 0, [])
    docs = _lines(out)
    assert [Path(d["path"]).name for d in docs] == sorted(STORIES)
    for d in docs:
        assert d == extract_file(d["path"], nlp=nlp).to_dict()
    assert out.read_text(encoding="utf-8").endswith("\n")


def test_a_second_run_skips_documents_already_written(nlp, folder, tmp_path):
    out = tmp_path / "out.jsonl"
    first = sorted(folder.glob("*.txt"))[:2]
    assert extract_corpus([str(p) for p in first], out, nlp).written == 2
    report = extract_corpus([folder], out, nlp)
    assert (report.written, report.skipped) == (1, 2)
    assert sorted(Path(d["path"]).name for d in _lines(out)) == sorted(STORIES)


def test_a_truncated_last_line_is_cut_off_and_its_document_done_again(nlp, folder, tmp_path):
    out = tmp_path / "out.jsonl"
    extract_corpus([folder], out, nlp)
    whole = out.read_text(encoding="utf-8")
    lines = whole.splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][: len(lines[2]) // 2], encoding="utf-8")  # killed mid-write
    report = extract_corpus([folder], out, nlp)
    assert (report.written, report.skipped) == (1, 2)
    assert out.read_text(encoding="utf-8") == whole


def test_an_output_that_is_not_ours_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("hello\n{}\n", encoding="utf-8")
    with pytest.raises(UserError, match="line 1 is not JSON"):
        repair_jsonl(out)


def test_unreadable_documents_are_reported_and_the_rest_written(nlp, folder, tmp_path):
    (folder / "binary.txt").write_bytes(b"\x00\x01garbage")
    out = tmp_path / "out.jsonl"
    report = extract_corpus([folder], out, nlp)
    assert report.written == 3 and len(report.failed) == 1 and "binary" in report.failed[0]


def test_missing_input_is_one_clear_error(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        find_documents([tmp_path / "nope"])


def test_open_reads_back_the_extraction_with_texts_from_the_paths(nlp, folder, tmp_path):
    out = tmp_path / "out.jsonl"
    extract_corpus([folder], out, nlp)
    loaded = load_extractions(out)
    assert [x.text for x in loaded] == [(folder / n).read_text(encoding="utf-8") for n in sorted(STORIES)]
    direct = extract_file(folder / "a_2017-05-10.txt", nlp=nlp)
    assert loaded[0].events == direct.events and loaded[0].timexes[0].value == direct.timexes[0].value


def test_open_accepts_json_with_text_and_says_when_a_text_is_gone_or_changed(nlp, folder, tmp_path):
    x = extract_file(folder / "a_2017-05-10.txt", nlp=nlp)
    with_text = tmp_path / "with-text.json"
    with_text.write_text(json.dumps({"documents": [x.to_dict(include_text=True)]}), encoding="utf-8")
    (folder / "a_2017-05-10.txt").write_text("Changed.", encoding="utf-8")
    assert load_extractions(with_text)[0].text == x.text  # "text" wins over the path
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"documents": [x.to_dict()]}), encoding="utf-8")
    with pytest.raises(UserError, match="has changed since it was extracted"):
        load_extractions(plain)
    (folder / "a_2017-05-10.txt").unlink()
    with pytest.raises(UserError, match="is gone"):
        load_extractions(plain)


def test_cli_extract_jsonl_resumes_and_open_rejects_a_broken_file(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    run = [sys.executable, "-m", "timeline_app", "extract", str(folder), "--format", "jsonl", "-o", str(out)]
    r = subprocess.run(run + ["--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert len(_lines(out)) == 3 and "3 documents written" in r.stderr and "\r" not in r.stderr  # no TTY: no bar
    r = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "0 documents written" in r.stderr and "3 already there" in r.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "timeline_app", "open", str(bad)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 1 and r.stderr.startswith("timeline-app: error:") and "Traceback" not in r.stderr


_FAULTS_OF_BIG_ARRAYS = """
import resource, sys
import numpy as np
from timeline_app.core import corpus
kept = corpus.keep_freed_memory() if sys.argv[1] == "keep" else False
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
np.ones(4 << 20)  # 32 MiB once, as a batch's largest array
before = faults()
for _ in range(20):  # what each batch of spaCy does: arrays of some MiB filled, then all freed
    arrays = [np.ones(3 << 19) for _ in range(6)]  # 6 x 12 MiB
    del arrays
print(kept, faults() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_corpus_mode_keeps_the_memory_spacy_frees_for_the_next_batch():
    """With glibc's defaults every freed array of some MiB goes back to the system and each new
    one is taken again page by page (page faults: system time); corpus mode keeps them."""
    import subprocess

    def run(mode: str) -> tuple[bool, int]:
        out = subprocess.run([sys.executable, "-c", _FAULTS_OF_BIG_ARRAYS, mode], capture_output=True,
                             text=True, check=True).stdout.split()
        return out[0] == "True", int(out[1])

    (_, plain), (kept, after) = run("plain"), run("keep")
    if not kept:
        pytest.skip("not glibc: no mallopt")
    assert plain > 2 * 18000  # 72 MiB a round in 4 KiB pages, given back and taken again
    assert after < plain / 10
