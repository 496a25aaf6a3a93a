"""`timeline-app eval`: TempEval-3 scoring of a folder of TimeML files."""

from __future__ import annotations

import json
import subprocess
import sys

from timeline_app.core.evaluate import Report, read_tml, score_document

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2017-05-10" functionInDocument="CREATION_TIME">May 10, 2017</TIMEX3></DCT>
<TEXT>
Lavrov arrives <TIMEX3 tid="t1" type="DATE" value="2017-05-10">today</TIMEX3> &amp; Trump spoke <TIMEX3 tid="t2" type="DATE" value="2017-W18">last week</TIMEX3>.
The war lasted <TIMEX3 tid="t3" type="DURATION" value="P3Y">three years</TIMEX3>, and ended in <TIMEX3 tid="t4" type="DATE" value="1999">1998</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_offsets_point_at_the_text(tmp_path):
    f = tmp_path / "demo.tml"
    f.write_text(TML, encoding="utf-8")
    gold = read_tml(f)
    assert str(gold.dct) == "2017-05-10"
    assert [t.text for t in gold.timexes] == ["today", "last week", "three years", "1998"]
    assert "&" in gold.text and "&amp;" not in gold.text


def test_eval_command_scores_and_lists_errors(tmp_path):
    (tmp_path / "demo.tml").write_text(TML, encoding="utf-8")
    out = tmp_path / "scores.json"
    r = subprocess.run([sys.executable, "-m", "timeline_app", "eval", str(tmp_path), "--errors",
                        "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    scores = json.loads(out.read_text())
    overall = scores["overall"]
    # all four found with exact spans; the deliberately wrong gold value (1999) costs one value
    assert overall["gold"] == 4 and overall["system"] == 4
    assert overall["strict_f1"] == 1.0 and overall["value_accuracy"] == 0.75
    assert "VALUE\t'1998'" in r.stdout


def test_relaxed_pairs_one_to_one():
    class S:
        def __init__(self, start, end, value, type_="DATE"):
            self.start, self.end, self.value, self.type, self.text = start, end, value, type_, ""

    gold = [S(0, 10, "2017"), S(20, 30, "2018")]
    report = Report("x")
    score_document(gold, [S(2, 8, "2017"), S(5, 9, "2017"), S(25, 40, "2019")], "d", report)
    s = report.overall.scores()
    assert report.overall.relaxed == 2 and report.overall.strict == 0
    assert round(s["relaxed_p"], 3) == 0.667 and s["value_accuracy"] == 0.5


def test_folder_without_tml_is_an_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "timeline_app", "eval", str(tmp_path)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "no TimeML" in r.stderr


def test_core_and_cli_extract_import_no_qt():
    code = ("import sys, timeline_app, timeline_app.cli, timeline_app.core.pipeline, "
            "timeline_app.core.evaluate, timeline_app.core.timeline\n"
            "from timeline_app.cli import main\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_canonical_values_rewrite_only_notation():
    from timeline_app.core.evaluate import canonical_value

    assert canonical_value("2014-05-04-WXX-7") == "2014-05-04"
    assert canonical_value("2014-XX-XX") == "2014"
    assert canonical_value("2015-01-W02") == "2015-W02"
    assert canonical_value("2012-05-15T:07:30") == "2012-05-15T07:30"
    assert canonical_value("2014-05") == "2014-05" and canonical_value("P3Y") == "P3Y"


def test_canonical_flag_counts_same_date_in_other_notation():
    class S:
        def __init__(self, value):
            self.start, self.end, self.value, self.type, self.text = 0, 5, value, "DATE", ""

    strict, lenient = Report("x"), Report("x")
    score_document([S("2014-XX-XX")], [S("2014")], "d", strict)
    score_document([S("2014-XX-XX")], [S("2014")], "d", lenient, canonical=True)
    assert strict.overall.value_ok == 0 and lenient.overall.value_ok == 1
