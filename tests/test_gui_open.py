"""Opening files: the open dialog's slots, language detection pointing out a file in the wrong slot, dropped
files placed by language; ``parity-gui`` arguments."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from alignment.sample import sample_paths
from desktop.open_dialog import OpenDialog
from tests.conftest import ROOT
from tests.gui_helpers import make_window, wait_idle

pytestmark = pytest.mark.gui


def test_a_file_in_the_wrong_slot_is_pointed_out(qtbot):
    s = sample_paths()
    dlg = OpenDialog()
    qtbot.addWidget(dlg)
    from alignment.document import Language

    dlg.slots[Language.EN].set_path(s["ru"])
    dlg.slots[Language.RU].set_path(s["ru"])
    warning = dlg.slots[Language.EN].warning.text()
    assert "in Russian, not English" in warning and "wrong slot" in warning
    assert dlg.slots[Language.RU].warning.text() == ""
    assert not dlg.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()
    dlg.slots[Language.EN].set_path(s["en"])
    assert dlg.warnings() == []
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()
    dlg.revisions[Language.RU].add_paths([s["en1"]])
    assert "in English, not Russian" in dlg.revisions[Language.RU].warning.text()


def test_dropped_files_go_to_the_slots_of_their_language(qtbot, tmp_path):
    s = sample_paths()
    dlg = OpenDialog()
    qtbot.addWidget(dlg)
    dlg.add_files([s["ru1"], s["en1"], s["ru"], s["en"]])  # any order: originals by name come first
    assert dlg.files() == {"en": s["en"], "ru": s["ru"], "en1": s["en1"], "ru1": s["ru1"]}
    assert dlg.warnings() == []
    bad = tmp_path / "empty.md"
    bad.write_bytes(b"")
    dlg2 = OpenDialog()
    qtbot.addWidget(dlg2)
    from alignment.document import Language

    dlg2.slots[Language.EN].set_path(bad)
    assert "empty" in dlg2.slots[Language.EN].warning.text()


def test_open_files_in_the_window(qtbot, tmp_path, isolated_dirs):
    s = sample_paths()
    w = make_window(qtbot, tmp_path)
    w.open_files({"en": s["en"], "ru": s["ru"]})
    wait_idle(qtbot, w)
    assert [w.compare.selector.itemText(i) for i in range(w.compare.selector.count())] == ["EN | RU — original"]
    assert w.windowTitle().startswith("unsaved project")


def test_a_wrong_language_file_is_a_message_not_a_crash(qtbot, tmp_path, isolated_dirs):
    s = sample_paths()
    w = make_window(qtbot, tmp_path)
    w.open_files({"en": s["ru"], "ru": s["ru1"]})
    wait_idle(qtbot, w)
    assert w.analysis is None
    assert w.last_error and "was given as the English text" in w.last_error


def test_parity_gui_sample_smoke(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path),
               HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "desktop.app", "--sample", "--smoke-test"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("shown: 25 rows")


def test_window_state_is_remembered(qtbot, tmp_path, isolated_dirs):
    w = make_window(qtbot, tmp_path)
    w.resize(700, 500)  # within the offscreen screen (800x600), which restoreGeometry clamps to
    w.findings_dock.hide()
    size = (w.width(), w.height())
    w.close()
    from desktop.main_window import MainWindow

    w2 = MainWindow(settings=w.settings)  # same settings: geometry and dock layout come back
    qtbot.addWidget(w2)
    w2.show()
    print(f"stored {size}, restored {(w2.width(), w2.height())}")
    assert (w2.width(), w2.height()) == size != (1280, 860)
    assert not w2.findings_dock.isVisible()


def test_alt_mnemonics_are_unique_and_shortcuts_do_not_clash(qtbot, tmp_path, isolated_dirs):
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    w = make_window(qtbot, tmp_path)
    texts = [a.text() for a in w.menuBar().actions()]
    texts += [b.text() for b in w.findChildren(QAbstractButton)]
    texts += [lb.text() for lb in w.findChildren(QLabel) if lb.buddy() is not None]
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]
    assert len(letters) == len(set(letters)), sorted(letters)
    keys = [a.shortcut().toString() for a in w.actions() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), sorted(keys)
    assert {"F8", "Shift+F8", "Ctrl+S", "Ctrl+L", "Esc"} <= set(keys)
