"""The real window, offscreen, on the sample with the real engine: open, switch comparisons, step through the
findings, dismiss one, save, reopen and find the decision kept; changed inputs; cancelling a long job."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from alignment.document import Language
from alignment.links import ChangeType
from alignment.project import Project, ReviewStatus
from alignment.sample import sample_paths
from desktop.compare_view import LEFT, RIGHT, RowRole
from desktop.rows import Choice
from tests.gui_helpers import SlowTranslator, make_window, sample_table, wait_idle
from tests.tiny_models import TableTranslator

pytestmark = pytest.mark.gui


@pytest.fixture()
def table(sample_comparison, truth):
    return sample_table(sample_comparison, truth)


def test_open_switch_step_dismiss_save_reopen(qtbot, tmp_path, isolated_dirs, table):
    w = make_window(qtbot, tmp_path, TableTranslator(table))
    w.sample_action.trigger()
    wait_idle(qtbot, w)
    assert w.last_error is None
    model = w.compare.model
    assert model.headers[1:] == ("English (original)", "Russian (original)")
    assert model.rowCount() >= 20
    first = model.data(model.index(2, LEFT))
    assert first.startswith("PP1 Welcoming the adoption")
    assert model.data(model.index(2, RIGHT)).startswith("PP1 приветствуя принятие")

    # switch what is compared: every choice the selector offers
    labels = [w.compare.selector.itemText(i) for i in range(w.compare.selector.count())]
    assert labels == ["EN | RU — original", "EN | RU — Rev.1", "English: original → Rev.1", "Russian: original → Rev.1"]
    w.compare.selector.setCurrentIndex(2)
    assert w.choice == Choice(1, Language.EN)
    assert model.headers[1:] == ("English (original)", "English (Rev.1)")
    rows = [model.data(model.index(r, 0), RowRole) for r in range(model.rowCount())]
    modified = [r for r in rows if ChangeType.MODIFIED in r.types]
    assert modified and any(h.kind == "delete" for r in modified for p in r.left for h in p.highlights)
    assert any(h.kind == "insert" for r in modified for p in r.right for h in p.highlights)
    assert any(ChangeType.INSERTED in r.types and not r.left for r in rows)
    w.compare.selector.setCurrentIndex(3)
    assert model.headers[1:] == ("Russian (original)", "Russian (Rev.1)")
    w.compare.selector.setCurrentIndex(0)

    # findings: the sample's deliberate divergences, listed and counted
    findings = w.all_findings()
    print(f"findings on the sample: {len(findings)}")
    assert len(findings) >= 7
    assert f"{len(findings)} findings" in w.counts_label.text()

    # step through them: F8 forwards, Shift+F8 back; each jump shows the finding's draft and row
    w.activateWindow()
    w.compare.table.setFocus()
    seen = []
    for _ in range(len(findings)):
        qtbot.keyClick(w.compare.table, Qt.Key.Key_F8)
        f = w.findings.current_finding()
        assert f is not None
        seen.append(f.id)
        assert w.choice.bilingual and w.choice.pair == f.pair
        assert w.compare.model.current_finding == f
        row = w.compare.table.currentIndex().row()
        assert f in w.compare.model.rows[row].findings
    assert len(set(seen)) == len(findings)  # every finding visited once
    qtbot.keyClick(w.compare.table, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert w.findings.current_finding().id == seen[-2]

    # dismiss one, with a note
    target = w.findings.current_finding()
    w.dismiss_action.trigger()
    w.findings.note_edit.setText("stylistic, fine")
    qtbot.keyClick(w.findings.note_edit, Qt.Key.Key_Return)
    assert "1 dismissed" in w.counts_label.text()
    row = w.findings.model.row_of(target.id)
    assert "dismissed" in w.findings.model.data(w.findings.model.index(row, 4))

    # filter by status
    w.findings.status_filter.setCurrentIndex(w.findings.status_filter.findData(ReviewStatus.DISMISSED))
    assert [f.id for f in w.findings.model.visible] == [target.id]
    w.findings.status_filter.setCurrentIndex(0)

    # save (the dialog answered), then reopen in a fresh window
    path = tmp_path / "review.parity"
    w.ask_save_path = lambda: str(path)
    w.save_action.trigger()
    assert path.is_file() and w.windowTitle().startswith("review.parity")
    w.compare.selector.setCurrentIndex(1)  # view state is saved as it changes
    w.close()

    w2 = make_window(qtbot, tmp_path, TableTranslator(table))
    assert str(path.resolve()) in w2.recent_projects()
    w2.open_project(path)
    wait_idle(qtbot, w2)
    decisions = Project.open(path).decisions()
    assert decisions[target.id].status is ReviewStatus.DISMISSED
    assert decisions[target.id].note == "stylistic, fine"
    assert w2.findings.model.status_of(target) is ReviewStatus.DISMISSED
    assert "1 dismissed" in w2.counts_label.text()
    assert w2.choice == Choice(1)  # the view came back as it was left
    assert not w2.banner.isVisible() or "Changed on disk" not in w2.banner.text()


def test_changed_input_is_reported_and_kept_decisions_survive(qtbot, tmp_path, isolated_dirs, table):
    files = {}
    for key, p in sample_paths().items():
        files[key] = tmp_path / p.name
        shutil.copy(p, files[key])
    w = make_window(qtbot, tmp_path, TableTranslator(table))
    w.open_files(files)
    wait_idle(qtbot, w)
    original = [f for f in w.all_findings() if f.pair == "original"]
    assert original
    w.findings.select(original[0].id)
    w.confirm_action.trigger()
    w.save_project_as(tmp_path / "p.parity")
    w.close()
    # Rev.1 of the English gains a paragraph at the end; the original drafts are untouched
    text = files["en1"].read_text(encoding="utf-8")
    files["en1"].write_text(text + "\n\n12. *Decides* to remain seized of the matter.\n", encoding="utf-8")

    w2 = make_window(qtbot, tmp_path, TableTranslator(table))
    w2.open_project(tmp_path / "p.parity")
    wait_idle(qtbot, w2)
    assert w2.banner.isVisible()
    assert "Changed on disk" in w2.banner.text() and "en1" in w2.banner.text()
    assert w2.findings.model.status_of(original[0]) is ReviewStatus.CONFIRMED
    assert all(c.state == "same" for c in w2.project.check_inputs())  # hashes updated after re-analysis


def test_cancel_a_long_job(qtbot, tmp_path, isolated_dirs, table):
    slow = SlowTranslator(table, delay=0.05)
    w = make_window(qtbot, tmp_path, slow)
    w.open_sample()
    qtbot.waitUntil(lambda: w.analysis is not None, timeout=30000)
    qtbot.waitUntil(lambda: w.runner.is_running("translation") and slow.calls >= 2, timeout=30000)
    assert w.job_status.isVisible() and w.job_status.cancel_button.isEnabled()
    qtbot.mouseClick(w.job_status.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w, timeout=5000)
    calls = slow.calls
    assert "canceled" in w.translation_label.text()
    assert not w.job_status.isVisible()
    assert w.translation is None and not [f for f in w.all_findings() if f.kind == "translation"]
    qtbot.wait(300)
    assert slow.calls == calls  # it really stopped
    total = sum(len(w.analysis.comparison.alignment(r).links) for r in w.analysis.comparison.bilingual_revisions)
    print(f"translation canceled after {calls} of about {2 * total} paragraph steps")
    assert calls < total


def test_without_a_model_the_window_says_translation_checks_are_off(qtbot, tmp_path, isolated_dirs):
    w = make_window(qtbot, tmp_path)  # the real model store, empty in the isolated data folder
    w.open_sample()
    wait_idle(qtbot, w)
    assert "Translation-based checks are off" in w.translation_label.text()
    assert not w.compare.back_translation.isEnabled()
    from desktop.models_dialog import ModelsDialog

    dlg = ModelsDialog(w.runner, w)
    qtbot.addWidget(dlg)
    assert dlg.tree.topLevelItemCount() == 0
    assert "Translation-based checks are off" in dlg.status.text()


def test_back_translation_line_under_russian_paragraphs(qtbot, tmp_path, isolated_dirs, table):
    w = make_window(qtbot, tmp_path, TableTranslator(table))
    w.open_sample()
    wait_idle(qtbot, w)
    assert w.compare.back_translation.isEnabled()
    w.back_translation_action.trigger()
    row = w.compare.model.rows[2]
    assert row.right[0].note and not row.left[0].note
    assert row.right[0].note == table[row.right[0].text][0]


def test_export_menu(qtbot, tmp_path, isolated_dirs, table):
    import zipfile

    from desktop.export_actions import BILINGUAL, HTML, TRACKED, export_function

    w = make_window(qtbot, tmp_path, TableTranslator(table))
    w.open_sample()
    wait_idle(qtbot, w)
    w.compare.select_choice(Choice(1, Language.RU))
    for kind in (TRACKED, BILINGUAL, HTML):
        action = w.exports.actions[kind.key]
        w.exports.update(w)
        if export_function(kind) is None:
            assert not action.isEnabled() and "not available yet" in action.text()
            continue
        assert action.isEnabled()
        out = tmp_path / f"export-{kind.key}{kind.suffix}"
        w.exports.ask_path = lambda _kind, out=out: str(out)
        action.trigger()
        wait_idle(qtbot, w)
        assert w.last_error is None and out.is_file(), w.last_error
        if kind is TRACKED:
            xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
            assert "<w:ins " in xml and "<w:del " in xml
            # the Russian Rev.1's open translation findings went along as comments
            comments = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
            assert comments.count("<w:comment ") >= 1


def test_a_decision_carries_forward_to_the_next_revision(qtbot, tmp_path, isolated_dirs):
    """Rev.1 keeps the Russian PP2 as it was in the original (wrong resolution number and all): neither
    language version of that paragraph changed, so dismissing the finding in the original dismisses it in
    Rev.1 too; a finding on a paragraph that changed stays open."""
    files = {}
    for key, p in sample_paths().items():
        files[key] = tmp_path / p.name
        shutil.copy(p, files[key])
    old_pp2 = next(line for line in files["ru"].read_text(encoding="utf-8").splitlines() if "64/187" in line)
    lines = files["ru1"].read_text(encoding="utf-8").splitlines()
    lines = [old_pp2 if "64/178 от 18 декабря 2009" in line else line for line in lines]
    files["ru1"].write_text("\n".join(lines) + "\n", encoding="utf-8")

    w = make_window(qtbot, tmp_path)
    w.open_files(files)
    wait_idle(qtbot, w)
    number = [f for f in w.all_findings() if f.kind == "number" and "64/187" in f.message]
    assert {f.pair for f in number} == {"original", "rev1"}
    original, rev1 = sorted(number, key=lambda f: f.pair != "original")
    assert original.id == rev1.id  # same two paragraph texts, same finding id
    others = [f for f in w.all_findings() if f.pair == "rev1" and f.id != rev1.id]
    assert others
    w.findings.select(original.id)
    assert w.findings.current_finding().pair == "original"
    w.dismiss_action.trigger()
    assert w.findings.model.status_of(rev1) is ReviewStatus.DISMISSED
    assert all(w.findings.model.status_of(f) is ReviewStatus.OPEN for f in others)
    rows = [w.findings.model.data(w.findings.model.index(i, 4)) for i, f in enumerate(w.findings.model.visible)
            if f.id == original.id]
    assert len(rows) == 2 and all("dismissed" in r for r in rows)
