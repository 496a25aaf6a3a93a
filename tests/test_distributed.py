"""Corpus mode on a real Dask cluster (a LocalCluster of 2 worker processes): the same output as
one process, written per shard, resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.corpus import extract_corpus
from timeline_app.core.distributed import extract_distributed, shard_documents
from timeline_app.core.corpus import find_documents

STORIES = {
    "a_2017-05-10.txt": "Ministers met in Geneva on Tuesday. The talks began last month.",
    "b_2016-03-02.txt": "The company said on March 1 that profits rose in 2015.",
    "c_2015-01-20.txt": "The storm hit the coast on January 12, a week before the vote.",
    "d_2019-07-04.txt": "The parade was held yesterday; the next one is planned for next summer.",
    "e.html": "<html><head><meta property='article:published_time' content='2018-02-01'></head><body><article>"
              "<p>The council voted on Monday to close the bridge for repairs until the end of the year.</p>"
              "<p>Work starts next week and should take about ten months, officials said.</p></article>"
              "<footer>Updated December 31, 2010</footer></body></html>",
    "f_2020-10-10.txt": "Voting ends in three weeks. Polls opened on October 1.",
    "broken.txt": None,
}


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    from timeline_app.core.distributed import LOCAL_HTTP_ADDRESS

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=LOCAL_HTTP_ADDRESS,
                      silence_logs=40) as c:
        yield c


def test_a_local_cluster_serves_http_on_this_machine_only_and_not_at_the_dashboard_port(cluster):
    """Another cluster on the machine (Dask's dashboard port 8787 taken) is no reason for a warning,
    and nothing listens on other interfaces."""
    bound = [sock.getsockname() for sock in cluster.scheduler.http_server._sockets.values()]
    assert bound and all(host == "127.0.0.1" and port != 8787 for host, port, *_ in bound)


def test_dask_run_equals_one_process_and_resumes_by_shard(nlp, cluster, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in STORIES.items():
        if text is None:
            (folder / name).write_bytes(b"\x00\x01binary" * 20)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    single = tmp_path / "single.jsonl"
    one = extract_corpus([folder], single, nlp)
    expected = single.read_text(encoding="utf-8")

    out = tmp_path / "dask.jsonl"
    report = extract_distributed([folder], out, scheduler=cluster.scheduler_address, shard_size=2)
    assert out.read_bytes() == single.read_bytes()  # line for line, in document order
    assert (report.written, report.failed) == (one.written, one.failed) and len(report.failed) == 1
    assert not (tmp_path / "dask.jsonl.shards").exists()
    # both workers did some of the work, each loading the model once
    assert len(cluster.scheduler.workers) == 2

    # an interrupted run: one shard finished (its file is there), one worker lost mid-shard (a
    # temporary file of nothing), nothing appended yet.  The finished shard is not redone.
    out.unlink()
    shards = shard_documents(find_documents([folder]), 2)
    kept = tmp_path / "dask.jsonl.shards"
    kept.mkdir()
    first = [json.loads(line) for line in expected.splitlines()[:2]]
    marked = "".join(json.dumps({**d, "title": "FROM THE SHARD FILE"}, ensure_ascii=False) + "\n" for d in first)
    (kept / f"{shards[0].key}.jsonl").write_text(marked, encoding="utf-8")
    (kept / f".{shards[1].key}.jsonl.tmp").write_text('{"id": "half', encoding="utf-8")
    again = extract_distributed([folder], out, scheduler=cluster.scheduler_address, shard_size=2)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines[:2]] == ["FROM THE SHARD FILE"] * 2
    assert lines[2:] == expected.splitlines()[2:]
    assert again.written == one.written

    # a third run finds every document in the output and starts no work
    third = extract_distributed([folder], out, scheduler=cluster.scheduler_address, shard_size=2)
    assert (third.written, third.skipped) == (0, one.written)


def test_the_anchoring_reaches_the_workers(nlp, cluster, tmp_path: Path):
    """--anchoring news on a cluster: the same lines as in one process (it was left at auto, which
    reads this history as a narrative)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "war_2009-12-19.txt").write_text(
        "In 1861 the war began. In April the army crossed the river. The next month it was beaten.",
        encoding="utf-8")
    single = tmp_path / "single.jsonl"
    extract_corpus([folder], single, nlp, anchoring="news")
    out = tmp_path / "dask.jsonl"
    extract_distributed([folder], out, scheduler=cluster.scheduler_address, anchoring="news")
    assert out.read_bytes() == single.read_bytes()
    april = next(t for t in json.loads(single.read_text(encoding="utf-8"))["timexes"] if t["text"] == "April")
    assert april["value"] == "2009-04"  # anchored on the publication date, as asked


def test_shards_hold_at_least_one_batch_of_documents():
    from timeline_app.core.distributed import MIN_SHARD

    paths = [Path(f"/d/{i:03d}.txt") for i in range(256)]
    assert MIN_SHARD >= 16  # a shard is one nlp.pipe: smaller batches cost spaCy more per document
    assert [len(s.paths) for s in shard_documents(paths)] == [16] * 16
    assert len(shard_documents(paths[:10])) == 1


def test_a_lost_workers_shard_is_redone(nlp, cluster, tmp_path: Path):
    """SIGKILL one worker process while shards run: its shard runs again elsewhere, nothing is lost."""
    import os
    import signal
    import threading
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    texts = [t for t in STORIES.values() if t]
    for i in range(10):
        (folder / f"s{i:02d}_2017-05-{i + 1:02d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    single = tmp_path / "single.jsonl"
    extract_corpus([folder], single, nlp)
    out = tmp_path / "dask.jsonl"
    result: dict = {}
    run = threading.Thread(target=lambda: result.update(
        report=extract_distributed([folder], out, scheduler=cluster.scheduler_address, shard_size=1)))
    run.start()
    shards = tmp_path / "dask.jsonl.shards"
    deadline = time.monotonic() + 120
    while not list(shards.glob("*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.05)
    victim = next(iter(cluster.workers.values())).process.process.pid  # the nanny's worker process
    os.kill(victim, signal.SIGKILL)
    run.join(timeout=300)
    assert not run.is_alive() and result["report"].written == 10
    assert out.read_bytes() == single.read_bytes()


def test_the_cli_needs_an_output_file_for_dask(tmp_path: Path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("The talks ended yesterday.", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(tmp_path / "a.txt"),
                        "--format", "jsonl", "--dask-workers", "2"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stderr.strip() == (
        "timeline-app: error: --scheduler and --dask-workers need --format jsonl and -o OUT.jsonl")
