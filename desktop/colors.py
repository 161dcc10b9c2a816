"""The one place where engine kinds (finding kinds and severities, diff operations, change types) become
colours, shapes and character formats — and where the engine's code-point offsets become Qt's UTF-16 offsets.

Colours are from the Okabe-Ito palette, which stays distinguishable with the common colour-vision
deficiencies, and nothing relies on colour alone: insertions are underlined, deletions struck through,
severities have their own shapes (▲ critical, ◆ warning, ● info).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from alignment.findings import FindingKind, Severity
from alignment.links import ChangeType

# Okabe-Ito
BLUE = "#0072B2"
ORANGE = "#D55E00"
AMBER = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
PURPLE = "#CC79A7"
GREY = "#6B6B6B"

INSERT_FG, INSERT_BG = BLUE, "#DCEBF7"
DELETE_FG, DELETE_BG = ORANGE, "#FBE4D8"
FINDING_BG = "#FFF1B8"  # a finding's span in the text (plus a wavy underline in the severity colour)
CURRENT_FINDING_BG = "#FFD84D"

SEVERITY_COLOR = {Severity.CRITICAL: ORANGE, Severity.WARNING: AMBER, Severity.INFO: SKY}
SEVERITY_SHAPE = {Severity.CRITICAL: "▲", Severity.WARNING: "◆", Severity.INFO: "●"}

# kinds grouped by what they threaten: obligations red-orange, facts blue, wording amber, form grey
KIND_COLOR = {
    FindingKind.VERB_STRENGTH: ORANGE,
    FindingKind.HEDGE: ORANGE,
    FindingKind.NUMBER: BLUE,
    FindingKind.DATE: BLUE,
    FindingKind.SYMBOL: BLUE,
    FindingKind.OMISSION: AMBER,
    FindingKind.TERMINOLOGY: AMBER,
    FindingKind.UNPROPAGATED_AMENDMENT: PURPLE,
    FindingKind.TRANSLATION: GREEN,
    FindingKind.BRACKETS: GREY,
    FindingKind.FOOTNOTE: GREY,
    FindingKind.STRUCTURE: GREY,
    FindingKind.LENGTH: GREY,
}

CHANGE_BG = {
    ChangeType.INSERTED: INSERT_BG,
    ChangeType.DELETED: DELETE_BG,
    ChangeType.MOVED: "#F3E1EC",
}
CHANGE_WORD = {
    ChangeType.UNCHANGED: "",
    ChangeType.MODIFIED: "changed",
    ChangeType.INSERTED: "new",
    ChangeType.DELETED: "deleted",
    ChangeType.MOVED: "moved",
    ChangeType.RENUMBERED: "renumbered",
}


def kind_color(kind: str) -> QColor:
    try:
        return QColor(KIND_COLOR[FindingKind(kind)])
    except ValueError:
        return QColor(GREY)


def severity_color(severity: Severity) -> QColor:
    return QColor(SEVERITY_COLOR[severity])


def row_background(types: tuple[ChangeType, ...]) -> QColor | None:
    for t in (ChangeType.INSERTED, ChangeType.DELETED, ChangeType.MOVED):
        if t in types:
            return QColor(CHANGE_BG[t])
    return None


# ----- character formats -----------------------------------------------------------------------------------------
def insert_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(INSERT_FG))
    f.setBackground(QColor(INSERT_BG))
    f.setFontUnderline(True)
    return f


def delete_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(DELETE_FG))
    f.setBackground(QColor(DELETE_BG))
    f.setFontStrikeOut(True)
    return f


def finding_format(severity: Severity, current: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setBackground(QColor(CURRENT_FINDING_BG if current else FINDING_BG))
    f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    f.setUnderlineColor(severity_color(severity))
    if current:
        f.setFontWeight(QFont.Weight.Bold)
    return f


def label_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(GREY))
    f.setFontWeight(QFont.Weight.Bold)
    return f


def note_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(GREY))
    f.setFontItalic(True)
    return f


def format_for(highlight_kind: str, severity: Severity | None = None, current: bool = False) -> QTextCharFormat:
    """The character format for one highlight of a cell (see ``desktop.rows.Highlight``)."""
    if highlight_kind == "insert":
        return insert_format()
    if highlight_kind == "delete":
        return delete_format()
    return finding_format(severity or Severity.INFO, current)


# ----- offsets ---------------------------------------------------------------------------------------------------
def utf16_offset(text: str, codepoint_offset: int) -> int:
    """Qt counts UTF-16 code units; Python counts code points. They differ past any character outside the
    Basic Multilingual Plane (emoji, some symbols), so every offset handed to Qt goes through here."""
    prefix = text[:codepoint_offset]
    return codepoint_offset + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def qt_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, length) in UTF-16 units for the code-point range [start, end) of ``text``."""
    a = utf16_offset(text, start)
    b = utf16_offset(text, end)
    return a, b - a
