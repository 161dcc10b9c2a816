"""Long work off the GUI thread: one generic worker and a runner that owns the thread pools.

A job is a plain function ``fn(progress, should_cancel) -> result`` calling the engine, which already accepts
both callables. The worker runs it in a pool and reports back through a small QObject channel whose signals
carry the request token; the runner (living in the GUI thread) receives them queued, drops anything from a
request that is no longer the latest of its name (stale results), and turns exceptions into data
(:class:`JobFailure`), so an error in a thread is never lost. Pools by kind of work: one thread for
translation (CTranslate2 has its own threads), one for export (no two writers race), a general one.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from alignment.errors import Cancelled, ParityError
from alignment.jobs import Progress, ShouldCancel

log = logging.getLogger(__name__)

JobFn = Callable[[Progress, ShouldCancel], Any]

GENERAL, TRANSLATION, EXPORT = "general", "translation", "export"


@dataclass(frozen=True)
class JobFailure:
    """An exception delivered as data: ``user_error`` for the ParityError family (show the message), else a
    bug (show the message and log the traceback)."""

    message: str
    user_error: bool
    details: str = ""


class WorkerChannel(QObject):
    """Signals of one worker; every signal carries the request token."""

    progress = Signal(int, int, str)
    finished = Signal(int, object)
    failed = Signal(int, object)
    canceled = Signal(int)


class Worker(QRunnable):
    """Runs one job function; cancellation is a flag the engine polls through ``should_cancel``."""

    def __init__(self, fn: JobFn, token: int, name: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its result has been delivered
        self.fn = fn
        self.token = token
        self.name = name
        self.channel = WorkerChannel()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        def progress(percent: int, message: str) -> None:
            self.channel.progress.emit(self.token, int(percent), message)

        try:
            result = self.fn(progress, self._cancel.is_set)
        except Cancelled:
            self.channel.canceled.emit(self.token)
        except ParityError as exc:
            self.channel.failed.emit(self.token, JobFailure(str(exc), True))
        except Exception as exc:  # a bug: keep the traceback for the log and the details box
            self.channel.failed.emit(self.token, JobFailure(f"{type(exc).__name__}: {exc}", False,
                                                            traceback.format_exc()))
        else:
            if self._cancel.is_set():
                self.channel.canceled.emit(self.token)
            else:
                self.channel.finished.emit(self.token, result)


@dataclass
class _Request:
    worker: Worker
    title: str
    on_finished: Callable[[Any], None]
    on_failed: Callable[[JobFailure], None] | None
    on_canceled: Callable[[], None] | None


class JobRunner(QObject):
    """Starts jobs by name; a new job of a name supersedes (cancels) the running one of that name."""

    jobStarted = Signal(str, str)  # name, title
    jobProgress = Signal(str, int, str)  # name, percent, message
    jobEnded = Signal(str, str)  # name, "finished" | "failed" | "canceled"

    def __init__(self, parent: QObject | None = None, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous  # tests of GUI logic: run jobs at once, in this thread
        self.pools = {GENERAL: QThreadPool(self), TRANSLATION: QThreadPool(self), EXPORT: QThreadPool(self)}
        self.pools[GENERAL].setMaxThreadCount(2)
        self.pools[TRANSLATION].setMaxThreadCount(1)
        self.pools[EXPORT].setMaxThreadCount(1)
        self._tokens = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._requests: dict[int, _Request] = {}

    # ----- starting and stopping --------------------------------------------------------------------------------
    def submit(
        self,
        name: str,
        fn: JobFn,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[JobFailure], None] | None = None,
        on_canceled: Callable[[], None] | None = None,
        pool: str = GENERAL,
        title: str = "",
    ) -> Worker:
        self.cancel(name)
        token = next(self._tokens)
        worker = Worker(fn, token, name)
        worker.channel.progress.connect(self._on_progress)
        worker.channel.finished.connect(self._on_finished)
        worker.channel.failed.connect(self._on_failed)
        worker.channel.canceled.connect(self._on_canceled)
        self._latest[name] = token
        self._requests[token] = _Request(worker, title or name, on_finished, on_failed, on_canceled)
        self.jobStarted.emit(name, title or name)
        if self.synchronous:
            worker.run()
        else:
            self.pools[pool].start(worker)
        return worker

    def cancel(self, name: str | None = None) -> None:
        """Ask the running job of ``name`` (or every job) to stop; its result, if any, is dropped."""
        for req in list(self._requests.values()):
            if name is None or req.worker.name == name:
                req.worker.cancel()

    def running(self) -> list[str]:
        return [r.worker.name for r in self._requests.values() if self._latest.get(r.worker.name) == r.worker.token]

    def is_running(self, name: str) -> bool:
        return name in self.running()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every pool is idle (closing the window, tests)."""
        return all(pool.waitForDone(msecs) for pool in self.pools.values())

    # ----- results, in the GUI thread ---------------------------------------------------------------------------
    def _current(self, token: int) -> _Request | None:
        req = self._requests.get(token)
        if req is None or self._latest.get(req.worker.name) != token:
            return None
        return req

    @Slot(int, int, str)
    def _on_progress(self, token: int, percent: int, message: str) -> None:
        req = self._current(token)
        if req is not None and not req.worker.cancel_requested:
            self.jobProgress.emit(req.worker.name, percent, message)

    def _finish(self, token: int) -> _Request | None:
        """Forget the request; return it only when it is the latest of its name (else it is stale)."""
        req = self._current(token)
        stale = self._requests.pop(token, None)
        if req is None and stale is not None:
            log.debug("dropped the stale result of %s (request %d)", stale.worker.name, token)
        if req is not None:
            del self._latest[req.worker.name]
        return req

    @Slot(int, object)
    def _on_finished(self, token: int, result: object) -> None:
        req = self._finish(token)
        if req is None:
            return
        if req.worker.cancel_requested:
            self.jobEnded.emit(req.worker.name, "canceled")
            if req.on_canceled:
                req.on_canceled()
            return
        self.jobEnded.emit(req.worker.name, "finished")
        req.on_finished(result)

    @Slot(int, object)
    def _on_failed(self, token: int, failure: object) -> None:
        req = self._finish(token)
        if req is None:
            return
        assert isinstance(failure, JobFailure)
        if failure.details:
            log.error("job %s failed:\n%s", req.worker.name, failure.details)
        self.jobEnded.emit(req.worker.name, "failed")
        if req.on_failed:
            req.on_failed(failure)

    @Slot(int)
    def _on_canceled(self, token: int) -> None:
        req = self._finish(token)
        if req is None:
            return
        self.jobEnded.emit(req.worker.name, "canceled")
        if req.on_canceled:
            req.on_canceled()
