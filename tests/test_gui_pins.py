"""Correcting the alignment from the side-by-side view: link, unlink, mark as no counterpart; the engine
re-aligns around the pins; undo/redo; pins saved in the project."""

from __future__ import annotations

import pytest

from alignment.project import Project
from desktop.compare_view import LEFT, RIGHT
from tests.gui_helpers import make_window, wait_idle

pytestmark = pytest.mark.gui


def links(w) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(lk.left, lk.right) for lk in w.analysis.comparison.alignment(0).links]


def select_cells(w, cells) -> None:
    from PySide6.QtCore import QItemSelectionModel

    sm = w.compare.table.selectionModel()
    sm.clearSelection()
    for row, col in cells:
        sm.select(w.compare.model.index(row, col), QItemSelectionModel.SelectionFlag.Select)


def row_with(w, qid: str) -> int:
    return next(i for i, r in enumerate(w.compare.model.rows) if qid in r.ids)


def test_link_unlink_undo_redo(qtbot, tmp_path, isolated_dirs):
    w = make_window(qtbot, tmp_path)
    w.open_sample()
    wait_idle(qtbot, w)
    original = links(w)
    assert (("en:PP3",), ("ru:PP3",)) in original

    # deliberately mis-link EN PP3 with RU PP4
    select_cells(w, [(row_with(w, "en:PP3"), LEFT), (row_with(w, "ru:PP4"), RIGHT)])
    w.link_action.trigger()
    wait_idle(qtbot, w)
    after = links(w)
    assert (("en:PP3",), ("ru:PP4",)) in after
    pinned = next(r for r in w.compare.model.rows if "en:PP3" in r.ids)
    assert pinned.pinned and "pinned" in w.compare.model.data(w.compare.model.index(row_with(w, "en:PP3"), 0))
    assert after != original
    assert (("en:OP1",), ("ru:OP1",)) in after  # the rest re-flowed around the pin
    assert len(w.project.pins()) == 1

    w.undo_action.trigger()
    wait_idle(qtbot, w)
    assert links(w) == original and w.project.pins() == []
    w.redo_action.trigger()
    wait_idle(qtbot, w)
    assert links(w) == after

    # unlink a computed pair: both paragraphs stand alone
    w.undo_action.trigger()
    wait_idle(qtbot, w)
    select_cells(w, [(row_with(w, "en:PP5"), LEFT)])
    w.unlink_action.trigger()
    wait_idle(qtbot, w)
    now = links(w)
    assert (("en:PP5",), ()) in now and ((), ("ru:PP5",)) in now
    w.undo_action.trigger()
    wait_idle(qtbot, w)
    assert links(w) == original

    # mark one paragraph as having no counterpart, save, reopen: the correction is still there
    select_cells(w, [(row_with(w, "ru:PP6"), RIGHT)])
    w.unmatched_action.trigger()
    wait_idle(qtbot, w)
    assert ((), ("ru:PP6",)) in links(w)
    w.save_project_as(tmp_path / "pins.parity")
    w.close()
    assert len(Project.open(tmp_path / "pins.parity").pins()) == 1
    w2 = make_window(qtbot, tmp_path)
    w2.open_project(tmp_path / "pins.parity")
    wait_idle(qtbot, w2)
    assert ((), ("ru:PP6",)) in links(w2)


def test_link_needs_both_sides(qtbot, tmp_path, isolated_dirs):
    w = make_window(qtbot, tmp_path)
    w.open_sample()
    wait_idle(qtbot, w)
    select_cells(w, [(row_with(w, "en:PP3"), LEFT)])
    w.link_action.trigger()
    assert "both sides" in w.statusBar().currentMessage()
    assert w.undo_stack.count() == 0


def test_corrections_in_the_revision_view(qtbot, tmp_path, isolated_dirs):
    from alignment.document import Language
    from desktop.rows import Choice

    w = make_window(qtbot, tmp_path)
    w.open_sample()
    wait_idle(qtbot, w)
    w.compare.select_choice(Choice(1, Language.EN))
    before = w.analysis.comparison.revision_map(Language.EN, 1).change_for_old("en:OP2")
    assert before is not None and before.new == "en1:OP3"
    # "OP2 of the original is not OP3 of Rev.1": it becomes a deletion, OP3 an insertion
    select_cells(w, [(row_with(w, "en:OP2"), LEFT)])
    w.unlink_action.trigger()
    wait_idle(qtbot, w)
    rmap = w.analysis.comparison.revision_map(Language.EN, 1)
    assert rmap.change_for_old("en:OP2").new is None
    assert rmap.change_for_new("en1:OP3").old is None
    assert w.choice == Choice(1, Language.EN)
    w.undo_action.trigger()
    wait_idle(qtbot, w)
    assert w.analysis.comparison.revision_map(Language.EN, 1).change_for_old("en:OP2").new == "en1:OP3"
