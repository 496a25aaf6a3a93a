"""Corpus mode on a Dask cluster: `extract --format jsonl --scheduler ADDRESS` or `--dask-workers N`.

The documents still to do are cut into shards (consecutive runs of files, a few minutes of
work each).  Each shard is one Dask task that runs the single-process code path
(`corpus.iter_extractions`) on a worker, which loads the spaCy model once per worker thread
and keeps it.  The client writes each finished shard whole (`fileio.write_atomic`) into
`OUT.shards/`, named by a hash of its files, so a shard on disk is complete; a rerun skips
those, and a shard whose worker was lost is simply run again (Dask reschedules it; an
interrupted run leaves nothing of it).  When every shard is there they are appended to OUT in
document order, which is then line for line what `extract --format jsonl` writes in one
process; the shard folder is removed.  The workers read the documents by their paths: on a
real cluster these must be on a file system every worker sees, under the same paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from timeline_app.core.corpus import CorpusReport, ProgressBar, same_file_key, find_documents, repair_jsonl
from timeline_app.core.errors import UserError
from timeline_app.core.fileio import write_atomic

#: Bounds of the number of documents in a shard (a few minutes of one worker at ~5-10 docs/s).  A
#: shard is parsed by one `nlp.pipe`, so it holds at least one batch of corpus mode (16): spaCy
#: costs 20 % more CPU per document in batches of 4.
MIN_SHARD, MAX_SHARD = 16, 1000
#: Monitoring a local cluster started for one run does for nobody (it has no dashboard): the
#: workers' statistical profiler (a stack sample every 10 ms), the event loops' 20 ms ticks, the
#: 100 ms memory polls and 500 ms system monitor.  Less often, or not at all; the memory limit
#: and everything else stay as Dask sets them.
QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
#: Where a local cluster's scheduler serves HTTP (/health, /metrics: it always does, dashboard or
#: not): this machine only, on a port of the system's choosing.  With `dashboard_address=None` Dask
#: listens on every interface at its dashboard's port 8787, and warns when that one is taken.
LOCAL_HTTP_ADDRESS = "127.0.0.1:0"
_local = threading.local()


@dataclass(frozen=True)
class Shard:
    """A run of consecutive documents, named by what it holds (stable across reruns)."""

    key: str
    paths: tuple[str, ...]


def shard_documents(paths: Sequence[Path], size: int | None = None) -> list[Shard]:
    """Consecutive shards of `paths`; by default about 64 of them, within MIN_SHARD..MAX_SHARD documents.

    The size depends only on the documents, not on the cluster, so that a rerun on fewer
    workers finds the shards it already has.
    """
    if size is None:
        size = min(MAX_SHARD, max(MIN_SHARD, math.ceil(len(paths) / 64)))
    shards = []
    for start in range(0, len(paths), size):
        chunk = tuple(str(p) for p in paths[start:start + size])
        digest = hashlib.sha1("\n".join(same_file_key(p) for p in chunk).encode("utf-8")).hexdigest()
        shards.append(Shard(f"{start // size:05d}-{digest[:16]}", chunk))
    return shards


def _worker_model(model: str | None):
    """The spaCy pipeline of this worker thread, loaded on its first shard and kept."""
    cache = getattr(_local, "models", None)
    if cache is None:
        cache = _local.models = {}
    if model not in cache:
        from timeline_app.core.nlp import load_model

        cache[model] = load_model.__wrapped__(model)  # uncached: a pipeline is not shared between threads
    return cache[model]


def extract_shard(paths: Sequence[str], published: dt.date | None, model: str | None,
                  batch_size: int = 16, anchoring: str = "auto") -> dict:
    """Run on a worker: {"lines": JSON Lines of the documents, "failed": [...], "notes": [...]}."""
    from timeline_app.core.corpus import iter_extractions

    nlp = _worker_model(model)
    failed: list[str] = []
    lines, notes = [], []
    for x in iter_extractions([Path(p) for p in paths], nlp, published, 1, batch_size, failed, anchoring):
        lines.append(json.dumps(x.to_dict(), ensure_ascii=False) + "\n")
        notes.extend(f"{x.path}: {note}" for note in x.notes)
    return {"lines": lines, "failed": failed, "notes": notes}


def _client(scheduler: str | None, workers: int | None):
    """(client, cluster or None) for a scheduler address, or a new local cluster of `workers`."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # the standalone bundle leaves Dask out
        raise UserError("Dask is not part of this build; install the app with pip "
                        "(pip install timeline-explorer) to run on a cluster") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    import dask

    with dask.config.set(QUIET_LOCAL_CLUSTER):  # the workers take the configuration they start with
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                               dashboard_address=LOCAL_HTTP_ADDRESS, silence_logs=40)
    return Client(cluster), cluster


