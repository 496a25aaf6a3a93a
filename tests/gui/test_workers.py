"""The extraction service: off the GUI thread, with progress; cancelled requests deliver nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.gui.workers import ExtractionService

pytestmark = pytest.mark.gui


def _record(service: ExtractionService) -> dict[str, list]:
    seen: dict[str, list] = {"progress": [], "documents": [], "failed": [], "finished": []}
    service.progress.connect(lambda *a: seen["progress"].append(a))
    service.documentReady.connect(seen["documents"].append)
    service.failed.connect(seen["failed"].append)
    service.finished.connect(seen["finished"].append)
    return seen


def test_documents_arrive_in_order_with_progress(qapp, sample_extraction, sample_path: Path, wait_until,
                                                 tmp_path: Path) -> None:
    service = ExtractionService()
    seen = _record(service)
    try:
        service.submit([str(sample_path), str(tmp_path / "missing.txt"), str(sample_path)])
        wait_until(lambda: bool(seen["finished"]))
        assert seen["finished"] == [False]
        assert [d.events for d in seen["documents"]] == [sample_extraction.events] * 2
        assert len(seen["failed"]) == 1 and "missing.txt: no such file" in seen["failed"][0]
        assert [(done, total) for _, done, total in seen["progress"] if total] == [(0, 3), (1, 3), (2, 3)]
        assert not service.busy
    finally:
        service.shutdown()


def test_a_cancelled_request_delivers_nothing(qapp, sample_extraction, sample_path: Path, wait_until) -> None:
    service = ExtractionService()
    seen = _record(service)
    try:
        service.submit([str(sample_path)] * 5)
        service.cancel()
        assert seen["finished"] == [True] and not service.busy
        service.submit([str(sample_path)])  # a new request after a cancelled one is served
        wait_until(lambda: len(seen["finished"]) == 2, timeout=120)
        assert seen["finished"][-1] is False
        assert len(seen["documents"]) == 1  # only the new request's document
    finally:
        service.shutdown()
