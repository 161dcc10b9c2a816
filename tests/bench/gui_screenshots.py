"""Make the README screenshots of the main window on the sample, offscreen: EN | RU with findings, and
English Rev.1 against the original. Run: ``python tests/bench/gui_screenshots.py [OUT_DIR]`` (default docs/).

The translation-based findings come from the engine (models.divergence) with the fixed translation table of
the tests standing in for a model, so the picture does not depend on a downloaded model; the deterministic
checks' findings appear too when the engine has them.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import desktop  # noqa: E402,F401


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from alignment.comparison import Comparison
    from alignment.document import Language
    from desktop.main_window import MainWindow
    from desktop.rows import Choice
    from tests.conftest import CORPUS
    from tests.gui_helpers import sample_table
    from tests.tiny_models import TableTranslator

    app = QApplication.instance() or QApplication([])
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    table = sample_table(Comparison.sample(), truth)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(translator_provider=lambda: (TableTranslator(table, model_id="opus-mt-ru-en"), None, None),
                   settings=settings)
    w.confirm_close = lambda: "discard"
    w.resize(1360, 860)
    w.show()
    w.open_sample()
    while w.analysis is None or w.runner.running():
        app.processEvents()
    # a finding selected, as after pressing F8 a few times
    target = next((f for f in w.all_findings() if f.pair == "original" and f.en_id == "en:OP3"), None)
    if target is not None:
        w.findings.select(target.id)
    from alignment.project import ReviewStatus

    w.decide(w.all_findings()[0], ReviewStatus.DISMISSED, None)
    app.processEvents()
    w.grab().save(str(out / "screenshot-bilingual.png"))
    w.compare.changed_only.setChecked(True)
    w.compare.select_choice(Choice(1, Language.EN))
    w.compare.table.scrollToTop()
    app.processEvents()
    w.grab().save(str(out / "screenshot-revisions.png"))
    for name in ("screenshot-bilingual.png", "screenshot-revisions.png"):
        print(f"{out / name}: {(out / name).stat().st_size // 1024} KB")
    w.close()


if __name__ == "__main__":
    main()