def extract_distributed(inputs: Sequence[str | Path], output: str | Path, *, scheduler: str | None = None,
                        workers: int | None = None, model: str | None = None,
                        published: dt.date | None = None, batch_size: int = 16, shard_size: int | None = None,
                        anchoring: str = "auto",
                        progress: IO[str] | None = None,
                        on_note: Callable[[str], None] | None = None) -> CorpusReport:
    """`extract_corpus` on a Dask cluster: the same JSON Lines in `output`, resumable by shard."""
    if output is None:
        raise UserError("--scheduler/--dask-workers need -o OUT.jsonl (finished shards are kept beside it)")
    target = Path(output)
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise UserError(f"{target}: folder {target.parent} does not exist")
    started = time.monotonic()
    paths = [p.absolute() for p in find_documents(inputs, on_note)]  # as extract_corpus writes them
    done = repair_jsonl(target)
    todo = [p for p in paths if same_file_key(p) not in done]
    report = CorpusReport(skipped=len(paths) - len(todo))
    shards = shard_documents(todo, shard_size)
    folder = target.with_name(target.name + ".shards")
    finished = {s.key for s in shards if (folder / f"{s.key}.jsonl").exists()}
    bar = ProgressBar(len(paths), progress)
    counted = report.skipped + sum(len(s.paths) for s in shards if s.key in finished)
    bar.update(counted, force=True)
    missing = [s for s in shards if s.key not in finished]
    if missing:
        client, cluster = _client(scheduler, workers)
        try:
            folder.mkdir(exist_ok=True)
            from distributed import as_completed

            futures = {client.submit(extract_shard, s.paths, published, model, batch_size, anchoring,
                                     key=f"timeline-shard-{s.key}", pure=False): s for s in missing}
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - whatever a worker raised, said once
                    raise UserError(f"shard {shard.key} ({shard.paths[0]}...) failed on the cluster: "
                                    f"{type(exc).__name__}: {exc}; finished shards are kept, run again "
                                    "to resume") from None
                write_atomic(folder / f"{shard.key}.failed.json", json.dumps(result["failed"]))
                write_atomic(folder / f"{shard.key}.jsonl", "".join(result["lines"]))  # last: marks it done
                counted += len(shard.paths)
                for note in result["notes"] if on_note else ():
                    bar.clear()
                    on_note(note)
                bar.update(counted)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    try:
        with open(target, "a", encoding="utf-8", newline="\n") as sink:
            for shard in shards:
                lines = (folder / f"{shard.key}.jsonl").read_text(encoding="utf-8")
                sink.write(lines)
                report.written += lines.count("\n")
                failed_file = folder / f"{shard.key}.failed.json"
                if failed_file.exists():
                    report.failed.extend(json.loads(failed_file.read_text(encoding="utf-8")))
            sink.flush()
            os.fsync(sink.fileno())
    except OSError as exc:
        raise UserError(f"{target}: cannot write there ({exc.strerror})") from None
    finally:
        bar.close()
    shutil.rmtree(folder, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report

