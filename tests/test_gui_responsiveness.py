"""The GUI thread is never blocked for more than 200 ms while a slow job runs; and the worker machinery:
stale results dropped, exceptions delivered as data, cancellation."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer

from alignment.errors import InputError
from desktop.workers import JobFailure, JobRunner
from tests.gui_helpers import SlowTranslator, make_window, sample_table, wait_idle

pytestmark = pytest.mark.gui


def test_gui_thread_never_blocked_while_translating(qtbot, tmp_path, isolated_dirs, sample_comparison, truth):
    slow = SlowTranslator(sample_table(sample_comparison, truth), delay=0.02)
    w = make_window(qtbot, tmp_path, slow)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(beat)
    timer.start()
    started = time.perf_counter()
    w.open_sample()
    wait_idle(qtbot, w, timeout=120000)
    timer.stop()
    elapsed = time.perf_counter() - started
    assert w.translation is not None and w.translation.status == "done"
    assert threading.get_ident() not in slow.thread_ids  # the translation ran in a worker
    worst = max(gaps)
    print(f"slow job ran {elapsed:.1f} s; {len(gaps)} heartbeats; longest gap {1000 * worst:.0f} ms; "
          f"median {1000 * sorted(gaps)[len(gaps) // 2]:.0f} ms")
    assert elapsed > 1.0  # the job really was slow
    assert worst < 0.2


def test_stale_results_are_dropped(qtbot):
    runner = JobRunner()
    got = []
    gate = threading.Event()

    def slow_job(progress, should_cancel):
        gate.wait(5)
        return "old"

    runner.submit("job", slow_job, got.append)
    runner.submit("job", lambda p, c: "new", got.append)  # supersedes the first
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    gate.set()
    assert runner.wait(5000)
    qtbot.wait(100)
    assert got == ["new"]


def test_exceptions_arrive_as_data(qtbot):
    runner = JobRunner()
    failures: list[JobFailure] = []

    def user_error(progress, should_cancel):
        raise InputError("the file is empty", "draft.docx")

    def bug(progress, should_cancel):
        raise ZeroDivisionError("oops")

    runner.submit("a", user_error, lambda r: None, failures.append)
    runner.submit("b", bug, lambda r: None, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=5000)
    by_user = {f.user_error: f for f in failures}
    assert by_user[True].message == "draft.docx: the file is empty"
    assert "ZeroDivisionError" in by_user[False].message and "Traceback" in by_user[False].details


def test_cancel_reaches_the_engine_through_should_cancel(qtbot):
    runner = JobRunner()
    ended = []
    progressed = []
    runner.jobEnded.connect(lambda name, how: ended.append(how))
    runner.jobProgress.connect(lambda name, pct, msg: progressed.append(pct))

    def loop(progress, should_cancel):
        from alignment.jobs import check_cancel

        for i in range(1000):
            check_cancel(should_cancel)
            progress(i // 10, f"step {i}")
            time.sleep(0.005)
        return "done"

    runner.submit("loop", loop, lambda r: ended.append("result"))
    qtbot.waitUntil(lambda: len(progressed) > 3, timeout=5000)
    runner.cancel("loop")
    qtbot.waitUntil(lambda: ended == ["canceled"], timeout=5000)
    assert not runner.running()
