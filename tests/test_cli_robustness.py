"""The command line under hostile conditions: files it must not touch, signals, pipes, bad input.

Every case runs the real command in a subprocess, because what matters is the exit code, what is
left on disk and which processes are still alive afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.core.corpus import available_cores

CLI = [sys.executable, "-m", "timeline_app"]


def run(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of the session `session` (a process started with a new session)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, _ppid, _pgrp, sid = stat[stat.rindex(")") + 2:].split()[:4]
        if int(sid) == session and state not in ("Z", "X"):
            found.append(int(entry))
    return found


def wait_until(condition, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def whole_json_lines(path: Path) -> list[dict]:
    """The documents of a JSON Lines file, asserting that no line is cut off."""
    if not path.exists():
        return []
    data = path.read_text(encoding="utf-8")
    assert data == "" or data.endswith("\n"), "the last line is cut off"
    return [json.loads(line) for line in data.splitlines()]


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> Path:
    """Enough short articles that a two-process run is still busy when it is signalled."""
    folder = tmp_path_factory.mktemp("stories")
    for i in range(240):
        (folder / f"story{i:03d}.txt").write_text(
            f"Story {i}. The ministers met in Geneva on March {i % 28 + 1}, 2016, and again last week. "
            "Talks resume next month.\n", encoding="utf-8")
    return folder


# --- files that must not be modified, created or duplicated ------------------------------

def test_an_output_that_is_not_ours_is_refused_without_being_touched(tmp_path):
    out = tmp_path / "notes.jsonl"
    original = b"my own notes\nthe last line has no newline"
    out.write_bytes(original)
    article = tmp_path / "a.txt"
    article.write_text("The ministers met last week.", encoding="utf-8")
    r = run("extract", str(article), "--format", "jsonl", "-o", str(out))
    assert r.returncode == 1 and "not an output of 'extract --format jsonl'" in r.stderr
    assert "Traceback" not in r.stderr
    assert out.read_bytes() == original


def test_no_output_file_is_left_when_every_document_fails(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "picture.txt").write_bytes(b"\x89PNG\x00\x00garbage")
    out = tmp_path / "out.jsonl"
    r = run("extract", str(tmp_path / "in"), "--format", "jsonl", "-o", str(out))
    assert r.returncode == 1 and "binary" in r.stderr and "0 documents written" in r.stderr
    assert not out.exists()


def test_resume_works_from_any_folder_and_a_file_named_three_times_is_written_once(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("a.txt", "b.txt"):
        (articles / name).write_text(f"{name}: the ministers met on May 2, 2017.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("extract", "articles/a.txt", "./articles/a.txt", "articles/../articles/a.txt", "articles",
            "--format", "jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("given more than once") == 3  # twice on the line, once more in the folder
    assert sorted(Path(d["path"]).name for d in whole_json_lines(out)) == ["a.txt", "b.txt"]
    r = run("extract", ".", "--format", "jsonl", "-o", "../out.jsonl", cwd=articles)  # another folder
    assert r.returncode == 0, r.stderr
    assert "0 documents written" in r.stderr and "2 already there" in r.stderr
    assert len(whole_json_lines(out)) == 2


def test_folders_say_what_they_skip_and_links_say_what_is_wrong(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("extract", str(empty))
    assert r.returncode == 1 and "no documents in it" in r.stderr and "Traceback" not in r.stderr
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    r = run("extract", str(loop))
    assert r.returncode == 1 and r.stderr.strip() == f"timeline-app: error: {loop}: symbolic link loop"
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    r = run("extract", str(dangling))
    assert r.returncode == 1 and "broken symbolic link" in r.stderr
    mixed = tmp_path / "mixed"
    (mixed / "inner").mkdir(parents=True)
    (mixed / "dead.txt").symlink_to(tmp_path / "nowhere.txt")
    (mixed / "x.txt").write_bytes(b"\x00binary")
    r = run("extract", str(mixed), "--model", "xx_not_installed")  # the notes come before the model
    assert "1 subfolder(s) not searched (inner)" in r.stderr
    assert "1 broken or looping link(s) skipped (dead.txt)" in r.stderr


def test_an_unreadable_folder_is_one_message():
    """A real folder without read permission (as root, read by a child that gave up root first)."""
    import shutil
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="timeline-app-test-"))  # pytest's own folder is private
    try:
        _check_unreadable_folder(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
        shutil.rmtree(tmp_path)


def _check_unreadable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("x", encoding="utf-8")
    folder.chmod(0o311)  # may be entered, not listed
    if os.geteuid() != 0:
        r = run("extract", str(folder))
        folder.chmod(0o755)
        assert r.returncode == 1 and r.stderr.strip().startswith(f"timeline-app: error: {folder}: folder cannot be read")
        assert "Traceback" not in r.stderr
        return
    from timeline_app import cli  # everything the child needs is imported before it drops root
    import timeline_app.core.corpus  # noqa: F401
    import timeline_app.core.export_data  # noqa: F401
    import timeline_app.core.fileio  # noqa: F401
    import timeline_app.core.nlp  # noqa: F401
    import timeline_app.core.pipeline  # noqa: F401

    tmp_path.chmod(0o755)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: nobody, stderr into the pipe
        try:
            os.setgid(65534)
            os.setuid(65534)
            sys.stderr = open(write_end, "w", closefd=False)  # noqa: SIM115
            code = cli.main(["extract", str(folder)])
        except BaseException:  # noqa: BLE001 - the parent sees the traceback in the pipe
            import traceback

            traceback.print_exc()
            code = 99
        sys.stderr.flush()
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        stderr = fh.read()
    _, status = os.waitpid(pid, 0)
    folder.chmod(0o755)
    assert os.waitstatus_to_exitcode(status) == 1, stderr
    assert stderr.strip() == f"timeline-app: error: {folder}: folder cannot be read (Permission denied)"


# --- processes: pipes and signals -------------------------------------------------------

def test_head_of_a_parallel_run_ends_it_and_jobs_are_capped_at_the_cores(stories, tmp_path):
    shell = subprocess.Popen(f"{' '.join(CLI)} extract {stories} --format jsonl --jobs 1000 --batch-size 1 "
                             f"2>{tmp_path / 'err'} | head -1 >{tmp_path / 'first'}",
                             shell=True, start_new_session=True)
    try:
        shell.wait(timeout=180)  # it hung forever before
    finally:
        if shell.poll() is None:
            os.killpg(shell.pid, signal.SIGKILL)
    assert json.loads((tmp_path / "first").read_text())["id"] == "story000"
    err = (tmp_path / "err").read_text()
    cores = available_cores()
    assert f"--jobs 1000: this machine has {cores} core(s); using {cores}" in err and "Traceback" not in err
    assert wait_until(lambda: not session_processes(shell.pid), 15), "worker processes outlived the run"


def _start_parallel_run(stories: Path, out: Path, err: Path) -> subprocess.Popen:
    proc = subprocess.Popen([*CLI, "extract", str(stories), "--format", "jsonl", "--jobs", "2",
                             "--batch-size", "1", "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=err.open("w"), start_new_session=True)
    started = wait_until(lambda: out.exists() and out.stat().st_size > 0 or proc.poll() is not None, 180)
    assert started and proc.poll() is None, f"the run ended before it could be signalled: {err.read_text()}"
    return proc


def _ends_cleanly(proc: subprocess.Popen) -> int:
    try:
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert wait_until(lambda: not session_processes(proc.pid), 15), "orphaned worker processes"
    return code


def test_sigkill_of_the_parent_leaves_no_worker_and_no_cut_line_and_the_run_resumes(stories, tmp_path):
    out, err = tmp_path / "out.jsonl", tmp_path / "err"
    proc = _start_parallel_run(stories, out, err)
    assert len(session_processes(proc.pid)) >= 2  # the parent and its workers
    os.kill(proc.pid, signal.SIGKILL)
    assert _ends_cleanly(proc) == -signal.SIGKILL
    written = whole_json_lines(out)
    assert 0 < len(written) < 240
    r = run("extract", str(stories), "--format", "jsonl", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert f"{len(written)} already there" in r.stderr
    names = [Path(d["path"]).name for d in whole_json_lines(out)]
    assert sorted(names) == sorted(p.name for p in stories.iterdir()) and len(set(names)) == 240


def test_sigterm_stops_the_workers_and_leaves_whole_lines(stories, tmp_path):
    out, err = tmp_path / "out.jsonl", tmp_path / "err"
    proc = _start_parallel_run(stories, out, err)
    os.kill(proc.pid, signal.SIGTERM)
    assert _ends_cleanly(proc) == 128 + signal.SIGTERM
    assert "terminated" in err.read_text() and "Traceback" not in err.read_text()
    assert 0 < len(whole_json_lines(out)) < 240


def test_ctrl_c_prints_no_worker_traceback(stories, tmp_path):
    out, err = tmp_path / "out.jsonl", tmp_path / "err"
    proc = _start_parallel_run(stories, out, err)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal sends it to the whole foreground group
    assert _ends_cleanly(proc) == 130
    text = err.read_text()
    assert "interrupted" in text and "Traceback" not in text and "KeyboardInterrupt" not in text
    whole_json_lines(out)


# --- eval ---------------------------------------------------------------------------------

TML = ('<?xml version="1.0"?>\n<TimeML><DOCID>d</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-01" '
       'functionInDocument="CREATION_TIME">March 1, 1998</TIMEX3></DCT>\n<TEXT>It rained '
       '<TIMEX3 tid="t1" type="DATE" value="1998-02-28">yesterday</TIMEX3>.</TEXT></TimeML>\n')


@pytest.mark.parametrize("kind", ["not-utf8", "folder", "dangling"])
def test_eval_on_a_bad_tml_file_is_one_message(tmp_path, kind):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.tml").write_text(TML, encoding="utf-8")
    bad = corpus / "bad.tml"
    if kind == "not-utf8":
        bad.write_bytes(TML.replace("rained", "rain\xe9d").encode("latin-1"))
    elif kind == "folder":
        bad.mkdir()
    else:
        bad.symlink_to(tmp_path / "nowhere.tml")
    r = run("eval", str(corpus))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"timeline-app: error: {bad}:")


def test_eval_json_into_a_missing_folder_fails_before_scoring(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.tml").write_text(TML, encoding="utf-8")
    r = run("eval", str(corpus), "--json", str(tmp_path / "missing" / "scores.json"))
    assert r.returncode == 1 and "does not exist" in r.stderr
    assert r.stdout == ""  # no scores printed: it stopped before scoring
    r = run("eval", str(corpus), "--json", str(tmp_path / "scores.json"))
    assert r.returncode == 0 and json.loads((tmp_path / "scores.json").read_text())["documents"] == 1
    assert (tmp_path / "scores.json").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
