"""`timeline-app eval --events`: triggers and (event, date) pairs against gold EVENTs and TLINKs,
and the title check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

from timeline_app.core.evaluate_events import (EventReport, TitleCheck, check_titles, read_tml_events,
                                               score_events)
from timeline_app.core.model import PublicationDate
from timeline_app.core.pipeline import extract_parsed

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2017-05-10" functionInDocument="CREATION_TIME">May 10, 2017</TIMEX3></DCT>
<TEXT>
Trump <EVENT eid="e1" class="OCCURRENCE">spoke</EVENT> with Putin <TIMEX3 tid="t1" type="DATE" value="2017-W18">last week</TIMEX3>. The minister <EVENT eid="e2" class="OCCURRENCE">arrived</EVENT> in Paris <TIMEX3 tid="t2" type="DATE" value="2017-05-09">yesterday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="AFTER" eventInstanceID="ei2" relatedToTime="t2" />
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t0" />
</TimeML>
"""


def test_gold_events_and_links_are_read(tmp_path):
    f = tmp_path / "demo.tml"
    f.write_text(TML, encoding="utf-8")
    gold = read_tml_events(f)
    assert [gold.text[e.start:e.end] for e in gold.events] == ["spoke", "arrived"]
    # links to the creation time (outside the text) are not pairs the app can find
    assert gold.links == {("e1", "t1"): "IS_INCLUDED", ("e2", "t2"): "AFTER"}


def test_pairs_are_right_when_gold_dates_the_event_there(nlp, tmp_path):
    f = tmp_path / "demo.tml"
    f.write_text(TML, encoding="utf-8")
    gold = read_tml_events(f)
    x = extract_parsed(nlp(gold.text), PublicationDate(dt.date(2017, 5, 10), "option"), source="demo")
    report = EventReport("demo")
    score_events(gold, x, report)
    s = report.scores()
    assert s["trigger_precision"] == 1.0 and s["pairs_judged"] == 2
    assert s["anchor_precision"] == 0.5 and s["pairs_gold_relation"] == 1  # 'arrived' is AFTER in gold
    assert s["gold_links"] == 1 and s["anchor_recall"] == 1.0


def test_a_title_that_drops_a_negation_is_counted(nlp):
    doc = nlp("The senator did not attend the hearing on Tuesday.")
    doc.user_data["publication_date"] = dt.date(2017, 5, 10)
    x = extract_parsed(doc, PublicationDate(dt.date(2017, 5, 10), "option"))
    good = list(x.events)
    check = TitleCheck()
    titles = {e.title: nlp(e.title) for e in good}
    check_titles(doc, good, check, titles)
    assert (check.titles, check.lost_negation, check.not_a_phrase) == (1, 0, 0)
    bad = [dataclasses.replace(good[0], title="The senator attended the hearing")]
    check_titles(doc, bad, check, {bad[0].title: nlp(bad[0].title)})
    assert check.lost_negation == 1
    fragment = [dataclasses.replace(good[0], title="To attend the hearing")]
    check_titles(doc, fragment, check, {fragment[0].title: nlp(fragment[0].title)})
    assert check.not_a_phrase == 1


def test_eval_events_command(tmp_path):
    (tmp_path / "demo.tml").write_text(TML, encoding="utf-8")
    out = tmp_path / "events.json"
    r = subprocess.run([sys.executable, "-m", "timeline_app", "eval", "--events", str(tmp_path), "--json", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "triggers" in r.stdout and "lost negation 0" in r.stdout
    assert json.loads(out.read_text())["events"]["trigger_precision"] == 1.0
