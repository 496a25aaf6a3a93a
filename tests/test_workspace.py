"""The workspace: every correction applied, undone and redone; saving and opening; moved and changed sources."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from timeline_app.core.errors import UserError
from timeline_app.core.workspace import (
    SCHEMA_VERSION, ChangeDate, Delete, Insert, Retitle, new_workspace, open_workspace, period,
)


@pytest.fixture()
def ws(sample_extraction):
    return new_workspace([sample_extraction])


def _event(ws, title_start: str):
    key = ws.sources[0].key
    return next(e for e in ws.current(key).events if e.title.startswith(title_start))


def _snapshot(ws):
    return [ws.current(s.key).events for s in ws.sources]


def _apply_undo_redo(ws, edit):
    """Apply `edit`, check undo gives back exactly what was there, redo it; returns the state after it."""
    before = _snapshot(ws)
    ws.apply(edit)
    after = _snapshot(ws)
    assert after != before
    ws.revert(edit)
    assert _snapshot(ws) == before
    ws.apply(edit)
    assert _snapshot(ws) == after
    return after


def test_periods_of_each_precision() -> None:
    day = dt.date(2017, 4, 12)  # a Wednesday
    assert period(day, "day") == (day, day)
    assert period(day, "week") == (dt.date(2017, 4, 10), dt.date(2017, 4, 16))
    assert period(day, "month") == (dt.date(2017, 4, 1), dt.date(2017, 4, 30))
    assert period(day, "quarter") == (dt.date(2017, 4, 1), dt.date(2017, 6, 30))
    assert period(dt.date(2017, 11, 3), "quarter") == (dt.date(2017, 10, 1), dt.date(2017, 12, 31))
    assert period(day, "year") == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


@pytest.mark.parametrize("precision, label", [
    ("day", "8 March 2017"), ("week", "week of 6 March 2017"), ("month", "March 2017"),
    ("quarter", "Q1 2017"), ("year", "2017"), ("range", "8–20 March 2017")])
def test_change_date_at_each_precision_shows_on_the_timeline(ws, precision, label) -> None:
    strike = _event(ws, "Trump ordered")
    key = ws.sources[0].key
    edit = ChangeDate.to(key, strike.id, dt.date(2017, 3, 8), precision, until=dt.date(2017, 3, 20))
    _apply_undo_redo(ws, edit)
    entry = next(e for e in ws.timeline().entries if e.event.id == strike.id)
    assert entry.label == label
    assert entry.corrected.startswith("date corrected by you (extracted: April 2017)")
    assert "✎ date corrected by you" in ws.timeline().tooltip(entry)


def test_retitle_delete_restore(ws) -> None:
    key = ws.sources[0].key
    strike = _event(ws, "Trump ordered")
    _apply_undo_redo(ws, Retitle(key, strike.id, "US missile strike on Shayrat airbase"))
    assert _event(ws, "US missile strike").id == strike.id
    count = len(ws.current(key).events)
    _apply_undo_redo(ws, Delete(key, strike.id))
    assert len(ws.current(key).events) == count - 1
    assert [e.id for e in ws.deleted(key)] == [strike.id]
    restored = ws.deleted(key)[0]
    _apply_undo_redo(ws, Insert(key, restored, restore=True))
    assert ws.deleted(key) == []
    assert _event(ws, "US missile strike").title == "US missile strike on Shayrat airbase"
    assert "restored by you" in ws.corrections()[(key, strike.id)]


def test_merge_and_split_again(ws) -> None:
    key = ws.sources[0].key
    a, b = ws.current(key).events[2], ws.current(key).events[3]
    count = len(ws.current(key).events)
    merge = ws.merge(key, [a.id, b.id])
    _apply_undo_redo(ws, merge)
    merged = next(e for e in ws.current(key).events if e.id == merge.new_id)
    assert len(ws.current(key).events) == count - 1
    assert set(merged.timex_ids) == set(a.timex_ids) | set(b.timex_ids)
    assert merged.title == a.title and ws.is_merged(key, merged.id)
    split = ws.split(key, merged.id)
    _apply_undo_redo(ws, split)
    assert [e for e in ws.current(key).events if e.id in (a.id, b.id)] == [a, b]
    assert len(ws.current(key).events) == count


def test_add_event_from_a_selection_takes_its_date_from_the_expression(ws) -> None:
    key = ws.sources[0].key
    text = ws.current(key).text
    start = text.index("last month")
    span = (text.rfind(".", 0, start) + 2, text.index(".", start) + 1)
    edit = ws.add_event(key, "", span)
    _apply_undo_redo(ws, edit)
    added = next(e for e in ws.current(key).events if e.id == edit.event.id)
    assert (added.earliest, added.latest) == (dt.date(2017, 4, 1), dt.date(2017, 4, 30))
    assert added.title and added.title in " ".join(text[span[0]:span[1]].split())
    typed = ws.add_event(key, "Lavrov and Tillerson meet", (0, 40), dt.date(2017, 5, 10), "day")
    ws.apply(typed)
    assert ws.corrections()[(key, typed.event.id)] == "added by you"
    with pytest.raises(UserError, match="no date"):
        ws.add_event(key, "x", (0, 5))


def test_save_and_open_round_trip_keeps_everything(ws, tmp_path) -> None:
    key = ws.sources[0].key
    strike = _event(ws, "Trump ordered")
    ws.apply(ChangeDate.to(key, strike.id, dt.date(2017, 4, 6), "day"))
    ws.apply(Retitle(key, strike.id, "Missile strike on Syria"))
    merge = ws.merge(key, [ws.current(key).events[0].id, ws.current(key).events[1].id])
    ws.apply(merge)
    ws.set_lanes("by-source")
    ws.view.selected = (key, strike.id)
    ws.view.range = (dt.date(2017, 1, 1), dt.date(2017, 6, 1))
    assert ws.modified
    path = tmp_path / "story.timeline.json"
    ws.save(path)
    assert not ws.modified
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "timeline-explorer-workspace" and data["version"] == SCHEMA_VERSION
    assert data["sources"][0]["text"] == ws.current(key).text
    assert [e["kind"] for e in data["edits"]] == ["change-date", "retitle", "merge"]

    opened = open_workspace(path)
    again = opened.workspace
    assert opened.notes == ()
    assert not again.modified
    assert _as_json(again) == _as_json(ws)  # as JSON: confidences are stored to two decimals
    assert again.corrections() == ws.corrections()
    assert (again.view.lanes, again.view.selected, again.view.range) == ("by-source", (key, strike.id),
                                                                         (dt.date(2017, 1, 1), dt.date(2017, 6, 1)))
    assert [(e.label, e.title, e.lane, e.corrected) for e in again.timeline().entries] == \
        [(e.label, e.title, e.lane, e.corrected) for e in ws.timeline().entries]
    again.revert()  # the edits are there to undo after opening
    assert not again.is_merged(key, merge.new_id)


def _as_json(ws):
    return [[e.to_dict() for e in ws.current(s.key).events] for s in ws.sources]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_crash_during_save_leaves_the_previous_file(ws, tmp_path, monkeypatch) -> None:
    path = tmp_path / "story.timeline.json"
    ws.save(path)
    previous = path.read_bytes()
    ws.apply(Delete(ws.sources[0].key, ws.current(ws.sources[0].key).events[0].id))

    def crash(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(UserError, match="cannot write"):
        ws.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == previous
    assert [f.name for f in tmp_path.iterdir()] == ["story.timeline.json"]  # no temporary file left
    assert ws.modified  # the change is still unsaved, not lost
    assert len(open_workspace(path).workspace.current(ws.sources[0].key).events) == \
        len(ws.sources[0].extraction.events)


def test_moved_or_changed_source_opens_from_the_saved_text(sample_extraction, tmp_path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy(SAMPLE, article)
    x = replace(sample_extraction, path=str(article))
    ws = new_workspace([x])
    ws.apply(Retitle(ws.sources[0].key, x.events[0].id, "Corrected title"))
    path = tmp_path / "story.timeline.json"
    ws.save(path)

    article.write_text(SAMPLE.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8")
    opened = open_workspace(path)
    assert len(opened.notes) == 1 and "has changed" in opened.notes[0] and "article.txt" in opened.notes[0]
    assert opened.workspace.current(ws.sources[0].key).text == x.text
    assert opened.workspace.current(ws.sources[0].key).events[0].title == "Corrected title"

    article.unlink()
    opened = open_workspace(path)
    assert "no longer at" in opened.notes[0] and "nothing is lost" in opened.notes[0]
    assert opened.workspace.current(ws.sources[0].key).events[0].title == "Corrected title"


def test_damaged_and_newer_files_give_one_clear_message_and_are_not_touched(ws, tmp_path) -> None:
    path = tmp_path / "story.timeline.json"
    ws.save(path)
    whole = path.read_text(encoding="utf-8")
    cut = tmp_path / "cut.timeline.json"
    cut.write_text(whole[: len(whole) // 2], encoding="utf-8")
    with pytest.raises(UserError, match="damaged workspace file .invalid JSON"):
        open_workspace(cut)
    assert cut.read_text(encoding="utf-8") == whole[: len(whole) // 2]

    newer = tmp_path / "newer.timeline.json"
    data = json.loads(whole)
    data["version"] = SCHEMA_VERSION + 1
    newer.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match="newer Timeline Explorer"):
        open_workspace(newer)

    tampered = tmp_path / "tampered.timeline.json"
    data["version"] = SCHEMA_VERSION
    data["sources"][0]["text"] = data["sources"][0]["text"].replace("Lavrov", "Lavrow")
    tampered.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match="does not match its hash"):
        open_workspace(tampered)

    other = tmp_path / "other.timeline.json"
    other.write_text('{"documents": []}', encoding="utf-8")
    with pytest.raises(UserError, match="not a Timeline Explorer workspace"):
        open_workspace(other)


def test_re_extraction_keeps_corrections_and_sets_aside_those_that_no_longer_fit(ws, sample_extraction) -> None:
    key = ws.sources[0].key
    strike = _event(ws, "Trump ordered")
    ws.apply(Retitle(key, strike.id, "Missile strike"))
    ws.apply(Retitle(key, sample_extraction.events[0].id, "First"))
    fewer = replace(sample_extraction, events=tuple(e for e in sample_extraction.events
                                                    if e.id != sample_extraction.events[0].id))
    stale = ws.replace_extraction(key, fewer)
    assert [e.describe() for e in stale] == [f"Rename {sample_extraction.events[0].id} to “First”"]
    assert _event(ws, "Missile strike").id == strike.id
    assert ws.to_dict()["edits"][-1]["title"] == "First"  # kept aside, saved back, not lost


def test_lanes_grouped_by_source_do_not_mix(sample_extraction) -> None:
    other = replace(sample_extraction, id="copy", path="copy.txt")
    ws = new_workspace([sample_extraction, other])
    assert ws.sources[0].colour != ws.sources[1].colour
    merged = ws.timeline()
    ws.set_lanes("by-source")
    grouped = ws.timeline()
    assert grouped.lanes >= merged.lanes and merged.lane_groups == ()
    (d0, first0, n0), (d1, first1, n1) = grouped.lane_groups
    assert (first0, first1) == (0, n0)
    for e in grouped.dated:
        assert (first0 <= e.lane < n0) if e.doc == 0 else (first1 <= e.lane < first1 + n1)
    ws.set_visible(ws.sources[1].key, False)
    assert len(ws.timeline().documents) == 1


def test_periods_of_any_era() -> None:
    from timeline_app.core.dates.calendar import Day

    assert period(Day(-4, 2, 10), "month") == (Day(-4, 2, 1), Day(-4, 2, 29))  # 5 BC was a leap year
    assert period(Day(-263, 7, 1), "year") == (Day(-263, 1, 1), Day(-263, 12, 31))
    assert period(Day(-1, 12, 31), "week") == (Day(-1, 12, 27), Day(0, 1, 2))  # from 2 BC into 1 BC
    assert period(Day(-263, 11, 3), "quarter") == (Day(-263, 10, 1), Day(-263, 12, 31))


def test_a_history_workspace_with_bc_corrections_and_view_saves_and_opens_again(nlp, tmp_path) -> None:
    """A history of Rome (dates BC): its view and a corrected BC date are saved and read back; before, the
    file could not be opened again ('damaged workspace file') because its days were read as datetime.date."""
    from timeline_app.core.dates.calendar import Day
    from timeline_app.core.pipeline import extract

    text = ("In 264 BC the Roman Republic had gained control of the Italian peninsula. "
            "Rome and Carthage made peace in 241 BC.\n")
    ws = new_workspace([extract(text, dt.date(2009, 12, 19), source="punic.txt", nlp=nlp)])
    key = ws.sources[0].key
    gained = _event(ws, "The Roman Republic had gained")
    assert gained.earliest == Day(-263, 1, 1)
    ws.apply(ChangeDate.to(key, gained.id, Day(-264, 6, 1), "year"))
    ws.view.range = (Day(-300, 1, 1), Day(-200, 12, 31))
    path = tmp_path / "rome.timeline.json"
    ws.save(path)
    again = open_workspace(path).workspace
    assert again.view.range == (Day(-300, 1, 1), Day(-200, 12, 31))
    entry = next(e for e in again.timeline().entries if e.event.id == gained.id)
    assert entry.label == "265 BC" and entry.corrected == "date corrected by you (extracted: 264 BC)"
