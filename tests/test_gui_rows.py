"""What the side-by-side view draws, read off the engine (desktop.rows), and the UTF-16 offsets Qt needs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from alignment.document import Language, Span
from alignment.findings import Finding, FindingKind, Severity
from alignment.links import ChangeType
from desktop import colors, rows
from desktop.compare_view import build_cell_document
from desktop.rows import Choice, Highlight, Part

pytestmark = pytest.mark.gui


def test_utf16_offsets_past_astral_characters():
    text = "a😀b𝔸c"
    assert colors.utf16_offset(text, 0) == 0
    assert colors.utf16_offset(text, 2) == 3  # the emoji is two UTF-16 units
    assert colors.qt_span(text, 4, 5) == (6, 1)
    assert colors.qt_span("только кириллица", 7, 16) == (7, 9)  # BMP text: the same numbers


def test_highlight_lands_on_the_right_characters_after_an_emoji(qtbot):
    text = "😀 shall report"
    part = Part("en:OP1", "OP1", text, (Highlight(2, 7, "insert"),))
    doc = build_cell_document([part], None, QFont(), 600)
    block = doc.firstBlock()
    label = len("OP1  ")
    fmts = {(r.start - label, r.length) for r in block.textFormats() if r.format.fontUnderline()}
    assert (colors.utf16_offset(text, 2), 5) in fmts  # "shall", after the 2-unit emoji


def test_bilingual_rows_follow_the_alignment(sample_comparison):
    c = sample_comparison
    f = Finding("x" * 16, FindingKind.NUMBER, Severity.CRITICAL, "numbers", "original", "en:PP2", "ru:PP2",
                Span(0, 9), None, "number differs")
    out = rows.rows_for(c, Choice(0), [f])
    assert len(out) == len(c.alignment(0).links)
    pp2 = next(r for r in out if "en:PP2" in r.ids)
    assert pp2.findings == (f,)
    assert pp2.left[0].highlights == (Highlight(0, 9, "finding", f),)
    assert not pp2.right[0].highlights
    assert rows.row_of(out, f) == out.index(pp2)
    assert rows.choice_for(f, Choice(1, Language.EN), rows.choices(c)) == Choice(0)
    # "changes only" keeps rows with findings and non 1-1 links
    assert [r.ids for r in rows.rows_for(c, Choice(0), [f], changed_only=True)] == [pp2.ids]


def test_revision_rows_show_word_differences(sample_comparison, monkeypatch):
    c = sample_comparison
    out = rows.rows_for(c, Choice(1, Language.EN), [])
    assert len(out) == len(c.revision_map(Language.EN, 1).changes)
    op1 = next(r for r in out if "en:OP1" in r.ids)
    assert ChangeType.MODIFIED in op1.types
    deleted = [op1.left[0].text[h.start:h.end] for h in op1.left[0].highlights]
    inserted = [op1.right[0].text[h.start:h.end] for h in op1.right[0].highlights]
    assert deleted == ["Calls on"] and inserted == ["Urges"]
    changed = rows.rows_for(c, Choice(1, Language.EN), [], changed_only=True)
    assert all(r.types != (ChangeType.UNCHANGED,) for r in changed) and len(changed) < len(out)
    monkeypatch.setattr(rows, "WORD_DIFF_LIMIT", 10)
    op1 = next(r for r in rows.rows_for(c, Choice(1, Language.EN), []) if "en:OP1" in r.ids)
    assert op1.note and not op1.left[0].highlights
