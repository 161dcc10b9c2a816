"""The models dialog with the real model store and importer: importing a (tiny, generated) OPUS-MT release
zip in a worker, listing it as in use, and the window running the translation checks with it."""

from __future__ import annotations

import pytest

from tests.gui_helpers import make_window, wait_idle
from tests.tiny_models import tiny  # noqa: F401 - fixture

pytestmark = pytest.mark.gui


def test_import_a_model_and_the_checks_turn_on(qtbot, tmp_path, isolated_dirs, tiny):  # noqa: F811
    from desktop.models_dialog import ModelsDialog

    w = make_window(qtbot, tmp_path)  # the real provider: installed models via the store
    w.open_sample()
    wait_idle(qtbot, w)
    assert "Translation-based checks are off" in w.translation_label.text()

    zip_path = tiny.opus_mt_zip(isolated_dirs / "opus-2020-02-26.zip", "ru", "en")
    dlg = ModelsDialog(w.runner, w)
    qtbot.addWidget(dlg)
    dlg.modelsChanged.connect(w.rerun_translation)
    assert "Translation-based checks are off" in dlg.status.text()
    dlg.import_path(zip_path)
    qtbot.waitUntil(lambda: dlg.tree.topLevelItemCount() == 1, timeout=120000)
    assert dlg.tree.topLevelItem(0).text(0) == "opus-mt-ru-en"
    assert dlg.tree.topLevelItem(0).text(5) == "ok"
    assert "In use: opus-mt-ru-en" in dlg.status.text()
    wait_idle(qtbot, w, timeout=120000)
    assert w.translation is not None and w.translation.status == "done", w.translation_label.text()
    assert "opus-mt-ru-en" in w.translation_label.text()
    assert w.compare.back_translation.isEnabled()
    # a second import of the same package is refused with the importer's message, shown in the dialog
    dlg.import_path(zip_path)
    qtbot.waitUntil(lambda: "already installed" in dlg.status.text(), timeout=60000)
