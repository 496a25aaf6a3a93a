"""Model loading and extraction off the GUI thread, with progress and cancellation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from timeline_app.core.errors import Cancelled, UserError


class _ExtractionJob(QObject):
    """Lives in the worker thread; loads the spaCy model once and extracts documents one by one."""

    progress = Signal(int, str, int, int)  # request, message, done, total (total 0: busy)
    modelLoaded = Signal(str)  # noqa: N815 (Qt naming) description, e.g. "en_core_web_sm 3.8.0"
    documentReady = Signal(int, object)  # noqa: N815 request, Extraction
    failed = Signal(int, str)  # request, message for the user
    finished = Signal(int, bool)  # request, cancelled

    def __init__(self, model: str | None) -> None:
        super().__init__()
        self.model = model
        self.nlp = None
        self.wanted = 0  # the request still wanted; anything else is cancelled (set from the GUI thread)

    def _chunk_progress(self, request: int, name: str):
        """Progress within a long document parsed in chunks; stops it when the request is dropped."""
        def progress(done: int, total: int) -> None:
            if self.wanted != request:
                raise Cancelled()
            self.progress.emit(request, f"Extracting events from {name}… {100 * done // max(total, 1)} % "
                                        f"of {total:,} characters", done, total)

        return progress

    @Slot(int, object, object, object)
    def run(self, request: int, paths: Sequence[str], published: dt.date | None,
            anchorings: dict[str, str] | None = None) -> None:
        from timeline_app.core.pipeline import extract_file

        try:
            if self.nlp is None:
                from timeline_app.core.nlp import load_model, model_description

                self.progress.emit(request, "Loading the language model…", 0, 0)
                try:
                    self.nlp = load_model(self.model)
                except UserError as exc:
                    self.failed.emit(request, str(exc))
                    self.finished.emit(request, False)
                    return
                self.modelLoaded.emit(model_description(self.nlp))
            for done, path in enumerate(paths):
                if self.wanted != request:
                    self.finished.emit(request, True)
                    return
                name = path.replace("\\", "/").rsplit("/", 1)[-1]
                self.progress.emit(request, f"Extracting events from {name}…", done, len(paths))
                try:
                    extraction = extract_file(path, published, nlp=self.nlp,
                                              progress=self._chunk_progress(request, name),
                                              anchoring=(anchorings or {}).get(path, "auto"))
                except Cancelled:
                    self.finished.emit(request, True)
                    return
                except UserError as exc:
                    self.failed.emit(request, str(exc))
                    continue
                self.documentReady.emit(request, extraction)
            self.finished.emit(request, self.wanted != request)
        except Exception as exc:  # a bug in the core must not kill the thread silently
            self.failed.emit(request, f"Extraction failed: {type(exc).__name__}: {exc}")
            self.finished.emit(request, False)


class ExtractionService(QObject):
    """Owned by the GUI thread: submit paths, get their extractions back as signals.

    Only the latest request is delivered; submitting again or `cancel()` drops
    the previous one between documents.
    """

    progress = Signal(str, int, int)  # message, done, total (total 0: busy)
    modelLoaded = Signal(str)  # noqa: N815
    documentReady = Signal(object)  # noqa: N815
    failed = Signal(str)
    finished = Signal(bool)  # cancelled
    _submit = Signal(int, object, object, object)

    def __init__(self, model: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("extraction")
        self._job = _ExtractionJob(model)
        self._job.moveToThread(self._thread)
        self._submit.connect(self._job.run)
        self._job.progress.connect(self._relay_progress)
        self._job.documentReady.connect(self._relay_document)
        self._job.failed.connect(self._relay_failed)
        self._job.finished.connect(self._relay_finished)
        self._job.modelLoaded.connect(self.modelLoaded)
        self._thread.start()
        # a running QThread destroyed at exit aborts the process
        QCoreApplication.instance().aboutToQuit.connect(self._at_quit)
        self._request = 0
        self.busy = False
        self.waits_at_quit = True  # False once shut down without waiting: the process ends at once

    def submit(self, paths: Sequence[str], published: dt.date | None = None,
               anchorings: dict[str, str] | None = None) -> None:
        """Extract `paths` (in order) in the worker thread, dropping any earlier request;
        `anchorings` maps a path to its anchoring policy (default 'auto')."""
        self._request += 1
        self._job.wanted = self._request
        self.busy = True
        self._submit.emit(self._request, list(paths), published, dict(anchorings or {}))

    def cancel(self) -> None:
        """Stop after the document being processed; nothing more of this request is delivered."""
        self._job.wanted = -1
        if self.busy:
            self.busy = False
            self.finished.emit(True)

    def shutdown(self, wait: bool = True) -> None:
        """Cancel and end the worker thread (call before the application quits); with `wait`, wait for
        the step it is in (loading the model, or parsing a 20,000-character chunk: seconds).

        Without waiting, the process must end before the thread is destroyed (a running QThread destroyed
        aborts the process): the window's process does (`app.run_window`).  The thread only reads an
        article and computes, it writes nothing, so ending it mid-step leaves nothing half-done."""
        self._job.wanted = -1
        self._thread.quit()
        self.waits_at_quit = wait
        if wait:
            self._thread.wait()

    def _at_quit(self) -> None:
        self.shutdown(self.waits_at_quit)

    @property
    def working(self) -> bool:
        """True while the worker thread runs (after `shutdown(wait=False)`, until its step ends)."""
        return self._thread.isRunning()

    def _current(self, request: int) -> bool:
        return request == self._request and self._job.wanted == request

    def _relay_progress(self, request: int, message: str, done: int, total: int) -> None:
        if self._current(request):
            self.progress.emit(message, done, total)

    def _relay_document(self, request: int, extraction: object) -> None:
        if self._current(request):
            self.documentReady.emit(extraction)

    def _relay_failed(self, request: int, message: str) -> None:
        if self._current(request):
            self.failed.emit(message)

    def _relay_finished(self, request: int, cancelled: bool) -> None:
        if self._current(request):
            self.busy = False
            self.finished.emit(cancelled)
