"""Shared pieces of the GUI tests: a window with isolated settings and a translator double, and waiting."""

from __future__ import annotations

import threading
import time

import desktop  # noqa: F401  - applies the PySide6/Python 3.11 workaround before any Qt call
from tests.test_models_divergence import build_table, sample_pairs
from tests.tiny_models import TableTranslator


def sample_table(comparison, truth) -> dict:
    """The translation table of the sample (``tests.test_models_divergence``): faithful pairs read as their
    English, the seven deliberate divergences read with the divergence applied."""
    table, _expected = build_table(sample_pairs(comparison, truth))
    return table


class SlowTranslator(TableTranslator):
    """A translator double that takes ``delay`` seconds per paragraph (sleeping in small steps, polling
    cancellation as a real model does between batches) — a long job for the responsiveness tests."""

    def __init__(self, table: dict, delay: float = 0.05) -> None:
        super().__init__(table)
        self.delay = delay
        self.calls = 0
        self.thread_ids: set[int] = set()

    def _wait(self, should_cancel) -> None:
        from alignment.jobs import check_cancel

        end = time.perf_counter() + self.delay
        while time.perf_counter() < end:
            check_cancel(should_cancel)
            time.sleep(0.005)

    def translate_batch(self, texts, progress=None, should_cancel=None):
        self.thread_ids.add(threading.get_ident())
        out = []
        for i, t in enumerate(texts):
            self._wait(should_cancel)
            self.calls += 1
            if progress:
                progress(int(100 * (i + 1) / len(texts)), f"Translating paragraph {i + 1} of {len(texts)}")
            out += super().translate_batch([t], None, should_cancel)
        return out

    def score_batch(self, sources, targets, progress=None, should_cancel=None):
        out = []
        for s, t in zip(sources, targets, strict=True):
            self._wait(should_cancel)
            out += super().score_batch([s], [t], None, should_cancel)
        return out


def wait_idle(qtbot, window, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=timeout)


def make_window(qtbot, tmp_path, translator=None):
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    provider = (lambda: (translator, None, None)) if translator is not None else None
    w = MainWindow(translator_provider=provider, settings=settings)
    w.confirm_close = lambda: "discard"  # tests that want the question replace this
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    return w
