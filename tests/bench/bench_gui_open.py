"""Benchmark: from creating the window to the first painted results of the sample (target < 2 s).

Run: ``QT_QPA_PLATFORM=offscreen python tests/bench/bench_gui_open.py``. Prints, for several runs in fresh
processes' worth of state (a new window each time), the time to the window, to the analysis, and to the first
paint of the side-by-side rows, and the engine-only time for the same work side by side.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import desktop  # noqa: E402,F401  - the PySide6/Python 3.11 workaround first


def one_run(app) -> tuple[float, float, float, float]:
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow

    t0 = time.perf_counter()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(translator_provider=lambda: (_ for _ in ()).throw(_no_model()), settings=settings)
    w.resize(1300, 850)
    w.show()
    t_window = time.perf_counter() - t0
    w.open_sample()
    while w.analysis is None:
        app.processEvents()
    t_analysed = time.perf_counter() - t0
    w.compare.table.viewport().grab()  # forces the paint of the visible rows
    t_painted = time.perf_counter() - t0
    while w.analysis is None or not w.analysis.checked:
        app.processEvents()
    w.compare.table.viewport().grab()
    t_findings = time.perf_counter() - t0
    w.runner.cancel()
    w.runner.wait(5000)
    w.close()
    w.deleteLater()
    app.processEvents()
    return t_window, t_analysed, t_painted, t_findings


def _no_model():
    from alignment.errors import ModelError

    return ModelError("benchmark: no translation model")


def engine_only() -> float:
    from alignment.comparison import Comparison
    from desktop.analysis import analyse

    t0 = time.perf_counter()
    analyse(Comparison.sample(), lambda p, m: None, lambda: False)
    return time.perf_counter() - t0


def main() -> None:
    t_start = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    t_qt = time.perf_counter() - t_start
    runs = [one_run(app) for _ in range(5)]
    first = runs[0]
    print(f"Qt import + QApplication: {t_qt:.3f} s")
    print(f"first open (cold: imports the engine): window {first[0]:.3f} s, aligned {first[1]:.3f} s, "
          f"painted {first[2]:.3f} s, findings painted {first[3]:.3f} s")
    warm = runs[1:]
    med = [statistics.median(r[i] for r in warm) for i in range(4)]
    print(f"warm opens (median of {len(warm)}): window {med[0]:.3f} s, aligned {med[1]:.3f} s, painted {med[2]:.3f} s, "
          f"findings painted {med[3]:.3f} s")
    eng = statistics.median(engine_only() for _ in range(3))
    print(f"engine alone (read, align, match revisions, checks): {eng:.3f} s; "
          f"window with findings painted x{med[3] / eng:.2f} of it")
    cold_total = t_qt + first[2]
    print(f"opening the sample to first painted results, cold: {cold_total:.3f} s (target < 2 s): "
          f"{'OK' if cold_total < 2 else 'TOO SLOW'}; with the findings: {t_qt + first[3]:.3f} s")


if __name__ == "__main__":
    main()
