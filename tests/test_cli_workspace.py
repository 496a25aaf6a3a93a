"""The command line with workspaces and the data formats: extract to a workspace, export it, bad files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from tests.conftest import SAMPLE


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_extract_to_a_workspace_then_export_its_data_and_image(tmp_path) -> None:
    story = tmp_path / "story.timeline.json"
    r = run("extract", str(SAMPLE), "--format", "workspace", "-o", str(story))
    assert r.returncode == 0, r.stderr
    data = json.loads(story.read_text(encoding="utf-8"))
    assert data["format"] == "timeline-explorer-workspace" and len(data["sources"]) == 1

    # a correction made by hand in the file, as the window would save it
    strike = next(e for e in data["sources"][0]["extraction"]["events"] if e["title"].startswith("Trump ordered"))
    data["edits"].append({"kind": "retitle", "source": data["sources"][0]["key"], "event": strike["id"],
                          "title": "Missile strike on Shayrat"})
    story.write_text(json.dumps(data), encoding="utf-8")

    r = run("export", str(story), "-o", str(tmp_path / "events.csv"))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "events.csv").read_text(encoding="utf-8"))))
    fixed = next(row for row in rows if row["title"] == "Missile strike on Shayrat")
    assert fixed["corrected"] == "yes"

    r = run("export", str(story), "-o", str(tmp_path / "story.txt"))
    assert r.returncode == 0, r.stderr
    assert "Missile strike on Shayrat (Politico, 10 May 2017)" in (tmp_path / "story.txt").read_text(encoding="utf-8")

    r = run("export", str(story), "--format", "timeml", "-o", str(tmp_path / "tml"))
    assert r.returncode == 0, r.stderr
    ET.parse(tmp_path / "tml" / "000_5c7e1887aa53ff4b.tml")
    r = run("eval", str(tmp_path / "tml"))
    assert r.returncode == 0 and "100.0" in r.stdout

    r = run("export", str(story), "-o", str(tmp_path / "story.png"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "story.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_extract_timelinejs_and_chronology_to_stdout() -> None:
    r = run("extract", str(SAMPLE), "--format", "timelinejs")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["events"]
    r = run("extract", str(SAMPLE), "--format", "chronology")
    assert r.returncode == 0, r.stderr
    assert "- Trump ordered a missile strike in Syria (Politico, 10 May 2017)" in r.stdout


def test_a_damaged_workspace_is_one_clear_message(tmp_path) -> None:
    bad = tmp_path / "bad.timeline.json"
    bad.write_text('{"format": "timeline-explorer-workspace", "version": 1, "sources": [', encoding="utf-8")
    for command in (("open", str(bad)), ("export", str(bad), "-o", str(tmp_path / "x.csv"))):
        r = run(*command)
        assert r.returncode == 1
        assert r.stderr.startswith("timeline-app: error: ") and "damaged workspace file" in r.stderr
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.csv").exists()


def test_export_reads_an_extraction_as_open_does_not_as_an_article(tmp_path) -> None:
    extraction = tmp_path / "sample.json"
    r = run("extract", str(SAMPLE), "-o", str(extraction))
    assert r.returncode == 0, r.stderr
    events = json.loads(extraction.read_text(encoding="utf-8"))["documents"][0]["events"]
    r = run("export", str(extraction), "-o", str(tmp_path / "events.csv"))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "events.csv").read_text(encoding="utf-8"))))
    # the extraction's own events, not events read out of its JSON text ("Mod null start 39254…")
    assert sorted(row["title"] for row in rows) == sorted(e["title"] for e in events)
    r = run("export", str(extraction), "-o", str(tmp_path / "story.png"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "story.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
